//! Accuracy and area estimates of a land-cover map from a stratified random sample, the strata being the map's
//! classes, by the estimators of Olofsson et al. (2014, "Good practices for estimating area and assessing accuracy
//! of land change", Remote Sensing of Environment 148: 42-57), equations 2-10. Every interval is the 95 % one,
//! 1.96 times the standard error (never a standard deviation); no kappa.

use serde::Serialize;

/// 1.96: the half-width of a 95 % interval in standard errors.
pub const Z95: f64 = 1.96;

/// An estimate and the half-width of its 95 % interval; `None` where it cannot be estimated (a stratum with fewer
/// than two samples, a class no sample found in the reference).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    pub estimate: Option<f64>,
    pub ci95: Option<f64>,
}

impl Estimate {
    fn of(estimate: f64, variance: Option<f64>) -> Estimate {
        let ok = |v: f64| v.is_finite().then_some(v);
        Estimate { estimate: ok(estimate), ci95: variance.and_then(|v| ok(Z95 * v.max(0.0).sqrt())) }
    }

    const NONE: Estimate = Estimate { estimate: None, ci95: None };

    /// The estimate with `decimals` decimals; empty where not estimable.
    pub fn estimate_text(&self, decimals: usize) -> String {
        self.estimate.map_or_else(String::new, |v| format!("{v:.decimals$}"))
    }

    /// The interval's half-width with `decimals` decimals; empty where not estimable.
    pub fn ci95_text(&self, decimals: usize) -> String {
        self.ci95.map_or_else(String::new, |v| format!("{v:.decimals$}"))
    }
}

/// What one class's row of the report says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassAccuracy {
    pub class: u32,
    /// Samples in this stratum (mapped as this class) that were labelled.
    pub n: u64,
    /// Mapped area of the class, from the exact count of the map.
    pub mapped_km2: f64,
    pub users_accuracy: Estimate,
    pub producers_accuracy: Estimate,
    /// Area of the class estimated from the sample (reference), with its interval.
    pub area_km2: Estimate,
}

/// The whole report: the error matrix of sample counts and of estimated area proportions, and the estimates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccuracyReport {
    pub n: u64,
    /// The classes, in row and column order: the strata (map classes) and any other class the reference names.
    pub classes: Vec<u32>,
    /// Sample counts: rows the map, columns the reference.
    pub error_matrix: Vec<Vec<u64>>,
    /// Estimated proportions of area: rows the map, columns the reference (p_ij = W_i n_ij / n_i).
    pub area_matrix: Vec<Vec<f64>>,
    pub overall_accuracy: Estimate,
    pub per_class: Vec<ClassAccuracy>,
}

/// The sample size that gives the overall accuracy a standard error of `target_se` in a stratified random sample,
/// from the strata's area `weights` and their expected user's accuracies (Olofsson et al. 2014, eq. 13:
/// n = (sum W_i S_i / S(O))^2 with S_i = sqrt(U_i (1 - U_i))), rounded up.
pub fn sample_size(weights: &[f64], users: &[f64], target_se: f64) -> u64 {
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 || target_se <= 0.0 {
        return 0;
    }
    let spread: f64 = weights.iter().zip(users).map(|(w, u)| w / sum * (u * (1.0 - u)).max(0.0).sqrt()).sum();
    (spread / target_se).powi(2).ceil() as u64
}

impl AccuracyReport {
    /// One row per class: `Class,Class_name,n,Mapped_km2,Users_accuracy,Users_ci95,Producers_accuracy,
    /// Producers_ci95,Area_km2,Area_ci95`; empty where not estimable. `name` gives a class's name.
    pub fn to_csv(&self, name: impl Fn(u32) -> String) -> String {
        let mut out = String::from(
            "Class,Class_name,n,Mapped_km2,Users_accuracy,Users_ci95,Producers_accuracy,Producers_ci95,Area_km2,Area_ci95\n",
        );
        for c in &self.per_class {
            let cells = [&c.users_accuracy, &c.producers_accuracy, &c.area_km2]
                .map(|e| format!("{},{}", e.estimate_text(6), e.ci95_text(6)));
            let class_name = name(c.class).replace('"', "\"\"");
            out.push_str(&format!(
                "{},\"{class_name}\",{},{:.6},{},{},{}\n",
                c.class, c.n, c.mapped_km2, cells[0], cells[1], cells[2]
            ));
        }
        out
    }
}

