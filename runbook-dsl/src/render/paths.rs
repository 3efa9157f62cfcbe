//! Where each generated document lives, and the relative links between them.

use crate::model::Runbook;

/// The three documents of a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Operations,
    Troubleshooting,
    Maintenance,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Operations, Kind::Troubleshooting, Kind::Maintenance];

    /// The folder, relative to the output root.
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Operations | Kind::Troubleshooting => "runbook",
            Kind::Maintenance => "docs/operations",
        }
    }

    pub fn suffix(self) -> &'static str {
        match self {
            Kind::Operations => "_operations.md",
            Kind::Troubleshooting => "_troubleshooting.md",
            Kind::Maintenance => "_maintenance.md",
        }
    }
}

pub fn file_name(rb: &Runbook, kind: Kind) -> String {
    format!("{}{}", rb.feature, kind.suffix())
}

/// The path relative to the output root, with `/` separators.
pub fn path(rb: &Runbook, kind: Kind) -> String {
    format!("{}/{}", kind.dir(), file_name(rb, kind))
}

/// A link from a document of kind `from` to the document of kind `to`.
pub fn relative(from: Kind, rb: &Runbook, to: Kind) -> String {
    let up = from.dir().split('/').count();
    if from.dir() == to.dir() {
        file_name(rb, to)
    } else {
        format!("{}{}", "../".repeat(up), path(rb, to))
    }
}
