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
    let (reader, words): (&str, &[&str]) = match f.kind {
        LogKind::Container => ("kubectl logs", &["kubectl", "logs"]),
        LogKind::Journald => ("journalctl -u", &["journalctl", "-u", "--unit"]),
        LogKind::File => return,
    };
    // The reader's own words at the start of the source, and what follows them.
    let mut rest = f.path.value.trim_start();
    let mut repeated = None;
    while let Some(word) = words.iter().find(|w| rest.starts_with(**w) && rest[w.len()..].starts_with([' ', '='])) {
        repeated.get_or_insert(*word);
        rest = rest[word.len() + 1..].trim_start();
    }
    if let Some(word) = repeated {
        cx.error(
            f.path.span,
            format!("the docs read this log with `{reader} {}`: `{word}` is written twice", f.path.value.trim()),
            format!("write only what follows `{reader}`: `\"{rest}\"`"),
        );
    }
}
