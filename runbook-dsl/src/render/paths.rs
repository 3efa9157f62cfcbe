//! Where each generated document lives, and the relative links between them.

/// The files written for each feature: each declares its folder, its name
/// and its marker's syntax, and the doc writer (`--check`, pruning, hand-edit
/// protection) treats every kind alike. A new output for every feature is a
/// new variant here and its body in `render::body`.
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

    /// How the file carries its generated-file marker.
    pub fn syntax(self) -> crate::marker::Syntax {
        match self {
            Kind::Operations | Kind::Troubleshooting | Kind::Maintenance => crate::marker::Syntax::Markdown,
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

/// Every file written for a feature, as `(folder, suffix after the feature
/// name)`: the documents of every `Kind` and the rule files. The doc writer
/// prunes only files named so.
pub fn feature_files() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Kind::ALL.iter().map(|k| (k.dir(), k.suffix())).collect();
    out.push((super::rules::DIR, super::rules::RULES_SUFFIX));
    out.push((super::rules::DIR, super::rules::TESTS_SUFFIX));
    out
}

pub fn file_name(feature: &str, kind: Kind) -> String {
    cat!(feature, kind.suffix())
}

/// The path relative to the output root, with `/` separators.
pub fn path(feature: &str, kind: Kind) -> String {
    cat!(kind.dir(), "/", file_name(feature, kind))
}

/// A link from a document of kind `from` to the document of kind `to`.
pub fn relative(from: Kind, feature: &str, to: Kind) -> String {
    let up = from.dir().split('/').count();
    if from.dir() == to.dir() {
        file_name(feature, to)
    } else {
        cat!("../".repeat(up), path(feature, to))
    }
}
