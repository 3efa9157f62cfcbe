//! A top-level key written inside a section (`contacts: X` in `alerts`,
//! `troubleshooting { ... }` in `maintenance`): reported where it is, with
//! the section it was found in, and parsed as the top-level item it is, so
//! that it is not also reported missing.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};

use super::{braces, item, sections, FIELDS, SECTIONS};
use crate::ast::{Name, Runbook};

/// Sections whose top-level names are ids the author chooses, followed by `{`.
const ID_BRACES: &[&str] = &["environments", "members", "architecture"];

/// The positions of the top-level keys among `tokens`, and where each item ends.
pub fn positions(tokens: TokenStream) -> impl Iterator<Item = (usize, usize)> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let end = match (&tokens[i], tokens.get(i + 1), tokens.get(i + 2)) {
            // `key: value`, not the `::` of a path.
            (TokenTree::Ident(id), Some(TokenTree::Punct(p)), next)
                if p.as_char() == ':'
                    && FIELDS.contains(&id.to_string().as_str())
                    && !matches!(next, Some(TokenTree::Punct(q)) if q.as_char() == ':') =>
            {
                // The value runs to the next `,` or `;`.
                let mut j = i + 2;
                while j < tokens.len() && !matches!(&tokens[j], TokenTree::Punct(p) if matches!(p.as_char(), ',' | ';'))
                {
                    j += 1;
                }
                Some((j + 1).min(tokens.len()))
            }
            (TokenTree::Ident(id), Some(TokenTree::Group(g)), _)
                if g.delimiter() == Delimiter::Brace && SECTIONS.contains(&id.to_string().as_str()) =>
            {
                Some(i + 2)
            }
            _ => None,
        };
        match end {
            Some(end) => {
                found.push((i, end));
                i = end;
            }
            None => i += 1,
        }
    }
    found.into_iter()
}

/// Parses `key { ... }` whose braces hold top-level items: the items are
/// reported and parsed as top-level ones, the rest as the section.
pub fn section(group: Group, key: &Name, rb: &mut Runbook, errors: &mut Vec<syn::Error>) -> syn::Result<()> {
    let tokens: Vec<TokenTree> = group.stream().into_iter().collect();
    let found: Vec<(usize, usize)> = if ID_BRACES.contains(&key.value.as_str()) {
        // There `id { ... }` is a definition: only `key:` is out of place.
        positions(group.stream()).filter(|(i, end)| end - i != 2).collect()
    } else {
        positions(group.stream()).collect()
    };
    let mut rest = Vec::new();
    let mut at = 0;
    for (start, end) in found {
        rest.extend(tokens[at..start].iter().cloned());
        let misplaced: TokenStream = tokens[start..end].iter().cloned().collect();
        let name = tokens[start].to_string();
        errors.push(syn::Error::new(
            tokens[start].span(),
            format!(
                "`{name}` is a top-level key, not part of `{}`\nhelp: move `{name}` out of `{} {{ ... }}`, after its closing brace",
                key.value, key.value
            ),
        ));
        let _ = (|input: ParseStream| {
            while !input.is_empty() {
                item(input, rb, errors);
            }
            Ok(())
        })
        .parse2(misplaced);
        at = end;
    }
    rest.extend(tokens[at..].iter().cloned());
    // The rest keeps the braces' span, so that an error at its end points at them.
    let mut inner = Group::new(Delimiter::Brace, rest.into_iter().collect());
    inner.set_span(group.span());
    let result = (|input: ParseStream| {
        let content = braces(input)?;
        let r = sections::section(&content, key, rb);
        if r.is_err() {
            let _ = content.parse::<TokenStream>();
        }
        r
    })
    .parse2(TokenTree::Group(inner).into());
    result
}
