//! Writing a figure as PNG, with its text chunks (the attribution the CLMS terms require among them).

use std::io::BufWriter;
use std::path::Path;

use super::make::Figure;

/// Encodes a figure as PNG bytes.
fn encode_png(figure: &Figure) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(BufWriter::new(&mut bytes), figure.size.0, figure.size.1);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        for (keyword, text) in &figure.text {
            // tEXt is what most tools read; it holds Latin-1 only, so other titles go into an iTXt chunk.
            if text.chars().all(|c| (c as u32) < 256) {
                encoder.add_text_chunk(keyword.clone(), text.clone())?;
            } else {
                encoder.add_itxt_chunk(keyword.clone(), text.clone())?;
            }
        }
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&figure.rgba)?;
        writer.finish()?;
    }
    Ok(bytes)
}

/// Writes the PNG next to its final name and renames it into place, so a failed write leaves no half file.
pub fn write_png(path: &Path, figure: &Figure) -> Result<(), String> {
    let bytes = encode_png(figure).map_err(|e| format!("{}: cannot encode the PNG: {e}", path.display()))?;
    let partial = path.with_extension("png.partial");
    std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, path)).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        format!("{}: cannot write the PNG: {e}", path.display())
    })
}
