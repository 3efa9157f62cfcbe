//! R13 on each literal of `alerting!`: the rules of `runbook_model::policy`,
//! each error at the literal that breaks one, its `help:` built from it.

use proc_macro2::Span;
use runbook_model::contacts::blank;
use runbook_model::policy::{base_url_fault, label_byte, label_fault, LabelFault, UrlFault};
use runbook_model::{Response, Severity, Vocabulary};
use syn::Ident;

use super::{BaseUrl, Input, Respond};
use crate::ctxt::Ctxt;

/// The slot of a severity keyword, `P0` to `P3`.
pub fn index(severity: &Ident) -> Option<usize> {
    Severity::from_keyword(&severity.to_string()).map(|s| s.index())
}

pub fn check(input: &Input, cx: &mut Ctxt) {
    // Every rule's `runbook_url` starts with it: a policy without one cannot link an alert.
    match &input.base_url {
        None => cx.error(
            Span::call_site(),
            "the alerting policy has no `base_url:`",
            "add where the docs are published, e.g. `base_url: \"https://github.com/org/runbooks/blob/main/\",`",
        ),
        Some(BaseUrl::Literal(url)) => {
            if let Some(fault) = base_url_fault(&url.value) {
                let (what, help) = url_help(&url.value, fault);
                cx.error(url.span, what, help);
            }
        }
        // Checked where that policy was written, or by `__private::base_url`
        // when rustc evaluates the const.
        Some(BaseUrl::Policy(_) | BaseUrl::Path(_)) => {}
    }
    let mut seen = [false; 4];
    for m in &input.mappings {
        let Some(i) = index(&m.severity) else { continue };
        // Two lines for one severity would leave one of them unused, silently.
        if std::mem::replace(&mut seen[i], true) {
            cx.error(m.severity.span(), format!("`{}` is mapped twice", m.severity), "keep one line per severity");
        }
        match label_fault(&m.label.value) {
            None => {}
            Some(LabelFault::Empty) => cx.error(
                m.label.span,
                "the label is empty",
                "write the value of the rule's `severity` label that Alertmanager routes on, e.g. `\"critical\"`",
            ),
            Some(LabelFault::Character) => {
                let meant: String =
                    m.label.value.bytes().map(|b| if label_byte(b) { char::from(b) } else { '_' }).collect();
                cx.error(
                    m.label.span,
                    "the label holds a character other than ASCII letters, digits, `_` and `-`",
                    format!("Alertmanager routes match it as it is: write `\"{}\"`", meant.trim_matches('_')),
                );
            }
        }
        // The alerts at this severity take these when they say nothing: both are needed.
        match &m.respond {
            None => cx.error(
                m.severity.span(),
                format!("`{}` has no `respond`", m.severity),
                "add how fast its alerts are answered: `respond 30min` (or `immediately`, `4h`, `1d`, `2bd`)",
            ),
            Some(Respond::Immediately) => {}
            Some(Respond::Within(d)) if Response::within(&d.unit, d.amount).is_none() => cx.error(
                d.span,
                format!("an answer is not given in `{}`", d.unit),
                "write the time in `min`, `h`, `d` or `bd` (business days), or `respond immediately`",
            ),
            // A zero time reads as a typo for `immediately` and renders as "within 0 minutes".
            Some(Respond::Within(d)) if d.amount == 0 => {
                cx.error(d.span, "a response time of zero", "write `respond immediately`")
            }
            Some(Respond::Within(_)) => {}
        }
        match &m.by {
            None => cx.error(
                m.severity.span(),
                format!("`{}` has no `by`", m.severity),
                "add who answers its alerts: `by \"On-call engineer\"`",
            ),
            Some(by) if blank(&by.value) => {
                cx.error(by.span, "the responder is empty", "write who answers: `by \"On-call engineer\"`")
            }
            Some(_) => {}
        }
    }
}

/// The error and its help for a broken base URL, built from what was written.
fn url_help(url: &str, fault: UrlFault) -> (String, String) {
    let example = "https://github.com/org/runbooks/blob/main/";
    match fault {
        UrlFault::NotHttps => {
            let help = match url.strip_prefix("http://") {
                Some(rest) if !rest.is_empty() => format!("rules link over https: `\"https://{rest}\"`"),
                _ => format!("write the https URL the docs are published under, e.g. `\"{example}\"`"),
            };
            ("the base URL is not `https://host/...`".into(), help)
        }
        UrlFault::NoSlash => (
            "the base URL does not end with `/`".into(),
            format!("each `runbook_url` is it followed by the document's path: write `\"{url}/\"`"),
        ),
        UrlFault::Character => {
            let bad = url.chars().find(|c| !c.is_ascii_graphic() || matches!(c, '"' | '<' | '>' | '\\')).unwrap_or(' ');
            let help = if bad.is_ascii() {
                format!(
                    "it is written into YAML and Markdown as it is: percent-encode `{}` as `%{:02X}`",
                    bad.escape_default(),
                    u32::from(bad)
                )
            } else {
                "it is written into YAML and Markdown as it is: write a host outside ASCII in its `xn--` form and percent-encode the path".into()
            };
            (format!("the base URL holds `{}`", bad.escape_default()), help)
        }
    }
}
