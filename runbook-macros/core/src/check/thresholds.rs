//! R7: one unit per metric; normal, warning and critical bands contiguous and ordered.
//!
//! Bands may rise (CPU: normal < 70%, critical > 85%) or fall (free space:
//! normal > 20%, critical < 10%); both are fine as long as they do not
//! overlap, leave no gap, and run in one direction.

use proc_macro2::Span;

use crate::ast::*;
use crate::ctxt::Ctxt;

pub const SUFFIXES: &[&str] = &["ms", "s", "min", "h", "MB", "GB"];
pub const PERIODS: &[&str] = &["s", "min", "h", "day"];

pub fn bands(rb: &Runbook, cx: &mut Ctxt) {
    for m in rb.monitoring.iter().flatten().flat_map(|g| &g.metrics) {
        metric(m, cx);
    }
}

/// An edge of a band: its value and whether the value itself belongs to the band.
#[derive(Clone, Copy)]
struct Edge {
    value: f64,
    closed: bool,
}

struct Interval {
    level: &'static str,
    low: Edge,
    high: Edge,
    span: Span,
}

fn metric(m: &MetricDef, cx: &mut Ctxt) {
    if m.bands.is_empty() {
        cx.error(
            m.id.span,
            format!("metric `{}` has no threshold", m.id.value),
            "add e.g. `normal < 70%, warning 70%..85%, critical > 85%`",
        );
        return;
    }
    // One unit: every quantity that names a unit names the same one.
    let mut unit: Option<(&UnitLit, Span)> = None;
    for (_, band) in &m.bands {
        for q in quantities(band) {
            let Some(u) = &q.unit else { continue };
            if !valid_unit(u, q.span, cx) {
                return;
            }
            match unit {
                None => unit = Some((u, q.span)),
                Some((first, _)) if first != u => {
                    cx.error(
                        q.span,
                        format!("metric `{}` mixes units: `{}` here, `{}` before", m.id.value, show(u), show(first)),
                        format!("write every threshold of a metric in one unit (`{}`)", show(first)),
                    );
                    return;
                }
                Some(_) => {}
            }
        }
    }
    // Counts and rates come in whole numbers: `== 0` then `1..3` leaves no gap.
    let counted = matches!(unit, None | Some((UnitLit::Rate { .. }, _)));
    let mut levels: Vec<Interval> = Vec::new();
    for (level, band) in &m.bands {
        let lvl: &'static str = match level.value.as_str() {
            "normal" => "normal",
            "warning" => "warning",
            _ => "critical",
        };
        if levels.iter().any(|i| i.level == lvl) {
            cx.error(level.span, format!("duplicate `{lvl}` band in metric `{}`", m.id.value), "keep one");
            return;
        }
        let Some((low, high)) = interval(band, cx) else { return };
        levels.push(Interval { level: lvl, low, high, span: level.span });
    }
    levels.sort_by_key(|i| ["normal", "warning", "critical"].iter().position(|l| *l == i.level));
    let mut rising: Option<bool> = None;
    for pair in levels.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        // Bands may touch at a value that only one of them includes.
        let before = |x: Edge, y: Edge| x.value < y.value || (x.value == y.value && !(x.closed && y.closed));
        let up = before(a.high, b.low);
        let down = before(b.high, a.low);
        let dir = match (up, down) {
            (true, false) => true,
            (false, true) => false,
            _ => {
                cx.error(
                    b.span,
                    format!("the `{}` and `{}` bands of metric `{}` overlap", a.level, b.level, m.id.value),
                    "bands run one way: e.g. `normal < 70%, warning 70%..85%, critical > 85%`, or for \"lower is worse\" `normal > 20%, warning 10%..20%, critical < 10%`",
                );
                return;
            }
        };
        if rising.is_some_and(|r| r != dir) {
            cx.error(
                b.span,
                format!("the bands of metric `{}` change direction at `{}`", m.id.value, b.level),
                "order them so that each level is worse than the one before, all rising or all falling",
            );
            return;
        }
        rising = Some(dir);
        let (end, start) = if dir { (a.high, b.low) } else { (b.high, a.low) };
        if !meets(end, start, counted) {
            let (from, to) = if dir { (end.value, start.value) } else { (start.value, end.value) };
            cx.error(
                b.span,
                format!(
                    "gap between the `{}` and `{}` bands of metric `{}`: {} ends at {}, {} starts at {}",
                    a.level,
                    b.level,
                    m.id.value,
                    a.level,
                    fmt(from),
                    b.level,
                    fmt(to)
                ),
                format!("make `{}` start where `{}` ends ({})", b.level, a.level, fmt(from)),
            );
        }
    }
}

/// True when two edges leave no gap: equal, or, for counted units (`5`, `3/day`),
/// consecutive integers that both belong to their bands.
fn meets(end: Edge, start: Edge, counted: bool) -> bool {
    let integral = counted && end.value.fract() == 0.0 && start.value.fract() == 0.0;
    end.value == start.value || (integral && end.closed && start.closed && (start.value - end.value).abs() == 1.0)
}

fn interval(band: &BandLit, cx: &mut Ctxt) -> Option<(Edge, Edge)> {
    let inf = |v: f64| Edge { value: v, closed: false };
    let at = |v: f64, closed: bool| Edge { value: v, closed };
    Some(match band {
        BandLit::Compare(op, q) => match op {
            BandOp::Below => (inf(f64::NEG_INFINITY), at(q.value, false)),
            BandOp::AtMost => (inf(f64::NEG_INFINITY), at(q.value, true)),
            BandOp::Exactly => (at(q.value, true), at(q.value, true)),
            BandOp::AtLeast => (at(q.value, true), inf(f64::INFINITY)),
            BandOp::Above => (at(q.value, false), inf(f64::INFINITY)),
        },
        BandLit::Range(lo, hi) => {
            if lo.value >= hi.value {
                cx.error(
                    lo.span,
                    format!("the range {}..{} is empty or reversed", fmt(lo.value), fmt(hi.value)),
                    format!(
                        "write the smaller value first: `{}..{}`",
                        fmt(lo.value.min(hi.value)),
                        fmt(lo.value.max(hi.value))
                    ),
                );
                return None;
            }
            (at(lo.value, true), at(hi.value, true))
        }
    })
}

fn quantities(band: &BandLit) -> Vec<&Quantity> {
    match band {
        BandLit::Compare(_, q) => vec![q],
        BandLit::Range(a, b) => vec![a, b],
    }
}

fn valid_unit(u: &UnitLit, span: Span, cx: &mut Ctxt) -> bool {
    match u {
        UnitLit::Percent => true,
        UnitLit::Suffix(s) if SUFFIXES.contains(&s.as_str()) => true,
        UnitLit::Suffix(s) => {
            cx.error(
                span,
                format!("unknown unit `{s}`"),
                format!("use one of: %, {}, or a rate such as `/day` or `req/s`", SUFFIXES.join(", ")),
            );
            false
        }
        UnitLit::Rate { per, .. } if PERIODS.contains(&per.as_str()) => true,
        UnitLit::Rate { per, .. } => {
            cx.error(span, format!("unknown period `/{per}`"), format!("a rate is per one of: {}", PERIODS.join(", ")));
            false
        }
    }
}

fn show(u: &UnitLit) -> String {
    match u {
        UnitLit::Percent => "%".into(),
        UnitLit::Suffix(s) => s.clone(),
        UnitLit::Rate { noun, per } => format!("{}/{per}", noun.as_deref().unwrap_or("")),
    }
}

fn fmt(v: f64) -> String {
    format!("{v}")
}