/// The report of `samples` (map class, reference class) with the map's exact `mapped` area per class (km2; the
/// strata's weights). Classes are the mapped ones and the reference classes met, in code order. A mapped class
/// without samples leaves the overall, producer's and area estimates "not estimable" (`None`), as does a stratum
/// with fewer than two samples every interval that needs its variance.
pub fn assess(samples: &[(u32, u32)], mapped: &[(u32, f64)]) -> AccuracyReport {
    // Every mapped class is a stratum, sampled or not; the reference may name others.
    let mut classes: Vec<u32> = samples.iter().flat_map(|&(m, r)| [m, r]).collect();
    classes.extend(mapped.iter().filter(|(_, a)| *a > 0.0).map(|(c, _)| *c));
    classes.sort_unstable();
    classes.dedup();
    let q = classes.len();
    let index = |c: u32| classes.binary_search(&c).ok();
    let mut counts = vec![vec![0u64; q]; q];
    for &(m, r) in samples {
        if let (Some(i), Some(j)) = (index(m), index(r)) {
            counts[i][j] += 1;
        }
    }
    let area_of = |c: u32| mapped.iter().find(|(v, _)| *v == c).map_or(0.0, |(_, a)| *a);
    let area: Vec<f64> = classes.iter().map(|&c| area_of(c)).collect();
    let total_area: f64 = area.iter().sum();
    let w: Vec<f64> = area.iter().map(|a| if total_area > 0.0 { a / total_area } else { 0.0 }).collect();
    let n_i: Vec<f64> = counts.iter().map(|row| row.iter().sum::<u64>() as f64).collect();
    // p_ij = W_i n_ij / n_i (eq. 4); a stratum without samples adds nothing.
    let p: Vec<Vec<f64>> = (0..q)
        .map(|i| (0..q).map(|j| if n_i[i] > 0.0 { w[i] * counts[i][j] as f64 / n_i[i] } else { 0.0 }).collect())
        .collect();
    let p_col: Vec<f64> = (0..q).map(|j| (0..q).map(|i| p[i][j]).sum()).collect();
    // Strata that carry area need two samples for a variance; the overall, producer's and area estimates need
    // every one of them sampled.
    let estimable = |i: usize| n_i[i] >= 2.0;
    let all_estimable = (0..q).all(|i| w[i] == 0.0 || estimable(i));
    let all_sampled = (0..q).all(|i| w[i] == 0.0 || n_i[i] > 0.0);
    let users: Vec<f64> = (0..q).map(|i| if n_i[i] > 0.0 { counts[i][i] as f64 / n_i[i] } else { f64::NAN }).collect();

    // Overall accuracy (eq. 1 with p_ij) and its variance (eq. 5).
    let overall = (0..q).map(|i| p[i][i]).sum::<f64>();
    let overall_var = all_estimable.then(|| {
        (0..q).filter(|&i| w[i] > 0.0).map(|i| w[i] * w[i] * users[i] * (1.0 - users[i]) / (n_i[i] - 1.0)).sum()
    });

    let per_class = (0..q)
        .map(|k| {
            // User's accuracy (eq. 2) and its variance (eq. 6).
            let users_accuracy = if n_i[k] == 0.0 {
                Estimate::NONE
            } else if !estimable(k) {
                // One sample says nothing of a class's accuracy.
                Estimate::NONE
            } else {
                Estimate::of(users[k], Some(users[k] * (1.0 - users[k]) / (n_i[k] - 1.0)))
            };
            // Producer's accuracy (eq. 3) and its variance (eq. 7), with estimated totals of the reference class:
            // N_.k = sum_i N_i / n_i n_ik, here in area (km2) since every pixel has the same area.
            let producers_accuracy = if p_col[k] <= 0.0 || !all_sampled {
                Estimate::NONE
            } else {
                let producers = p[k][k] / p_col[k];
                let n_col: f64 = (0..q).filter(|&i| n_i[i] > 0.0).map(|i| area[i] / n_i[i] * counts[i][k] as f64).sum();
                let var = all_estimable.then(|| {
                    let own = if n_i[k] > 0.0 {
                        area[k].powi(2) * (1.0 - producers).powi(2) * users[k] * (1.0 - users[k]) / (n_i[k] - 1.0)
                    } else {
                        0.0
                    };
                    let others: f64 = (0..q)
                        .filter(|&i| i != k && n_i[i] > 0.0)
                        .map(|i| {
                            let f = counts[i][k] as f64 / n_i[i];
                            area[i].powi(2) * f * (1.0 - f) / (n_i[i] - 1.0)
                        })
                        .sum();
                    (own + producers.powi(2) * others) / n_col.powi(2)
                });
                Estimate::of(producers, var)
            };
            // Area of the class (eq. 9) and its standard error (eq. 10).
            let area_var = all_estimable.then(|| {
                (0..q)
                    .filter(|&i| n_i[i] > 0.0)
                    .map(|i| {
                        let f = counts[i][k] as f64 / n_i[i];
                        w[i] * w[i] * f * (1.0 - f) / (n_i[i] - 1.0)
                    })
                    .sum::<f64>()
                    * total_area.powi(2)
            });
            ClassAccuracy {
                class: classes[k],
                n: n_i[k] as u64,
                mapped_km2: area[k],
                users_accuracy,
                producers_accuracy,
                area_km2: if all_sampled { Estimate::of(p_col[k] * total_area, area_var) } else { Estimate::NONE },
            }
        })
        .collect();
    AccuracyReport {
        n: samples.len() as u64,
        classes,
        error_matrix: counts,
        area_matrix: p,
        overall_accuracy: if all_sampled { Estimate::of(overall, overall_var) } else { Estimate::NONE },
        per_class,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Olofsson et al. (2014), section 5 and table 8: mapped pixels of 30 m (0.0009 km2) per class and the error
    /// matrix of 640 samples (rows map, columns reference).
    fn worked_example() -> AccuracyReport {
        let mapped =
            [(1, 200_000.0 * 0.0009), (2, 150_000.0 * 0.0009), (3, 3_200_000.0 * 0.0009), (4, 6_450_000.0 * 0.0009)];
        let matrix = [[66, 0, 5, 4], [0, 55, 8, 12], [1, 0, 153, 11], [2, 1, 9, 313]];
        let mut samples = Vec::new();
        for (i, row) in matrix.iter().enumerate() {
            for (j, &n) in row.iter().enumerate() {
                samples.extend(std::iter::repeat_n((i as u32 + 1, j as u32 + 1), n));
            }
        }
        assess(&samples, &mapped)
    }

    fn close(e: Estimate, estimate: f64, ci: f64, digits: i32) {
        let tol = 0.5 * 10f64.powi(-digits);
        let (got, got_ci) = (e.estimate.unwrap(), e.ci95.unwrap());
        assert!((got - estimate).abs() <= tol && (got_ci - ci).abs() <= tol, "{got} +- {got_ci} vs {estimate} +- {ci}");
    }

    #[test]
    fn the_worked_example_of_olofsson_et_al_2014_is_reproduced() {
        let r = worked_example();
        assert_eq!(r.n, 640);
        close(r.overall_accuracy, 0.9465, 0.0185, 4);
        let users = [(0.8800, 0.0740), (0.7333, 0.1008), (0.9273, 0.0397), (0.9631, 0.0205)];
        let producers = [(0.7487, 0.2133), (0.8472, 0.2544), (0.9345, 0.0343), (0.9616, 0.0184)];
        // Hectares in the paper; km2 here.
        let areas = [(21_157.8, 6_157.6), (11_686.2, 3_755.8), (285_769.9, 15_509.8), (581_386.2, 16_281.7)];
        for (k, c) in r.per_class.iter().enumerate() {
            close(c.users_accuracy, users[k].0, users[k].1, 4);
            close(c.producers_accuracy, producers[k].0, producers[k].1, 4);
            let area =
                Estimate { estimate: c.area_km2.estimate.map(|a| a * 100.0), ci95: c.area_km2.ci95.map(|a| a * 100.0) };
            close(area, areas[k].0, areas[k].1, 1);
        }
    }

    #[test]
    fn a_mapped_class_without_samples_leaves_the_overall_and_area_estimates_out() {
        let r = assess(&[(1, 1), (1, 1), (1, 2), (2, 2), (2, 2)], &[(1, 10.0), (2, 5.0), (3, 1.0)]);
        assert_eq!(r.classes, [1, 2, 3]);
        assert_eq!(r.overall_accuracy, Estimate::NONE);
        assert_eq!(r.per_class[0].area_km2, Estimate::NONE);
        assert!(r.per_class[0].users_accuracy.estimate.is_some(), "user's accuracy is per stratum");
    }

    #[test]
    fn the_sample_size_of_the_papers_example_is_641() {
        // Olofsson et al. (2014), section 5.1: S(O) = 0.01, weights and expected user's accuracies of the four strata.
        let n = sample_size(&[0.02, 0.015, 0.32, 0.645], &[0.7, 0.6, 0.9, 0.95], 0.01);
        assert_eq!(n, 641);
    }

    #[test]
    fn a_stratum_of_one_sample_is_not_estimable() {
        let r = assess(&[(1, 1), (1, 1), (1, 2), (2, 2)], &[(1, 10.0), (2, 5.0)]);
        assert_eq!(r.per_class[1].n, 1);
        assert_eq!(r.per_class[1].users_accuracy, Estimate::NONE);
        assert_eq!(r.overall_accuracy.ci95, None);
        assert!(r.overall_accuracy.estimate.is_some());
    }
}
