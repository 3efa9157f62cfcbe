//! Log sources: logrotate rotates files, so a policy needs a log file.

use crate::ast::*;
use crate::ctxt::Ctxt;

pub fn sources(rb: &Runbook, cx: &mut Ctxt) {
    let Some(l) = &rb.logs else { return };
    let Some(r) = &l.rotate else { return };
    if l.files.is_empty() || l.files.iter().any(|f| f.kind == LogKind::File) {
        return;
    }
    let reason = if l.files.iter().any(|f| f.kind == LogKind::Journald) {
        "journald rotates the journal"
    } else {
        "the container runtime rotates container logs"
    };
    cx.error(
        r.keyword,
        "a logrotate policy, but no log is a file: logrotate rotates files only",
        format!("write `logrotate none(\"{reason}\");` instead of the policy, or add the log file it rotates"),
    );
}
