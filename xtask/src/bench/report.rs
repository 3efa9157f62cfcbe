//! Medians, the table printed to stdout and README.md, and target/bench/bench.json.

use std::fmt::Write as _;

use serde_json::{json, Value};

/// The median and range of R runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stat {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

impl Stat {
    pub fn of(samples: &[f64]) -> Stat {
        let mut v = samples.to_vec();
        v.sort_by(f64::total_cmp);
        let median = match v.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        };
        Stat { median, min: v.first().copied().unwrap_or(f64::NAN), max: v.last().copied().unwrap_or(f64::NAN) }
    }

    fn json(&self, scale: f64) -> Value {
        json!({ "median": num(self.median * scale), "min": num(self.min * scale), "max": num(self.max * scale) })
    }
}

/// Everything measured for one N; times in seconds.
#[derive(Debug, Default)]
pub struct Figures {
    pub n: usize,
    pub crates: usize,
    pub clean_dsl: Vec<f64>,
    pub clean_floor: Vec<f64>,
    /// Builds into an empty target folder, dependencies included; empty
    /// where not measured (every N but the first).
    pub cold_dsl: Vec<f64>,
    pub cold_floor: Vec<f64>,
    pub edit_dsl: Vec<f64>,
    pub edit_floor: Vec<f64>,
    pub edit_written: Vec<usize>,
    pub noop_dsl: Vec<f64>,
    pub noop_floor: Vec<f64>,
    pub noop_written: Vec<usize>,
    /// In-process render + write of N x 3 documents into an empty folder (DSL binary).
    pub render_write: Vec<f64>,
    /// In-process write of the same documents from string consts (floor binary).
    pub write_only: Vec<f64>,
    /// `cp -r` of the same files into an empty folder, as a process.
    pub cp: Vec<f64>,
}

/// The whole run.
#[derive(Debug)]
pub struct Report {
    pub runs: usize,
    pub toolchain: String,
    /// The 1-minute load average before and after (the machine may be shared), where known.
    pub load: (Option<f64>, Option<f64>),
    /// Seconds per `analyse` call on knowledge_api, one figure per run.
    pub expansion: Vec<f64>,
    pub figures: Vec<Figures>,
}

fn ratio(a: &[f64], b: &[f64]) -> f64 {
    Stat::of(a).median / Stat::of(b).median
}

/// `Some(limit)` where the issue sets a target for this figure at this N.
fn edit_target(n: usize) -> Option<f64> {
    match n {
        100 => Some(1.1),
        1000 => Some(1.0),
        _ => None,
    }
}

fn n1000(n: usize, limit: f64) -> Option<f64> {
    (n == 1000).then_some(limit)
}

fn verdict(value: f64, target: Option<f64>) -> String {
    match target {
        None => "—".to_string(),
        Some(t) if value <= t => format!("≤ {t}x: holds"),
        Some(t) => format!("≤ {t}x: **missed**"),
    }
}

fn secs(s: &Stat) -> String {
    format!("{:.2} s ({:.2}–{:.2})", s.median, s.min, s.max)
}

fn millis(s: &Stat) -> String {
    format!("{:.1} ms ({:.1}–{:.1})", s.median * 1e3, s.min * 1e3, s.max * 1e3)
}

impl Report {
    /// The Markdown table: one block of rows per N, then the expansion.
    pub fn table(&self) -> String {
        let mut t = String::new();
        t.push_str("| N | figure | typed DSL | baseline | ratio | target |\n");
        t.push_str("| --: | --- | --- | --- | --: | --- |\n");
        for f in &self.figures {
            let n = f.n;
            let crates = if f.crates == 1 { "1 crate".to_string() } else { format!("{} crates", f.crates) };
            let r = ratio(&f.clean_dsl, &f.clean_floor);
            let _ = writeln!(
                t,
                "| {n} | clean build ({crates} + doc binary) | {} | floor {} | {r:.2}x | {} |",
                secs(&Stat::of(&f.clean_dsl)),
                secs(&Stat::of(&f.clean_floor)),
                verdict(r, n1000(n, 1.3))
            );
            if !f.cold_dsl.is_empty() {
                let r = ratio(&f.cold_dsl, &f.cold_floor);
                let _ = writeln!(
                    t,
                    "| {n} | cold build (empty target folder, dependencies and writer included) | {} | floor {} | {r:.2}x | {} |",
                    secs(&Stat::of(&f.cold_dsl)),
                    secs(&Stat::of(&f.cold_floor)),
                    verdict(r, Some(1.3))
                );
            }
            let r = ratio(&f.edit_dsl, &f.edit_floor);
            let files = f.edit_written.iter().max().copied().unwrap_or(0);
            let _ = writeln!(
                t,
                "| {n} | edit-to-docs (one title, rebuild, docs run, {files} files written) | {} | floor {} | {r:.2}x | {} |",
                secs(&Stat::of(&f.edit_dsl)),
                secs(&Stat::of(&f.edit_floor)),
                verdict(r, edit_target(n))
            );
            let written = f.noop_written.iter().max().copied().unwrap_or(0);
            let _ = writeln!(
                t,
                "| {n} | no-op docs (`cargo run`, nothing changed) | {}, {written} files written | floor {} | {:.2}x | 0 files: {} |",
                secs(&Stat::of(&f.noop_dsl)),
                secs(&Stat::of(&f.noop_floor)),
                ratio(&f.noop_dsl, &f.noop_floor),
                if written == 0 { "holds" } else { "**missed**" }
            );
            let r = ratio(&f.render_write, &f.cp);
            let _ = writeln!(
                t,
                "| {n} | render + write {} docs, in process, empty folder | {} | `cp -r` {} | {r:.2}x | {} |",
                n * 3,
                millis(&Stat::of(&f.render_write)),
                millis(&Stat::of(&f.cp)),
                verdict(r, n1000(n, 1.5))
            );
            let _ = writeln!(
                t,
                "| {n} | write only (floor binary, same docs) | {} | `cp -r` {} | {:.2}x | — |",
                millis(&Stat::of(&f.write_only)),
                millis(&Stat::of(&f.cp)),
                ratio(&f.write_only, &f.cp)
            );
        }
        let e = Stat::of(&self.expansion);
        let _ = writeln!(
            t,
            "| — | expansion: parse + check + expand of knowledge_api (library call) | {:.3} ms ({:.3}–{:.3}) | — | — | < 1 ms: {} |",
            e.median * 1e3,
            e.min * 1e3,
            e.max * 1e3,
            if e.median < 1e-3 { "holds" } else { "**missed**" }
        );
        t
    }

