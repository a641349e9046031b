//! Writing rasters: the fixtures of the tests and the bundled demo tile set. The viewer itself never writes into or
//! beside a data file.

use std::path::Path;

use gdal::raster::{Buffer, ColorEntry, ColorTable, GdalType, PaletteInterpretation, RasterCreationOptions};
use gdal::spatial_ref::SpatialRef;
use gdal::{Dataset, DriverManager, Metadata};

use super::meta::RatRow;
use super::read::Pixels;
use super::{init_gdal, RasterError};

/// What to write. `pixels` is row-major, `size.0 * size.1` samples (u8 or u16).
pub struct CogSpec<'a> {
    pub size: (usize, usize),
    pub pixels: &'a Pixels,
    pub geo_transform: [f64; 6],
    pub epsg: Option<u32>,
    pub nodata: Option<f64>,
    pub color_table: Option<&'a [[u8; 4]]>,
    /// Written as a `.aux.xml` sidecar, as the CLCplus products ship their attribute table.
    pub attribute_table: Option<&'a [RatRow]>,
    /// `Some("NEAREST")`, `Some("AVERAGE")`, ...: a cloud-optimized GeoTIFF with overviews built that way;
    /// `None`: a plain striped LZW GeoTIFF without overviews.
    pub overview_resampling: Option<&'a str>,
    pub block_size: usize,
    /// Dataset metadata items (default domain).
    pub metadata: &'a [(&'a str, &'a str)],
}

/// Writes `spec` to `path` (LZW compressed).
pub fn write_cog(path: &Path, spec: &CogSpec<'_>) -> Result<(), RasterError> {
    init_gdal();
    let name = path.to_string_lossy().into_owned();
    let err = |e: gdal::errors::GdalError| RasterError::Write { path: name.clone(), reason: e.to_string() };
    let mem = match spec.pixels {
        Pixels::U8(v) => mem_dataset(spec, v).map_err(err)?,
        Pixels::U16(v) => mem_dataset(spec, v).map_err(err)?,
        Pixels::F32(v) => mem_dataset(spec, v).map_err(err)?,
        Pixels::Rgba(_) => {
            return Err(RasterError::Write { path: name, reason: "RGBA pixels are written band by band".into() })
        }
    };
    let mut options = RasterCreationOptions::new();
    let block = spec.block_size.to_string();
    let (driver, pairs): (&str, Vec<(&str, &str)>) = match spec.overview_resampling {
        Some(resampling) => {
            ("COG", vec![("COMPRESS", "LZW"), ("BLOCKSIZE", &block), ("OVERVIEW_RESAMPLING", resampling)])
        }
        None => ("GTiff", vec![("COMPRESS", "LZW")]),
    };
    for (k, v) in pairs {
        options.add_name_value(k, v).map_err(err)?;
    }
    let driver = DriverManager::get_driver_by_name(driver).map_err(err)?;
    let out = mem.create_copy(&driver, path, &options).map_err(err)?;
    out.close().map_err(err)?;
    if let Some(rows) = spec.attribute_table {
        let aux = format!("{name}.aux.xml");
        std::fs::write(&aux, attribute_table_xml(rows))
            .map_err(|e| RasterError::Write { path: aux, reason: e.to_string() })?;
    }
    Ok(())
}

fn mem_dataset<T: GdalType + Copy>(spec: &CogSpec<'_>, data: &[T]) -> gdal::errors::Result<Dataset> {
    let driver = DriverManager::get_driver_by_name("MEM")?;
    let (w, h) = spec.size;
    let mut ds = driver.create_with_band_type::<T, _>("", w, h, 1)?;
    ds.set_geo_transform(&spec.geo_transform)?;
    for (key, value) in spec.metadata {
        ds.set_metadata_item(key, value, "")?;
    }
    if let Some(epsg) = spec.epsg {
        ds.set_spatial_ref(&SpatialRef::from_epsg(epsg)?)?;
    }
    {
        let mut band = ds.rasterband(1)?;
        band.set_no_data_value(spec.nodata)?;
        if let Some(colours) = spec.color_table {
            let mut table = ColorTable::new(PaletteInterpretation::Rgba);
            for (i, c) in colours.iter().enumerate() {
                let entry = ColorEntry::rgba(c[0] as i16, c[1] as i16, c[2] as i16, c[3] as i16);
                table.set_color_entry(i as u16, &entry);
            }
            band.set_color_table(&table);
        }
        let mut buffer = Buffer::new((w, h), data.to_vec());
        band.write((0, 0), (w, h), &mut buffer)?;
    }
    Ok(ds)
}

