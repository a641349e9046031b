//! Zone layers at work: reading vector files off the UI thread (reprojected to the map's CRS, triangulated for the
//! GPU; a samples file starts labelling instead), and counting the selected zones' classes, on the top class layer
//! and its other years, on a thread of its own. What happens on the map is in `zone_gestures.rs`.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

use super::ViewerApp;
use crate::product::ValueKind;
use crate::raster::units_are_metres;
use crate::stats::{all_cores, count_zones, CountProgress, ZonalTable, ZoneShape};
use crate::text;
use crate::ui::analysis::ViewStats;
use crate::ui::job::Job;
use crate::ui::labelling::{LabelSample, Labelling};
use crate::ui::zones::ZoneLayer;
use crate::vector::{has_samples_layer, read_samples, read_zones};
use crate::view::{bounds_of, build_geometry};

/// Layers of up to this many zones are filled when they open.
const MAX_FILLED_BY_DEFAULT: usize = 5000;

/// The zone machinery the app owns: files being read and the count in progress.
#[derive(Default)]
pub struct ZoneJobs {
    loads: Vec<Job<Loaded>>,
    count: Option<Job<Vec<CountedTable>>>,
    pub(super) next_id: u64,
}

impl ViewerApp {
    /// Starts reading the vector files waiting in `state.zones.waiting` as zone layers, once a raster layer gives
    /// the map its CRS.
    fn open_waiting_zones(&mut self, ctx: &egui::Context) {
        let Some(wkt) = self.state.stack.bottom().and_then(|l| l.info.meta.crs_wkt.clone()) else { return };
        for path in std::mem::take(&mut self.state.zones.waiting) {
            self.zone_jobs.next_id += 1;
            let id = self.zone_jobs.next_id;
            let wkt = wkt.clone();
            self.state.zones.loading += 1;
            self.zone_jobs.loads.push(Job::start("zones reader", ctx, move || load_vector(id, path, &wkt)));
        }
    }

    /// Collects the zone layers read, starts those that waited for a raster, and recounts the selection when it
    /// changed.
    pub(super) fn receive_zones(&mut self, ctx: &egui::Context) {
        self.open_waiting_zones(ctx);
        let mut still = Vec::new();
        for job in std::mem::take(&mut self.zone_jobs.loads) {
            match job.poll() {
                None => still.push(job),
                Some(result) => {
                    self.state.zones.loading = self.state.zones.loading.saturating_sub(1);
                    match result {
                        Ok(Loaded::Samples(labelling)) => self.start_labelling(ctx, labelling),
                        Ok(Loaded::Zones(mut layer)) => {
                            self.state.info(text::zones_opened(&layer.name, layer.features.len()));
                            let zones = &mut self.state.zones;
                            if let Some(at) = zones.from_session.iter().position(|(p, _)| *p == layer.path) {
                                let (_, saved) = zones.from_session.remove(at);
                                layer.visible = saved.visible;
                                layer.fill = saved.fill;
                                layer.label_field =
                                    saved.label_field.and_then(|f| layer.fields.iter().position(|n| *n == f));
                            }
                            zones.layers.push(layer);
                        }
                        Err(e) => self.state.error(e),
                    }
                }
            }
        }
        self.zone_jobs.loads = still;
        if let Some(job) = &self.zone_jobs.count {
            if let Some(result) = job.poll() {
                self.zone_jobs.count = None;
                self.state.zones.stats.busy = false;
                match result {
                    Ok(tables) => self.store_zone_tables(tables),
                    Err(e) => self.state.error(e),
                }
            }
        }
        self.count_selected_zones(ctx);
    }

    /// Starts counting the selected zones on the top class layer, and on every other visible edition of its product
    /// (another year), when the selection, the rule or those layers changed since the last count.
    fn count_selected_zones(&mut self, ctx: &egui::Context) {
        let zones = &self.state.zones;
        let rasters = self.zonal_rasters();
        let key = zones
            .selecting()
            .filter(|_| !rasters.is_empty())
            .map(|z| (z.id, z.selected.clone(), zones.stats.rule, rasters.iter().map(|r| r.id).collect::<Vec<_>>()));
        if key == zones.stats.key {
            return;
        }
        let (Some(key), Some(layer)) = (key.clone(), zones.selecting()) else {
            self.state.zones.stats.key = key;
            self.state.zones.stats.table = None;
            self.state.zones.stats.by_year.clear();
            self.state.analysis.zones.stats.clear();
            return;
        };
        let names: Vec<String> = layer.selected.iter().map(|&i| layer.zone_name(i as usize)).collect();
        let features: Vec<_> = layer.selected.iter().map(|&i| layer.features[i as usize].clone()).collect();
        // What each raster's count needs, owned: the job runs on its own thread.
        let targets: Vec<ZonalTarget> = rasters
            .iter()
            .filter_map(|r| {
                let gt = r.info.meta.geo_transform.filter(|gt| gt[2] == 0.0 && gt[4] == 0.0)?;
                let metres = r.info.meta.crs_wkt.as_deref().is_some_and(units_are_metres);
                Some(ZonalTarget {
                    layer_id: r.id,
                    path: r.info.path.clone(),
                    name: r.info.name.clone(),
                    year: r.info.product.as_ref().and_then(|p| p.year),
                    legend: r.info.legend.clone(),
                    gt,
                    pixel_area: metres.then(|| (gt[1] * gt[5]).abs()),
                })
            })
            .collect();
        let rule = key.2;
        self.state.zones.stats.key = Some(key);
        self.state.zones.stats.busy = true;
        self.state.analysis.zones.stats.clear();
        // A newer selection replaces the count in flight; its result is never looked at.
        self.zone_jobs.count = Some(Job::start("zone counter", ctx, move || {
            let mut tables = Vec::new();
            for t in targets {
                let shapes: Vec<ZoneShape> = features.iter().map(|f| ZoneShape::from_map(f, &t.gt)).collect();
                let sums = count_zones(&t.path, &shapes, rule, t.legend.nodata, all_cores(), &CountProgress::default())
                    .map_err(|e| e.to_string())?
                    .unwrap_or_default();
                tables.push((
                    t.layer_id,
                    t.name,
                    t.year,
                    ZonalTable::new(&names, &sums, &t.legend, t.pixel_area, rule),
                ));
            }
            Ok(tables)
        }));
    }

