//! The attribute table of a raster, read from its `.aux.xml` sidecar by us rather than by GDAL: CLMS ships class
//! names (and colours) in `<file>.tif.aux.xml`, which GDAL only reads with its auxiliary files (PAM) switched on, and
//! PAM on would let GDAL write such files beside the data. With this reader PAM stays off, so GDAL never writes
//! anything beside a data file. The sidecar is read through GDAL's virtual file layer, so the one beside a remote
//! COG is fetched the same way as the COG.

use std::ffi::CString;

use super::meta::RatRow;

/// The largest sidecar read: attribute tables of class rasters are a few KiB; anything far larger is not one.
const MAX_SIDECAR_BYTES: u64 = 8 << 20;

/// Field usages of GDAL's attribute tables (`GDALRATFieldUsage`), as the `<Usage>` element writes them.
const USAGE_NAME: i32 = 2;
const USAGE_MIN: i32 = 3;
const USAGE_MIN_MAX: i32 = 5;
const USAGE_RED: i32 = 6;
const USAGE_GREEN: i32 = 7;
const USAGE_BLUE: i32 = 8;

/// The attribute table of band 1 in the sidecar of `gdal_path` (a path GDAL opens: local, or `/vsicurl/...`); `None`
/// when there is no sidecar, it cannot be read, or it holds no table with a value column.
pub(super) fn read_sidecar_table(gdal_path: &str) -> Option<Vec<RatRow>> {
    let from_aux = read_through_gdal(&format!("{gdal_path}.aux.xml"))
        .and_then(|bytes| parse_attribute_table(&String::from_utf8_lossy(&bytes)));
    // The Europe-wide 2018 and 2021 deliveries and IMD 2018 name their classes in an ArcGIS `.vat.dbf` instead.
    from_aux.or_else(|| {
        let bytes = read_through_gdal(&format!("{gdal_path}.vat.dbf"))?;
        super::vat_dbf::parse_vat_dbf(&bytes)
    })
}

/// The whole file at `path`, read with GDAL's `VSIFOpenL` (local files, `/vsimem/`, `/vsicurl/`).
pub(super) fn read_through_gdal(path: &str) -> Option<Vec<u8>> {
    let c_path = CString::new(path).ok()?;
    let mode = CString::new("rb").ok()?;
    // SAFETY: both strings are valid C strings that outlive the calls; the handle is checked for NULL, used only
    // here and closed once; each read goes into a buffer at least as long as the length passed.
    unsafe {
        let file = gdal_sys::VSIFOpenL(c_path.as_ptr(), mode.as_ptr());
        if file.is_null() {
            return None;
        }
        let mut bytes = Vec::new();
        let mut chunk = vec![0u8; 64 << 10];
        let complete = loop {
            let read = gdal_sys::VSIFReadL(chunk.as_mut_ptr().cast(), 1, chunk.len(), file);
            bytes.extend_from_slice(&chunk[..read.min(chunk.len())]);
            if bytes.len() as u64 > MAX_SIDECAR_BYTES {
                break false;
            }
            if read < chunk.len() {
                break true;
            }
        };
        gdal_sys::VSIFCloseL(file);
        complete.then_some(bytes)
    }
}

