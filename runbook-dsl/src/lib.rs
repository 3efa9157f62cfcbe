//! Typed operations runbooks: the one crate a runbook author depends on.
//!
//! A feature's runbook is a `const` [`Runbook`] built by [`runbook!`]; the
//! macro checks it at compile time. [`Runbook::model`] is the whole runbook as
//! typed data ([`Model`]); [`render`] turns it into the three Markdown
//! documents that on-call engineers read; [`write`] (feature `write`) puts
//! them on disk safely, rendering only what changed.

mod alerting;
#[cfg(feature = "catalog")]
pub mod catalog;
pub mod marker;
mod model;
pub mod render;
mod runbook;
mod validate;
#[cfg(feature = "write")]
pub mod write;

pub use alerting::{Alerting, SeverityPolicy};
pub use model::*;
pub use render::{document, documents, index, Document};
pub use runbook::Runbook;
/// Every step of a runbook with its place, for every output and check that needs commands.
pub use runbook_model::walk;

#[doc = include_str!("grammar.md")]
pub use runbook_macros::runbook;

/// A team's contacts, checked (R9) literal by literal as the macro expands:
///
/// ```
/// use runbook_dsl::{contacts, Contacts};
/// const TEAM: Contacts = contacts! {
///     escalation: [
///         Escalation { level: 1, role: "L1 support", email: "support@example.com" },
///         Escalation { level: 2, role: "L2 engineer", email: "engineer@example.com" },
///     ],
///     emergency: [Emergency { role: "On-call", phone: "+81-3-5555-0100" }],
///     chat: "#team-ops", // optional
/// };
/// ```
///
/// The levels are 1, 2, 3, ... in order, each with a role and an e-mail
/// address a mail client accepts; the emergency contacts have a role and a
/// phone number of 7 to 15 digits. A broken literal is an error at that
/// literal that names it, with the value meant where the mistake is a
/// common one (`name(at)example.com`, `Name <a@b.com>`, an extension):
///
/// ```compile_fail
/// use runbook_dsl::{contacts, Contacts};
/// const TEAM: Contacts = contacts! {
///     escalation: [Escalation { level: 1, role: "L1", email: "support(at)example.com" }],
///     emergency: [Emergency { role: "On-call", phone: "+81-3-5555-0100" }],
/// };
/// ```
pub use runbook_macros::contacts;

/// A team's alerting policy (see [`Alerting`]), checked literal by literal
/// as the macro expands:
///
/// ```
/// use runbook_dsl::{alerting, Alerting, Response, Severity};
/// const TEAM_ALERTING: Alerting = alerting! {
///     base_url: "https://github.com/org/runbooks/blob/main/",
///     P0 => "critical", respond immediately, by "On-call engineer";
///     P1 => "critical", respond 30min, by "On-call engineer";
///     P3 => "info", respond 2bd, by "platform-team";
/// };
/// assert_eq!(TEAM_ALERTING.policy(Severity::P1).map(|p| p.respond), Some(Response::Minutes(30)));
/// assert!(TEAM_ALERTING.policy(Severity::P2).is_none());
/// ```
///
/// Each line maps a severity the team uses to the rule's `severity` label,
/// how fast its alerts are answered (`immediately`, or `min`, `h`, `d`, `bd`)
/// and by whom. `base_url` is where the docs are published: each rule's
/// `runbook_url` is it followed by the document's path and the alert's
/// anchor. It may also be the path of a `&str` const, whose value is then
/// checked when rustc evaluates the policy. A broken literal is an error at
/// that literal, with the value meant:
///
/// ```compile_fail
/// use runbook_dsl::{alerting, Alerting};
/// const TEAM_ALERTING: Alerting = alerting! {
///     base_url: "https://github.com/org/runbooks/blob/main",
///     P1 => "critical", respond 30min, by "On-call engineer";
/// };
/// ```
pub use runbook_macros::alerting;

/// What `runbook!` expands to refers to these paths only.
#[doc(hidden)]
pub mod __private {
    pub use crate::alerting::{base_url, checked as alerting, require as require_severity, NO_ALERTING};
    pub use crate::model::Response;
    pub use crate::model::{Checklist, Contacts, Emergency, Escalation, Severity};
    pub use crate::runbook::compiled;
    pub use crate::SeverityPolicy;

    /// The contacts `contacts!` has checked, literal by literal.
    pub const fn contacts(
        escalation: &'static [Escalation],
        emergency: &'static [Emergency],
        chat: Option<&'static str>,
    ) -> Contacts {
        Contacts { escalation, emergency, chat }
    }

    /// The value an invalid runbook expands to, next to its compile errors,
    /// so that one mistake does not cascade into type errors elsewhere.
    pub const PLACEHOLDER: crate::Runbook = compiled(
        "",
        "",
        "",
        "",
        (2000, 1, 1),
        90,
        [0; 4],
        "",
        0,
        Checklist { title: "", items: &[] },
        NO_CONTACTS,
        None,
    );

    /// What a runbook without `contacts:` (an error) expands with.
    pub const NO_CONTACTS: Contacts = Contacts { escalation: &[], emergency: &[], chat: None };
}