    /// Keeps the tables of a count: the top layer's, and every year's when two or more years were counted.
    fn store_zone_tables(&mut self, tables: Vec<CountedTable>) {
        // The legends and histograms of the layers counted show the zones together (Scope::Zones).
        self.state.analysis.zones.stats =
            tables.iter().map(|(id, _, _, table)| (*id, ViewStats { level: 0, table: table.combined() })).collect();
        let stats = &mut self.state.zones.stats;
        let mut years: Vec<(u16, ZonalTable)> =
            tables.iter().filter_map(|(_, _, year, table)| Some(((*year)?, table.clone()))).collect();
        years.sort_by_key(|(year, _)| *year);
        years.dedup_by_key(|(year, _)| *year);
        stats.by_year = if years.len() >= 2 { years } else { Vec::new() };
        if let Some((_, name, _, table)) = tables.into_iter().next() {
            stats.raster_name = name;
            stats.table = Some(table);
        }
    }

    /// The layers a zones table counts: the top visible class layer, then the other visible editions (years) of its
    /// product on the same grid.
    fn zonal_rasters(&self) -> Vec<&crate::view::MapLayer> {
        let Some(top) = self.state.legend_layer() else { return Vec::new() };
        if top.info.legend.kind == ValueKind::Imagery {
            return Vec::new();
        }
        let product = |l: &crate::view::MapLayer| l.info.product.as_ref().map(|p| (p.family, p.layer));
        let mut layers = vec![top];
        if product(top).is_some() {
            layers.extend(self.state.stack.layers.iter().filter(|l| {
                l.id != top.id
                    && l.visible
                    && l.pair().is_none()
                    && product(l) == product(top)
                    && l.info.meta.geo_transform == top.info.meta.geo_transform
            }));
        }
        layers
    }
}

/// One raster layer's table of a zones count: the layer's name, its year, the table.
type CountedTable = (u32, String, Option<u16>, ZonalTable);

/// One raster layer a zones count reads, as plain data for the counting thread.
struct ZonalTarget {
    layer_id: u32,
    path: String,
    name: String,
    year: Option<u16>,
    legend: crate::product::Legend,
    gt: [f64; 6],
    pixel_area: Option<f64>,
}

/// What a vector file turned out to be.
pub(super) enum Loaded {
    Zones(ZoneLayer),
    /// A samples file (a layer `samples`): labelled, not drawn as zones.
    Samples(Labelling),
}

/// Reads a vector file in the map's CRS (on a job's thread): a samples file for labelling, else zones.
fn load_vector(id: u64, path: PathBuf, map_wkt: &str) -> Result<Loaded, String> {
    if !has_samples_layer(&path) {
        return load_zone_layer(id, path, map_wkt).map(Loaded::Zones);
    }
    let samples = read_samples(&path, "ref_class", map_wkt).map_err(|e| e.to_string())?;
    if samples.samples.is_empty() {
        return Err(text::zones_empty(&samples.path));
    }
    let samples = samples
        .samples
        .into_iter()
        .map(|s| LabelSample {
            fid: s.fid,
            point: [s.x, s.y],
            map_class: s.map_class,
            reference: s.reference,
            comment: s.comment,
        })
        .collect();
    Ok(Loaded::Samples(Labelling::new(path, samples)))
}

/// Reads a vector file's zones in the map's CRS and prepares them for the GPU.
fn load_zone_layer(id: u64, path: PathBuf, map_wkt: &str) -> Result<ZoneLayer, String> {
    let zones = read_zones(&path, None, map_wkt).map_err(|e| e.to_string())?;
    if zones.zones.is_empty() {
        return Err(text::zones_empty(&zones.path));
    }
    let features: Vec<_> = zones.zones.iter().map(|z| z.polygons.clone()).collect();
    let bounds = features.iter().map(|f| bounds_of(f.iter().flatten().flatten())).collect();
    let geometry = Arc::new(build_geometry(&features));
    let count = features.len();
    let name = path.file_name().map_or_else(|| zones.path.clone(), |n| n.to_string_lossy().into_owned());
    Ok(ZoneLayer {
        id,
        path,
        name,
        fields: zones.fields.clone(),
        attributes: zones.zones.into_iter().map(|z| z.attributes).collect(),
        features: Arc::new(features),
        bounds,
        geometry,
        visible: true,
        // Filled, a layer of many zones lays a grey veil over the land cover it is meant to divide: outlines only,
        // until the user asks for fills.
        fill: count <= MAX_FILLED_BY_DEFAULT,
        label_field: None,
        selected: Arc::new(Vec::new()),
    })
}
