//! Opening files off the UI thread: folders are listed, tiles of one product layer and year grouped into one mosaic
//! layer and every layer identified on a worker thread, and layers of another CRS than the map's are reprojected
//! there; results come back over a bounded channel and wake the UI.

use std::path::PathBuf;

use crossbeam_channel::{bounded, Receiver, Sender, TrySendError};

use crate::guard::catch_panic;
use crate::product::clc_levels::at_level;
use crate::product::{identify_planned, plan_layers, reproject, FolderOrder, LayerInfo, PlannedLayer, ProductError};
use crate::text;

pub enum Opened {
    /// The paths of one request became this many results to come (folders listed, tiles grouped into mosaics).
    Expanded { requested: usize, results: usize },
    /// A layer, and the session slot it was opened for, if any.
    Layer(Box<LayerInfo>, Option<usize>),
    /// Layer `0` shown at another CORINE level: `1` takes its place.
    Relevelled(u32, Box<LayerInfo>),
    /// Why something could not be opened, and the session slot it was for, if any.
    Failed(String, Option<usize>),
}

enum Request {
    Open(Vec<PathBuf>),
    /// The layers of a session, each for its slot.
    OpenSlots(Vec<(usize, PlannedLayer)>),
    /// The layer (first) reprojected into the CRS and pixel size of the map's layer (second), for a session slot.
    Reproject(Box<(LayerInfo, LayerInfo)>, Option<usize>),
    /// Layer `0` (its info `1`) at CORINE level `2`.
    Level(u32, Box<LayerInfo>, u8),
}

impl Opened {
    /// The answer to opening something for session slot `slot` (none: not for a session).
    fn of(result: Result<LayerInfo, ProductError>, slot: Option<usize>) -> Opened {
        match result {
            Ok(info) => Opened::Layer(Box::new(info), slot),
            Err(e) => Opened::Failed(e.to_string(), slot),
        }
    }
}

pub struct Opener {
    requests: Sender<Request>,
    results: Receiver<Opened>,
}

impl Opener {
    pub fn new(ctx: eframe::egui::Context) -> Opener {
        let (req_tx, req_rx) = bounded::<Request>(16);
        let (res_tx, res_rx) = bounded::<Opened>(64);
        let spawned = std::thread::Builder::new().name("opener".into()).spawn(move || {
            // Hands one result to the UI and wakes it; false once the UI is gone.
            let deliver = |opened: Opened| {
                let delivered = res_tx.send(opened).is_ok();
                ctx.request_repaint();
                delivered
            };
            // Each answer is worked out inside `catch_panic`: a bug answers as a failure and the next request is served.
            let guarded = |work: &dyn Fn() -> Opened, slot: Option<usize>| {
                catch_panic("file opener", work).unwrap_or_else(|e| Opened::Failed(e, slot))
            };
            for request in req_rx {
                let delivered = match request {
                    Request::Reproject(pair, slot) => {
                        deliver(guarded(&|| Opened::of(reproject(&pair.0, &pair.1), slot), slot))
                    }
                    Request::Level(id, info, level) => deliver(guarded(
                        &|| match at_level(&info, level) {
                            Ok(info) => Opened::Relevelled(id, Box::new(info)),
                            Err(e) => Opened::Failed(e.to_string(), None),
                        },
                        None,
                    )),
                    Request::OpenSlots(layers) => {
                        deliver(Opened::Expanded { requested: layers.len(), results: layers.len() })
                            && layers.iter().all(|(slot, layer)| {
                                deliver(guarded(&|| Opened::of(identify_planned(layer), Some(*slot)), Some(*slot)))
                            })
                    }
                    Request::Open(paths) => {
                        let (layers, errors) = plan_layers(&paths, FolderOrder::TopLast);
                        let results = layers.len() + errors.len();
                        deliver(Opened::Expanded { requested: paths.len(), results })
                            && errors.into_iter().all(|e| deliver(Opened::Failed(e, None)))
                            && layers
                                .iter()
                                .all(|layer| deliver(guarded(&|| Opened::of(identify_planned(layer), None), None)))
                    }
                };
                if !delivered {
                    return;
                }
            }
        });
        if let Err(e) = spawned {
            eprintln!("cannot start the file opener thread: {e}");
        }
        Opener { requests: req_tx, results: res_rx }
    }

    /// Asks for `paths` to be opened; `Err` with a message when too many requests wait already.
    pub fn open(&self, paths: Vec<PathBuf>) -> Result<(), String> {
        self.send(Request::Open(paths))
    }

    /// Asks for the layers of a session, each for its slot; each comes back as an opened layer (or a failure) with
    /// its slot.
    pub fn open_slots(&self, layers: Vec<(usize, PlannedLayer)>) -> Result<(), String> {
        self.send(Request::OpenSlots(layers))
    }

    /// Asks for `layer` to be reprojected into the CRS of `map`; it comes back as an opened layer, for `slot`.
    pub fn reproject(&self, layer: LayerInfo, map: LayerInfo, slot: Option<usize>) -> Result<(), String> {
        self.send(Request::Reproject(Box::new((layer, map)), slot))
    }

    /// Asks for layer `id` (its info `info`) to be shown at CORINE `level`; it comes back as `Relevelled`.
    pub fn level(&self, id: u32, info: LayerInfo, level: u8) -> Result<(), String> {
        self.send(Request::Level(id, Box::new(info), level))
    }

    fn send(&self, request: Request) -> Result<(), String> {
        match self.requests.try_send(request) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(_)) => Err(text::OPENER_BUSY.into()),
            Err(TrySendError::Disconnected(_)) => Err(text::OPENER_STOPPED.into()),
        }
    }

    pub fn try_recv(&self) -> Option<Opened> {
        self.results.try_recv().ok()
    }
}
