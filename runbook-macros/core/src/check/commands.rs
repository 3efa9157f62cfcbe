//! R10: a command in the docs is one that works: not empty, no placeholder
//! text, quotes and brackets balanced, and a destructive command (see
//! `effects`) only with `danger("why")`, a reason the docs then show above it.
//!
//! Commands are checked as they will be shown: after substitution, in every
//! environment, so a var holding `<db-host>` is caught too.

use crate::ast::*;
use crate::ctxt::Ctxt;
use std::borrow::Cow;

use crate::scope::{has_braces, Scope};

use super::effects::{self, Effect};
use super::shell;
use super::walk;

/// Words that mark an unfinished command.
const PLACEHOLDER_WORDS: &[&str] = &["TODO", "TBD", "FIXME"];

pub fn lint(rb: &Runbook, scope: &Scope, cx: &mut Ctxt) {
    walk::all_steps(rb, &mut |step| {
        if let Some(reason) = step.danger.as_ref().filter(|d| d.value.trim().is_empty()) {
            empty_reason(step, reason, scope, cx);
        }
        if step.edit.is_some() || !step.form.is_command() {
            // Configuration lines, prose or a link: not commands.
            return;
        }
        let has_danger = step.danger.is_some();
        // A per-member step is read as each member's block shows it.
        let members = super::members::of(rb, step);
        match &step.body {
            StepBody::Lines(lines) if members.is_empty() => {
                for line in lines {
                    for shown in shown_texts(scope, &line.value, None) {
                        if !command(line, &shown, has_danger, cx) {
                            break;
                        }
                    }
                }
            }
            StepBody::Lines(lines) => {
                for line in lines {
                    // One error per line, whichever member or environment shows it.
                    'line: for m in &members {
                        let raw = crate::lower::members::substitute(&line.value, m);
                        for shown in shown_texts(scope, &raw, None) {
                            if !command(line, &shown, has_danger, cx) {
                                break 'line;
                            }
                        }
                    }
                }
            }
            StepBody::PerEnv(envs) => {
                for e in envs {
                    let env = scope.envs.iter().position(|s| s.id == e.env.value);
                    for line in &e.lines {
                        let shown = shown_texts(scope, &line.value, env.or(Some(usize::MAX)));
                        if let Some(text) = shown.first() {
                            command(line, text, has_danger, cx);
                        }
                    }
                }
            }
        }
    });
}

/// The text as each environment will see it (one text when all agree).
fn shown_texts<'t>(scope: &Scope, raw: &'t str, env: Option<usize>) -> Vec<Cow<'t, str>> {
    let mut out: Vec<Cow<str>> = match env {
        Some(i) if i < scope.envs.len() => vec![scope.substitute(raw, Some(i))],
        Some(_) => vec![scope.substitute(raw, None)],
        None if scope.envs.is_empty() => vec![scope.substitute(raw, None)],
        // Without a placeholder, every environment sees the text as written.
        None if !has_braces(raw) => vec![Cow::Borrowed(raw)],
        None => (0..scope.envs.len()).map(|i| scope.substitute(raw, Some(i))).collect(),
    };
    out.dedup();
    out
}

/// Checks one shown command; false when it reported an error.
fn command(text: &Text, cmd: &str, has_danger: bool, cx: &mut Ctxt) -> bool {
    let mut fail = |message: String, help: &str| {
        cx.error(text.span, message, help);
        false
    };
    if cmd.trim().is_empty() {
        return fail("empty command".into(), "write the command, or remove the step");
    }
    if let Some(marker) = placeholder_text(cmd) {
        return fail(
            format!("command contains placeholder text `{marker}`"),
            "write the real command; on-call engineers paste it as it is",
        );
    }
    if let Some(angle) = angle_placeholder(cmd) {
        return fail(
            format!("command contains the placeholder `{angle}`"),
            "write the real value, or a shell variable such as `\"$BACKUP_FILE\"` set by an earlier step",
        );
    }
    if let Err(e) = shell::balance(cmd) {
        let near: String = cmd.get(e.at..).unwrap_or_default().chars().take(24).collect();
        return fail(
            format!("unbalanced command: {} (at `{near}`)", e.what),
            "close it; to show a literal brace or quote, escape it for the shell",
        );
    }
    if !has_danger {
        if let Some(found) = effects::classify(cmd) {
            return fail(
                format!(
                    "destructive command without a warning: `{}` {}{}",
                    found.shown,
                    found.reason,
                    class(found.effect)
                ),
                &format!(
                    "{}write the warning before the command: `danger(\"{}\") {}`; the docs show it above the command",
                    appending(&found),
                    found.reason,
                    quoted(&text.value)
                ),
            );
        }
    }
    true
}

