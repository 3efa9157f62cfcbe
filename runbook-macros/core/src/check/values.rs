//! R3 (feature slug), R4 (calendar dates, typed durations) and the closed
//! vocabularies: languages and severities.

use crate::ast::*;
use crate::ctxt::Ctxt;

fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

pub fn feature_slug(rb: &Runbook, cx: &mut Ctxt) {
    let Some(f) = &rb.feature else { return };
    if !is_slug(&f.value) {
        cx.error(
            f.span,
            format!("feature `{}` is not a safe file-name slug", f.value),
            format!(
                "use lowercase ASCII letters, digits and `_`, starting with a letter, e.g. `{}`",
                slugify(&f.value)
            ),
        );
    }
}

/// Ids become link anchors and diagram node names, which must be ASCII and
/// distinct: `高負荷` and `低負荷` would both become `ts----`.
pub fn ids(rb: &Runbook, cx: &mut Ctxt) {
    let mut ids: Vec<(&Name, &str)> = Vec::new();
    ids.extend(rb.environments.iter().flatten().map(|e| (&e.id, "environment")));
    for set in rb.members.iter().flatten() {
        ids.push((&set.id, "member set"));
        ids.extend(set.members.iter().map(|m| (&m.id, "member")));
    }
    ids.extend(rb.architecture.iter().flatten().filter_map(|c| c.id.as_ref()).map(|n| (n, "component")));
    for g in rb.monitoring.iter().flatten() {
        ids.push((&g.id, "monitoring group"));
        ids.extend(g.metrics.iter().map(|m| (&m.id, "metric")));
    }
    ids.extend(rb.logs.iter().flat_map(|l| &l.files).map(|f| (&f.id, "log file")));
    if let Some(m) = &rb.maintenance {
        ids.extend([&m.daily, &m.weekly, &m.monthly].into_iter().flatten().flatten().map(|t| (&t.id, "task")));
    }
    ids.extend(rb.alerts.iter().flatten().map(|a| (&a.id, "alert")));
    ids.extend(rb.troubleshooting.iter().flatten().map(|e| (&e.id, "troubleshooting entry")));
    for (id, what) in ids {
        if !is_slug(&id.value) {
            cx.error(
                id.span,
                format!("{what} id `{}` is not a lowercase ASCII name", id.value),
                format!("ids become link anchors: use `[a-z][a-z0-9_]*`, e.g. `{}`", slugify(&id.value)),
            );
        }
    }
}

fn slugify(s: &str) -> String {
    if !s.chars().any(|c| c.is_ascii_alphanumeric()) {
        return "high_cpu".to_string();
    }
    let mut out: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.insert(0, 'f');
    }
    out
}

/// Days in `month` of `year` (0 for a month that does not exist).
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Units each duration accepts, in the order they are suggested.
pub const REVIEW_UNITS: &[&str] = &["d", "w"];
pub const DOWNTIME_UNITS: &[&str] = &["min", "h"];
pub const RESPOND_UNITS: &[&str] = &runbook_model::Response::UNITS;

pub fn dates_and_durations(rb: &Runbook, cx: &mut Ctxt) {
    if let Some(d) = &rb.updated {
        if !(2000..=2999).contains(&d.year) {
            cx.error(d.span, format!("year {} is out of range", d.year), "write a year between 2000 and 2999");
        } else if !(1..=12).contains(&d.month) {
            cx.error(d.month_span, format!("month {} does not exist", d.month), "write a month from 01 to 12");
        } else if d.day == 0 || d.day > days_in_month(d.year, d.month) {
            cx.error(
                d.day_span,
                format!("{:04}-{:02}-{:02} is not a calendar date", d.year, d.month, d.day),
                format!("this month has {} days", days_in_month(d.year, d.month)),
            );
        }
    }
    if let Some(r) = &rb.review_every {
        duration(r, "review_every", REVIEW_UNITS, cx);
    }
    if let Some(m) = &rb.maintenance {
        for t in [&m.daily, &m.weekly, &m.monthly].into_iter().flatten().flatten() {
            if let Some(d) = &t.downtime {
                duration(d, "downtime", DOWNTIME_UNITS, cx);
            }
        }
    }
    for a in rb.alerts.iter().flatten() {
        if let Some(Respond::Within(d)) = &a.respond {
            duration(d, "respond", RESPOND_UNITS, cx);
        }
    }
}

fn duration(d: &Duration, key: &str, units: &[&str], cx: &mut Ctxt) {
    if !units.contains(&d.unit.as_str()) {
        let written = if d.unit.is_empty() { "no unit".to_string() } else { format!("unit `{}`", d.unit) };
        cx.error(
            d.span,
            format!("`{key}` takes a duration, found {written}"),
            format!("write the number with one of: {}, e.g. `{}{}`", units.join(", "), d.amount, units[0]),
        );
    } else if days(d) > 3660 {
        cx.error(
            d.span,
            format!("`{key}` of {}{} is longer than ten years", d.amount, d.unit),
            "write a realistic duration",
        );
    } else if d.amount == 0 && key != "downtime" {
        cx.error(d.span, format!("`{key}` must be longer than zero"), format!("write e.g. `1{}`", units[0]));
    }
}

/// The duration in whole days, rounded up; saturating, so huge values stay huge.
fn days(d: &Duration) -> u64 {
    let n = u64::from(d.amount);
    match d.unit.as_str() {
        "w" => n * 7,
        "d" | "bd" => n,
        "h" => n.div_ceil(24),
        "min" => n.div_ceil(24 * 60),
        _ => 0,
    }
}

pub fn enums(rb: &Runbook, cx: &mut Ctxt) {
    if let Some(l) = &rb.lang {
        if !["ja", "en"].contains(&l.value.as_str()) {
            cx.push(crate::parse::unknown(l, "language", &["ja", "en"]));
        }
    }
    for a in rb.alerts.iter().flatten() {
        if let Some(s) = &a.severity {
            if !["P0", "P1", "P2", "P3"].contains(&s.value.as_str()) {
                cx.error(s.span, format!("unknown severity `{}`", s.value), "use P0 (most urgent), P1, P2 or P3");
            }
        }
    }
}
