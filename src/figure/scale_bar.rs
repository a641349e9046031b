//! The scale bar of figures: a round length that fits, and its label.

use crate::text;

/// A round length (1, 2 or 5 times a power of ten) no longer than `max_map_units`, and its label.
pub fn nice_length(max_map_units: f64) -> Option<(f64, String)> {
    if !(max_map_units.is_finite() && max_map_units > 0.0) {
        return None;
    }
    let power = 10f64.powf(max_map_units.log10().floor());
    let length = [5.0, 2.0, 1.0].iter().map(|m| m * power).find(|&l| l <= max_map_units)?;
    let label = if length >= 1000.0 { text::scale_bar_km(length / 1000.0) } else { text::scale_bar_m(length) };
    Some((length, label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_lengths() {
        assert_eq!(nice_length(1234.0), Some((1000.0, "1 km".to_string())));
        assert_eq!(nice_length(260.0), Some((200.0, "200 m".to_string())));
        assert_eq!(nice_length(59_000.0), Some((50_000.0, "50 km".to_string())));
        assert_eq!(nice_length(0.0), None);
    }
}
