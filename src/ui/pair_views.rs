//! Layers that pair two files pixel by pixel, in the window: the change view (two years of a class layer), the
//! confidence view (a class layer dimmed where its confidence layer is low) and the imperviousness view (RAS flagged
//! where Imperviousness Density disagrees about sealing). Which pairs the Compare menu offers, adding them, and their
//! controls in the Layers panel.

use crate::product::qa_rules::ImperviousThresholds;
use crate::product::Layer;
use crate::raster::DataType;
use crate::text;
use crate::view::{ColourBy, LayerStack, MapLayer, PairKind};

/// Confidence below which the confidence view dims a class at first, in percent (the confidence panel's default).
pub const DEFAULT_CONFIDENCE_THRESHOLD: u32 = 50;

/// A pair of layers the menu offers: (first id, other id, what to add, menu text).
type Candidate = (u32, u32, PairKind, String);

/// Every paired view the open layers allow: change views of two 8-bit class layers of one product (the older year
/// first; without years, the lower layer first), confidence views of a class layer with its confidence layer, and
/// imperviousness views of RAS with IMD. Pairs on grids GDAL cannot align are left out; resampled ones say so.
pub fn pair_candidates(stack: &LayerStack) -> Vec<Candidate> {
    let plain: Vec<(usize, &MapLayer)> = stack
        .layers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.pair().is_none() && l.info.meta.dtype == DataType::Byte)
        .collect();
    let is_classes = |l: &MapLayer| l.info.is_categorical();
    let year = |l: &MapLayer| l.info.product.as_ref().and_then(|p| p.year);
    let layer_kind = |l: &MapLayer| l.info.product.as_ref().map(|p| p.layer);
    let mut out = Vec::new();
    for &(i, a) in &plain {
        for &(j, b) in &plain {
            if a.id == b.id {
                continue;
            }
            let older_first = match (year(a), year(b)) {
                (Some(ya), Some(yb)) if ya != yb => ya < yb,
                _ => i > j,
            };
            let kind = match (layer_kind(a), layer_kind(b)) {
                _ if is_classes(a) && is_classes(b) && older_first && layer_kind(a) == layer_kind(b) => {
                    PairKind::Change { colour_by: ColourBy::default() }
                }
                (Some(Layer::Ras), Some(Layer::Rascl)) => {
                    PairKind::Confidence { threshold: DEFAULT_CONFIDENCE_THRESHOLD }
                }
                (Some(Layer::Ras), Some(Layer::Imd)) => PairKind::Imperviousness(ImperviousThresholds::default()),
                _ => continue,
            };
            let Ok(aligned) = a.info.align(&b.info) else { continue };
            let resampled = if aligned.onto.is_some() { text::RESAMPLED } else { "" };
            let title = match kind {
                PairKind::Change { .. } => text::change_view(&a.title(), &b.title()),
                PairKind::Confidence { .. } => text::confidence_view(&a.title(), &b.title()),
                PairKind::Imperviousness(_) => text::imperviousness_view(&a.title(), &b.title()),
            };
            out.push((a.id, b.id, kind, format!("{title}{resampled}")));
        }
    }
    out
}
