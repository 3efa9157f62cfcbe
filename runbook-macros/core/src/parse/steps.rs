//! Steps: `"title" => danger("why") "command"`, and per-environment bodies.

use syn::parse::ParseStream;
use syn::{braced, parenthesized, Token};

use super::values::{name, peek_string, text};
use super::{comma, unknown};
use crate::ast::{EnvLines, StepBody, StepDef, Text};

/// `{ step, step, ... }`
pub fn step_list(input: ParseStream) -> syn::Result<Vec<StepDef>> {
    let content;
    braced!(content in input);
    let mut steps = Vec::new();
    while !content.is_empty() {
        steps.push(step(&content)?);
        comma(&content)?;
    }
    Ok(steps)
}

/// `["title" =>] attrs body`
pub fn step(input: ParseStream) -> syn::Result<StepDef> {
    let title = if peek_string(input) && input.peek2(Token![=>]) {
        let title = text(input)?;
        input.parse::<Token![=>]>()?;
        Some(title)
    } else {
        None
    };
    let mut step = StepDef { title, ..StepDef::empty() };
    attrs(input, &mut step)?;
    step.body = body(input)?;
    Ok(step)
}

/// `danger("why")` and `edit("/path")`, in any order.
pub fn attrs(input: ParseStream, step: &mut StepDef) -> syn::Result<()> {
    while input.peek(syn::Ident) && input.peek2(syn::token::Paren) {
        let key = name(input)?;
        let slot = match key.value.as_str() {
            "danger" => &mut step.danger,
            "edit" => &mut step.edit,
            _ => return Err(unknown(&key, "step attribute", &["danger", "edit"])),
        };
        let content;
        parenthesized!(content in input);
        let value = text(&content)?;
        if !content.is_empty() {
            return Err(content.error("expected one string, e.g. danger(\"overwrites the live database\")"));
        }
        if slot.is_some() {
            return Err(syn::Error::new(key.span, format!("duplicate `{}` on one step\nhelp: keep one", key.value)));
        }
        *slot = Some(value);
    }
    Ok(())
}

/// One or more string literals, or `{ env ["note"] => "line"..., ... }`.
pub fn body(input: ParseStream) -> syn::Result<StepBody> {
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        let mut envs = Vec::new();
        while !content.is_empty() {
            let env = name(&content)?;
            let note = if peek_string(&content) { Some(text(&content)?) } else { None };
            content.parse::<Token![=>]>()?;
            let lines = lines(&content)?;
            envs.push(EnvLines { env, note, lines });
            comma(&content)?;
        }
        return Ok(StepBody::PerEnv(envs));
    }
    Ok(StepBody::Lines(lines(input)?))
}

fn lines(input: ParseStream) -> syn::Result<Vec<Text>> {
    let mut lines = vec![text(input)
        .map_err(|e| syn::Error::new(e.span(), "expected a command string, e.g. \"systemctl status nginx\""))?];
    // Further literals are further lines, unless one is the next step's title.
    while peek_string(input) && !input.peek2(Token![=>]) {
        lines.push(text(input)?);
    }
    Ok(lines)
}
