//! Who to call: the escalation path and the emergency contacts, in the
//! operations document and again at the end of the troubleshooting guide,
//! where the person in trouble is reading.

use super::escape;
use super::labels::Labels;
use super::md::{link, Md};
use crate::model::Model;

/// The next section, with its two subsections.
pub fn render(md: &mut Md, rb: &Model, l: &Labels, anchor: Option<&str>) {
    md.section(l.contacts, anchor);
    md.subsection(l.escalation, None);
    md.numbered(
        rb.contacts
            .escalation
            .iter()
            .map(|e| cat!("**", escape::inline(e.role), "**: ", link(e.email, &cat!("mailto:", e.email)))),
    );
    md.subsection(l.emergency, None);
    let mut items: Vec<String> = rb
        .contacts
        .emergency
        .iter()
        .map(|e| fmt!("**{}**: {}", escape::inline(e.role), link(e.phone, &tel(e.phone))))
        .collect();
    if let Some(chat) = rb.chat.or(rb.contacts.chat) {
        items.push(fmt!("**{}**: {}", escape::inline(l.chat), escape::inline(chat)));
    }
    md.list(items);
}

/// A `tel:` link target: the number with only its digits and a leading `+`.
fn tel(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    fmt!("tel:{digits}")
}
