//! The alerting policy a runbook names (`alerting: TEAM_ALERTING,`),
//! declared once for many runbooks: where the docs are published, for each
//! rule's `runbook_url`, and for each severity the team uses its `severity`
//! label, how fast it must be answered and by whom. An alert that omits
//! `respond` or `by` takes its severity's; an alert at a severity the policy
//! does not map does not compile.

use crate::model::{Response, Severity};

/// How one severity is answered: the rule's `severity` label and the
/// defaults of the alerts at that severity.
#[derive(Debug, Clone, Copy)]
pub struct SeverityPolicy {
    pub label: &'static str,
    pub respond: Response,
    pub by: &'static str,
}

/// An alerting policy. Built with [`Alerting::new`] and one
/// [`Alerting::severity`] per severity the team uses; both check their
/// input when the const is built, so a policy a runbook names is valid.
///
/// ```
/// use runbook_dsl::{Alerting, Response, Severity};
///
/// const TEAM_ALERTING: Alerting = Alerting::new("https://github.com/org/repo/blob/main/")
///     .severity(Severity::P1, "critical", Response::Minutes(30), "On-call engineer")
///     .severity(Severity::P3, "info", Response::BusinessDays(2), "platform-team");
/// assert_eq!(TEAM_ALERTING.policy(Severity::P1).map(|p| p.label), Some("critical"));
/// assert!(TEAM_ALERTING.policy(Severity::P0).is_none());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Alerting {
    base_url: &'static str,
    severity: [Option<SeverityPolicy>; 4],
}

impl Alerting {
    /// `base_url`: where the repository's files are published (the
    /// repository's blob URL, say), ending in `/`; a rule's `runbook_url` is
    /// it followed by the document's path and the alert's anchor. A base URL
    /// that is not https, does not end in `/` or holds a space, a quote or a
    /// character outside ASCII stops the build.
    pub const fn new(base_url: &'static str) -> Alerting {
        let b = base_url.as_bytes();
        assert!(
            matches!(b, [b'h', b't', b't', b'p', b's', b':', b'/', b'/', _, _, ..]),
            "Alerting::new: the base URL must be https://host/..."
        );
        assert!(b[b.len() - 1] == b'/', "Alerting::new: the base URL must end with `/`");
        assert!(
            all_in(URL_BYTES, b),
            "Alerting::new: the base URL holds a space, a quote or a character outside ASCII"
        );
        Alerting { base_url, severity: [None; 4] }
    }

    /// Maps `s` to the rule label `label` (a-z, 0-9, `_`, `-`), answered
    /// within `respond` by `by`. Mapping one severity twice, an empty label
    /// or responder, and a zero response time stop the build.
    pub const fn severity(self, s: Severity, label: &'static str, respond: Response, by: &'static str) -> Alerting {
        assert!(!label.is_empty(), "Alerting::severity: the label is empty");
        assert!(
            all_in(LABEL_BYTES, label.as_bytes()),
            "Alerting::severity: the label holds a character other than a-z, 0-9, `_` and `-`"
        );
        assert!(!blank(by), "Alerting::severity: the responder is empty");
        assert!(
            !matches!(
                respond,
                Response::Minutes(0) | Response::Hours(0) | Response::Days(0) | Response::BusinessDays(0)
            ),
            "Alerting::severity: a response time of zero; write Response::Immediately"
        );
        let i = s.index();
        assert!(self.severity[i].is_none(), "Alerting::severity: this severity is mapped twice");
        let mut severity = self.severity;
        severity[i] = Some(SeverityPolicy { label, respond, by });
        Alerting { base_url: self.base_url, severity }
    }

    pub fn base_url(&self) -> &'static str {
        self.base_url
    }

    /// How `s` is answered; `None` when the team does not use it.
    pub const fn policy(&self, s: Severity) -> Option<SeverityPolicy> {
        self.severity[s.index()]
    }

    /// A hash of the whole policy, for the input hash of what shows it.
    pub fn hash(&self) -> u64 {
        let mut h = runbook_model::hash::Fnv::new().str(self.base_url);
        for p in self.severity {
            h = match p {
                None => h.u64(0),
                Some(p) => h.u64(1).str(p.label).str(&format!("{:?}", p.respond)).str(p.by),
            };
        }
        h.finish()
    }
}

