//! R8: `see` names a troubleshooting entry, `when` a metric band; P0 and P1 alerts have a `see`.

use crate::ast::*;
use crate::ctxt::Ctxt;
use crate::parse::unknown;

pub fn references(rb: &Runbook, cx: &mut Ctxt) {
    let entries: Vec<&str> = rb.troubleshooting.iter().flatten().map(|e| e.id.value.as_str()).collect();
    let metrics: Vec<&MetricDef> = rb.monitoring.iter().flatten().flat_map(|g| &g.metrics).collect();
    let metric_ids: Vec<&str> = metrics.iter().map(|m| m.id.value.as_str()).collect();
    // A section that failed to parse was reported already; its ids are unknown, not absent.
    let (entries_known, metrics_known) = (rb.troubleshooting.is_some(), rb.monitoring.is_some());
    for a in rb.alerts.iter().flatten() {
        if !entries_known {
        } else if let Some(see) = &a.see {
            if !entries.contains(&see.value.as_str()) {
                cx.push(unknown(see, "troubleshooting entry", &entries));
            }
        } else if a.severity.as_ref().is_some_and(|s| s.value == "P0" || s.value == "P1") {
            let sev = a.severity.as_ref().map(|s| s.value.as_str()).unwrap_or_default();
            cx.error(
                a.id.span,
                format!("{sev} alert `{}` does not say where its fix is", a.id.value),
                format!("add `see <entry>`, one of: {}", entries.join(", ")),
            );
        }
        let Some((metric, level)) = a.when.as_ref().filter(|_| metrics_known) else { continue };
        let Some(m) = metrics.iter().find(|m| m.id.value == metric.value) else {
            cx.push(unknown(metric, "metric", &metric_ids));
            continue;
        };
        if !["warning", "critical"].contains(&level.value.as_str()) {
            cx.push(unknown(level, "alert level", &["warning", "critical"]));
        } else if !m.bands.iter().any(|(l, _)| l.value == level.value) {
            cx.error(
                level.span,
                format!("metric `{}` has no `{}` band", m.id.value, level.value),
                format!("add a `{}` band to `{}` or fire on another level", level.value, m.id.value),
            );
        }
    }
}
