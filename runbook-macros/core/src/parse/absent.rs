//! `none("why")`: a section or part that does not apply to the service,
//! declared with the author's reason instead of invented content.

use syn::parenthesized;
use syn::parse::ParseStream;

use super::comma;
use super::values::{name, text};
use crate::ast::NotApplicable;

/// True when `none(` follows, or a bare `none` (reported by `parse`: it needs its reason).
pub fn peek(input: ParseStream) -> bool {
    let Some((word, rest)) = input.cursor().ident() else { return false };
    // Bare: the end, a separator or the next key (`daily none weekly { ... }`).
    let bare =
        rest.eof() || rest.ident().is_some() || rest.punct().is_some_and(|(p, _)| matches!(p.as_char(), ';' | ','));
    word == "none" && (input.peek2(syn::token::Paren) || bare)
}

/// `none("why")`, the keyword already peeked.
pub fn parse(input: ParseStream) -> syn::Result<NotApplicable> {
    let keyword = name(input)?;
    if !input.peek(syn::token::Paren) {
        return Err(syn::Error::new(
            keyword.span,
            "`none` says why the part does not apply\nhelp: write `none(\"why this does not apply\")`",
        ));
    }
    let content;
    parenthesized!(content in input);
    let reason = text(&content).map_err(|e| {
        syn::Error::new(e.span(), "expected the reason as a string\nhelp: write `none(\"why this does not apply\")`")
    })?;
    if !content.is_empty() {
        return Err(content.error("expected one string\nhelp: write `none(\"why this does not apply\")`"));
    }
    Ok(NotApplicable { reason })
}

/// A whole section written as `{ none("why") }`: nothing may follow the declaration.
pub fn whole(input: ParseStream, section: &str) -> syn::Result<Option<NotApplicable>> {
    if !peek(input) {
        return Ok(None);
    }
    let none = parse(input)?;
    comma(input)?;
    if !input.is_empty() {
        return Err(syn::Error::new(
            input.span(),
            format!(
                "`{section} {{ none(...) }}` declares that the section does not apply; nothing may follow it\nhelp: remove `none(\"{}\")`, or everything after it",
                none.reason.value
            ),
        ));
    }
    Ok(Some(none))
}
