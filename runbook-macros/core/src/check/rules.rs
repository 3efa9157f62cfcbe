//! R14: alerts are rules. A banded alert's metric has a query (its
//! comparison is derived from the band the documents show); a verbatim
//! expression is at least well formed; `for` is a duration Prometheus
//! reads; labels are names Prometheus accepts and the writer does not set.

use crate::ast::*;
use crate::ctxt::Ctxt;

/// Labels every rule gets from the runbook; an alert may not set them.
const RESERVED_LABELS: &[&str] = &["severity", "team", "owner", "alertname", "feature"];

pub fn alerts(rb: &Runbook, cx: &mut Ctxt) {
    let metrics: Vec<&MetricDef> = rb.monitoring.iter().flatten().flat_map(|g| &g.metrics).collect();
    for m in &metrics {
        if let Some((q, unit)) = &m.query {
            expression(cx, q, &format!("the query of metric `{}`", m.id.value));
            if let Some((unit, span)) = unit {
                query_unit(cx, m, unit, *span);
            }
        }
    }
    for a in rb.alerts.iter().flatten() {
        if let Some(expr) = &a.expr {
            expression(cx, expr, &format!("the expression of alert `{}`", a.id.value));
            if let Some((metric, _)) = &a.when {
                cx.error(
                    metric.span,
                    format!("alert `{}` has both `when` and `expr`", a.id.value),
                    "keep `when <metric> <level>` for a threshold the monitoring table shows, or `expr` for any other condition, not both",
                );
            }
        }
        if let Some((metric, _)) = &a.when {
            if let Some(m) = metrics.iter().find(|m| m.id.value == metric.value).filter(|m| m.query.is_none()) {
                cx.error(
                    metric.span,
                    format!("alert `{}` fires on metric `{}`, which has no query", a.id.value, m.id.value),
                    format!(
                        "add `query \"PROMQL\"` to `{}` in `monitoring` (the rule compares it with the band), or give the alert `expr \"PROMQL\"` instead of `when`",
                        m.id.value
                    ),
                );
            }
        }
        if let Some(d) = &a.hold {
            if !["s", "min", "h", "d"].contains(&d.unit.as_str()) {
                let fix = match d.unit.as_str() {
                    "m" => format!("write `for {}min` (minutes)", d.amount),
                    _ => format!("write it in s, min, h or d, e.g. `for {}min`", d.amount),
                };
                cx.error(d.span, format!("`for {}{}` is not a duration a rule can hold", d.amount, d.unit), fix);
            }
        }
        for (label, _) in &a.labels {
            if RESERVED_LABELS.contains(&label.value.as_str()) {
                cx.error(
                    label.span,
                    format!("label `{}` is set by the runbook for every rule", label.value),
                    "drop it here: severity comes from the alert's severity, team and owner from the runbook's owner",
                );
            } else if !label.value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                let ascii: String = label
                    .value
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
                    .collect();
                let ascii = ascii.trim_matches('_');
                let example = if ascii.is_empty() { "component" } else { ascii };
                cx.error(
                    label.span,
                    format!("label `{}` is not a name Prometheus accepts (ASCII letters, digits and `_`)", label.value),
                    format!("name it in ASCII, e.g. `label {example} = \"...\"`; the value may be in any language"),
                );
            } else if label.value.starts_with("__") {
                cx.error(
                    label.span,
                    format!("label `{}` is reserved by Prometheus", label.value),
                    "use a name that does not start with `__`",
                );
            }
        }
    }
}

/// An expression that cannot be PromQL: empty, or with brackets or quotes
/// that do not close. (A full parse is `promtool check rules`, in
/// `cargo xtask verify`: a PromQL parser crate would cost the macro's build
/// more than the rest of it.)
fn expression(cx: &mut Ctxt, t: &Text, what: &str) {
    if t.value.trim().is_empty() {
        cx.error(t.span, format!("{what} is empty"), "write the PromQL, e.g. `up{job=\"api\"} == 0`");
        return;
    }
    let mut stack: Vec<char> = Vec::new();
    let mut chars = t.value.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            match c {
                '\\' if q != '`' => {
                    chars.next();
                }
                c if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '#' => break,
            '(' | '[' | '{' => stack.push(c),
            ')' | ']' | '}' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if stack.pop() != Some(open) {
                    return cx.error(
                        t.span,
                        format!("{what} does not parse as PromQL: `{c}` closes nothing open"),
                        format!("remove the `{c}`, or open it before: `{open}...{c}`"),
                    );
                }
            }
            _ => {}
        }
    }
    if let Some(q) = quote {
        cx.error(
            t.span,
            format!("{what} does not parse as PromQL: a {q} quote is not closed"),
            format!("close the string with {q}"),
        );
    } else if let Some(open) = stack.pop() {
        let close = match open {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        cx.error(
            t.span,
            format!("{what} does not parse as PromQL: `{open}` is not closed"),
            format!("add the `{close}` that closes it"),
        );
    }
}

/// `in <unit>` measures what the thresholds measure: a time for a time, a
/// size for a size, a rate for a rate.
fn query_unit(cx: &mut Ctxt, m: &MetricDef, unit: &UnitLit, span: proc_macro2::Span) {
    let shown = m.bands.iter().find_map(|(_, b)| match b {
        BandLit::Compare(_, q) | BandLit::Range(q, _) => q.unit.as_ref(),
    });
    let (Some(of_query), of_bands) = (dimension(unit), shown.map_or(Some("count"), dimension)) else {
        return cx.error(
            span,
            format!("`in` names no unit a query returns for metric `{}`", m.id.value),
            "write one of `in %`, `in ms`, `in s`, `in min`, `in h`, `in MB`, `in GB`, `in /s`, `in /min`, `in /h`, `in /day`",
        );
    };
    if of_bands != Some(of_query) {
        cx.error(
            span,
            format!(
                "metric `{}` shows its thresholds as a {}, but its query is said to return a {of_query}",
                m.id.value,
                of_bands.unwrap_or("value")
            ),
            "name the unit the query returns in the same kind as the thresholds (a time for a time, a size for a size), or drop `in` if it returns base units",
        );
    }
}

/// What kind of quantity a unit measures; `None` for a unit the model has not.
fn dimension(unit: &UnitLit) -> Option<&'static str> {
    match unit {
        UnitLit::Percent => Some("ratio"),
        UnitLit::Suffix(s) => match s.as_str() {
            "ms" | "s" | "min" | "h" => Some("time"),
            "MB" | "GB" => Some("size"),
            _ => None,
        },
        UnitLit::Rate { per, .. } => ["s", "min", "h", "day"].contains(&per.as_str()).then_some("rate"),
    }
}
