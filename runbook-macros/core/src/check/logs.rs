//! Log sources: each is what its reader command takes, and logrotate
//! rotates files, so a policy needs a log file.

use crate::ast::*;
use crate::ctxt::Ctxt;

pub fn sources(rb: &Runbook, cx: &mut Ctxt) {
    let Some(l) = &rb.logs else { return };
    for f in &l.files {
        readers_arguments(f, cx);
    }
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

/// A source is the arguments of the command the docs build around it
/// (`kubectl logs <source>`, `journalctl -u <unit>`): the command written
/// out again would be shown twice, `kubectl logs kubectl logs ...`.
fn readers_arguments(f: &LogFileDef, cx: &mut Ctxt) {
    let source = f.path.value.trim_start();
    let (reader, prefixes): (&str, &[&str]) = match f.kind {
        LogKind::Container => ("kubectl logs", &["kubectl ", "logs "]),
        LogKind::Journald => ("journalctl -u", &["journalctl ", "-u ", "--unit"]),
        LogKind::File => return,
    };
    if let Some(prefix) = prefixes.iter().find(|p| source.starts_with(**p)) {
        let rest = source[prefix.len()..].trim_start();
        let rest = rest.strip_prefix("logs ").or_else(|| rest.strip_prefix("-u ")).unwrap_or(rest).trim_start();
        cx.error(
            f.path.span,
            format!("the docs read this log with `{reader} {source}`: `{}` is written twice", prefix.trim()),
            format!("write only what follows `{reader}`: `\"{rest}\"`"),
        );
    }
}
