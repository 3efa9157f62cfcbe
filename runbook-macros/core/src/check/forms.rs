//! Steps that are read, not run: a prose step and a link need a title (or
//! the text would pass for a command), and a link is https only, since the
//! docs are opened by on-call from anywhere.

use super::walk;
use crate::ast::*;
use crate::ctxt::Ctxt;

pub fn steps(rb: &Runbook, cx: &mut Ctxt) {
    walk::all_steps(rb, &mut |step| {
        let (keyword, span) = match step.form {
            StepForm::Command => return,
            StepForm::Prose(span) => ("prose", span),
            StepForm::Link(span) => ("link", span),
        };
        let value = walk::body_lines(&step.body).first().map(|t| (t.value.as_str(), t.span));
        if step.title.is_none() {
            let text = value.map_or("", |(v, _)| v);
            cx.error(
                span,
                format!("a `{keyword}` step needs a title"),
                match keyword {
                    "link" => format!("name what the link opens: `\"Upstream guide\" => link(\"{text}\")`"),
                    _ => format!("write `\"What to do\" => prose(\"{text}\")`"),
                },
            );
        }
        if let (StepForm::Link(_), Some((url, at))) = (&step.form, value) {
            if let Some(problem) = bad_url(url) {
                let help = match url.split_once("://") {
                    // Plain http, or the host written without a scheme: the same address over https.
                    Some(("http", rest)) => format!("write `link(\"https://{rest}\")`"),
                    None if !url.contains(':') && url.contains('.') => format!("write `link(\"https://{url}\")`"),
                    _ => "link to an https page instead, e.g. `link(\"https://example.com/docs\")`".to_string(),
                };
                cx.error(at, format!("link `{url}` {problem}"), help);
            }
        }
    });
}

/// Why `url` cannot be a link of the docs, if it cannot.
fn bad_url(url: &str) -> Option<&'static str> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Some("is not an https URL: only `https://` links are rendered");
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() {
        return Some("has no host");
    }
    if url.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"')) {
        return Some("holds a space, quote or angle bracket: it would end the link early");
    }
    None
}
