//! The typed runbook as the renderers read it.
//!
//! The runbook's own data is [`Spec`], defined once in `runbook-model` and
//! decoded from what `runbook!` embedded, with every placeholder already
//! substituted and every rule already checked. [`Model`] adds the parts a
//! runbook names rather than contains: its source file, the shared
//! checklist and contacts. Renderers only read it.

pub use runbook_model::{
    Alert, AlertProse, Band, Component, Condition, Date, Deploy, Entry, EnvLabel, Environment, Frequency, Lang, Level,
    Log, LogSource, Logrotate, Logs, Maintenance, Member, MemberLabel, MemberSet, Metric, MetricGroup, Per, PerMember,
    Response, Service, Severity, Spec, Step, Symptom, Task, Unit, Var, Variant, Vocabulary,
};
pub use runbook_model::{Form, NotApplicable};

use crate::alerting::{Alerting, SeverityPolicy};

/// One feature's runbook: everything its outputs show. Its own data reads
/// through `Deref` (`model.alerts`), the parts it names are fields.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    pub spec: Spec,
    /// The source file the runbook was declared in, relative to the workspace root.
    pub source: &'static str,
    pub checklist: Checklist,
    pub contacts: Contacts,
    /// The alerting policy the runbook names: its rules' labels and URL,
    /// and what an alert that omits `respond` or `by` takes.
    pub alerting: Option<Alerting>,
}

impl Model {
    /// How fast `a` must be answered: its own `respond`, or its severity's
    /// in the policy.
    pub fn response(&self, a: &Alert) -> Response {
        match (a.respond, self.severity_policy(a)) {
            (Some(r), _) => r,
            (None, Some(p)) => p.respond,
            (None, None) => self.unanswered(a),
        }
    }

    /// Who answers `a`: its own `by`, or its severity's in the policy.
    pub fn responder(&self, a: &Alert) -> &'static str {
        match (a.responder, self.severity_policy(a)) {
            (Some(r), _) => r,
            (None, Some(p)) => p.by,
            (None, None) => self.unanswered(a),
        }
    }

    /// The `severity` label of `a`'s rule, from the policy; only for a
    /// runbook that names one.
    pub fn severity_label(&self, a: &Alert) -> &'static str {
        match self.severity_policy(a) {
            Some(p) => p.label,
            None => self.unanswered(a),
        }
    }

    fn severity_policy(&self, a: &Alert) -> Option<SeverityPolicy> {
        self.alerting.and_then(|p| p.policy(a.severity))
    }

    /// `runbook!` does not compile an alert whose runbook names a policy
    /// that does not map its severity, nor one that omits `respond` or `by`
    /// without a policy; only a model built by hand can get here.
    fn unanswered(&self, a: &Alert) -> ! {
        panic!(
            "{}: alert `{}` needs its policy to map {:?}; runbook! rejects this, so the model was built by hand",
            self.source, a.id, a.severity
        )
    }
}

impl std::ops::Deref for Model {
    type Target = Spec;

    fn deref(&self) -> &Spec {
        &self.spec
    }
}

/// A checklist shared by many runbooks.
#[derive(Debug, Clone, Copy)]
pub struct Checklist {
    pub title: &'static str,
    pub items: &'static [&'static str],
}

/// Who to call: shared by many runbooks. Built with [`Contacts::new`], which
/// checks R9. The fields are private (read them with the methods of the same
/// names), so that it is the only way to build or change one outside this
/// crate: every `Contacts` a runbook names has been checked.
#[derive(Debug, Clone, Copy)]
pub struct Contacts {
    pub(crate) escalation: &'static [Escalation],
    pub(crate) emergency: &'static [Emergency],
    pub(crate) chat: Option<&'static str>,
}

#[derive(Debug, Clone, Copy)]
pub struct Escalation {
    pub level: u8,
    pub role: &'static str,
    pub email: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub struct Emergency {
    pub role: &'static str,
    pub phone: &'static str,
}
