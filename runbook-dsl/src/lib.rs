//! Typed operations runbooks: the one crate a runbook author depends on.
//!
//! A feature's runbook is a `const` built by [`runbook!`]; the macro checks it
//! at compile time. [`render`] turns it into the three Markdown documents that
//! on-call engineers read; [`write`] (feature `write`) puts them on disk safely.

mod date;
pub mod marker;
mod model;
pub mod render;
mod validate;
#[cfg(feature = "write")]
pub mod write;

pub use model::*;
pub use render::{documents, index, Document};

#[doc = include_str!("grammar.md")]
pub use runbook_macros::runbook;

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

/// What `runbook!` expands to refers to these paths only.
#[doc(hidden)]
pub mod __private {
    pub use crate::model::*;
    pub use crate::validate::check_contacts;

    /// The value an invalid runbook expands to, next to its compile errors,
    /// so that one mistake does not cascade into type errors elsewhere.
    pub const PLACEHOLDER: Runbook = Runbook {
        feature: "",
        source: "",
        title: "",
        owner: "",
        updated: Date { year: 2000, month: 1, day: 1 },
        review_every_days: 90,
        version: "",
        lang: Lang::En,
        summary: None,
        vars: &[],
        environments: &[],
        architecture: &[],
        deploy: Deploy { precheck: &[], execute: &[], verify: &[] },
        service: Service {
            start: EMPTY_STEP,
            stop: EMPTY_STEP,
            restart: EMPTY_STEP,
            status: EMPTY_STEP,
            logs: None,
            follow: None,
        },
        monitoring: &[],
        backup: &[],
        restore: &[],
        logs: Logs { files: &[], rotate: Logrotate { file: "", pattern: "", options: &[], postrotate: None } },
        maintenance: Maintenance { daily: &[], weekly: &[], monthly: &[] },
        alerts: &[],
        troubleshooting: &[],
        checklist: Checklist { title: "", items: &[] },
        contacts: Contacts { escalation: &[], emergency: &[], chat: None },
        chat: None,
    };

    const EMPTY_STEP: Step = Step { title: None, danger: None, edit: None, variants: &[] };

    /// A step, positionally: the most frequent value of an expansion, so its
    /// field names are not repeated thousands of times.
    pub const fn step(
        title: Option<&'static str>,
        danger: Option<&'static str>,
        edit: Option<&'static str>,
        variants: &'static [Variant],
    ) -> Step {
        Step { title, danger, edit, variants }
    }

    /// A step's text in one environment (or all), positionally.
    pub const fn variant(env: Option<EnvLabel>, note: Option<&'static str>, text: &'static str) -> Variant {
        Variant { env, note, text }
    }
}
