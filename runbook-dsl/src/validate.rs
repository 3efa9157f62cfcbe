//! R9, checked by the compiler. `runbook!` cannot see inside the shared
//! contacts it names, so the check runs where they are built:
//! [`Contacts::new`] is a `const fn` that panics on a malformed address or an
//! out-of-order escalation path, which fails the build at the contacts' const.
//!
//! It runs once per const, however many runbooks name it. Checking in each
//! runbook's expansion instead cost rustc more than the whole `runbook!`
//! expansion did: the const interpreter is slow on the byte loops below.

use crate::model::{Contacts, Emergency, Escalation};

impl Contacts {
    /// An escalation path (levels 1, 2, 3, ... in order, each with an e-mail
    /// address) and the emergency contacts (international phone numbers).
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
            panic!("R9: escalation levels must run 1, 2, 3, ... in order; help: renumber the escalation path");
        }
        if !email(e.email.as_bytes()) {
            panic!("R9: an escalation e-mail address is not well formed; help: write it as name@example.com");
        }
        i += 1;
    }
    let mut i = 0;
    while i < c.emergency.len() {
        if !phone(c.emergency[i].phone.as_bytes()) {
            panic!("R9: an emergency phone number is not well formed; help: write it in international form, e.g. +81-3-5555-0100");
        }
        i += 1;
    }
}

/// `local@domain.tld`: one `@`, no spaces, a dot in the domain, neither end empty.
pub const fn email(s: &[u8]) -> bool {
    let mut at = usize::MAX;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c == b'@' {
            if at != usize::MAX {
                return false;
            }
            at = i;
        } else if c == b' ' || c == b',' || c == b'<' || c == b'>' || c < 0x21 {
            return false;
        }
        i += 1;
    }
    if at == usize::MAX || at == 0 || at + 1 >= s.len() {
        return false;
    }
    let mut dot = false;
    let mut j = at + 1;
    while j < s.len() {
        if s[j] == b'.' {
            if j == at + 1 || j + 1 == s.len() {
                return false;
            }
            dot = true;
        }
        j += 1;
    }
    dot
}

/// `+81-3-5555-0100`: an optional leading `+`, then digits, spaces, `-`, `(`, `)`; 7 to 15 digits.
pub const fn phone(s: &[u8]) -> bool {
    let mut digits = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c.is_ascii_digit() {
            digits += 1;
        } else if !(c == b'-' || c == b' ' || c == b'(' || c == b')' || (c == b'+' && i == 0)) {
            return false;
        }
        i += 1;
    }
    digits >= 7 && digits <= 15
}

#[cfg(test)]
mod tests {
    use super::{email, phone};

    #[test]
    fn emails() {
        assert!(email(b"support@example.com"));
        for bad in ["support", "@example.com", "a@b", "a@@b.com", "a b@c.com", "a@.com", "a@b."] {
            assert!(!email(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn phones() {
        assert!(phone(b"+81-3-5555-0100"));
        assert!(phone(b"(03) 5555 0100"));
        for bad in ["+81-XX-XXXX-XXXX", "123", "+81 3 5555 0100 ext 2", "1+2345678"] {
            assert!(!phone(bad.as_bytes()), "{bad}");
        }
    }
}