    pub fn json(&self) -> String {
        let stat = |v: &[f64], scale| Stat::of(v).json(scale);
        let results: Vec<Value> = self
            .figures
            .iter()
            .map(|f| {
                json!({
                    "n": f.n,
                    "crates": f.crates,
                    "clean_build_s": { "dsl": stat(&f.clean_dsl, 1.0), "floor": stat(&f.clean_floor, 1.0) },
                    "cold_build_s": (!f.cold_dsl.is_empty())
                        .then(|| json!({ "dsl": stat(&f.cold_dsl, 1.0), "floor": stat(&f.cold_floor, 1.0) })),
                    "edit_to_docs_s": { "dsl": stat(&f.edit_dsl, 1.0), "floor": stat(&f.edit_floor, 1.0) },
                    "edit_files_written": f.edit_written,
                    "noop_docs_s": { "dsl": stat(&f.noop_dsl, 1.0), "floor": stat(&f.noop_floor, 1.0) },
                    "noop_files_written": f.noop_written,
                    "render_write_ms": stat(&f.render_write, 1e3),
                    "write_only_ms": stat(&f.write_only, 1e3),
                    "cp_ms": stat(&f.cp, 1e3),
                    "ratios": {
                        "clean_build": num(ratio(&f.clean_dsl, &f.clean_floor)),
                        "cold_build": (!f.cold_dsl.is_empty()).then(|| num(ratio(&f.cold_dsl, &f.cold_floor))),
                        "edit_to_docs": num(ratio(&f.edit_dsl, &f.edit_floor)),
                        "render_write_vs_cp": num(ratio(&f.render_write, &f.cp)),
                    },
                })
            })
            .collect();
        let report = json!({
            "runs": self.runs,
            "toolchain": self.toolchain,
            "load_average": { "before": self.load.0.map(num), "after": self.load.1.map(num) },
            "expansion_ms": stat(&self.expansion, 1e3),
            "results": results,
        });
        let mut out = serde_json::to_string_pretty(&report).expect("a JSON value with string keys always serializes");
        out.push('\n');
        out
    }
}

/// A JSON number, to four decimals (JSON has no NaN: `null`).
fn num(x: f64) -> Value {
    if x.is_finite() {
        json!((x * 10_000.0).round() / 10_000.0)
    } else {
        Value::Null
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_ranges() {
        assert_eq!(Stat::of(&[3.0, 1.0, 2.0]), Stat { median: 2.0, min: 1.0, max: 3.0 });
        assert_eq!(Stat::of(&[4.0, 1.0]).median, 2.5);
        assert!(Stat::of(&[]).median.is_nan());
        assert_eq!(num(f64::NAN), Value::Null);
        assert_eq!(num(0.123_456), json!(0.1235));
    }

    #[test]
    fn the_json_report_reads_back() {
        let figures =
            Figures { n: 10, crates: 1, clean_dsl: vec![1.0, 3.0], clean_floor: vec![1.0], ..Figures::default() };
        let report = Report {
            runs: 2,
            toolchain: "rustc \"1.95\"".into(),
            load: (Some(1.5), None),
            expansion: vec![0.0007],
            figures: vec![figures],
        };
        let v: Value = serde_json::from_str(&report.json()).expect("JSON");
        assert_eq!(v["toolchain"], "rustc \"1.95\"");
        assert_eq!(v["load_average"]["after"], Value::Null);
        assert_eq!(v["expansion_ms"]["median"], json!(0.7));
        assert_eq!(v["results"][0]["ratios"]["clean_build"], json!(2.0));
        assert_eq!(v["results"][0]["edit_to_docs_s"]["dsl"]["median"], Value::Null);
        // Not measured at this N: null, not a ratio of nothing.
        assert_eq!(v["results"][0]["cold_build_s"], Value::Null);
    }

    #[test]
    fn verdicts_name_the_limit() {
        assert_eq!(verdict(1.2, Some(1.25)), "≤ 1.25x: holds");
        assert_eq!(edit_target(100), Some(1.1));
        assert_eq!(edit_target(1000), Some(1.0));
        assert!(verdict(1.3, Some(1.25)).contains("missed"));
        assert_eq!(verdict(9.0, None), "—");
    }
}
