//! The upkeep sections: log files with their logrotate policy, and periodic
//! maintenance tasks.

use syn::parse::ParseStream;
use syn::Token;

use super::sections::{set_once, sub};
use super::steps::{attrs, body, expect, step_list};
use super::values::{duration, name, peek_string, string, text};
use super::{braces, comma, unknown};
use crate::ast::*;

/// Logs `id "title": "path", "purpose";` (or `journald "unit"`, `kubectl
/// "target"` in place of the path) and one `logrotate "file" for "glob" { ... }`.
pub fn logs(input: ParseStream) -> syn::Result<LogsDef> {
    let mut l = LogsDef { none: super::absent::whole(input, "logs")?, ..LogsDef::default() };
    while !input.is_empty() {
        let id = name(input)?;
        if id.value == "logrotate" && super::absent::peek(input) {
            let none = super::absent::parse(input)?;
            if l.rotate.is_some() || l.rotate_none.is_some() {
                return Err(syn::Error::new(id.span, "duplicate `logrotate`\nhelp: keep one policy per runbook"));
            }
            l.rotate_none = Some(none);
            comma(input)?;
            continue;
        }
        if id.value == "logrotate" && peek_string(input) && !input.peek2(Token![:]) {
            let r = logrotate(input, id.span)?;
            if l.rotate.is_some() || l.rotate_none.is_some() {
                return Err(syn::Error::new(id.span, "duplicate `logrotate`\nhelp: keep one policy per runbook"));
            }
            l.rotate = Some(r);
            comma(input)?;
            continue;
        }
        let title = text(input)?;
        input.parse::<Token![:]>()?;
        let kind = log_kind(input)?;
        let path = text(input)?;
        if peek_string(input) {
            // The purpose right after the path: a missing `,`, reported after the path.
            super::recovered(syn::Error::new(
                path.span,
                format!("expected `,` after the path of log `{}`\nhelp: write `\"{}\", \"...\"`", id.value, path.value),
            ));
        } else if input.peek(Token![;]) || input.is_empty() {
            // The purpose left out: say what is missing, with the line to
            // write, and read on as if it were there.
            let source = match kind {
                LogKind::File => format!("\"{}\"", path.value),
                LogKind::Journald => format!("journald \"{}\"", path.value),
                LogKind::Container => format!("kubectl \"{}\"", path.value),
            };
            super::recovered(syn::Error::new(
                path.span,
                format!(
                    "log `{}` needs its purpose after its source\nhelp: write `{} \"{}\": {source}, \"what it records\";`",
                    id.value, id.value, title.value
                ),
            ));
            let purpose = Text { value: title.value.clone(), span: path.span };
            l.files.push(LogFileDef { id, title, kind, path, purpose });
            comma(input)?;
            continue;
        } else {
            input.parse::<Token![,]>()?;
        }
        let purpose = text(input)?;
        l.files.push(LogFileDef { id, title, kind, path, purpose });
        comma(input)?;
    }
    Ok(l)
}

/// `journald` or `kubectl` before the string; a file's path stands alone.
fn log_kind(input: ParseStream) -> syn::Result<LogKind> {
    if !input.peek(syn::Ident) {
        return Ok(LogKind::File);
    }
    let kind = name(input)?;
    match kind.value.as_str() {
        "journald" => Ok(LogKind::Journald),
        "kubectl" => Ok(LogKind::Container),
        _ => {
            let help = match super::suggestion(&kind.value, &["journald", "kubectl"]) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "write a file's path `\"/var/log/app.log\"`, `journald \"app.service\"` or `kubectl \"deployment/app -n ns\"`".to_string(),
            };
            Err(syn::Error::new(kind.span, format!("unknown log source `{}`\nhelp: {help}", kind.value)))
        }
    }
}

fn logrotate(input: ParseStream, keyword: proc_macro2::Span) -> syn::Result<RotateDef> {
    let file = text(input)?;
    input.parse::<Token![for]>().map_err(|e| {
        syn::Error::new(e.span(), "expected `for \"<log glob>\"`\nhelp: write `logrotate \"/etc/logrotate.d/app\" for \"/var/log/app/*.log\" { ... }`")
    })?;
    let pattern = text(input)?;
    let content = braces(input)?;
    let mut options = Vec::new();
    let mut postrotate = None;
    while !content.is_empty() {
        let directive = name(&content)?;
        if directive.value == "postrotate" {
            content.parse::<Token![=>]>().map_err(|e| {
                syn::Error::new(e.span(), "expected `=>`\nhelp: write `postrotate => \"systemctl reload app\";`")
            })?;
            let mut step = StepDef::empty();
            attrs(&content, &mut step)?;
            step.body = body(&content)?;
            postrotate = Some(step);
        } else {
            // `rotate: 30;`, as in a YAML file: reported, then read as `rotate 30;`.
            if content.peek(Token![:]) {
                let colon: Token![:] = content.parse()?;
                super::recovered(syn::Error::new(
                    colon.span,
                    format!(
                        "logrotate directives take no `:`\nhelp: write `{} ...;`, as in logrotate's own files",
                        directive.value
                    ),
                ));
            }
            let mut args = Vec::new();
            while !content.is_empty() && !content.peek(Token![;]) && !content.peek(Token![,]) {
                if peek_string(&content) {
                    args.push(string(&content)?.0);
                } else {
                    args.push(content.parse::<proc_macro2::TokenTree>()?.to_string());
                }
            }
            options.push((directive, args));
        }
        comma(&content)?;
    }
    Ok(RotateDef { keyword, file, pattern, options, postrotate })
}

