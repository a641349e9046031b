//! The inspector's reader: base-level values of several rasters at one map point, read on a worker thread (never an
//! overview, never the GPU). Only the newest point matters: older requests waiting in the queue are skipped.

use std::collections::HashMap;

use crossbeam_channel::{bounded, Receiver, Sender, TrySendError};

use crate::guard::catch_panic;
use crate::raster::RasterFile;

/// One raster to read: its path and geotransform (the point is in the same CRS).
#[derive(Debug, Clone, PartialEq)]
pub struct InspectTarget {
    pub layer_id: u32,
    pub path: String,
    pub geo_transform: [f64; 6],
    /// Read every band (colour imagery), not only the first.
    pub bands: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InspectRequest {
    pub point: [f64; 2],
    pub targets: Vec<InspectTarget>,
}

/// The value of one raster at the point: pixel (column, row) and value, or `None` outside it.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectValue {
    pub layer_id: u32,
    pub pixel: (i64, i64),
    pub value: Result<Option<f64>, String>,
    /// Every band's value, when the target asked for them.
    pub bands: Option<Vec<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InspectResult {
    pub point: [f64; 2],
    pub values: Vec<InspectValue>,
}

pub struct InspectorReader {
    requests: Sender<InspectRequest>,
    results: Receiver<InspectResult>,
}

impl InspectorReader {
    /// `wake` is called after each result (the UI asks for a repaint).
    pub fn new(wake: impl Fn() + Send + 'static) -> InspectorReader {
        let (req_tx, req_rx) = bounded::<InspectRequest>(4);
        let (res_tx, res_rx) = bounded::<InspectResult>(4);
        let spawned = std::thread::Builder::new().name("inspector".into()).spawn(move || {
            let mut files: HashMap<String, RasterFile> = HashMap::new();
            while let Ok(mut req) = req_rx.recv() {
                while let Ok(newer) = req_rx.try_recv() {
                    req = newer;
                }
                let values = req.targets.iter().map(|t| read_guarded(&mut files, t, req.point)).collect();
                // A full result queue means the UI has not looked yet: the newest answer replaces nothing, so drop it.
                if let Err(TrySendError::Disconnected(_)) = res_tx.try_send(InspectResult { point: req.point, values })
                {
                    return;
                }
                wake();
            }
        });
        if let Err(e) = spawned {
            eprintln!("cannot start the inspector thread: {e}");
        }
        InspectorReader { requests: req_tx, results: res_rx }
    }

    /// Asks for the values at a point; `false` when the queue is full (ask again next frame).
    pub fn request(&self, request: InspectRequest) -> bool {
        self.requests.try_send(request).is_ok()
    }

    /// The newest result, if any arrived.
    pub fn try_recv_latest(&self) -> Option<InspectResult> {
        let mut latest = None;
        while let Ok(r) = self.results.try_recv() {
            latest = Some(r);
        }
        latest
    }
}

/// [`read`], with a panic turned into the value's error (shown in the inspector) and the open files forgotten.
fn read_guarded(files: &mut HashMap<String, RasterFile>, t: &InspectTarget, point: [f64; 2]) -> InspectValue {
    catch_panic("pixel inspector", || read(files, t, point)).unwrap_or_else(|panicked| {
        files.clear();
        InspectValue { layer_id: t.layer_id, pixel: (0, 0), value: Err(panicked), bands: None }
    })
}

fn read(files: &mut HashMap<String, RasterFile>, t: &InspectTarget, point: [f64; 2]) -> InspectValue {
    let gt = t.geo_transform;
    let col = ((point[0] - gt[0]) / gt[1]).floor();
    let row = ((point[1] - gt[3]) / gt[5]).floor();
    let pixel = (col as i64, row as i64);
    let read = (|| {
        if !files.contains_key(&t.path) {
            files.insert(t.path.clone(), RasterFile::open(&t.path).map_err(|e| e.to_string())?);
        }
        let file = files.get(&t.path).ok_or("not open")?;
        let value = file.read_pixel(pixel.0, pixel.1).map_err(|e| e.to_string())?;
        let bands = match t.bands {
            true => file.read_pixel_bands(pixel.0, pixel.1).map_err(|e| e.to_string())?,
            false => None,
        };
        Ok::<_, String>((value, bands))
    })();
    match read {
        Ok((value, bands)) => InspectValue { layer_id: t.layer_id, pixel, value: Ok(value), bands },
        Err(e) => InspectValue { layer_id: t.layer_id, pixel, value: Err(e), bands: None },
    }
}
