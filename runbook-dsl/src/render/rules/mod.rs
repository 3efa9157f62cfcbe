//! Prometheus alerting rules from the runbook, one file per feature, and
//! their `promtool test rules` cases: the thresholds the monitoring table
//! shows are the numbers the rules compare with, and every `runbook_url`
//! is the alert's row in the operations document.
//!
//! A metric with a `query` becomes a recording rule `{feature}:{metric}:value`;
//! an alert `when <metric> <level>` compares that series with the level's
//! band, scaled to the unit the query returns. The tests feed the recorded
//! series directly, so they check the comparison and the `for`, whatever
//! the query reads.

mod tests;

use crate::model::{Alert, Band, Level, Metric, Model};
use crate::render::labels::Labels;
use crate::render::paths::{self, Kind};
use crate::render::yaml::quoted;
use crate::{marker, Document, Runbook};

/// Where the rule files go, relative to the output root.
pub const DIR: &str = "monitoring";
/// `{feature}.rules.yml` and its tests, `{feature}.rules.test.yml`.
pub const RULES_SUFFIX: &str = ".rules.yml";
pub const TESTS_SUFFIX: &str = ".rules.test.yml";

/// The rule file and its tests of `rb`; none for a runbook that names no
/// alerting policy (nothing says where its docs are published or what
/// label a severity gets) or has no alert a rule can express (an alert
/// with neither `when` nor `expr`).
pub fn documents(rb: &Runbook) -> Vec<Document> {
    let m = rb.model();
    let Some((rules, tests)) = bodies(m) else { return Vec::new() };
    // The policy is part of the runbook's input hash.
    let input = rb.input_hash();
    vec![
        Document {
            path: format!("{DIR}/{}{RULES_SUFFIX}", m.feature),
            contents: marker::wrap_as(marker::Syntax::Yaml, rb.source, input, &rules),
        },
        Document {
            path: format!("{DIR}/{}{TESTS_SUFFIX}", m.feature),
            contents: marker::wrap_as(marker::Syntax::Yaml, rb.source, input, &tests),
        },
    ]
}

/// The bodies (without markers) of the rule file and of its tests, which
/// name the rule file as `{feature}.rules.yml` beside them.
pub fn bodies(m: &Model) -> Option<(String, String)> {
    let rules = rules(m);
    if rules.is_empty() {
        return None;
    }
    let rules_file = format!("{}{RULES_SUFFIX}", m.feature);
    Some((rules_yaml(m, &rules), tests::yaml(m, &rules, &rules_file)))
}

/// One alerting rule, as written to the file and as its tests check it.
#[derive(Debug)]
pub struct Rule<'a> {
    pub alert: &'a Alert,
    /// The Prometheus alert name: `KnowledgeApiHighCpu`.
    pub name: String,
    pub expr: String,
    /// The derived comparison, for a banded alert: what its tests probe.
    pub threshold: Option<(String, Threshold)>,
    pub labels: Vec<(&'static str, String)>,
    pub annotations: Vec<(&'static str, String)>,
}

/// A comparison with one number, in the unit the query returns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    pub op: &'static str,
    pub value: f64,
}

/// Every alert of `m` that a rule can express, in the order written; none
/// without a policy.
pub fn rules<'a>(m: &'a Model) -> Vec<Rule<'a>> {
    let Some(alerting) = m.alerting else { return Vec::new() };
    let l = Labels::of(m.lang);
    let metrics = || m.monitoring.iter().flat_map(|g| g.metrics);
    let ops = paths::path(m.feature, Kind::Operations);
    m.alerts
        .iter()
        .filter_map(|a| {
            let (expr, threshold) = condition(m, a)?;
            let what = a.when.and_then(|c| {
                let metric = metrics().find(|x| x.id == c.metric)?;
                Some(format!("{}: {} ({})", metric.title, l.level(c.level), l.band_of_level(metric, c.level)))
            });
            let mut labels = vec![
                ("severity", m.severity_label(a).to_string()),
                ("team", m.owner.to_string()),
                ("owner", m.owner.to_string()),
            ];
            let extra: Vec<(&'static str, String)> = a.labels.iter().map(|v| (v.name, v.value.to_string())).collect();
            labels.extend(extra);
            let description = [what.as_deref()]
                .into_iter()
                .chain(a.prose.entries().map(|(_, t)| *t))
                .flatten()
                .collect::<Vec<_>>()
                .join(" / ");
            let annotations = vec![
                ("summary", a.name.to_string()),
                ("description", if description.is_empty() { a.name.to_string() } else { description }),
                (
                    "runbook_url",
                    format!("{}{ops}#{}", alerting.base_url(), crate::render::escape::anchor("alert", a.id)),
                ),
            ];
            Some(Rule { alert: a, name: rule_name(m, a), expr, threshold, labels, annotations })
        })
        .collect()
}

