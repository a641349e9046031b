//! Class knowledge: what each value of a built-in legend means, written by us from the product documents, with the
//! document and section it comes from. Kept as data in `assets/class_knowledge.json`, not in code, so that teachers
//! can read and correct it (and a translation can sit beside it).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// What a layer is about, for the class card and `info --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerAbout {
    pub text: String,
    /// The document the descriptions are taken from.
    pub source: String,
}

#[derive(Deserialize)]
struct Asset {
    legends: BTreeMap<String, LayerKnowledge>,
}

#[derive(Deserialize)]
pub struct LayerKnowledge {
    about: String,
    source: String,
    /// For continuous layers: the meaning of a measured value, `{value}` standing for it.
    value: Option<String>,
    /// By legend code (CORINE: by 3-digit CLC code).
    codes: BTreeMap<u32, CodeKnowledge>,
}

#[derive(Deserialize)]
struct CodeKnowledge {
    description: String,
    section: String,
}

static KNOWLEDGE_JSON: &str = include_str!("../../assets/class_knowledge.json");

/// The knowledge of the built-in legend `name` (the names of `assets/legends.json`).
pub fn layer(name: &str) -> Option<&'static LayerKnowledge> {
    static PARSED: OnceLock<Option<Asset>> = OnceLock::new();
    // Part of the binary and checked by tests, so a parse failure is a build defect; it then shows no descriptions.
    PARSED.get_or_init(|| serde_json::from_str(KNOWLEDGE_JSON).ok()).as_ref()?.legends.get(name)
}

impl LayerKnowledge {
    pub fn about(&self) -> LayerAbout {
        LayerAbout { text: self.about.clone(), source: self.source.clone() }
    }

    /// The description of `code` and the section it comes from; for continuous layers, values without their own
    /// text are described by the layer's value text.
    pub fn describe(&self, code: u32) -> Option<(String, String)> {
        match (self.codes.get(&code), &self.value) {
            (Some(c), _) => Some((c.description.clone(), c.section.clone())),
            (None, Some(v)) => Some((v.replace("{value}", &code.to_string()), "layer description".into())),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_asset_parses() {
        assert!(serde_json::from_str::<super::Asset>(super::KNOWLEDGE_JSON).is_ok());
    }
}
