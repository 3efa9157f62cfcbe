//! Steps: `"title" => danger("why") "command"`, and per-environment bodies.

use syn::parse::ParseStream;
use syn::{braced, parenthesized, Token};

use super::values::{name, peek_string, text};
use super::{comma, unknown};
use crate::ast::{EnvLines, MembersRef, StepBody, StepDef, StepForm, Text};

/// `{ step, step, ... }`
pub fn step_list(input: ParseStream) -> syn::Result<Vec<StepDef>> {
    let content;
    braced!(content in input);
    steps_inside(&content)
}

/// The steps of a list whose braces were already opened; `each(set) { ... }`
/// among them is a group that runs in turn on each member.
pub fn steps_inside(input: ParseStream) -> syn::Result<Vec<StepDef>> {
    let mut steps: Vec<StepDef> = Vec::new();
    while !input.is_empty() {
        if let Some(set) = in_turn(input)? {
            let content;
            braced!(content in input);
            if content.is_empty() {
                return Err(syn::Error::new(
                    set.span,
                    format!("`each({})` has no step\nhelp: write its steps inside the braces", set.value),
                ));
            }
            let after_same_group =
                steps.last().is_some_and(|s| matches!(&s.members, Some(MembersRef::InTurn(n)) if n.value == set.value));
            if after_same_group {
                return Err(syn::Error::new(
                    set.span,
                    format!(
                        "two `each({})` groups in a row\nhelp: merge them into one, so that each member runs all their steps in turn",
                        set.value
                    ),
                ));
            }
            while !content.is_empty() {
                let mut s = step(&content)?;
                if let Some(own) = &s.members {
                    return Err(syn::Error::new(
                        own.name().span,
                        format!(
                            "this step is in `each({})` already\nhelp: remove its own `each(...)` or `on(...)`, or move it out of the group",
                            set.value
                        ),
                    ));
                }
                s.members = Some(MembersRef::InTurn(set.clone()));
                steps.push(s);
                comma(&content)?;
            }
        } else {
            steps.push(step(input)?);
        }
        comma(input)?;
    }
    Ok(steps)
}

