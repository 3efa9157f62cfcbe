//! Every feature's runbook. One file per feature; `cargo xtask new <feature>`
//! adds a file and registers it in the two lists below.

use runbook_dsl::Runbook;

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

pub use common::{ALERTING, ALERTING_EN};
