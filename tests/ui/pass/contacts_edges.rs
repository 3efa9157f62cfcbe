// `contacts!` in the shapes authors write: the `&[...]` of `Contacts::new`,
// trailing commas or none, no chat, addresses with `+` and subdomains,
// numbers with spaces and brackets, roles in Japanese.
use runbook_dsl::{contacts, Contacts};

const TEAM: Contacts = contacts! {
    escalation: &[
        Escalation { level: 1, role: "一次対応", email: "on-call+db@ops.example.co.jp" },
        Escalation { role: "L2", email: "a.b_c%d@x-y.io", level: 2 }
    ],
    emergency: &[Emergency { role: "夜間", phone: "(03) 5555 0100" }, Emergency { role: "On-call", phone: "+1 415 555 0100" },]
};

const WITH_CHAT: Contacts = contacts! {
    escalation: [Escalation { level: 1, role: "L1", email: "support@example.com" }],
    emergency: [Emergency { role: "On-call", phone: "+81-3-5555-0100" }],
    chat: "#team-ops",
};

fn main() {
    assert_eq!(TEAM.escalation().len(), 2);
    assert_eq!(TEAM.escalation()[1].level, 2);
    assert_eq!(TEAM.emergency()[0].phone, "(03) 5555 0100");
    assert_eq!(TEAM.chat(), None);
    assert_eq!(WITH_CHAT.chat(), Some("#team-ops"));
}
