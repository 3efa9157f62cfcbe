// Contacts built without `Contacts::new` would skip R9: its fields are
// private, so a literal outside runbook-dsl does not compile.
use runbook_dsl::{Contacts, Emergency, Escalation};

const TEAM: Contacts = Contacts {
    escalation: &[Escalation { level: 1, role: "L1", email: "not an address" }],
    emergency: &[Emergency { role: "On-call", phone: "+81-3-5555-0100" }],
    chat: None,
};

fn main() {
    let _ = TEAM;
}
