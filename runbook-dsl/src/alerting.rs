//! How a workspace's alerts become Prometheus rules, declared once for
//! every runbook (`runbooks::ALERTING`): where the docs are published, for
//! each rule's `runbook_url`, and the `severity` label of each of P0-P3.

use crate::model::Severity;

/// The alerting settings shared by every runbook of a workspace. Built with
/// [`Alerting::new`], which checks them when the const is built.
#[derive(Debug, Clone, Copy)]
pub struct Alerting {
    base_url: &'static str,
    severity: [&'static str; 4],
}

impl Alerting {
    /// `base_url`: where the repository's files are published (the
    /// repository's blob URL, say), ending in `/`; a rule's `runbook_url` is
    /// it followed by the document's path and the alert's anchor.
    /// `severity`: the `severity` label of P0, P1, P2 and P3, in that order.
    ///
    /// A base URL that is not https or does not end in `/`, and a label
    /// value that is empty or not a plain word, stop the build.
    pub const fn new(base_url: &'static str, severity: [&'static str; 4]) -> Alerting {
        let b = base_url.as_bytes();
        let https = b"https://";
        assert!(b.len() > https.len() + 1, "Alerting::new: the base URL must be https://host/...");
        let mut i = 0;
        while i < https.len() {
            assert!(b[i] == https[i], "Alerting::new: the base URL must start with https://");
            i += 1;
        }
        assert!(b[b.len() - 1] == b'/', "Alerting::new: the base URL must end with `/`");
        while i < b.len() {
            assert!(
                b[i] > b' ' && b[i] < 0x7f && b[i] != b'"' && b[i] != b'<' && b[i] != b'>' && b[i] != b'\\',
                "Alerting::new: the base URL holds a space, a quote or a character outside ASCII"
            );
            i += 1;
        }
        let mut s = 0;
        while s < severity.len() {
            let v = severity[s].as_bytes();
            assert!(!v.is_empty(), "Alerting::new: a severity label is empty");
            let mut j = 0;
            while j < v.len() {
                assert!(
                    v[j].is_ascii_alphanumeric() || v[j] == b'_' || v[j] == b'-',
                    "Alerting::new: a severity label holds a character other than a-z, 0-9, `_` and `-`"
                );
                j += 1;
            }
            s += 1;
        }
        Alerting { base_url, severity }
    }

    pub fn base_url(&self) -> &'static str {
        self.base_url
    }

    /// The `severity` label of `s`.
    pub fn severity(&self, s: Severity) -> &'static str {
        match s {
            Severity::P0 => self.severity[0],
            Severity::P1 => self.severity[1],
            Severity::P2 => self.severity[2],
            Severity::P3 => self.severity[3],
        }
    }

    /// A hash of the settings, for the input hash of the rule files.
    pub fn hash(&self) -> u64 {
        let mut h = runbook_model::hash::Fnv::new().str(self.base_url);
        for s in self.severity {
            h = h.str(s);
        }
        h.finish()
    }
}
