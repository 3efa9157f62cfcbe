//! R1: a part declared `none("why")` must say why, or the reader of the
//! document learns nothing from its heading.

use crate::ast::*;
use crate::ctxt::Ctxt;

/// Every `none(...)` of the runbook, with the section or part it declares absent.
pub fn declarations(rb: &Runbook) -> Vec<(&'static str, &NotApplicable)> {
    let mut all: Vec<(&'static str, Option<&NotApplicable>)> = vec![
        ("deploy", rb.deploy.as_ref().and_then(|d| d.none.as_ref())),
        ("service", rb.service.as_ref().and_then(|s| s.none.as_ref())),
        ("backup", rb.backup_none.as_ref()),
        ("restore", rb.restore_none.as_ref()),
        ("logs", rb.logs.as_ref().and_then(|l| l.none.as_ref())),
        ("logrotate", rb.logs.as_ref().and_then(|l| l.rotate_none.as_ref())),
    ];
    if let Some(m) = &rb.maintenance {
        all.extend(m.frequencies().map(|(name, _, none)| (name, none.as_ref())));
    }
    all.into_iter().filter_map(|(what, none)| none.map(|n| (what, n))).collect()
}

pub fn reasons(rb: &Runbook, cx: &mut Ctxt) {
    for (what, none) in declarations(rb) {
        if none.reason.value.trim().is_empty() {
            cx.error(
                none.reason.span,
                format!("`{what}` is declared not applicable without a reason"),
                format!("say why `{what}` does not apply here, e.g. `none(\"{}\")`", example(what)),
            );
        }
    }
}

/// A reason of the kind the reader needs, for the `help:` of a blank one.
fn example(what: &str) -> &'static str {
    match what {
        "service" => "runs on Kubernetes: the Deployment's controller starts and stops it",
        "deploy" => "deployed by the platform team's pipeline, see their runbook",
        "backup" | "restore" => "stateless: all data lives in the upstream database",
        "logs" => "logs to journald only, read with journalctl -u",
        "logrotate" => "journald rotates the logs",
        _ => "nothing is due at this frequency",
    }
}
