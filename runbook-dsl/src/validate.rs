//! R9 in const evaluation, for contacts built with [`Contacts::new`]:
//! a `const fn` that panics on a malformed address or number or an
//! out-of-order escalation path, which fails the build at the contacts'
//! const. `contacts!` (the front door) checks the same rules,
//! `runbook_model::contacts`, at expansion and reports each error at its
//! literal; this path reports it on the whole call, with rustc's notes.
//! `#[track_caller]` makes rustc point at the `Contacts::new(...)` call
//! that holds the literal, not into this file.
//!
//! It runs once per const, however many runbooks name it. Checking in each
//! runbook's expansion instead cost rustc more than the whole `runbook!`
//! expansion did: the const interpreter is slow on the byte loops.

use runbook_model::contacts::{before_letters, blank, email, email_problem, meant_email, phone, phone_problem, Msg};

use crate::model::{Contacts, Emergency, Escalation};

impl Contacts {
    /// An escalation path (levels 1, 2, 3, ... in order, each with an e-mail
    /// address) and the emergency contacts (international phone numbers).
    /// Prefer [`contacts!`](crate::contacts), which reports a broken value
    /// at its literal.
    ///
    /// Panics when R9 is broken; in a `const`, that is a compile error:
    ///
    /// ```compile_fail
    /// use runbook_dsl::{Contacts, Emergency, Escalation};
    /// const TEAM: Contacts = Contacts::new(
    ///     &[Escalation { level: 2, role: "L2", email: "l2@example.com" }],
    ///     &[Emergency { role: "On-call", phone: "+81-3-5555-0100" }],
    /// );
    /// ```
    #[track_caller]
    pub const fn new(escalation: &'static [Escalation], emergency: &'static [Emergency]) -> Contacts {
        let contacts = Contacts { escalation, emergency, chat: None };
        check_contacts(&contacts);
        contacts
    }

    /// The team's chat channel, shown after the emergency contacts.
    pub const fn with_chat(self, chat: &'static str) -> Contacts {
        Contacts { chat: Some(chat), ..self }
    }

    /// The escalation path, level 1 first.
    pub const fn escalation(&self) -> &'static [Escalation] {
        self.escalation
    }

    /// Who to call in an emergency.
    pub const fn emergency(&self) -> &'static [Emergency] {
        self.emergency
    }

    /// The team's chat channel, if any.
    pub const fn chat(&self) -> Option<&'static str> {
        self.chat
    }
}

/// Panics (at compile time, in a const context) when `c` breaks R9.
#[track_caller]
const fn check_contacts(c: &Contacts) {
    if c.escalation.is_empty() {
        panic!("R9: the contacts have no escalation path; help: add `Escalation {{ level: 1, role: \"L1 support\", email: \"support@example.com\" }}`");
    }
    if c.emergency.is_empty() {
        panic!("R9: the contacts have no emergency contact; help: add `Emergency {{ role: \"On-call\", phone: \"+81-3-5555-0100\" }}`");
    }
    let mut i = 0;
    while i < c.escalation.len() {
        let e = &c.escalation[i];
        if e.level as usize != i + 1 {
            let m = Msg::new().text("R9: escalation level ").number(e.level as usize).text(" (`").text(e.role);
            let m = m
                .text("`) is entry ")
                .number(i + 1)
                .text(" of the path; help: number the levels 1, 2, 3, ... in the order they are written");
            fail(m);
        }
        if blank(e.role) {
            fail(
                Msg::new()
                    .text("R9: escalation level ")
                    .number(e.level as usize)
                    .text(" has no role; help: name who is called, e.g. `L")
                    .number(e.level as usize)
                    .text(" support`"),
            );
        }
        if let Some(problem) = email_problem(e.email.as_bytes()) {
            let m = Msg::new().text("R9: the e-mail address `").text(e.email).text("` of escalation level ");
            let m = m.number(e.level as usize).text(" is not one a mail client accepts: ").text(problem);
            let meant = meant_email(e.email.as_bytes());
            let m = if !meant.bytes().is_empty() && email(meant.bytes()) {
                m.text("; help: write `").bytes_whole(meant.bytes()).text("`")
            } else {
                m.text("; help: write it as name@domain.tld, e.g. oncall@example.com")
            };
            fail(m);
        }
        i += 1;
    }
    let mut i = 0;
    while i < c.emergency.len() {
        let e = &c.emergency[i];
        if blank(e.role) {
            fail(
                Msg::new()
                    .text("R9: the emergency contact `")
                    .text(e.phone)
                    .text("` has no role; help: name who answers, e.g. `On-call`"),
            );
        }
        if let Some(problem) = phone_problem(e.phone.as_bytes()) {
            let m = Msg::new().text("R9: the phone number `").text(e.phone).text("` of `").text(e.role);
            let m = m.text("` is not well formed: ").text(problem);
            // `+81 3 5555 0100 ext 12`: the number before the letters, the extension in the role.
            let (number, rest) = before_letters(e.phone.as_bytes());
            if number.len() < e.phone.len() && phone(number) {
                let m = m.text("; help: write `").bytes_whole(number).text("` and put `");
                fail(m.bytes_whole(rest).text("` in the role"));
            }
            fail(m.text("; help: write it in international form, e.g. +81-3-5555-0100"));
        }
        i += 1;
    }
}

#[track_caller]
const fn fail(m: Msg) -> ! {
    match core::str::from_utf8(m.bytes()) {
        Ok(text) => panic!("{}", text),
        Err(_) => panic!("R9: the contacts are not well formed"),
    }
}
