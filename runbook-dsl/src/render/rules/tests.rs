//! `promtool test rules` cases for every banded alert: the recorded series
//! just on the quiet side of the boundary never fires; just past it, the
//! alert is pending until its `for` has passed and fires then.

use super::{number, Rule, Threshold};
use crate::model::Model;
use crate::render::yaml::quoted;

/// The labels of the series the tests feed.
const SERIES_LABELS: &str = "instance=\"test\"";

/// How far past the boundary the probes sit, relative to it.
const STEP: f64 = 1e-3;

/// The test file for `rules`, which live in `rules_file` beside it.
pub fn yaml(m: &Model, rules: &[Rule], rules_file: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!("rule_files:\n  - {}\nevaluation_interval: 1m\ntests:\n", quoted(rules_file)));
    let mut any = false;
    for r in rules {
        let Some((series, t)) = &r.threshold else { continue };
        any = true;
        let (quiet, fires) = probes(*t);
        let hold = r.alert.hold_seconds.div_ceil(60);
        // Enough samples to reach the last evaluation.
        let samples = hold + 5;
        let values = |v: f64| quoted(&format!("{}+0x{samples}", number(v)));
        let series_name = format!("{series}{{{SERIES_LABELS}}}");

        out.push_str(&format!("  - name: {}\n", quoted(&format!("{} stays quiet at {}", r.name, number(quiet)))));
        out.push_str("    interval: 1m\n    input_series:\n");
        out.push_str(&format!("      - series: {}\n        values: {}\n", quoted(&series_name), values(quiet)));
        out.push_str("    alert_rule_test:\n");
        out.push_str(&format!(
            "      - eval_time: {}m\n        alertname: {}\n        exp_alerts: []\n",
            hold + 1,
            quoted(&r.name)
        ));

        out.push_str(&format!(
            "  - name: {}\n",
            quoted(&format!("{} fires at {} after its for", r.name, number(fires)))
        ));
        out.push_str("    interval: 1m\n    input_series:\n");
        out.push_str(&format!("      - series: {}\n        values: {}\n", quoted(&series_name), values(fires)));
        out.push_str("    alert_rule_test:\n");
        if hold > 0 {
            // Still pending one evaluation before `for` has passed.
            out.push_str(&format!(
                "      - eval_time: {}m\n        alertname: {}\n        exp_alerts: []\n",
                hold - 1,
                quoted(&r.name)
            ));
        }
        out.push_str(&format!(
            "      - eval_time: {hold}m\n        alertname: {}\n        exp_alerts:\n",
            quoted(&r.name)
        ));
        out.push_str("          - exp_labels:\n              instance: \"test\"\n");
        for (k, v) in &r.labels {
            out.push_str(&format!("              {k}: {}\n", quoted(v)));
        }
        out.push_str("            exp_annotations:\n");
        for (k, v) in &r.annotations {
            out.push_str(&format!("              {k}: {}\n", quoted(v)));
        }
    }
    if !any {
        // promtool needs at least one test; the feature's alerts are all
        // verbatim expressions, which only real data can test.
        out.push_str(&format!(
            "  - name: {}\n    interval: 1m\n    input_series: []\n    alert_rule_test: []\n",
            quoted(&format!("{}: the rules load (no banded alert to probe)", m.feature))
        ));
    }
    out
}

/// The values just on the quiet side of the boundary and just past it.
pub fn probes(t: Threshold) -> (f64, f64) {
    let delta = if t.value == 0.0 { STEP } else { t.value.abs() * STEP };
    let (below, above) = (super::round(t.value - delta), super::round(t.value + delta));
    match t.op {
        ">" | ">=" => (below, above),
        "<" | "<=" => (above, below),
        // `==`: any other value is quiet.
        _ => (above, t.value),
    }
}