/// `daily { ... } weekly { ... } monthly { ... }`
pub fn maintenance(input: ParseStream) -> syn::Result<MaintenanceDef> {
    let mut m = MaintenanceDef::default();
    while !input.is_empty() {
        let (k, which) = sub(input, &["daily", "weekly", "monthly"])?;
        if super::absent::peek(input) {
            let none = super::absent::parse(input)?;
            let (tasks, slot) = match which {
                "daily" => (&m.daily, &mut m.daily_none),
                "weekly" => (&m.weekly, &mut m.weekly_none),
                _ => (&m.monthly, &mut m.monthly_none),
            };
            if tasks.is_some() {
                return Err(syn::Error::new(
                    k.span,
                    format!("`{}` has tasks and is declared `none(...)`\nhelp: keep one of the two", k.value),
                ));
            }
            set_once(slot, &k, none)?;
            comma(input)?;
            continue;
        }
        let content = braces(input)?;
        let mut tasks = Vec::new();
        while !content.is_empty() {
            tasks.push(task(&content)?);
            comma(&content)?;
        }
        let (slot, none) = match which {
            "daily" => (&mut m.daily, &m.daily_none),
            "weekly" => (&mut m.weekly, &m.weekly_none),
            _ => (&mut m.monthly, &m.monthly_none),
        };
        if none.is_some() {
            return Err(syn::Error::new(
                k.span,
                format!("`{}` is declared `none(...)` and has tasks\nhelp: keep one of the two", k.value),
            ));
        }
        set_once(slot, &k, tasks)?;
        comma(input)?;
    }
    Ok(m)
}

/// `id "title" cron("0 3 * * *") downtime(30min) owner("DBA") danger("why") => "command"`
/// or the same head followed by `{ precheck {..} steps {..} verify {..} rollback {..} }`.
fn task(input: ParseStream) -> syn::Result<TaskDef> {
    let id = name(input)?;
    let title = text(input)?;
    let mut t = TaskDef {
        id,
        title,
        cron: None,
        downtime: None,
        owner: None,
        precheck: Vec::new(),
        steps: Vec::new(),
        verify: Vec::new(),
        rollback: Vec::new(),
    };
    let mut step = StepDef::empty();
    while input.peek(syn::Ident) && input.peek2(syn::token::Paren) {
        let fork = input.fork();
        let key = name(&fork)?;
        match key.value.as_str() {
            "cron" | "owner" | "downtime" => {
                let key = name(input)?;
                let dup = match key.value.as_str() {
                    "cron" => t.cron.is_some(),
                    "owner" => t.owner.is_some(),
                    _ => t.downtime.is_some(),
                };
                if dup {
                    return Err(syn::Error::new(
                        key.span,
                        format!("duplicate `{}` on task `{}`\nhelp: keep one", key.value, t.id.value),
                    ));
                }
                let content;
                syn::parenthesized!(content in input);
                match key.value.as_str() {
                    "cron" => t.cron = Some(text(&content)?),
                    "owner" => t.owner = Some(text(&content)?),
                    _ => t.downtime = Some(duration(&content)?),
                }
            }
            "danger" | "edit" | "each" | "on" => attrs(input, &mut step)?,
            _ => {
                return Err(unknown(
                    &key,
                    "task attribute",
                    &["cron", "downtime", "owner", "danger", "edit", "each", "on"],
                ))
            }
        }
    }
    if input.peek(Token![=>]) {
        input.parse::<Token![=>]>()?;
        step.body = body(input)?;
        // A one-line task's command may say what it prints, as a step's does.
        expect(input, &mut step)?;
        t.steps.push(step);
        return Ok(t);
    }
    if let Some(span) =
        step.danger.as_ref().or(step.edit.as_ref()).map(|a| a.span).or(step.members.as_ref().map(|m| m.name().span))
    {
        return Err(syn::Error::new(
            span,
            "`danger(...)`, `edit(...)`, `each(...)` and `on(...)` on a task apply to its single command\nhelp: with a `{ steps { ... } }` body, put them on the step they belong to",
        ));
    }
    let content = braces(input).map_err(|e| {
        syn::Error::new(e.span(), "expected `=> \"command\"` or `{ steps { ... } }` after the task's title")
    })?;
    while !content.is_empty() {
        let (k, which) = sub(&content, &["precheck", "steps", "verify", "rollback"])?;
        let steps = step_list(&content)?;
        let slot = match which {
            "precheck" => &mut t.precheck,
            "steps" => &mut t.steps,
            "verify" => &mut t.verify,
            _ => &mut t.rollback,
        };
        if !slot.is_empty() {
            return Err(syn::Error::new(k.span, format!("duplicate `{}`\nhelp: merge the two into one", k.value)));
        }
        *slot = steps;
        comma(&content)?;
    }
    Ok(t)
}
