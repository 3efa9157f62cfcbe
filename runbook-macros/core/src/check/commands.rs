//! R10: commands are non-empty and free of placeholder text.

use crate::ast::*;
use crate::ctxt::Ctxt;

use super::walk::{self, Kind};

/// Text that marks an unfinished command.
const PLACEHOLDER_TEXT: &[&str] = &["TODO", "TBD", "FIXME", "XXX", "..."];

pub fn lint(rb: &Runbook, cx: &mut Ctxt) {
    walk::texts(rb, &mut |text, kind| {
        if kind != Kind::Command {
            return;
        }
        if text.value.trim().is_empty() {
            cx.error(text.span, "empty command", "write the command, or remove the step");
            return;
        }
        for marker in PLACEHOLDER_TEXT {
            if text.value.contains(marker) {
                cx.error(
                    text.span,
                    format!("command contains placeholder text `{marker}`"),
                    "write the real command; on-call engineers paste it as it is",
                );
                return;
            }
        }
        if let Some(angle) = angle_placeholder(&text.value) {
            cx.error(
                text.span,
                format!("command contains the placeholder `{angle}`"),
                "write the real value, or a shell variable such as `\"$BACKUP_FILE\"` set by an earlier step",
            );
        }
    });
}

/// `<something>` with no space or shell redirection inside, e.g. `<PID>`.
fn angle_placeholder(s: &str) -> Option<&str> {
    let start = s.find('<')?;
    let rest = &s[start + 1..];
    let end = rest.find('>')?;
    let inner = &rest[..end];
    let looks_like_word =
        !inner.is_empty() && inner.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.');
    looks_like_word.then(|| &s[start..start + end + 2])
}