/// A GDAL PAM sidecar holding a thematic attribute table with the product's columns.
fn attribute_table_xml(rows: &[RatRow]) -> String {
    let mut xml = String::from(
        "<PAMDataset>\n  <PAMRasterBand band=\"1\">\n    <GDALRasterAttributeTable tableType=\"thematic\">\n\
         \x20     <FieldDefn index=\"0\"><Name>Value</Name><Type>0</Type><Usage>5</Usage></FieldDefn>\n\
         \x20     <FieldDefn index=\"1\"><Name>Class_name</Name><Type>2</Type><Usage>2</Usage></FieldDefn>\n\
         \x20     <FieldDefn index=\"2\"><Name>Red</Name><Type>0</Type><Usage>6</Usage></FieldDefn>\n\
         \x20     <FieldDefn index=\"3\"><Name>Green</Name><Type>0</Type><Usage>7</Usage></FieldDefn>\n\
         \x20     <FieldDefn index=\"4\"><Name>Blue</Name><Type>0</Type><Usage>8</Usage></FieldDefn>\n",
    );
    for (i, row) in rows.iter().enumerate() {
        let rgb = row.rgb.unwrap_or([0, 0, 0]);
        let label = super::recode::escape(row.label.as_deref().unwrap_or(""));
        xml.push_str(&format!(
            "      <Row index=\"{i}\"><F>{}</F><F>{label}</F><F>{}</F><F>{}</F><F>{}</F></Row>\n",
            row.value, rgb[0], rgb[1], rgb[2]
        ));
    }
    xml.push_str("    </GDALRasterAttributeTable>\n  </PAMRasterBand>\n</PAMDataset>\n");
    xml
}

/// Writes a VRT at `path` that places the rasters `tiles` (path, column and row offset in pixels) on a grid of
/// `size` pixels with the geotransform `geo_transform`, in `gdalbuildvrt`'s source form (complex sources with their
/// properties and nodata), so GDAL exposes the tiles' overviews as the VRT's own. Every tile must have the size,
/// data type, nodata, block size and colour table of `like`. For fixtures and benchmarks: a continent of tiles
/// without writing one.
pub fn write_placements_vrt(
    path: &Path,
    like: &super::RasterMeta,
    size: (usize, usize),
    geo_transform: [f64; 6],
    tiles: &[(String, usize, usize)],
) -> Result<(), RasterError> {
    let (tw, th) = like.size;
    let dtype = like.dtype.name();
    let nodata = like.nodata.map(|v| v.to_string());
    let mut xml = format!("<VRTDataset rasterXSize=\"{}\" rasterYSize=\"{}\">\n", size.0, size.1);
    if let Some(wkt) = &like.crs_wkt {
        xml.push_str(&format!("  <SRS dataAxisToSRSAxisMapping=\"2,1\">{}</SRS>\n", super::recode::escape(wkt)));
    }
    let gt: Vec<String> = geo_transform.iter().map(|v| format!("{v:.17e}")).collect();
    xml.push_str(&format!("  <GeoTransform>{}</GeoTransform>\n", gt.join(", ")));
    xml.push_str(&format!("  <VRTRasterBand dataType=\"{dtype}\" band=\"1\">\n"));
    if let Some(v) = &nodata {
        xml.push_str(&format!("    <NoDataValue>{v}</NoDataValue>\n"));
    }
    if let Some(table) = &like.color_table {
        xml.push_str("    <ColorInterp>Palette</ColorInterp>\n    <ColorTable>\n");
        for c in table {
            xml.push_str(&format!("      <Entry c1=\"{}\" c2=\"{}\" c3=\"{}\" c4=\"{}\" />\n", c[0], c[1], c[2], c[3]));
        }
        xml.push_str("    </ColorTable>\n");
    }
    let (bw, bh) = like.block_size;
    for (tile, x, y) in tiles {
        xml.push_str(&format!(
            "    <ComplexSource>\n      <SourceFilename relativeToVRT=\"0\">{}</SourceFilename>\n      \
             <SourceBand>1</SourceBand>\n      <SourceProperties RasterXSize=\"{tw}\" RasterYSize=\"{th}\" \
             DataType=\"{dtype}\" BlockXSize=\"{bw}\" BlockYSize=\"{bh}\" />\n      <SrcRect xOff=\"0\" yOff=\"0\" \
             xSize=\"{tw}\" ySize=\"{th}\" />\n      <DstRect xOff=\"{x}\" yOff=\"{y}\" xSize=\"{tw}\" ySize=\"{th}\" />\n",
            super::recode::escape(tile)
        ));
        if let Some(v) = &nodata {
            xml.push_str(&format!("      <NODATA>{v}</NODATA>\n"));
        }
        xml.push_str("    </ComplexSource>\n");
    }
    xml.push_str("  </VRTRasterBand>\n");
    // As gdalbuildvrt writes it: the tiles' overview factors, so that GDAL exposes the tiles' overviews as the VRT's.
    let factors: Vec<String> =
        like.overviews.iter().map(|&(w, _)| (tw as f64 / w as f64).round().to_string()).collect();
    if !factors.is_empty() {
        xml.push_str(&format!("  <OverviewList resampling=\"nearest\">{}</OverviewList>\n", factors.join(" ")));
    }
    xml.push_str("</VRTDataset>\n");
    std::fs::write(path, xml)
        .map_err(|e| RasterError::Write { path: path.display().to_string(), reason: e.to_string() })
}