/// The expression of `a`'s rule, and for a banded alert the recorded
/// series and the comparison its tests probe; `None` for an alert with
/// neither `when` nor `expr`, which has no rule.
pub fn condition(m: &Model, a: &Alert) -> Option<(String, Option<(String, Threshold)>)> {
    if let Some(expr) = a.expr {
        return Some((expr.trim().to_string(), None));
    }
    let c = a.when?;
    let metric = m.monitoring.iter().flat_map(|g| g.metrics).find(|x| x.id == c.metric)?;
    let t = threshold(metric, c.level)?;
    let series = record_name(m.feature, metric.id);
    Some((format!("{series} {} {}", t.op, number(t.value)), Some((series, t))))
}

/// The comparison that fires at `level`: a band's open edge as it is, a
/// closed band from the edge nearer the normal band (a warning alert keeps
/// firing when the value goes on to critical).
pub fn threshold(m: &Metric, level: Level) -> Option<Threshold> {
    let band = match level {
        Level::Warning => m.warning,
        Level::Critical => m.critical,
    }?;
    let (op, value) = match band {
        Band::Above { value } => (">", value),
        Band::AtLeast { value } => (">=", value),
        Band::Below { value } => ("<", value),
        Band::AtMost { value } => ("<=", value),
        Band::Exactly { value } => ("==", value),
        Band::Between { low, .. } if rising(m, band) => (">=", low),
        Band::Between { high, .. } => ("<=", high),
    };
    Some(Threshold { op, value: round(value * m.scale) })
}

/// True when larger values are worse, judged by where `band` lies against
/// the normal band (or, without one, the other bands).
fn rising(m: &Metric, band: Band) -> bool {
    let reference = m.normal.or(if Some(band) == m.critical { m.warning } else { None });
    match reference {
        Some(normal) => centre(band) > centre(normal),
        None => true,
    }
}

/// A point inside a band, to tell which of two bands lies higher.
fn centre(b: Band) -> f64 {
    match b {
        Band::Below { value } | Band::AtMost { value } => value - value.abs() - 1.0,
        Band::Exactly { value } => value,
        Band::Between { low, high } => (low + high) / 2.0,
        Band::AtLeast { value } | Band::Above { value } => value + value.abs() + 1.0,
    }
}

/// Twelve significant digits: `85 * 0.01` is `0.85`, not `0.8500000000000001`.
fn round(x: f64) -> f64 {
    format!("{x:.11e}").parse().unwrap_or(x)
}

/// A number as PromQL and promtool read it: the shortest form that reads back.
pub fn number(x: f64) -> String {
    format!("{x}")
}

/// `knowledge_api:cpu:value`: a valid Prometheus metric name, as ids are ASCII slugs.
pub fn record_name(feature: &str, metric: &str) -> String {
    format!("{feature}:{metric}:value")
}

/// The rule's `alert` name: the alert's title when it already is a
/// Prometheus alert name that no other alert of the runbook has (an
/// upstream name such as `etcdNoLeader`, which silences, inhibit rules and
/// dashboards already use), else one derived from the feature and the id.
pub fn rule_name(m: &Model, a: &Alert) -> String {
    let unique = m.alerts.iter().filter(|other| other.name == a.name).count() == 1;
    if unique && is_alert_name(a.name) {
        a.name.to_string()
    } else {
        alert_name(m.feature, a.id)
    }
}

/// `[a-zA-Z_][a-zA-Z0-9_]*`, the form Prometheus requires of an alert name.
fn is_alert_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `KnowledgeApiHighCpu` for feature `knowledge_api`, alert `high_cpu`.
pub fn alert_name(feature: &str, id: &str) -> String {
    let mut out = String::new();
    for word in feature.split('_').chain(id.split('_')).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// A `for` as Prometheus writes durations.
pub fn duration(seconds: u32) -> String {
    match seconds {
        0 => "0s".into(),
        s if s % 3600 == 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

fn rules_yaml(m: &Model, rules: &[Rule]) -> String {
    let mut out = String::new();
    out.push_str("groups:\n  - name: ");
    out.push_str(&quoted(m.feature));
    out.push_str("\n    rules:\n");
    for metric in m.monitoring.iter().flat_map(|g| g.metrics) {
        let Some(query) = metric.query else { continue };
        out.push_str(&format!("      - record: {}\n", quoted(&record_name(m.feature, metric.id))));
        out.push_str(&format!("        expr: {}\n", quoted(query.trim())));
    }
    for r in rules {
        out.push_str(&format!("      - alert: {}\n", quoted(&r.name)));
        out.push_str(&format!("        expr: {}\n", quoted(&r.expr)));
        if r.alert.hold_seconds > 0 {
            out.push_str(&format!("        for: {}\n", duration(r.alert.hold_seconds)));
        }
        out.push_str("        labels:\n");
        for (k, v) in &r.labels {
            out.push_str(&format!("          {k}: {}\n", quoted(v)));
        }
        out.push_str("        annotations:\n");
        for (k, v) in &r.annotations {
            out.push_str(&format!("          {k}: {}\n", quoted(v)));
        }
    }
    out
}
