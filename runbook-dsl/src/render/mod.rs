//! Markdown renderers: one file per document, sharing the escaping, step and
//! diagram helpers. Renderers are pure: the same runbook gives the same bytes.

mod contacts;
mod diagram;
pub mod escape;
mod index;
mod labels;
mod logrotate;
mod maintenance;
mod md;
mod mermaid;
mod operations;
pub mod paths;
mod steps;
mod troubleshooting;

pub use paths::Kind;

use crate::marker;
use crate::model::Runbook;

/// One generated file: where it goes and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Relative to the output root, `/`-separated.
    pub path: String,
    /// The complete file: generated-file marker, then the body.
    pub contents: String,
}

/// The body of one document of `rb`, without the marker.
pub fn body(rb: &Runbook, kind: Kind) -> String {
    match kind {
        Kind::Operations => operations::render(rb),
        Kind::Troubleshooting => troubleshooting::render(rb),
        Kind::Maintenance => maintenance::render(rb),
    }
}

/// The three documents of `rb`, each opening with the marker that names its source.
pub fn documents(rb: &Runbook) -> [Document; 3] {
    Kind::ALL.map(|kind| Document { path: paths::path(rb, kind), contents: marker::wrap(rb.source, &body(rb, kind)) })
}

/// The index of all features, `runbook/README.md`. Its marker names the registry.
pub fn index(runbooks: &[&Runbook], registry: &str) -> Document {
    Document { path: index::PATH.to_string(), contents: marker::wrap(registry, &index::render(runbooks)) }
}
