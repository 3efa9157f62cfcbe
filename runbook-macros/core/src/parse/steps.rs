//! Steps: `"title" => danger("why") "command"`, and per-environment bodies.

use syn::parse::ParseStream;
use syn::{braced, parenthesized, Token};

use super::values::{name, peek_string, text};
use super::{comma, unknown};
use crate::ast::{EnvLines, StepBody, StepDef, StepForm, Text};

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
    if let Some(form) = form(input)? {
        step.form = form.0;
        step.body = StepBody::Lines(vec![form.1]);
    } else {
        step.body = body(input)?;
    }
    expect(input, &mut step)?;
    Ok(step)
}

/// `prose("text")` or `link("https://...")` in place of a command.
fn form(input: ParseStream) -> syn::Result<Option<(StepForm, Text)>> {
    if !(input.peek(syn::Ident) && input.peek2(syn::token::Paren)) {
        return Ok(None);
    }
    let fork = input.fork();
    let key = name(&fork)?;
    let make: fn(proc_macro2::Span) -> StepForm = match key.value.as_str() {
        "prose" => StepForm::Prose,
        "link" => StepForm::Link,
        _ => return Ok(None),
    };
    let key = name(input)?;
    let content;
    parenthesized!(content in input);
    let value = text(&content)
        .map_err(|e| syn::Error::new(e.span(), format!("expected one string\nhelp: write `{}(\"...\")`", key.value)))?;
    if !content.is_empty() {
        return Err(content.error(format!("expected one string\nhelp: write `{}(\"...\")`", key.value)));
    }
    Ok(Some((make(key.span), value)))
}

/// `expect("output")` after a step's command.
fn expect(input: ParseStream, step: &mut StepDef) -> syn::Result<()> {
    if !(input.peek(syn::Ident) && input.peek2(syn::token::Paren)) {
        return Ok(());
    }
    let fork = input.fork();
    if name(&fork)?.value != "expect" {
        return Ok(());
    }
    let key = name(input)?;
    let content;
    parenthesized!(content in input);
    let value = text(&content)?;
    if !content.is_empty() {
        return Err(content.error("expected one string, e.g. expect(\"active (running)\")"));
    }
    if !step.form.is_command() {
        return Err(syn::Error::new(
            key.span,
            "`expect(...)` is the output of a command; a prose or link step has none\nhelp: put what the reader should see in the prose",
        ));
    }
    step.expect = Some(value);
    Ok(())
}

/// `if("when")`, `danger("why")` and `edit("/path")`, in any order.
pub fn attrs(input: ParseStream, step: &mut StepDef) -> syn::Result<()> {
    while (input.peek(syn::Ident) || input.peek(Token![if])) && input.peek2(syn::token::Paren) {
        let fork = input.fork();
        if matches!(name(&fork)?.value.as_str(), "prose" | "link") {
            return Ok(());
        }
        let key = name(input)?;
        let slot = match key.value.as_str() {
            "danger" => &mut step.danger,
            "edit" => &mut step.edit,
            "if" => &mut step.condition,
            _ => return Err(unknown(&key, "step attribute", &["if", "danger", "edit", "prose", "link", "expect"])),
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
    let mut lines = vec![text(input).map_err(|e| not_a_command(input, e))?];
    // Further literals are further lines, unless one is the next step's title.
    while peek_string(input) && !input.peek2(Token![=>]) {
        lines.push(text(input)?);
    }
    Ok(lines)
}

/// What was written where a command belongs, and how to write it.
fn not_a_command(input: ParseStream, e: syn::Error) -> syn::Error {
    let help = if input.peek(Token![->]) || input.peek(Token![=]) || input.peek(Token![:]) || input.peek(Token![>=]) {
        "a step is `\"title\" => \"command\"`: write `=>` between them".to_string()
    } else if input.peek(syn::Ident) || input.peek(syn::LitInt) || input.peek(Token![.]) || input.peek(Token![/]) {
        let first = input.fork().parse::<proc_macro2::TokenTree>().map(|t| t.to_string()).unwrap_or_default();
        format!("write the command in double quotes: `\"{first} ...\"`")
    } else {
        "write the command in double quotes, e.g. `\"systemctl status nginx\"`".to_string()
    };
    syn::Error::new(e.span(), format!("expected a command string\nhelp: {help}"))
}
