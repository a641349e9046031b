//! Bookmarks and tours for teaching: named views (camera, visible layers, highlighted class, comparison) kept in the
//! session, listed in a window (View > Bookmarks; Ctrl+B adds the current view), and stepped through in presentation
//! mode with PageDown and PageUp, each step a short animated flight, so a lesson is prepared once and replayed.

use std::time::{Duration, Instant};

use crate::view::Camera;

/// How long the flight from one view to the next takes.
pub(in crate::ui) const FLIGHT: Duration = Duration::from_millis(800);

/// The camera moving from one view to another.
pub struct Flight {
    pub(in crate::ui) from: Camera,
    pub(in crate::ui) to: Camera,
    pub(in crate::ui) started: Instant,
}

impl Flight {
    /// The camera `t` (0..=1) of the way: the centre along a straight line, the scale evenly in zoom steps, both
    /// eased in and out.
    pub(in crate::ui) fn at(&self, t: f64) -> Camera {
        let s = t * t * (3.0 - 2.0 * t);
        let lerp = |a: f64, b: f64| a + (b - a) * s;
        Camera {
            center: [lerp(self.from.center[0], self.to.center[0]), lerp(self.from.center[1], self.to.center[1])],
            res: (self.from.res.ln() + (self.to.res.ln() - self.from.res.ln()) * s).exp(),
        }
    }
}

/// The bookmarks window and where a tour stands.
#[derive(Default)]
pub struct Tour {
    pub window_open: bool,
    /// The bookmark shown last by the tour.
    pub at: Option<usize>,
    pub flight: Option<Flight>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flight_eases_from_one_view_to_the_other_evenly_in_zoom() {
        let flight = Flight {
            from: Camera { center: [0.0, 0.0], res: 100.0 },
            to: Camera { center: [1000.0, -500.0], res: 1.0 },
            started: Instant::now(),
        };
        assert_eq!(flight.at(0.0).center, flight.from.center);
        assert!((flight.at(0.0).res - 100.0).abs() < 1e-9);
        assert_eq!(flight.at(1.0).center, flight.to.center);
        assert!((flight.at(1.0).res - 1.0).abs() < 1e-9);
        let half = flight.at(0.5);
        assert_eq!(half.center, [500.0, -250.0]);
        assert!((half.res - 10.0).abs() < 1e-9, "half-way in zoom steps: {}", half.res);
    }
}
