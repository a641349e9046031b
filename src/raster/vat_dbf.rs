//! The attribute table ArcGIS writes beside a GeoTIFF as `<file>.tif.vat.dbf` (a dBase III table): how the 2018 and
//! 2021 Europe-wide CLMS deliveries and the IMD 2018 files name their classes. GDAL 3.6 does not expose it as a
//! raster attribute table, so it is read here: the value column, the class-name column and, when present, red,
//! green and blue.

use super::meta::RatRow;

/// Byte length of the fixed header and of one field descriptor.
const HEADER: usize = 32;
const DESCRIPTOR: usize = 32;
/// The byte that ends the field descriptors.
const DESCRIPTORS_END: u8 = 0x0D;

struct Field {
    name: String,
    offset: usize,
    len: usize,
}

/// Rows of a `.vat.dbf` table; `None` when the bytes are not a dBase table or have no value column. Deleted records
/// and rows whose value is not a number are left out.
pub fn parse_vat_dbf(bytes: &[u8]) -> Option<Vec<RatRow>> {
    let u16_at = |i: usize| bytes.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let records = bytes.get(4..8).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)?;
    let (header_len, record_len) = (u16_at(8)?, u16_at(10)?);
    let mut fields = Vec::new();
    // Each record starts with its deletion flag; the fields follow in descriptor order.
    let mut offset = 1;
    let mut at = HEADER;
    while at + DESCRIPTOR <= header_len.min(bytes.len()) && bytes[at] != DESCRIPTORS_END {
        let d = &bytes[at..at + DESCRIPTOR];
        let name_bytes = d[..11].split(|&b| b == 0).next().unwrap_or(&[]);
        let len = d[16] as usize;
        fields.push(Field { name: String::from_utf8_lossy(name_bytes).trim().to_ascii_lowercase(), offset, len });
        offset += len;
        at += DESCRIPTOR;
    }
    if fields.is_empty() || offset > record_len {
        return None;
    }
    let column = |names: &[&str]| fields.iter().position(|f| names.contains(&f.name.as_str()));
    let value = column(&["value"])?;
    let label = column(&["classnames", "class_name", "classname", "label", "class", "name", "description"]);
    let rgb = [column(&["red"]), column(&["green"]), column(&["blue"])];
    let mut rows = Vec::new();
    for r in 0..records {
        let Some(record) = bytes.get(header_len + r * record_len..header_len + (r + 1) * record_len) else { break };
        if record[0] == b'*' {
            continue;
        }
        let cell = |i: usize| {
            let f = &fields[i];
            String::from_utf8_lossy(&record[f.offset..f.offset + f.len]).trim().to_string()
        };
        let number = |i: usize| cell(i).parse::<f64>().ok().filter(|v| v.is_finite());
        let Some(v) = number(value).filter(|v| v.fract() == 0.0) else { continue };
        let label = label.map(cell).filter(|l| !l.is_empty());
        // Colours as 0-255, or as 0-1 fractions (as some tools write them).
        let channel = |c: Option<usize>| {
            let v = number(c?)?;
            Some(if v <= 1.0 && v.fract() != 0.0 { v * 255.0 } else { v }.round().clamp(0.0, 255.0) as u8)
        };
        let rgb = match (channel(rgb[0]), channel(rgb[1]), channel(rgb[2])) {
            (Some(r), Some(g), Some(b)) => Some([r, g, b]),
            _ => None,
        };
        rows.push(RatRow { value: v as i64, label, rgb });
    }
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dBase III table written the way the format is specified: header, descriptors, 0x0D, records.
    fn dbf(fields: &[(&str, u8)], rows: &[(&str, Vec<&str>)]) -> Vec<u8> {
        let header_len = HEADER + DESCRIPTOR * fields.len() + 1;
        let record_len = 1 + fields.iter().map(|f| f.1 as usize).sum::<usize>();
        let mut out = vec![0u8; HEADER];
        out[0] = 3;
        out[4..8].copy_from_slice(&(rows.len() as u32).to_le_bytes());
        out[8..10].copy_from_slice(&(header_len as u16).to_le_bytes());
        out[10..12].copy_from_slice(&(record_len as u16).to_le_bytes());
        for (name, len) in fields {
            let mut d = vec![0u8; DESCRIPTOR];
            d[..name.len()].copy_from_slice(name.as_bytes());
            d[11] = b'C';
            d[16] = *len;
            out.extend(d);
        }
        out.push(DESCRIPTORS_END);
        for (flag, cells) in rows {
            out.extend(flag.as_bytes());
            for ((_, len), cell) in fields.iter().zip(cells) {
                out.extend(format!("{cell:>width$}", width = *len as usize).as_bytes());
            }
        }
        out
    }

    #[test]
    fn reads_values_labels_and_colours() {
        let bytes = dbf(
            &[("Value", 6), ("Classnames", 20), ("Red", 4), ("Green", 4), ("Blue", 4)],
            &[
                (" ", vec!["0", "All non-impervious", "240", "240", "240"]),
                ("*", vec!["7", "deleted row", "0", "0", "0"]),
                (" ", vec!["255", "Outside area", "0", "0", "0"]),
                (" ", vec!["x", "not a number", "0", "0", "0"]),
            ],
        );
        assert_eq!(
            parse_vat_dbf(&bytes),
            Some(vec![
                RatRow { value: 0, label: Some("All non-impervious".into()), rgb: Some([240, 240, 240]) },
                RatRow { value: 255, label: Some("Outside area".into()), rgb: Some([0, 0, 0]) },
            ])
        );
    }

    #[test]
    fn the_real_imd_2018_table_names_its_classes() {
        // The sample from the CLMS quality-check tool's test data (../shared/data, see tests/data/README.md).
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/IMD_2018_100m_eu_03035_v1_0.tif.vat.dbf");
        let rows = parse_vat_dbf(&std::fs::read(path).expect("sample")).expect("a table");
        let label = |v: i64| rows.iter().find(|r| r.value == v).and_then(|r| r.label.clone());
        assert_eq!(label(0).as_deref(), Some("All non-impervious areas"));
        assert!(label(254).is_some_and(|l| l.starts_with("Unclassifiable")), "{:?}", label(254));
    }

    #[test]
    fn garbage_is_not_a_table() {
        assert_eq!(parse_vat_dbf(b""), None);
        assert_eq!(parse_vat_dbf(&[3u8; 40]), None);
        assert_eq!(parse_vat_dbf(&dbf(&[("Count", 4)], &[(" ", vec!["1"])])), None);
    }
}
