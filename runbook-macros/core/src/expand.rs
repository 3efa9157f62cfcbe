//! A checked runbook to a `runbook_dsl::Runbook` value.
//!
//! Expansion runs only on a runbook that passed every check, so it does not
//! report errors. It emits one call of `::runbook_dsl::__private::compiled`:
//! the fields every doc run reads as literals, the rest of the runbook as one
//! string in the format of `wire`, and the shared checklist and contacts as
//! the author wrote them. One string literal instead of thousands of tokens
//! of nested struct literals is what keeps a rebuild of many runbooks cheap:
//! rustc has almost nothing to type-check or evaluate.

mod wire;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ast::*;
use crate::scope::Scope;

pub fn expand(rb: &Runbook, scope: &Scope) -> TokenStream {
    let feature = lit(rb.feature.as_ref().map_or("", |f| f.value.as_str()));
    let prose = |t: Option<&Text>| lit(&t.map(|t| scope.substitute(&t.value, None)).unwrap_or_default());
    let (title, owner) = (prose(rb.title.as_ref()), prose(rb.owner.as_ref()));
    let (y, m, d) = rb.updated.map_or((2000, 1, 1), |d| (d.year as u16, d.month as u8, d.day as u8));
    let review =
        rb.review_every.as_ref().map_or(90, |r| if r.unit == "w" { r.amount.saturating_mul(7) } else { r.amount });
    let mut alerts = [0u16; 4];
    for a in rb.alerts.iter().flatten() {
        let i = usize::from(wire::severity(a) as u8 - b'0');
        alerts[i] = alerts[i].saturating_add(1);
    }
    let [p0, p1, p2, p3] = alerts;
    let data = wire::data(rb, scope);
    let hash = fnv(&data);
    let data = raw_lit(&data);
    let checklist = rb.checklist.clone().unwrap_or_else(|| quote!(__p::Checklist { title: "", items: &[] }));
    // R9 is checked where the contacts are built (`Contacts::new`), once per const.
    let contacts = rb.contacts.clone().unwrap_or_else(|| quote!(__p::NO_CONTACTS));
    quote! {{
        use ::runbook_dsl::__private as __p;
        __p::compiled(
            #feature, ::core::file!(), #title, #owner, (#y, #m, #d), #review, [#p0, #p1, #p2, #p3],
            #data, #hash, #checklist, #contacts,
        )
    }}
}

/// FNV-1a, 64 bits, of the data: the runbook's part of its documents' input hash.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// A string literal token. `Literal::string` escapes every non-ASCII character
/// through Unicode's printable tables, which dominated expansion time for
/// Japanese runbooks; only quotes, backslashes and control characters need
/// it, and the text between them is copied as it is.
fn lit(s: &str) -> Literal {
    let mut out = String::with_capacity(s.len() + 16);
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
    out.parse().unwrap_or_else(|_| Literal::string(s))
}

/// A raw string literal, `r#"..."#`, with enough `#`s: the data is long and
/// needs no escaping this way, which spares both this crate and rustc's
/// lexer a pass over every character. A carriage return, which a raw string
/// cannot hold, falls back to an escaped literal.
fn raw_lit(s: &str) -> Literal {
    if s.contains('\r') {
        return lit(s);
    }
    // One more `#` than the longest run of them after a quote.
    let hashes = s
        .match_indices('"')
        .map(|(at, _)| s[at + 1..].bytes().take_while(|b| *b == b'#').count() + 1)
        .max()
        .unwrap_or(0);
    let fence = "#".repeat(hashes);
    let mut out = String::with_capacity(s.len() + 2 * hashes + 3);
    out.push('r');
    out.push_str(&fence);
    out.push('"');
    out.push_str(s);
    out.push('"');
    out.push_str(&fence);
    out.parse().unwrap_or_else(|_| lit(s))
}

#[cfg(test)]
mod tests {
    use super::{lit, raw_lit};

    #[test]
    fn raw_literals_round_trip() {
        for s in ["plain", "日本語 \"q\" \\n", "a\"#b\"##c", "", "cr\r\nlf", "\u{85}\t"] {
            let tokens = proc_macro2::TokenStream::from(proc_macro2::TokenTree::Literal(raw_lit(s)));
            let parsed: syn::LitStr = syn::parse2(tokens).expect(s);
            assert_eq!(parsed.value(), s);
        }
    }

    #[test]
    fn literals_round_trip() {
        for s in ["plain", "日本語", "q\"b\\n\nt\tc\u{1}\u{85}end", "", "\u{7f}"] {
            let tokens = proc_macro2::TokenStream::from(proc_macro2::TokenTree::Literal(lit(s)));
            let parsed: syn::LitStr = syn::parse2(tokens).expect(s);
            assert_eq!(parsed.value(), s);
        }
    }
}
