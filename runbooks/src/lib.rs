//! Every feature's runbook. One file per feature; `cargo xtask new <feature>`
//! adds a file and registers it in the two lists below.

use runbook_dsl::{Alerting, Response, Runbook, Severity};

pub mod common;

// features: modules (kept sorted by `cargo xtask new`)
pub mod auth_service;
pub mod job_worker;
pub mod knowledge_api;
pub mod knowledge_search;
// end features: modules

/// Every runbook, in feature-name order. A `static`, not a `const`: a const
/// is inlined where it is used, so every edit would make the doc tool
/// re-generate every runbook's data.
pub static ALL: &[&Runbook] = &[
    // features: registry
    &auth_service::RUNBOOK,
    &job_worker::RUNBOOK,
    &knowledge_api::RUNBOOK,
    &knowledge_search::RUNBOOK,
    // end features: registry
];

/// Where this repository's files are published: each rule's `runbook_url`
/// is this followed by the operations document's path and the alert's anchor.
const PUBLISHED_AT: &str = "https://github.com/mirai-knowledge-systems/runbooks/blob/main/";

/// The platform team's alerting policy (`alerting: ALERTING,`): how each
/// severity's alerts become Prometheus rules (`monitoring/{feature}.rules.yml`,
/// P0 and P1 page as `critical`) and who answers them how fast, unless an
/// alert says otherwise.
pub const ALERTING: Alerting = Alerting::new(PUBLISHED_AT)
    .severity(Severity::P0, "critical", Response::Immediately, "オンコールエンジニア")
    .severity(Severity::P1, "critical", Response::Minutes(30), "オンコールエンジニア")
    .severity(Severity::P2, "warning", Response::BusinessDays(1), "platform-team")
    .severity(Severity::P3, "info", Response::BusinessDays(2), "platform-team");

/// The same policy for English-language runbooks.
pub const ALERTING_EN: Alerting = Alerting::new(PUBLISHED_AT)
    .severity(Severity::P0, "critical", Response::Immediately, "On-call engineer")
    .severity(Severity::P1, "critical", Response::Minutes(30), "On-call engineer")
    .severity(Severity::P2, "warning", Response::BusinessDays(1), "platform-team")
    .severity(Severity::P3, "info", Response::BusinessDays(2), "platform-team");
