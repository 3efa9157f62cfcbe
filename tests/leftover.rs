//! No output keeps a placeholder: shared by every test file that builds
//! runbooks (`#[path = "leftover.rs"] mod leftover;`), so that each checks
//! its own runbooks.
//!
//! A placeholder of the DSL is `{name}`. In an output, `{name}` is sound only
//! where the author wrote the braces as literal text: escaped in a command
//! (`${{HOME}}`, shown `${HOME}`) or kept verbatim in a var's value
//! (`{{end}}` of a Go template). Both forms are `{{name}}` in the source, the
//! one form a placeholder never has; so every `{name}` of every output must be
//! one that the runbook's source file writes as `{{name}}`. Anything else
//! (a var pasted raw, a text lowering forgot to substitute, an environment's
//! value read where there is none) is a placeholder left behind.

use std::collections::BTreeSet;
use std::path::Path;

use runbook_dsl::{catalog, Document, Runbook};

/// The names the source file of `rb` writes as literal braces, `{{name}}`.
fn escaped_in_source(rb: &Runbook) -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root");
    let path = root.join(rb.source);
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    escaped(&source)
}

/// The names `source` writes between doubled braces, or anywhere inside a
/// `raw("...")` var, whose braces are all literal.
fn escaped(source: &str) -> BTreeSet<String> {
    let doubled = names(source).filter(|&(at, _)| source[..at].ends_with('{')).map(|(_, name)| name.to_string());
    let raw = source.match_indices("raw(\"").flat_map(|(at, open)| {
        let body = &source[at + open.len()..];
        let body = &body[..body.find("\")").unwrap_or(body.len())];
        names(body).map(|(_, name)| name.to_string()).collect::<Vec<_>>()
    });
    doubled.chain(raw).collect()
}

/// Every `{name}` of `text`: its byte offset and the name.
fn names(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.match_indices('{').filter_map(move |(at, _)| {
        let rest = &text[at + 1..];
        let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
        let name = &rest[..len];
        let starts = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        (starts && rest[len..].starts_with('}')).then_some((at, name))
    })
}

/// Every output `rb` renders to: its documents, its rule files and its catalog entry.
fn outputs(rb: &Runbook) -> Vec<Document> {
    let mut all = Vec::from(runbook_dsl::documents(rb));
    all.extend(runbook_dsl::render::rules::documents(rb));
    all.push(catalog::document(&[rb], rb.source));
    all
}

/// Asserts that no output of any of `rbs` holds a `{name}` its source does
/// not write as literal braces; returns how many outputs were read.
pub fn assert_no_placeholder_left(rbs: &[&Runbook]) -> usize {
    let mut read = 0;
    for rb in rbs {
        let allowed = escaped_in_source(rb);
        for doc in outputs(rb) {
            for (at, name) in names(&doc.contents) {
                let line = doc.contents[..at].lines().count().max(1);
                assert!(
                    allowed.contains(name),
                    "{} ({}): `{{{name}}}` left at line {line}: {:?}",
                    doc.path,
                    rb.feature,
                    doc.contents[at.saturating_sub(60)..].chars().take(120).collect::<String>()
                );
            }
            read += 1;
        }
    }
    read
}

/// The check itself, on a source and an output written here: what the
/// source escapes passes, a var pasted raw and an unsubstituted name do not.
#[test]
fn the_check_tells_literal_braces_from_placeholders() {
    assert_eq!(names("a {b} {{c}} ${D_1} {.e} {f g} {9}").map(|(_, n)| n).collect::<Vec<_>>(), ["b", "c", "D_1"]);
    let source = r#"vars { t = "{{range .x}}{{end}}" } "echo ${{HOME}} {unit}""#;
    let allowed = escaped(source);
    let output = "{{range .x}}{{end}} echo ${HOME} orders-{worker} {unit}";
    let left: Vec<&str> = names(output).map(|(_, n)| n).filter(|n| !allowed.contains(*n)).collect();
    assert_eq!(left, ["worker", "unit"]);
    // Inside `raw("...")` every brace is literal; outside it `{end}` is not.
    let source = r#"vars { rows = raw("{range .items[*]}{.x}{end}") } "echo {rows}""#;
    assert!(escaped(source).contains("end") && !escaped(source).contains("rows"));
}
