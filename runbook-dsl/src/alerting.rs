//! The alerting policy a runbook names (`alerting: TEAM_ALERTING,`),
//! declared once for many runbooks: where the docs are published, for each
//! rule's `runbook_url`, and for each severity the team uses its `severity`
//! label, how fast it must be answered and by whom. An alert that omits
//! `respond` or `by` takes its severity's; an alert at a severity the policy
//! does not map does not compile.

use runbook_model::contacts::blank;
use runbook_model::policy::{base_url_fault, label_fault, LabelFault, UrlFault};

use crate::model::{Response, Severity};

/// How one severity is answered: the rule's `severity` label and the
/// defaults of the alerts at that severity.
#[derive(Debug, Clone, Copy)]
pub struct SeverityPolicy {
    pub label: &'static str,
    pub respond: Response,
    pub by: &'static str,
}

/// An alerting policy. Written with [`alerting!`](crate::alerting!), which
/// checks each literal as it expands, or built with [`Alerting::new`] and
/// one [`Alerting::severity`] per severity the team uses, which run the
/// same checks when the const is evaluated: a policy a runbook names is valid.
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
        match base_url_fault(base_url) {
            None => {}
            Some(UrlFault::NotHttps) => panic!("Alerting::new: the base URL must be https://host/..."),
            Some(UrlFault::NoSlash) => panic!("Alerting::new: the base URL must end with `/`"),
            Some(UrlFault::Character) => {
                panic!("Alerting::new: the base URL holds a space, a quote or a character outside ASCII")
            }
        }
        Alerting { base_url, severity: [None; 4] }
    }

    /// Maps `s` to the rule label `label` (a-z, 0-9, `_`, `-`), answered
    /// within `respond` by `by`. Mapping one severity twice, an empty label
    /// or responder, and a zero response time stop the build.
    pub const fn severity(self, s: Severity, label: &'static str, respond: Response, by: &'static str) -> Alerting {
        match label_fault(label) {
            None => {}
            Some(LabelFault::Empty) => panic!("Alerting::severity: the label is empty"),
            Some(LabelFault::Character) => {
                panic!("Alerting::severity: the label holds a character other than a-z, 0-9, `_` and `-`")
            }
        }
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

    pub const fn base_url(&self) -> &'static str {
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

/// The check `runbook!` emits for each severity the alerts of a runbook
/// that names a policy use, spanned at the severity of the first alert at
/// it: the policy must map it. It returns the policy, so that the checks
/// nest in the expression that hands the policy to the runbook and rustc
/// evaluates them with the runbook's const instead of in an item of their
/// own.
#[doc(hidden)]
#[track_caller]
pub const fn require(policy: Alerting, s: Severity) -> Alerting {
    // Patterns rather than `index()` and `is_none()`: each call is a frame
    // of rustc's const evaluator, and this runs for every runbook.
    let unmapped = match s {
        Severity::P0 => matches!(policy.severity, [None, _, _, _]),
        Severity::P1 => matches!(policy.severity, [_, None, _, _]),
        Severity::P2 => matches!(policy.severity, [_, _, None, _]),
        Severity::P3 => matches!(policy.severity, [_, _, _, None]),
    };
    if unmapped {
        match s {
            Severity::P0 => panic!("the alerting policy maps no P0\nhelp: choose a severity the policy maps, or add `P0 => \"critical\", respond 15min, by \"On-call\";` to the policy"),
            Severity::P1 => panic!("the alerting policy maps no P1\nhelp: choose a severity the policy maps, or add `P1 => \"critical\", respond 30min, by \"On-call\";` to the policy"),
            Severity::P2 => panic!("the alerting policy maps no P2\nhelp: choose a severity the policy maps, or add `P2 => \"warning\", respond 4h, by \"On-call\";` to the policy"),
            Severity::P3 => panic!("the alerting policy maps no P3\nhelp: choose a severity the policy maps, or add `P3 => \"info\", respond 2bd, by \"On-call\";` to the policy"),
        }
    }
    policy
}

/// The policy `alerting!` has checked, literal by literal.
#[doc(hidden)]
pub const fn checked(base_url: &'static str, severity: [Option<SeverityPolicy>; 4]) -> Alerting {
    Alerting { base_url, severity }
}

/// A base URL `alerting!` was given as a path: the literal is out of its
/// sight, so the rules run in const evaluation, as in [`Alerting::new`].
#[doc(hidden)]
pub const fn base_url(url: &'static str) -> &'static str {
    Alerting::new(url).base_url
}

/// What an invalid `alerting!` expands to, next to its compile errors.
#[doc(hidden)]
pub const NO_ALERTING: Alerting = Alerting { base_url: "https://example.invalid/", severity: [None; 4] };

#[cfg(test)]
mod tests {
    use super::*;

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
