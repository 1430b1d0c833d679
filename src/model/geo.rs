//! Small geodesy helpers.

const EARTH_RADIUS_KM: f64 = 6371.0;

/// Great-circle distance in km (haversine).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
}

/// The point `km` away from (lat, lon) on compass `bearing_deg` (0 = north, 90 = east).
pub fn offset_point(lat: f64, lon: f64, km: f64, bearing_deg: f64) -> (f64, f64) {
    let delta = km / EARTH_RADIUS_KM;
    let theta = bearing_deg.to_radians();
    let (p1, l1) = (lat.to_radians(), lon.to_radians());
    let p2 = (p1.sin() * delta.cos() + p1.cos() * delta.sin() * theta.cos()).asin();
    let l2 = l1 + (theta.sin() * delta.sin() * p1.cos()).atan2(delta.cos() - p1.sin() * p2.sin());
    (p2.to_degrees(), l2.to_degrees())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dushanbe_to_kabul_is_about_400_km() {
        let d = distance_km(38.5358, 68.7791, 34.5281, 69.1723);
        assert!((440.0..470.0).contains(&d), "{d}");
    }

    #[test]
    fn offset_then_distance_round_trips() {
        let (lat, lon) = offset_point(38.5358, 68.7791, 50.0, 225.0);
        assert!((distance_km(38.5358, 68.7791, lat, lon) - 50.0).abs() < 0.1);
        assert!(lat < 38.5358 && lon < 68.7791, "southwest");
    }
}
