//! Tokens to syntax tree. Each top-level key and section is parsed on its own,
//! so that a syntax error in one section does not hide errors in the others.
//! A mistake whose intent is clear (a hyphen in an id, `30 min`, a `,` where
//! `;` belongs, a top-level key inside a section) is reported and parsed as
//! meant, so that it causes no second error (see `recovered`).

mod absent;
mod incidents;
mod misplaced;
mod sections;
mod steps;
mod upkeep;
pub mod values;

use std::cell::RefCell;

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
    "alerting",
];

/// The keys that open a section: `key { ... }`.
pub const SECTIONS: &[&str] = &[
    "vars",
    "environments",
    "members",
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
        "contacts" => "contacts: TEAM_CONTACTS,",
        "checklist" => "checklist: TEAM_CHECKLIST,",
        "alerting" => "alerting: TEAM_ALERTING,",
        "review_every" => "review_every: 90d,",
        "lang" => "lang: en,",
        "summary" => "summary: \"What the feature does\",",
        "chat" => "chat: \"#team-ops\",",
        _ => "",
    }
}

thread_local! {
    /// Errors reported where parsing went on as the author meant.
    static RECOVERED: RefCell<Vec<syn::Error>> = const { RefCell::new(Vec::new()) };
    /// Hyphenated names already reported: one error per name, not per use.
    static HYPHENATED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Records an error after which parsing goes on as the author meant.
pub fn recovered(error: syn::Error) {
    RECOVERED.with(|r| r.borrow_mut().push(error));
}

/// True the first time `name` is reported as hyphenated in this invocation.
pub fn first_report_of(name: &str) -> bool {
    HYPHENATED.with(|h| {
        let mut h = h.borrow_mut();
        let first = !h.iter().any(|n| n == name);
        if first {
            h.push(name.to_string());
        }
        first
    })
}

/// Parses a whole invocation, collecting every syntax error instead of stopping at the first.
pub fn parse(tokens: TokenStream) -> (Runbook, Vec<syn::Error>) {
    RECOVERED.with(|r| r.borrow_mut().clear());
    HYPHENATED.with(|h| h.borrow_mut().clear());
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
    errors.extend(RECOVERED.with(|r| std::mem::take(&mut *r.borrow_mut())));
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
        if let Some(near) = suggestion(&key.value, &all) {
            rb.misspelt.push(near.to_string());
        }
        // A sub-key written at the top level: its section is not missing it.
        if belongs(&key.value).is_some() {
            rb.misspelt.push(key.value.clone());
        }
        errors.push(unknown(&key, "top-level key", &all));
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
        // Kept to parse the section again if it holds a top-level key: only on error, so that a
        // valid runbook pays nothing for the look (a misplaced key always breaks the section).
        let before = input.fork();
        let recovered_before = RECOVERED.with(|r| r.borrow().len());
        match braces(input) {
            Ok(content) => {
                let r = sections::section(&content, &key, rb);
                if r.is_err() {
                    let _ = content.parse::<TokenStream>();
                }
                match r {
                    Err(_) if misplaced_inside(&before) => {
                        RECOVERED.with(|r| r.borrow_mut().truncate(recovered_before));
                        before
                            .parse::<proc_macro2::Group>()
                            .and_then(|group| misplaced::section(group, &key, rb, errors))
                            .and_then(|()| comma(input))
                    }
                    r => r.and_then(|()| comma(input)),
                }
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
    // `production: { ... }`, `app = { ... }`: a sign where the block starts.
    if (input.peek(Token![:]) || input.peek(Token![=])) && input.peek2(syn::token::Brace) {
        let sign: TokenTree = input.fork().parse()?;
        return Err(syn::Error::new(
            sign.span(),
            format!("expected `{{`, found `{sign}`\nhelp: a block follows its name directly: remove the `{sign}`"),
        ));
    }
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

/// The error for a name that is not one of `valid`: the valid name it was
/// meant to be (a typo, or the same name in full-width letters), or where
/// the name belongs when it is valid elsewhere.
pub fn unknown(key: &Name, what: &str, valid: &[&str]) -> syn::Error {
    let folded = fold_full_width(&key.value);
    let help = match (suggestion(&key.value, valid), belongs(&key.value)) {
        (Some(near), _) if folded != key.value && folded == near => {
            format!("`{}` is written in full-width letters: write `{near}`", key.value)
        }
        (Some(near), _) => format!("did you mean `{near}`?"),
        (None, Some(place)) => format!("`{}` belongs in {place}, not here: move it there", key.value),
        (None, None) if FIELDS.contains(&key.value.as_str()) || SECTIONS.contains(&key.value.as_str()) => {
            format!("`{}` is a top-level key: move it out of this section", key.value)
        }
        (None, None) => format!("expected one of: {}", valid.join(", ")),
    };
    syn::Error::new(key.span, format!("unknown {what} `{}`\nhelp: {help}", key.value))
}

/// The valid name `typo` was meant to be: itself in ASCII, or the nearest.
pub fn suggestion<'a>(typo: &str, valid: &[&'a str]) -> Option<&'a str> {
    let folded = fold_full_width(typo);
    valid.iter().copied().find(|v| *v == folded).or_else(|| nearest(&folded, valid))
}

/// Full-width ASCII (`ｔｉｔｌｅ`, typed with an IME) as ASCII.
pub fn fold_full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// Where a key that is valid somewhere, but not where it was written, belongs.
pub fn belongs(key: &str) -> Option<&'static str> {
    Some(match key {
        "precheck" | "execute" | "verify" => "`deploy { ... }` (or a maintenance task's `{ ... }`)",
        "start" | "stop" | "restart" | "status" | "follow" => "`service { ... }`",
        "daily" | "weekly" | "monthly" => "`maintenance { ... }`",
        "logrotate" => "`logs { ... }`",
        "symptom" | "causes" | "diagnose" | "remedy" => {
            "a troubleshooting entry: `troubleshooting { id \"title\" { ... } }`"
        }
        "name" | "kind" | "role" | "link" | "optional" => "an architecture component: `architecture { id { ... } }`",
        "normal" | "warning" | "critical" => "a metric of `monitoring { group \"title\" { ... } }`",
        "respond" | "by" | "when" | "see" => "an alert of `alerts { ... }`",
        "cron" | "downtime" | "steps" | "rollback" => "a task of `maintenance { daily { ... } }`",
        "danger" | "edit" => "a step, before its command: `\"title\" => danger(\"why\") \"command\"`",
        "output" => "a troubleshooting entry's `symptom { ... }`",
        _ => return None,
    })
}

/// True if the `{ ... }` that follows holds a top-level key: `contacts: X`
/// or `alerts { ... }` written inside a section instead of after it.
fn misplaced_inside(input: ParseStream) -> bool {
    let Some((inner, _, _)) = input.cursor().group(proc_macro2::Delimiter::Brace) else { return false };
    misplaced::positions(inner.token_stream()).next().is_some()
}