/// Band 1's `GDALRasterAttributeTable` in a PAM `.aux.xml`: the value column (usage MinMax or Min, else a column
/// named "value"), the class name (usage Name, else a column named like one) and red, green and blue when all three
/// are there. Rows whose value is not a number are left out.
pub fn parse_attribute_table(xml: &str) -> Option<Vec<RatRow>> {
    let doc = roxmltree::Document::parse(xml).ok()?;
    let band = doc
        .descendants()
        .filter(|n| n.has_tag_name("PAMRasterBand"))
        .find(|n| n.attribute("band").is_none_or(|b| b.trim() == "1"))?;
    let table = band.children().find(|n| n.has_tag_name("GDALRasterAttributeTable"))?;
    let child_text = |n: roxmltree::Node, tag: &str| {
        n.children().find(|c| c.has_tag_name(tag)).and_then(|c| c.text()).map(str::trim).unwrap_or("").to_string()
    };
    let (mut value_col, mut name_col, mut rgb_cols) = (None, None, [None; 3]);
    for (column, field) in table.children().filter(|n| n.has_tag_name("FieldDefn")).enumerate() {
        let usage: i32 = child_text(field, "Usage").parse().unwrap_or(0);
        match usage {
            USAGE_MIN_MAX | USAGE_MIN => value_col = value_col.or(Some(column)),
            USAGE_NAME => name_col = name_col.or(Some(column)),
            USAGE_RED => rgb_cols[0] = Some(column),
            USAGE_GREEN => rgb_cols[1] = Some(column),
            USAGE_BLUE => rgb_cols[2] = Some(column),
            _ => match child_text(field, "Name").to_ascii_lowercase().as_str() {
                "value" => value_col = value_col.or(Some(column)),
                "class_name" | "classname" | "label" | "class" | "name" => name_col = name_col.or(Some(column)),
                "red" => rgb_cols[0] = rgb_cols[0].or(Some(column)),
                "green" => rgb_cols[1] = rgb_cols[1].or(Some(column)),
                "blue" => rgb_cols[2] = rgb_cols[2].or(Some(column)),
                _ => {}
            },
        }
    }
    let value_col = value_col?;
    let rows = table.children().filter(|n| n.has_tag_name("Row")).filter_map(|row| {
        let cells: Vec<String> =
            row.children().filter(|c| c.has_tag_name("F")).map(|c| c.text().unwrap_or("").trim().to_string()).collect();
        let number = |column: usize| cells.get(column).and_then(|c| c.parse::<f64>().ok()).filter(|v| v.is_finite());
        let value = number(value_col)? as i64;
        let label = name_col.and_then(|c| cells.get(c)).filter(|l| !l.is_empty()).cloned();
        let channel = |column: Option<usize>| column.map(|c| number(c).unwrap_or(0.0).clamp(0.0, 255.0) as u8);
        let rgb = match (channel(rgb_cols[0]), channel(rgb_cols[1]), channel(rgb_cols[2])) {
            (Some(r), Some(g), Some(b)) => Some([r, g, b]),
            _ => None,
        };
        Some(RatRow { value, label, rgb })
    });
    Some(rows.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLMS_LIKE: &str = r#"<PAMDataset>
  <PAMRasterBand band="1">
    <GDALRasterAttributeTable tableType="thematic">
      <FieldDefn index="0"><Name>Value</Name><Type>0</Type><Usage>5</Usage></FieldDefn>
      <FieldDefn index="1"><Name>Count</Name><Type>1</Type><Usage>1</Usage></FieldDefn>
      <FieldDefn index="2"><Name>Class_name</Name><Type>2</Type><Usage>2</Usage></FieldDefn>
      <FieldDefn index="3"><Name>Red</Name><Type>0</Type><Usage>6</Usage></FieldDefn>
      <FieldDefn index="4"><Name>Green</Name><Type>0</Type><Usage>7</Usage></FieldDefn>
      <FieldDefn index="5"><Name>Blue</Name><Type>0</Type><Usage>8</Usage></FieldDefn>
      <Row index="0"><F>1</F><F>120</F><F>Sealed</F><F>255</F><F>0</F><F>0</F></Row>
      <Row index="1"><F>10</F><F>5</F><F> Water &amp; wetlands </F><F>0</F><F>128</F><F>300</F></Row>
      <Row index="2"><F>n/a</F><F>0</F><F>Broken</F><F>0</F><F>0</F><F>0</F></Row>
    </GDALRasterAttributeTable>
  </PAMRasterBand>
</PAMDataset>"#;

    #[test]
    fn reads_values_names_and_colours_by_usage() {
        let rows = parse_attribute_table(CLMS_LIKE).expect("a table");
        assert_eq!(
            rows,
            vec![
                RatRow { value: 1, label: Some("Sealed".into()), rgb: Some([255, 0, 0]) },
                RatRow { value: 10, label: Some("Water & wetlands".into()), rgb: Some([0, 128, 255]) },
            ]
        );
    }

    #[test]
    fn columns_without_usage_are_found_by_name_and_other_bands_are_ignored() {
        let xml = r#"<PAMDataset><PAMRasterBand band="2"><GDALRasterAttributeTable>
            <FieldDefn index="0"><Name>Value</Name><Type>0</Type><Usage>0</Usage></FieldDefn>
            <Row index="0"><F>7</F></Row></GDALRasterAttributeTable></PAMRasterBand>
            <PAMRasterBand band="1"><GDALRasterAttributeTable>
            <FieldDefn index="0"><Name>VALUE</Name><Type>0</Type><Usage>0</Usage></FieldDefn>
            <FieldDefn index="1"><Name>label</Name><Type>2</Type><Usage>0</Usage></FieldDefn>
            <Row index="0"><F>3</F><F>Forest</F></Row></GDALRasterAttributeTable></PAMRasterBand></PAMDataset>"#;
        assert_eq!(
            parse_attribute_table(xml),
            Some(vec![RatRow { value: 3, label: Some("Forest".into()), rgb: None }])
        );
        assert_eq!(parse_attribute_table("<PAMDataset/>"), None);
        assert_eq!(parse_attribute_table("not xml"), None);
    }
}
