//! Tokens to syntax tree. Each top-level key and section is parsed on its own,
//! so that a syntax error in one section does not hide errors in the others.

mod incidents;
mod sections;
mod steps;
mod upkeep;
mod values;

use proc_macro2::{TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::{braced, Token};

use crate::ast::{Name, Runbook};
use crate::suggest::nearest;

/// The keys that take a value: `key: value`.
pub const FIELDS: &[&str] = &[
    "feature",
    "title",
    "owner",
    "updated",
    "review_every",
    "version",
    "lang",
    "summary",
    "chat",
    "checklist",
    "contacts",
];

/// The keys that open a section: `key { ... }`.
pub const SECTIONS: &[&str] = &[
    "vars",
    "environments",
    "architecture",
    "deploy",
    "service",
    "monitoring",
    "backup",
    "restore",
    "logs",
    "maintenance",
    "alerts",
    "troubleshooting",
];

/// The skeleton shown in the `help:` of a missing key or section.
pub fn skeleton(key: &str) -> &'static str {
    match key {
        "feature" => "feature: my_feature,",
        "title" => "title: \"My Service\",",
        "owner" => "owner: \"platform-team\",",
        "updated" => "updated: 2026-01-31,",
        "version" => "version: \"1.0\",",
        "architecture" => "architecture { app { name: \"App\", kind: \"App Server\", version: \"1.0\" } }",
        "deploy" => "deploy { precheck { \"disk\" => \"df -h\" } execute { ... } verify { ... } }",
        "service" => "service { start => \"sudo systemctl start {unit}\", stop => ..., restart => ..., status => ... }",
        "monitoring" => "monitoring { system \"System\" { cpu \"CPU\": normal < 70%, warning 70%..85%, critical > 85%; } }",
        "backup" => "backup { \"database\" => \"pg_dump ...\" }",
        "restore" => "restore { \"database\" => danger(\"overwrites the database\") \"pg_restore ...\" }",
        "logs" => "logs { app \"Application\": \"/var/log/app.log\", \"general\"; logrotate \"/etc/logrotate.d/app\" for \"/var/log/app/*.log\" { daily; rotate 30; } }",
        "maintenance" => "maintenance { daily { ... } weekly { ... } monthly { ... } }",
        "alerts" => "alerts { high_cpu \"High CPU\": P1, respond 1h, by \"SRE\", when cpu critical, see high_cpu; }",
        "troubleshooting" => "troubleshooting { high_cpu \"High CPU\" { symptom { ... } causes { ... } diagnose { ... } remedy { ... } } }",
        "contacts" => "contacts: crate::common::PLATFORM_CONTACTS,",
        "checklist" => "checklist: crate::common::BASIC_CHECKLIST,",
        "review_every" => "review_every: 90d,",
        "lang" => "lang: en,",
        "summary" => "summary: \"What the feature does\",",
        "chat" => "chat: \"#team-ops\",",
        _ => "",
    }
}

/// Parses a whole invocation, collecting every syntax error instead of stopping at the first.
pub fn parse(tokens: TokenStream) -> (Runbook, Vec<syn::Error>) {
    let mut errors = Vec::new();
    let mut runbook = Runbook::default();
    let result = (|input: ParseStream| {
        runbook.first_span = (!input.is_empty()).then(|| input.span());
        while !input.is_empty() {
            item(input, &mut runbook, &mut errors);
        }
        Ok(())
    })
    .parse2(tokens);
    // syn's closing "unexpected token" only repeats an error already reported.
    if let Err(e) = result {
        if errors.is_empty() {
            errors.push(e);
        }
    }
    (runbook, errors)
}

/// One `key: value` or `key { ... }`; on error, records it and skips to the next item.
fn item(input: ParseStream, rb: &mut Runbook, errors: &mut Vec<syn::Error>) {
    let key = match values::name(input) {
        Ok(key) => key,
        Err(_) => {
            let span = input.span();
            let _ = input.parse::<TokenTree>();
            errors.push(syn::Error::new(
                span,
                "expected a key such as `title: \"...\"` or a section such as `deploy { ... }`",
            ));
            return;
        }
    };
    let is_field = FIELDS.contains(&key.value.as_str());
    let is_section = SECTIONS.contains(&key.value.as_str());
    if !is_field && !is_section {
        let mut all = FIELDS.to_vec();
        all.extend_from_slice(SECTIONS);
        if let Some(near) = nearest(&key.value, &all) {
            rb.misspelt.push(near.to_string());
        }
        errors.push(unknown(&key, "key", &all));
        skip_item(input);
        return;
    }
    rb.seen.push(key.clone());
    let result = if is_field {
        match input.parse::<Token![:]>() {
            // At the end of the input syn could only point at the whole call.
            Ok(_) if input.is_empty() || input.peek(Token![,]) => Err(syn::Error::new(
                key.span,
                format!("`{}:` has no value\nhelp: write `{}`", key.value, skeleton(&key.value)),
            )),
            Ok(_) => sections::field(input, &key, rb).and_then(|()| comma(input)),
            Err(_) => Err(syn::Error::new(
                key.span,
                format!("expected `:` after `{}`\nhelp: write `{}: <value>,`", key.value, key.value),
            )),
        }
    } else if input.peek(syn::token::Brace) {
        match braces(input) {
            Ok(content) => {
                let r = sections::section(&content, &key, rb);
                if r.is_err() {
                    let _ = content.parse::<TokenStream>();
                }
                r.and_then(|()| comma(input))
            }
            Err(e) => Err(e),
        }
    } else {
        Err(syn::Error::new(key.span, format!("`{}` is a section\nhelp: write `{} {{ ... }}`", key.value, key.value)))
    };
    if let Err(e) = result {
        errors.push(e);
        skip_item(input);
    }
}

/// The inside of a `{ ... }` group.
pub fn braces<'a>(input: ParseStream<'a>) -> syn::Result<syn::parse::ParseBuffer<'a>> {
    let content;
    braced!(content in input);
    Ok(content)
}

/// Skips tokens up to and including the next `,` or `;`, or up to the next `key:` / `key {`.
fn skip_item(input: ParseStream) {
    while !input.is_empty() {
        if input.peek(Token![,]) || input.peek(Token![;]) {
            let _ = input.parse::<TokenTree>();
            return;
        }
        if input.peek(syn::Ident) && (input.peek2(Token![:]) || input.peek2(syn::token::Brace)) {
            return;
        }
        let _ = input.parse::<TokenTree>();
    }
}

/// An optional separator: `,` or `;`.
pub fn comma(input: ParseStream) -> syn::Result<()> {
    if input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
    } else if input.peek(Token![;]) {
        input.parse::<Token![;]>()?;
    }
    Ok(())
}

/// The error for a name that is not one of `valid`, naming the nearest valid one.
pub fn unknown(key: &Name, what: &str, valid: &[&str]) -> syn::Error {
    let help = match nearest(&key.value, valid) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("expected one of: {}", valid.join(", ")),
    };
    syn::Error::new(key.span, format!("unknown {what} `{}`\nhelp: {help}", key.value))
}
