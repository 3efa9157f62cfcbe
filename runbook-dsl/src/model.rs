//! The typed runbook as the renderers read it.
//!
//! The runbook's own data is [`Spec`], defined once in `runbook-model` and
//! decoded from what `runbook!` embedded, with every placeholder already
//! substituted and every rule already checked. [`Model`] adds the parts a
//! runbook names rather than contains: its source file, the shared
//! checklist and contacts. Renderers only read it.

pub use runbook_model::{
    Alert, Band, Component, Condition, Date, Deploy, Entry, EnvLabel, Environment, Frequency, Lang, Level, Log,
    LogSource, Logrotate, Logs, Maintenance, Member, MemberLabel, MemberSet, Metric, MetricGroup, Per, PerMember,
    Response, Service, Severity, Spec, Step, Symptom, Task, Unit, Var, Variant, Vocabulary,
};
pub use runbook_model::{Form, NotApplicable};

/// One feature's runbook: everything its outputs show. Its own data reads
/// through `Deref` (`model.alerts`), the parts it names are fields.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    pub spec: Spec,
    /// The source file the runbook was declared in, relative to the workspace root.
    pub source: &'static str,
    pub checklist: Checklist,
    pub contacts: Contacts,
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
