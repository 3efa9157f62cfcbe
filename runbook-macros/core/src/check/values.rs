//! R3 (feature slug), R4 (calendar dates, typed durations) and the closed
//! vocabularies: languages and severities.

use crate::ast::*;
use crate::ctxt::Ctxt;

pub fn feature_slug(rb: &Runbook, cx: &mut Ctxt) {
    let Some(f) = &rb.feature else { return };
    let mut chars = f.value.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
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

fn slugify(s: &str) -> String {
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
pub const RESPOND_UNITS: &[&str] = &["min", "h", "d", "bd"];

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
    } else if d.amount == 0 && key != "downtime" {
        cx.error(d.span, format!("`{key}` must be longer than zero"), format!("write e.g. `1{}`", units[0]));
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
        if a.respond.is_none() {
            cx.error(
                a.id.span,
                format!("alert `{}` has no response time", a.id.value),
                "add `respond 1h` (or `respond immediately`)",
            );
        }
        if a.by.is_none() {
            cx.error(a.id.span, format!("alert `{}` names no responder", a.id.value), "add `by \"on-call engineer\"`");
        }
    }
}