/// `each(set)` followed by `{`: the set a group of steps runs on in turn.
fn in_turn(input: ParseStream) -> syn::Result<Option<crate::ast::Name>> {
    if !(input.peek(syn::Ident) && input.peek2(syn::token::Paren)) {
        return Ok(None);
    }
    let fork = input.fork();
    if name(&fork)?.value != "each" {
        return Ok(None);
    }
    fork.parse::<proc_macro2::Group>()?;
    if !fork.peek(syn::token::Brace) {
        return Ok(None);
    }
    name(input)?;
    let inner;
    parenthesized!(inner in input);
    let set = name(&inner)?;
    if !inner.is_empty() {
        return Err(inner.error(format!("expected one name\nhelp: write `each({})`", set.value)));
    }
    Ok(Some(set))
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

/// `expect("output")` after a step's command (or a one-line task's).
pub fn expect(input: ParseStream, step: &mut StepDef) -> syn::Result<()> {
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

/// What a step may carry before its command, in parentheses.
const ATTRS: &[&str] = &["if", "danger", "edit", "each", "on", "prose", "link", "expect"];

/// `if("when")`, `danger("why")`, `edit("/path")`, `each(set)` and
/// `on(member)`, in any order.
pub fn attrs(input: ParseStream, step: &mut StepDef) -> syn::Result<()> {
    // `danger "why"`: the value without its parentheses, read as a command otherwise.
    if let Some((word, rest)) = input.cursor().ident() {
        let key = word.to_string();
        if ATTRS.contains(&key.as_str()) && super::values::is_string(rest) {
            return Err(syn::Error::new(
                word.span(),
                format!("`{key}` takes its value in parentheses\nhelp: write `{key}(\"...\")`"),
            ));
        }
    }
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
            "each" | "on" => {
                members(input, &key, step)?;
                continue;
            }
            "expect" => {
                return Err(syn::Error::new(
                    key.span,
                    "`expect(...)` comes after the command\nhelp: write `\"command\" expect(\"output\")`",
                ))
            }
            word => {
                let meant = match word {
                    "warning" | "warn" | "caution" | "destructive" | "dangerous" | "confirm" => {
                        Some("write `danger(\"what it destroys\")`: the docs show it as a warning above the command")
                    }
                    "when" | "only_if" | "condition" | "unless" => Some("write `if(\"when it applies\")`"),
                    "file" | "config" | "path" => {
                        Some("write `edit(\"/path/to/file\")` before the lines that go in the file")
                    }
                    "output" | "expected" | "result" => Some("write `expect(\"...\")` after the command"),
                    _ => None,
                };
                return Err(match meant {
                    Some(help) => syn::Error::new(key.span, format!("unknown step attribute `{word}`\nhelp: {help}")),
                    None => unknown(&key, "step attribute", ATTRS),
                });
            }
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

/// `each(set)` or `on(member)`: a name, not a string.
fn members(input: ParseStream, key: &crate::ast::Name, step: &mut StepDef) -> syn::Result<()> {
    let content;
    parenthesized!(content in input);
    let what = if key.value == "each" { "member set" } else { "member" };
    // A member's label (`node-1`) written for its id is read whole, so that
    // R6 names the member it meant instead of a hyphen error first.
    let first: syn::Ident = content.call(syn::ext::IdentExt::parse_any).map_err(|e| {
        syn::Error::new(e.span(), format!("expected the name of a {what}\nhelp: write `{}(etcd)`", key.value))
    })?;
    let mut value = first.to_string();
    while content.peek(Token![-]) && (content.peek2(syn::Ident) || content.peek2(syn::LitInt)) {
        content.parse::<Token![-]>()?;
        let part: proc_macro2::TokenTree = content.parse()?;
        value.push('-');
        value.push_str(&part.to_string());
    }
    let target = crate::ast::Name { value, span: first.span() };
    if !content.is_empty() {
        return Err(content.error(format!("expected one name\nhelp: write `{}({})`", key.value, target.value)));
    }
    if step.members.is_some() {
        return Err(syn::Error::new(
            key.span,
            "a step runs on its members once: `each(...)` or `on(...)`, not both\nhelp: keep one",
        ));
    }
    step.members = Some(if key.value == "each" { MembersRef::Each(target) } else { MembersRef::On(target) });
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

/// A step attribute where the command belongs: where it goes instead.
fn misplaced_attr(input: ParseStream) -> Option<String> {
    if !(input.peek(syn::Ident) || input.peek(Token![if])) || !input.peek2(syn::token::Paren) {
        return None;
    }
    let word = input.fork().parse::<proc_macro2::TokenTree>().ok()?.to_string();
    match word.as_str() {
        "expect" => Some("`expect(\"output\")` comes after the command: `\"command\" expect(\"output\")`".to_string()),
        // A one-line task's head takes `danger`, `edit`, `each` and `on`, not a condition.
        "if" => Some(
            "a condition belongs to a step: in a maintenance task write `steps { \"title\" => if(\"when\") \"command\" }`; in a step it follows `=>`: `\"title\" => if(\"when\") \"command\"`".to_string(),
        ),
        "on" | "each" | "danger" | "edit" => Some(format!(
            "in a one-line maintenance task `{word}(...)` goes before `=>`: `id \"title\" {word}(...) => \"command\"`; in a step it follows `=>`: `\"title\" => {word}(...) \"command\"`"
        )),
        _ => None,
    }
}

/// What was written where a command belongs, and how to write it.
fn not_a_command(input: ParseStream, e: syn::Error) -> syn::Error {
    let help = if input.peek(Token![->]) || input.peek(Token![=]) || input.peek(Token![:]) || input.peek(Token![>=]) {
        "a step is `\"title\" => \"command\"`: write `=>` between them".to_string()
    } else if let Some(attr) = misplaced_attr(input) {
        attr
    } else if input.peek(syn::Ident) || input.peek(syn::LitInt) || input.peek(Token![.]) || input.peek(Token![/]) {
        let first = input.fork().parse::<proc_macro2::TokenTree>().map(|t| t.to_string()).unwrap_or_default();
        format!("write the command in double quotes: `\"{first} ...\"`")
    } else {
        "write the command in double quotes, e.g. `\"systemctl status nginx\"`".to_string()
    };
    syn::Error::new(e.span(), format!("expected a command string\nhelp: {help}"))
}
