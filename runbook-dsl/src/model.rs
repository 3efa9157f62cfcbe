//! The typed runbook as the renderers read it: plain `&'static` data.
//!
//! [`Runbook::model`](crate::Runbook::model) decodes them from what `runbook!`
//! wrote, with every placeholder already substituted and every rule already
//! checked; renderers only read them.

use serde::Serialize;

/// One feature's runbook: everything the three generated documents show.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Model {
    /// File-name slug, `[a-z][a-z0-9_]*`.
    pub feature: &'static str,
    /// The source file the runbook was declared in, relative to the workspace root.
    pub source: &'static str,
    pub title: &'static str,
    pub owner: &'static str,
    pub updated: Date,
    /// How often the runbook must be reviewed, in days.
    pub review_every_days: u32,
    pub version: &'static str,
    pub lang: Lang,
    /// Free-text summary shown in the overview.
    pub summary: Option<&'static str>,
    pub vars: &'static [Var],
    pub environments: &'static [Environment],
    pub architecture: &'static [Component],
    pub deploy: Deploy,
    pub service: Service,
    pub monitoring: &'static [MetricGroup],
    pub backup: &'static [Step],
    pub restore: &'static [Step],
    pub logs: Logs,
    pub maintenance: Maintenance,
    pub alerts: &'static [Alert],
    pub troubleshooting: &'static [Entry],
    pub checklist: Checklist,
    pub contacts: Contacts,
    /// The feature's own chat channel; falls back to the shared contacts' channel.
    pub chat: Option<&'static str>,
}

/// A calendar date, checked by the macro to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// The language of the generated headings and fixed phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

/// A named value substituted for `{name}`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Var {
    pub name: &'static str,
    pub value: &'static str,
}

/// A deployment target; its vars shadow none of the runbook's vars.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Environment {
    pub id: &'static str,
    pub label: &'static str,
    pub vars: &'static [Var],
}

/// One box of the request path, top to bottom.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Component {
    pub id: &'static str,
    pub name: &'static str,
    /// The kind of component shown in the component list ("Web Server"); a
    /// component without one (the client) is drawn but not listed.
    pub kind: Option<&'static str>,
    pub version: Option<&'static str>,
    pub role: Option<&'static str>,
    /// Label of the arrow from this component to the next one.
    pub link: Option<&'static str>,
    /// Optional components are listed, and drawn beside the path, not on it.
    pub optional: bool,
}

/// A titled step: one or more commands, or a configuration edit.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Step {
    pub title: Option<&'static str>,
    /// Why the step is dangerous; required for destructive commands.
    pub danger: Option<&'static str>,
    /// For a configuration edit: the file whose lines `variants` hold.
    pub edit: Option<&'static str>,
    /// The command text per environment; a single variant with `env: None`
    /// when the command is the same everywhere.
    pub variants: &'static [Variant],
}

/// The text of a step in one environment (or in all of them).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Variant {
    pub env: Option<EnvLabel>,
    /// A remark on this environment's variant ("graceful restart").
    pub note: Option<&'static str>,
    pub text: &'static str,
}

/// The environment a variant belongs to.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EnvLabel {
    pub id: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Deploy {
    pub precheck: &'static [Step],
    pub execute: &'static [Step],
    pub verify: &'static [Step],
}

/// Service control; each is shown for every environment.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Service {
    pub start: Step,
    pub stop: Step,
    pub restart: Step,
    pub status: Step,
    /// Recent log lines.
    pub logs: Option<Step>,
    /// Following the log live.
    pub follow: Option<Step>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct MetricGroup {
    pub id: &'static str,
    pub title: &'static str,
    pub metrics: &'static [Metric],
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Metric {
    pub id: &'static str,
    pub title: &'static str,
    pub unit: Unit,
    pub normal: Option<Band>,
    pub warning: Option<Band>,
    pub critical: Option<Band>,
}

/// A threshold band of one metric, in the metric's unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Band {
    Below { value: f64 },
    AtMost { value: f64 },
    Exactly { value: f64 },
    Between { low: f64, high: f64 },
    AtLeast { value: f64 },
    Above { value: f64 },
}

/// The unit of a metric's thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unit {
    /// A plain count.
    Count,
    Percent,
    Millis,
    Seconds,
    Minutes,
    Hours,
    Megabytes,
    Gigabytes,
    /// `noun/period`, e.g. `req/s` or `/day`.
    Rate {
        noun: Option<&'static str>,
        per: Per,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Second,
    Minute,
    Hour,
    Day,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Logs {
    pub files: &'static [LogFile],
    pub rotate: Logrotate,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct LogFile {
    pub id: &'static str,
    pub title: &'static str,
    pub path: &'static str,
    pub purpose: &'static str,
}

/// A logrotate policy, rendered as the file that installs it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Logrotate {
    /// Where the policy is installed, e.g. `/etc/logrotate.d/app`.
    pub file: &'static str,
    /// The log files it applies to (a glob).
    pub pattern: &'static str,
    /// Directive lines in order, e.g. `daily`, `rotate 30`.
    pub options: &'static [&'static str],
    /// Commands run after rotation, per environment.
    pub postrotate: Option<Step>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Maintenance {
    pub daily: &'static [Task],
    pub weekly: &'static [Task],
    pub monthly: &'static [Task],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
}

/// A periodic maintenance task.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Task {
    pub id: &'static str,
    pub title: &'static str,
    /// Cron schedule when automated; `None` for a manual task.
    pub cron: Option<&'static str>,
    /// Expected downtime in minutes; `None` for none.
    pub downtime_minutes: Option<u32>,
    /// Who performs it; defaults to the runbook's owner.
    pub owner: &'static str,
    pub precheck: &'static [Step],
    pub steps: &'static [Step],
    pub verify: &'static [Step],
    pub rollback: &'static [Step],
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Alert {
    pub id: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub respond: Response,
    pub responder: &'static str,
    /// The metric and band that fire the alert.
    pub when: Option<Condition>,
    /// The id of the troubleshooting entry that handles it.
    pub see: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Severity {
    P0,
    P1,
    P2,
    P3,
}

/// How fast an alert must be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "within", content = "amount", rename_all = "snake_case")]
pub enum Response {
    Immediately,
    Minutes(u32),
    Hours(u32),
    Days(u32),
    BusinessDays(u32),
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Condition {
    pub metric: &'static str,
    pub level: Level,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Critical,
}

/// A troubleshooting entry: symptom -> causes -> diagnosis -> remedy.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Entry {
    pub id: &'static str,
    pub title: &'static str,
    pub symptoms: &'static [Symptom],
    pub causes: &'static [&'static str],
    pub diagnose: &'static [Step],
    pub remedy: &'static [Step],
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Symptom {
    /// An observation, shown as a bullet.
    Observed(&'static str),
    /// What the operator sees verbatim (a terminal transcript, an error line).
    Output(&'static str),
}

/// A checklist shared by many runbooks.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Checklist {
    pub title: &'static str,
    pub items: &'static [&'static str],
}

/// Who to call: shared by many runbooks. Built with [`Contacts::new`], which
/// checks R9. The fields are private (read them with the methods of the same
/// names), so that it is the only way to build or change one outside this
/// crate: every `Contacts` a runbook names has been checked.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Contacts {
    pub(crate) escalation: &'static [Escalation],
    pub(crate) emergency: &'static [Emergency],
    pub(crate) chat: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Escalation {
    pub level: u8,
    pub role: &'static str,
    pub email: &'static str,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Emergency {
    pub role: &'static str,
    pub phone: &'static str,
}
