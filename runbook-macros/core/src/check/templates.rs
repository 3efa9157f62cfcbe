//! R6: a Go template pasted into a command keeps its double braces.
//!
//! In a command `{{` is one literal `{`, so `docker ps --format '{{.Names}}'`
//! would be shown (and run) as `--format '{.Names}'`, which Go's template
//! engine prints verbatim instead of filling in. A jsonpath is the one
//! brace syntax that wants the single braces (`jsonpath='{{.items}}'` shows
//! `{.items}`), so a `{{` action in a word that names jsonpath is left alone.

use crate::ast::*;
use crate::ctxt::Ctxt;

use super::walk::{self, Kind};

pub fn go_templates(rb: &Runbook, cx: &mut Ctxt) {
    walk::texts(rb, &mut |text, kind| {
        if !matches!(kind, Kind::Command | Kind::Config) || !text.value.contains("{{") {
            return;
        }
        if let Some(action) = first_action(&text.value) {
            let doubled = action.replace('{', "{{").replace('}', "}}");
            let shown = action.replacen("{{", "{", 1).replacen("}}", "}", 1);
            cx.error(
                text.span,
                format!(
                    "`{action}` is a Go template action, but in a command `{{{{` is one literal `{{`: the docs would show `{shown}`, which the template engine prints as it is"
                ),
                format!(
                    "write `{doubled}` (each brace doubled), or put the template in a var, whose braces stay as written (`format = \"{action}\"`), and use `{{format}}`"
                ),
            );
        }
    });
}

/// The first `{{ ... }}` of `s` that reads as a Go template action written
/// with the DSL's escape instead of four braces, outside a jsonpath.
fn first_action(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(at) = s[i..].find("{{").map(|n| n + i) {
        // `{{{{` is a literal `{{`: the author wrote the template right.
        if s[at..].starts_with("{{{{") {
            i = at + s[at..].bytes().take_while(|&c| c == b'{').count();
            continue;
        }
        i = at + 2;
        // `${{HOME}}` is the shell's `${HOME}`.
        if at > 0 && b[at - 1] == b'$' {
            continue;
        }
        let Some(len) = s[at + 2..].find("}}") else { continue };
        let inner = &s[at + 2..at + 2 + len];
        if is_action(inner) && !in_jsonpath(s, at) {
            return Some(&s[at..at + 2 + len + 2]);
        }
    }
    None
}

/// `.Names`, `$x`, `range .items`, `end`, `json .`: what Go's templates
/// open an action with, and what no shell, awk or jq program writes after `{`.
fn is_action(inner: &str) -> bool {
    let t = inner.trim_start_matches('-').trim();
    let starts_path = |r: &str| r.starts_with('.') || r.starts_with('$');
    if let Some(rest) = t.strip_prefix('.') {
        // `{{.}}`, `{{.Names}}`, `{{.State.Status}}`.
        return rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    }
    if t.starts_with('$') {
        return t.len() > 1;
    }
    if matches!(t, "end" | "else") {
        return true;
    }
    const WORDS: &[&str] = &["range", "if", "with", "else if", "template", "block", "define", "json", "index", "len"];
    WORDS
        .iter()
        .any(|w| t.strip_prefix(w).and_then(|r| r.strip_prefix(' ')).is_some_and(|r| starts_path(r.trim_start())))
}

/// True when the shell argument holding byte `at` (quotes taken into
/// account), or the one before it, names jsonpath: `-o jsonpath='{{...}}'`,
/// `--output=jsonpath={{...}}`, `-o 'jsonpath={{...}}'`.
fn in_jsonpath(s: &str, at: usize) -> bool {
    // Where the current and the previous argument start.
    let (mut current, mut previous) = (0, 0);
    let mut quote: Option<u8> = None;
    let mut gap = false;
    for (i, &c) in s.as_bytes()[..at].iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'\'' | b'"') => quote = Some(c),
            (None, b' ' | b'\t' | b'\n') => gap = true,
            (None, _) if gap => {
                gap = false;
                previous = current;
                current = i;
            }
            (None, _) => {}
        }
    }
    let names = |w: &str| w.to_ascii_lowercase().contains("jsonpath");
    names(&s[current..at]) || names(&s[previous..current])
}

#[cfg(test)]
mod tests {
    use super::first_action;

    #[test]
    fn go_template_actions_are_found() {
        for (s, found) in [
            ("docker ps --format '{{.Names}}'", Some("{{.Names}}")),
            ("docker inspect -f '{{.State.Status}}' app", Some("{{.State.Status}}")),
            ("kubectl get pods -o go-template='{{range .items}}{{.metadata.name}} {{end}}'", Some("{{range .items}}")),
            ("helm template x --set a={{ .Values.a }}", Some("{{ .Values.a }}")),
            ("docker network inspect n -f '{{json .}}'", Some("{{json .}}")),
            ("echo '{{- $x := 1 -}}'", Some("{{- $x := 1 -}}")),
        ] {
            assert_eq!(first_action(s), found, "{s}");
        }
    }

    #[test]
    fn escapes_jsonpath_shells_and_awk_pass() {
        for s in [
            "docker ps --format '{{{{.Names}}}}'",
            "kubectl get pod p -o jsonpath='{{.status.phase}}'",
            "kubectl get pods -o jsonpath='{{range .items[*]}}{{.metadata.name}}{{end}}'",
            "kubectl get pods --output=jsonpath={{.items[0].metadata.name}}",
            "kubectl get pods -o 'jsonpath={{.items}}'",
            "echo ${{HOME}}",
            "awk '{{print $1}}' /var/log/app.log",
            "awk '{{if ($3 > 100) print}}' f",
            "awk '{{printf \"%s\\n\", $1}}' f",
            "jq '{{name: .name}}' f.json",
            "find . -exec echo {{}} ;",
        ] {
            assert_eq!(first_action(s), None, "{s}");
        }
    }
}
