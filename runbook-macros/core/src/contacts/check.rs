//! R9 on each literal of `contacts!`: the rules of `runbook_model::contacts`,
//! each error at the literal that breaks one, its `help:` built from it.

use proc_macro2::Span;
use runbook_model::contacts::{before_letters, blank, email, email_problem, meant_email, phone, phone_problem};

use super::Input;
use crate::ctxt::Ctxt;

pub fn check(input: &Input, cx: &mut Ctxt) {
    match &input.escalation {
        None => cx.error(
            Span::call_site(),
            "the contacts have no `escalation:`",
            "add `escalation: [Escalation { level: 1, role: \"L1 support\", email: \"support@example.com\" }]`",
        ),
        Some(list) if list.items.is_empty() => cx.error(
            list.span,
            "the contacts have no escalation path",
            "add the first level: `Escalation { level: 1, role: \"L1 support\", email: \"support@example.com\" }`",
        ),
        Some(_) => {}
    }
    match &input.emergency {
        None => cx.error(
            Span::call_site(),
            "the contacts have no `emergency:`",
            "add `emergency: [Emergency { role: \"On-call\", phone: \"+81-3-5555-0100\" }]`",
        ),
        Some(list) if list.items.is_empty() => cx.error(
            list.span,
            "the contacts have no emergency contact",
            "add who to call: `Emergency { role: \"On-call\", phone: \"+81-3-5555-0100\" }`",
        ),
        Some(_) => {}
    }
    let levels = input.escalation.iter().flat_map(|l| &l.items);
    // The domain the team's other addresses use, for the help of a broken one.
    let emails: Vec<String> = levels.clone().map(|l| l.email.value()).collect();
    let domain = emails.iter().filter(|e| email(e.as_bytes())).find_map(|e| e.split_once('@')).map(|(_, d)| d);
    let mut seen: Vec<u8> = Vec::new();
    for (i, (l, address)) in levels.zip(&emails).enumerate() {
        let n: Option<u8> = l.level.base10_parse().ok();
        let position = i + 1;
        match n {
            None => cx.error(
                l.level.span(),
                format!("escalation level `{}` is not a level", l.level),
                format!("number the levels 1, 2, 3, ... in the order they are written: `level: {position}`"),
            ),
            Some(n) if usize::from(n) != position => {
                let what = if seen.contains(&n) {
                    format!("escalation level {n} is given twice")
                } else {
                    format!("escalation level {n} is entry {position} of the path")
                };
                cx.error(
                    l.level.span(),
                    what,
                    format!("number the levels 1, 2, 3, ... in the order they are written: `level: {position}`"),
                );
            }
            Some(_) => {}
        }
        seen.extend(n);
        if blank(&l.role.value()) {
            cx.error(
                l.role.span(),
                format!("escalation level {position} has no role"),
                format!("name who is called at this level, e.g. `role: \"L{position} support\"`"),
            );
        }
        if let Some(problem) = email_problem(address.as_bytes()) {
            cx.error(
                l.email.span(),
                format!("the e-mail address `{address}` is not one a mail client accepts: {problem}"),
                email_help(address, domain),
            );
        }
    }
    for c in input.emergency.iter().flat_map(|l| &l.items) {
        let number = c.phone.value();
        if blank(&c.role.value()) {
            cx.error(
                c.role.span(),
                format!("the emergency contact `{number}` has no role"),
                "name who answers this number, e.g. `role: \"On-call\"`",
            );
        }
        if let Some(problem) = phone_problem(number.as_bytes()) {
            cx.error(
                c.phone.span(),
                format!("the phone number `{number}` is not well formed: {problem}"),
                phone_help(&number),
            );
        }
    }
    if let Some(chat) = input.chat.as_ref().filter(|c| blank(&c.value())) {
        cx.error(
            chat.span(),
            "the chat channel is empty",
            "name the channel, e.g. `chat: \"#team-ops\"`, or leave `chat:` out",
        );
    }
}