const fn blank(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_whitespace() {
            return false;
        }
        i += 1;
    }
    true
}

// A policy is evaluated again in every crate that names it, so its checks
// run in every runbook crate's build, in rustc's const evaluator, where each
// comparison is a step: a byte's test is one shift into a set of allowed
// ASCII bytes (bit `b` for byte `b`) instead of a chain of comparisons. The
// test `byte_sets_match_their_definitions` rebuilds both from their words.

/// A base URL's bytes: printable ASCII but `"`, `<`, `>` and `\`.
const URL_BYTES: u128 = 0x7fffffff_efffffff_affffffa_00000000;
/// A rule label's bytes: ASCII letters and digits, `_` and `-`.
const LABEL_BYTES: u128 = 0x07fffffe_87fffffe_03ff2000_00000000;

/// True if every byte of `b` is in `set`.
const fn all_in(set: u128, b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        if b[i] >= 128 || set >> b[i] & 1 == 0 {
            return false;
        }
        i += 1;
    }
    true
}

/// The check `runbook!` emits for each severity the alerts of a runbook
/// that names a policy use, spanned at the severity of the first alert at
/// it: the policy must map it. It returns the policy, so that the checks
/// nest in the expression that hands the policy to the runbook and rustc
/// evaluates them with the runbook's const instead of in an item of their
/// own.
#[doc(hidden)]
#[track_caller]
pub const fn require(policy: Alerting, s: Severity) -> Alerting {
    if policy.severity[s.index()].is_none() {
        match s {
            Severity::P0 => panic!("the alerting policy maps no P0\nhelp: choose a severity the policy maps, or add `.severity(Severity::P0, \"critical\", Response::Minutes(15), \"On-call\")` to the policy"),
            Severity::P1 => panic!("the alerting policy maps no P1\nhelp: choose a severity the policy maps, or add `.severity(Severity::P1, \"critical\", Response::Minutes(30), \"On-call\")` to the policy"),
            Severity::P2 => panic!("the alerting policy maps no P2\nhelp: choose a severity the policy maps, or add `.severity(Severity::P2, \"warning\", Response::Hours(4), \"On-call\")` to the policy"),
            Severity::P3 => panic!("the alerting policy maps no P3\nhelp: choose a severity the policy maps, or add `.severity(Severity::P3, \"info\", Response::BusinessDays(2), \"On-call\")` to the policy"),
        }
    }
    policy
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(allowed: impl Fn(u8) -> bool) -> u128 {
        (0..128u8).filter(|&b| allowed(b)).fold(0, |set, b| set | 1 << b)
    }

    #[test]
    fn byte_sets_match_their_definitions() {
        assert_eq!(URL_BYTES, set(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'\\')));
        assert_eq!(LABEL_BYTES, set(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
    }

    #[test]
    fn a_valid_policy_builds() {
        let p = Alerting::new("https://example.com/r/").severity(
            Severity::P1,
            "critical",
            Response::Minutes(30),
            "On-call",
        );
        assert_eq!(p.base_url(), "https://example.com/r/");
        assert_eq!(p.policy(Severity::P1).map(|p| p.label), Some("critical"));
    }

    #[test]
    fn bad_base_urls_are_refused() {
        for url in ["http://example.com/", "https://", "https://a", "https://a b/", "https://例え.jp/", "https://a\"/"]
        {
            assert!(std::panic::catch_unwind(|| Alerting::new(url)).is_err(), "{url}");
        }
    }

    #[test]
    fn bad_severities_are_refused() {
        let p = Alerting::new("https://example.com/");
        let bad: [(&str, Response, &str); 4] = [
            ("", Response::Minutes(5), "On-call"),
            ("crit ical", Response::Minutes(5), "On-call"),
            ("critical", Response::Minutes(0), "On-call"),
            ("critical", Response::Minutes(5), " "),
        ];
        for (label, respond, by) in bad {
            assert!(
                std::panic::catch_unwind(|| p.severity(Severity::P0, label, respond, by)).is_err(),
                "{label:?} {by:?}"
            );
        }
        let once = p.severity(Severity::P0, "page-me_2", Response::Immediately, "On-call");
        assert!(
            std::panic::catch_unwind(|| once.severity(Severity::P0, "critical", Response::Immediately, "x")).is_err()
        );
    }
}
