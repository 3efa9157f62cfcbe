//! Every feature's runbook. One file per feature; `cargo xtask new <feature>`
//! adds a file and registers it in the two lists below.

use runbook_dsl::{Alerting, Runbook};

pub mod common;

// features: modules (kept sorted by `cargo xtask new`)
pub mod auth_service;
pub mod job_worker;
pub mod knowledge_api;
// end features: modules

/// Every runbook, in feature-name order. A `static`, not a `const`: a const
/// is inlined where it is used, so every edit would make the doc tool
/// re-generate every runbook's data.
pub static ALL: &[&Runbook] = &[
    // features: registry
    &auth_service::RUNBOOK,
    &job_worker::RUNBOOK,
    &knowledge_api::RUNBOOK,
    // end features: registry
];

/// How every runbook's alerts become Prometheus rules
/// (`monitoring/{feature}.rules.yml`): each rule's `runbook_url` is this
/// repository's published copy of the alert's row in the operations
/// document, and P0-P3 map to these `severity` labels (P0 and P1 page).
pub const ALERTING: Alerting = Alerting::new(
    "https://github.com/mirai-knowledge-systems/runbooks/blob/main/",
    ["critical", "critical", "warning", "info"],
);