/// The address meant, where the mistake is a common one; else the name as
/// far as it is well formed, at the address's own domain if that has a dot,
/// else at the domain of the team's other addresses.
fn email_help(address: &str, team_domain: Option<&str>) -> String {
    let meant = String::from_utf8_lossy(meant_email(address.as_bytes()).bytes()).into_owned();
    if !meant.is_empty() && email(meant.as_bytes()) {
        return format!("write `{meant}`");
    }
    let (name, own_domain) = meant.split_once('@').unwrap_or((&meant, ""));
    let name: String =
        name.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+')).collect();
    let name = name.trim_matches('.');
    let name = if name.is_empty() { "oncall" } else { name };
    let own = Some(own_domain).filter(|d| d.contains('.') && email(format!("a@{d}").as_bytes()));
    format!("write it as name@domain, e.g. `{name}@{}`", own.or(team_domain).unwrap_or("example.com"))
}

/// The number without its extension, or with its separators made `-`;
/// else what a number holds.
fn phone_help(number: &str) -> String {
    let (digits, rest) = before_letters(number.as_bytes());
    if digits.len() < number.len() && phone(digits) {
        let (digits, rest) = (String::from_utf8_lossy(digits), String::from_utf8_lossy(rest));
        // The `)` of `(ext. 4)`, whose `(` stayed with the number.
        let rest = if rest.contains('(') { &rest } else { rest.trim_end_matches(')') };
        return format!("write `{digits}` and put `{rest}` in the role");
    }
    let mut cleaned = String::new();
    for (i, c) in number.trim().chars().enumerate() {
        match c {
            '0'..='9' => cleaned.push(c),
            '+' if i == 0 => cleaned.push(c),
            _ if !cleaned.is_empty() && !cleaned.ends_with(['-', '+']) => cleaned.push('-'),
            _ => {}
        }
    }
    let cleaned = cleaned.trim_end_matches('-');
    if cleaned != number && phone(cleaned.as_bytes()) {
        return format!("write `{cleaned}`");
    }
    let count = number.chars().filter(char::is_ascii_digit).count();
    if count > 15 {
        return "a number has at most 15 digits: give each number its own `Emergency { ... }`".into();
    }
    "write the whole number in international form: `+`, the country code, then the number, e.g. `+81-3-5555-0100`"
        .into()
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::{email_help, phone_help};

    const VALID: &str = r##"escalation: [Escalation { level: 1, role: "L1", email: "l1@example.com" },
        Escalation { level: 2, role: "L2", email: "l2@example.com" }],
        emergency: [Emergency { role: "On-call", phone: "+81-3-5555-0100" }], chat: "#ops","##;

    #[test]
    fn every_cut_and_every_dropped_token_gives_errors_not_a_panic() {
        let tokens: Vec<proc_macro2::TokenTree> =
            proc_macro2::TokenStream::from_str(VALID).map(|t| t.into_iter().collect()).unwrap_or_default();
        assert!(!super::super::contacts_tokens(tokens.iter().cloned().collect()).to_string().contains("compile_error"));
        for i in 0..tokens.len() {
            let cut: proc_macro2::TokenStream = tokens[..i].iter().cloned().collect();
            let dropped: proc_macro2::TokenStream =
                tokens.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, t)| t.clone()).collect();
            for input in [cut, dropped] {
                // Either the value, or errors with the placeholder: never a panic.
                let out = super::super::contacts_tokens(input).to_string();
                assert!(out.contains("__private"), "{out}");
            }
        }
    }

    #[test]
    fn helps_are_built_from_the_input() {
        assert_eq!(email_help("support(at)example.com", None), "write `support@example.com`");
        assert_eq!(email_help("Ops <ops@corp.jp>", None), "write `ops@corp.jp`");
        assert_eq!(email_help("support", Some("corp.jp")), "write it as name@domain, e.g. `support@corp.jp`");
        assert_eq!(email_help("l2@corp", Some("corp.jp")), "write it as name@domain, e.g. `l2@corp.jp`");
        assert_eq!(phone_help("+81 3 5555 0100 ext 12"), "write `+81 3 5555 0100` and put `ext 12` in the role");
        assert_eq!(phone_help("+81.3.5555.0100"), "write `+81-3-5555-0100`");
        assert_eq!(phone_help("03-5555-0100 (ext. 4)"), "write `03-5555-0100` and put `ext. 4` in the role");
        assert_eq!(
            email_help("ops](javascript:alert(1))@example.com", Some("corp.jp")),
            "write it as name@domain, e.g. `ops@example.com`"
        );
        assert_eq!(phone_help("+81/3/5555/0100"), "write `+81-3-5555-0100`");
        assert!(phone_help("110").contains("international form"));
        assert!(phone_help("+81-3-5555-0100-0100-0100").contains("15 digits"));
    }
}
