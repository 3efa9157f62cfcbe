//! The lowered model to a `runbook_dsl::Runbook` value.
//!
//! It emits one call of `::runbook_dsl::__private::compiled`: the fields
//! every doc run reads as literals, the whole model as one string in the
//! format of `runbook_model::codec`, and the shared checklist and contacts
//! as the author wrote them. One string literal instead of thousands of
//! tokens of nested struct literals is what keeps a rebuild of many
//! runbooks cheap: rustc has almost nothing to type-check or evaluate. The
//! values are written as source text that the compiler lexes itself; only
//! the author's own tokens (the shared parts, the severities the policy
//! check points at) are passed on as tokens.

extern crate proc_macro;

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use runbook_model::owned::Spec;
use runbook_model::{Severity, Vocabulary};

use crate::ast::Runbook;

pub fn expand(rb: &Runbook, spec: &Spec) -> Result<TokenStream, syn::Error> {
    let bug = |e: String| {
        let span = rb.first_span.unwrap_or_else(proc_macro2::Span::call_site);
        syn::Error::new(span, format!("{e} (a bug in runbook-macros' lowering)"))
    };
    let mut alerts = [0u16; 4];
    for a in &spec.alerts {
        alerts[a.severity.index()] = alerts[a.severity.index()].saturating_add(1);
    }
    let data = runbook_model::codec::encode(spec).map_err(bug)?;
    let hash = runbook_model::hash::words(&data);
    // Every argument that is a value, as source text: the compiler lexes it
    // once into a stream that stays on its side, where tokens built here would
    // each cross the proc-macro bridge (the data literal three times over).
    let mut args = String::with_capacity(data.len() + 256);
    push_string(&mut args, &spec.feature);
    args.push_str(", ::core::file!(), ");
    for text in [&spec.title, &spec.owner] {
        push_string(&mut args, text);
        args.push_str(", ");
    }
    let [p0, p1, p2, p3] = alerts;
    let (y, m, d) = (spec.updated.year, spec.updated.month, spec.updated.day);
    let review = spec.review_every_days;
    let _ = write!(args, "({y}, {m}, {d}), {review}, [{p0}, {p1}, {p2}, {p3}], ");
    push_raw_string(&mut args, &data);
    let _ = write!(args, ", {hash},");
    let args = from_source(&args).ok_or_else(|| bug("the arguments do not lex".into()))?;

    let checklist = rb.checklist.clone().unwrap_or_else(|| quote!(__p::Checklist { title: "", items: &[] }));
    // R9 is checked where the contacts are built (`Contacts::new`), once per const.
    let contacts = rb.contacts.clone().unwrap_or_else(|| quote!(__p::NO_CONTACTS));
    // The policy must map every severity an alert uses. The checks nest in
    // the expression that hands the policy over, `require(require(P, P0),
    // P2)`, one call per severity used, each spanned at the first alert at
    // it: `#[track_caller]` reports a miss at that token, and rustc
    // evaluates them with the runbook's const (an item of their own cost it
    // a body to check and evaluate per runbook).
    let alerting = match &rb.alerting {
        None => quote!(::core::option::Option::None),
        Some(policy) => {
            let mut seen = [false; 4];
            let mut checked = policy.clone();
            // Lowering has already refused a keyword with no variant.
            for s in rb.alerts.iter().flatten().filter_map(|a| a.severity.as_ref()) {
                let Some(index) = Severity::from_keyword(&s.value).map(|v| v.index()) else { continue };
                if !std::mem::replace(&mut seen[index], true) {
                    let variant = proc_macro2::Ident::new(&s.value, s.span);
                    checked = quote_spanned!(s.span=> __p::require_severity(#checked, __p::Severity::#variant));
                }
            }
            quote!(::core::option::Option::Some(#checked))
        }
    };
    // The shared parts keep the author's tokens, so that a wrong name is
    // reported where it is written.
    Ok(quote! {{
        use ::runbook_dsl::__private as __p;
        __p::compiled(#args #checklist, #contacts, #alerting,)
    }})
}

/// `s` as a string literal's source, `"..."`. Only quotes, backslashes and
/// control characters are escaped; the text between them is copied as it is
/// (`str::escape_debug` would send every non-ASCII character through
/// Unicode's printable tables, which dominated expansion time for Japanese
/// runbooks).
fn push_string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Only ASCII needs a look: the one non-ASCII control range, U+0080 to
        // U+009F, is encoded as 0xC2 0x80..=0x9F.
        let (len, escaped) = match b {
            b'"' => (1, Some("\\\"")),
            b'\\' => (1, Some("\\\\")),
            b'\n' => (1, Some("\\n")),
            b'\t' => (1, Some("\\t")),
            0..=0x1f | 0x7f => (1, None),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => (2, None),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[from..i]);
        match escaped {
            Some(e) => out.push_str(e),
            None => {
                let c = s[i..].chars().next().unwrap_or_default();
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
        }
        i += len;
        from = i;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// `s` as a raw string literal's source, `r#"..."#`, with enough `#`s: the
/// data is long and needs no escaping this way, which spares both this
/// crate and rustc's lexer a pass over every character. A carriage return,
/// which a raw string cannot hold, falls back to an escaped literal.
fn push_raw_string(out: &mut String, s: &str) {
    if s.contains('\r') {
        return push_string(out, s);
    }
    // One more `#` than the longest run of them after a quote.
    let hashes = s
        .match_indices('"')
        .map(|(at, _)| s[at + 1..].bytes().take_while(|b| *b == b'#').count() + 1)
        .max()
        .unwrap_or(0);
    out.push('r');
    (0..hashes).for_each(|_| out.push('#'));
    out.push('"');
    out.push_str(s);
    out.push('"');
    (0..hashes).for_each(|_| out.push('#'));
}

/// The tokens whose source is `src`. Inside the compiler, straight from
/// `proc_macro`: proc_macro2's `from_str` first lexes the text once more with
/// its own lexer to validate it, which for the data literal (kilobytes per
/// runbook) cost a tenth of the expansion. `src` is built valid above, and
/// the compiler still lexes it.
fn from_source(src: &str) -> Option<TokenStream> {
    if !proc_macro::is_available() {
        return src.parse().ok();
    }
    let stream: proc_macro::TokenStream = src.parse().ok()?;
    Some(TokenStream::from(stream))
}

#[cfg(test)]
mod tests {
    use super::{push_raw_string, push_string};

    /// The value of the one string literal in `src`.
    fn value(src: String) -> String {
        let parsed: syn::LitStr = syn::parse_str(&src).expect(&src);
        parsed.value()
    }

    #[test]
    fn raw_literals_round_trip() {
        for s in ["plain", "日本語 \"q\" \\n", "a\"#b\"##c", "", "cr\r\nlf", "\u{85}\t"] {
            let mut src = String::new();
            push_raw_string(&mut src, s);
            assert_eq!(value(src), s);
        }
    }

    #[test]
    fn literals_round_trip() {
        for s in ["plain", "日本語", "q\"b\\n\nt\tc\u{1}\u{85}end", "", "\u{7f}"] {
            let mut src = String::new();
            push_string(&mut src, s);
            assert_eq!(value(src), s);
        }
    }
}