/// For a file written anew, the way to add to it instead, the usual intent.
fn appending(found: &effects::Finding) -> &'static str {
    match found.effect {
        Effect::Overwrites if found.shown.starts_with("> ") => "to add to the file, append with `>>`; to replace it, ",
        Effect::Overwrites if found.shown.starts_with("tee ") => {
            "to add to the file, append with `tee -a`; to replace it, "
        }
        Effect::Deletes | Effect::Overwrites | Effect::Truncates | Effect::StopsService | Effect::Irreversible => "",
    }
}

/// The effect's class where the reason alone may not say it.
fn class(effect: Effect) -> String {
    match effect {
        Effect::Deletes | Effect::Overwrites | Effect::Truncates => String::new(),
        Effect::StopsService | Effect::Irreversible => format!(" ({})", effect.describe()),
    }
}

/// `danger("")`: a warning that says nothing is no warning.
fn empty_reason(step: &StepDef, reason: &Text, scope: &Scope, cx: &mut Ctxt) {
    let found = walk::body_lines(&step.body)
        .into_iter()
        .find_map(|line| effects::classify(&scope.substitute(&line.value, None)));
    let help = match found {
        Some(f) => format!("say what the command destroys, e.g. `danger(\"{}\")`", f.reason),
        None => "say what the command destroys, e.g. `danger(\"overwrites the live database\")`; without a danger, remove `danger(...)`".to_string(),
    };
    cx.error(reason.span, "the `danger` reason is empty", help);
}

/// The command as a string literal in the help, shortened to its first line.
fn quoted(cmd: &str) -> String {
    let line = cmd.lines().next().unwrap_or_default();
    let short: String = line.chars().take(60).collect();
    let more = if short.len() < cmd.len() { " ..." } else { "" };
    format!("\"{}{more}\"", short.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `TODO`, `TBD` or `FIXME` as a word, or `...` standing alone (not `a...b` nor `Waiting...`).
fn placeholder_text(cmd: &str) -> Option<&'static str> {
    // One pass for any of the markers at all: most commands have none.
    let b = cmd.as_bytes();
    let at = |i: usize, m: &[u8]| b[i..].starts_with(m);
    if !(0..b.len()).any(|i| match b[i] {
        b'T' => at(i, b"TODO") || at(i, b"TBD"),
        b'F' => at(i, b"FIXME"),
        b'.' => at(i, b"..."),
        _ => false,
    }) {
        return None;
    }
    let words = cmd.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'));
    for w in words {
        if let Some(m) = PLACEHOLDER_WORDS.iter().find(|m| w.trim_matches('.') == **m) {
            return Some(m);
        }
    }
    cmd.split_whitespace().any(|w| w.trim_matches(|c| matches!(c, '"' | '\'' | '[' | ']')) == "...").then_some("...")
}

/// `<word>` outside quotes, e.g. `<PID>` or `<db-host>`; not a redirection or here-document.
fn angle_placeholder(s: &str) -> Option<&str> {
    let bytes = s.as_bytes();
    // Most commands hold no `<` at all: one search, not a walk through their quotes.
    if !bytes.contains(&b'<') {
        return None;
    }
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'\'' || c == b'"' => quote = Some(c),
            None if c == b'\\' => i += 1,
            None if c == b'<' && bytes.get(i + 1) != Some(&b'<') && (i == 0 || bytes[i - 1] != b'<') => {
                let rest = &s[i + 1..];
                if let Some(end) = rest.find('>') {
                    let inner = &rest[..end];
                    if !inner.is_empty() && inner.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')) {
                        return Some(&s[i..i + end + 2]);
                    }
                }
            }
            None => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{angle_placeholder, placeholder_text};

    #[test]
    fn placeholder_text_is_a_word() {
        assert_eq!(placeholder_text("TODO: restart"), Some("TODO"));
        assert_eq!(placeholder_text("systemctl ..."), Some("..."));
        assert_eq!(placeholder_text("mktemp /tmp/backup.XXXXXX"), None);
        assert_eq!(placeholder_text("git diff main...HEAD"), None);
        assert_eq!(placeholder_text("echo \"Waiting...\""), None);
        assert_eq!(placeholder_text("echo TODOS"), None);
    }

    #[test]
    fn angle_placeholders_but_not_redirections_or_quoted_text() {
        assert_eq!(angle_placeholder("kill <PID>"), Some("<PID>"));
        assert_eq!(angle_placeholder("psql -h <db-host>"), Some("<db-host>"));
        assert_eq!(angle_placeholder("cat <<'EOF'"), None);
        assert_eq!(angle_placeholder("sort < in > out"), None);
        assert_eq!(angle_placeholder("grep '<title>' page.html"), None);
        assert_eq!(angle_placeholder("echo \"<ok>\""), None);
    }
}
