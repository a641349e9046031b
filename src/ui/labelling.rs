//! Labelling accuracy samples: the samples of a GeoPackage, the one shown, and what the reviewer said of each.

use std::path::PathBuf;

/// One sample as the reviewer sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelSample {
    pub fid: u64,
    /// Map coordinates (the map's CRS).
    pub point: [f64; 2],
    /// The map class the design recorded.
    pub map_class: Option<u32>,
    /// The reference class given; `None` while unlabelled.
    pub reference: Option<u32>,
    pub comment: String,
}

/// A samples file being labelled.
pub struct Labelling {
    pub path: PathBuf,
    pub name: String,
    pub samples: Vec<LabelSample>,
    /// The sample shown.
    pub current: usize,
    /// Screen pixels per data pixel when a sample is shown.
    pub zoom: f64,
    /// Outline the 3 x 3 pixels around the sample, not only its own.
    pub block: bool,
    /// Labels being written now.
    pub writing: usize,
    /// Labels given and not yet sent to the file (a batch is being written).
    pub pending: Vec<usize>,
    /// Samples whose last label could not be written (the message said why): kept here, written again with the
    /// next label.
    pub unsaved: Vec<usize>,
    /// The map's land-cover area per class (km2), from an exact count: the strata's weights of the report.
    pub mapped: Option<Vec<(u32, f64)>>,
}

impl Labelling {
    pub fn new(path: PathBuf, samples: Vec<LabelSample>) -> Labelling {
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        // Reopened, it resumes at the first sample not labelled yet.
        let current = samples.iter().position(|s| s.reference.is_none()).unwrap_or(0);
        Labelling {
            path,
            name,
            samples,
            current,
            zoom: 12.0,
            block: false,
            writing: 0,
            pending: Vec::new(),
            unsaved: Vec::new(),
            mapped: None,
        }
    }

    pub fn labelled(&self) -> usize {
        self.samples.iter().filter(|s| s.reference.is_some()).count()
    }

    /// The labelled samples that have a map class, as (map class, reference class), for the report.
    pub fn pairs(&self) -> Vec<(u32, u32)> {
        self.samples.iter().filter_map(|s| Some((s.map_class?, s.reference?))).collect()
    }

    /// The next sample after the current one that has no label yet, wrapping round.
    pub fn next_unlabelled(&self) -> Option<usize> {
        let n = self.samples.len();
        (1..=n).map(|d| (self.current + d) % n).find(|&i| self.samples[i].reference.is_none())
    }
}

/// What the sample-size helper was told: the standard error wanted of the overall accuracy, the smallest sample
/// of a class, and the user's accuracy expected of each class.
pub struct SampleSize {
    pub target_se: f64,
    pub min_per_class: u64,
    pub users: std::collections::BTreeMap<u32, f64>,
}

impl Default for SampleSize {
    fn default() -> Self {
        // 0.01, as in the worked example of Olofsson et al. (2014); 50 a class, their rule of thumb for rare ones.
        SampleSize { target_se: 0.01, min_per_class: 50, users: Default::default() }
    }
}
