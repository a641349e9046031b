//! How an export names its source: the attribution the CLMS terms require and the DOI of a product where one is
//! known from the metadata records in `reference/seeds/`.

use super::naming::{Layer, ParsedName};

/// The attribution every export carries (DESIGN.md "Facts that shape the code").
pub const ATTRIBUTION: &str = "Generated using European Union's Copernicus Land Monitoring Service information";

/// A product's DOI and the metadata record it was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doi {
    /// The product, as the record names it.
    pub product: &'static str,
    pub doi: &'static str,
    pub source: &'static str,
}

/// The DOIs we know: one per product and reference year, from the records' "Identifier" section.
const KNOWN: [(Layer, u16, Doi); 2] = [
    (
        Layer::Ras,
        2021,
        Doi {
            product: "CLCplus Backbone 2021 (raster 10 m)",
            doi: "10.2909/71fc9d1b-479f-4da1-aa66-662a2fff2cf7",
            source: "seed 000_1138f8df0b67ee0d.txt, CLCplus Backbone 2021 metadata record",
        },
    ),
    (
        Layer::Imd,
        2021,
        Doi {
            product: "Imperviousness Density 2021 (raster 10 m)",
            doi: "10.2909/34ef6334-d432-4041-a3da-67e156d6501d",
            source: "seed 003_1e2774c8a660115a.txt, Imperviousness Density 2021 metadata record",
        },
    ),
];

/// The DOI of the product a file belongs to, when known. Only the layers the records describe have one: the
/// Backbone 2021 record covers its land-cover raster (RAS), not the auxiliary layers, and both records the 10 m
/// rasters, not aggregates at other resolutions.
pub fn doi_of(name: &ParsedName) -> Option<Doi> {
    let year = name.year?;
    if name.resolution_m.is_some_and(|r| r != 10) {
        return None;
    }
    KNOWN.iter().find(|(layer, y, _)| *layer == name.layer && *y == year).map(|(_, _, doi)| *doi)
}

/// The attribution line of an export whose layers have `dois` (duplicates listed once).
pub fn attribution_with(dois: &[Doi]) -> String {
    let mut unique: Vec<&str> = dois.iter().map(|d| d.doi).collect();
    unique.sort_unstable();
    unique.dedup();
    if unique.is_empty() {
        ATTRIBUTION.to_string()
    } else {
        let list: Vec<String> = unique.iter().map(|d| format!("doi:{d}")).collect();
        format!("{ATTRIBUTION} ({})", list.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::parse_file_name;

    #[test]
    fn dois_of_known_products_only() {
        let ras = parse_file_name("CLMS_CLCPLUS_RAS_S2021_R10m_E44N36_03035_V01_R00.tif").expect("name");
        assert_eq!(doi_of(&ras).map(|d| d.doi), Some("10.2909/71fc9d1b-479f-4da1-aa66-662a2fff2cf7"));
        let ras2023 = parse_file_name("CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif").expect("name");
        assert_eq!(doi_of(&ras2023), None);
        let line = attribution_with(&[doi_of(&ras).expect("doi"), doi_of(&ras).expect("doi")]);
        assert_eq!(line, format!("{ATTRIBUTION} (doi:10.2909/71fc9d1b-479f-4da1-aa66-662a2fff2cf7)"));
        assert_eq!(attribution_with(&[]), ATTRIBUTION);
    }
}
