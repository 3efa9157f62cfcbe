//! The syntax tree of a `runbook!` invocation, as written.
//!
//! Parsing only records what the author wrote, with a span on every piece;
//! `check` decides whether it is a valid runbook and `expand` turns it into
//! `runbook_dsl` values.

use proc_macro2::{Span, TokenStream};

/// A string literal's (dedented) value and where it was written.
#[derive(Debug, Clone)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// An identifier's name and span (kept as a string so that checks can compare).
#[derive(Debug, Clone)]
pub struct Name {
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy)]
pub struct DateLit {
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub span: Span,
    pub month_span: Span,
    pub day_span: Span,
}

/// A number with a unit suffix, e.g. `90d`, `30min`, `1h`.
#[derive(Debug, Clone)]
pub struct Duration {
    pub amount: u32,
    pub unit: String,
    pub span: Span,
}

/// A threshold number with its optional unit, e.g. `70%`, `2s`, `3/day`, `1000 req/s`.
#[derive(Debug, Clone)]
pub struct Quantity {
    pub value: f64,
    pub unit: Option<UnitLit>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum UnitLit {
    Percent,
    Suffix(String),
    Rate { noun: Option<String>, per: String },
}

#[derive(Debug, Clone)]
pub enum BandOp {
    Below,
    AtMost,
    Exactly,
    AtLeast,
    Above,
}

#[derive(Debug, Clone)]
pub enum BandLit {
    Compare(BandOp, Quantity),
    Range(Quantity, Quantity),
}

/// The whole invocation. Every field is optional here; `check` reports what is missing.
#[derive(Debug, Default)]
pub struct Runbook {
    /// Span of the first token, where "missing section" errors point.
    pub first_span: Option<Span>,
    pub feature: Option<Name>,
    pub title: Option<Text>,
    pub owner: Option<Text>,
    pub updated: Option<DateLit>,
    pub review_every: Option<Duration>,
    pub version: Option<Text>,
    pub lang: Option<Name>,
    pub summary: Option<Text>,
    pub chat: Option<Text>,
    pub vars: Option<Vec<VarDef>>,
    pub environments: Option<Vec<EnvDef>>,
    pub architecture: Option<Vec<ComponentDef>>,
    pub deploy: Option<DeployDef>,
    pub service: Option<ServiceDef>,
    pub monitoring: Option<Vec<GroupDef>>,
    pub backup: Option<Vec<StepDef>>,
    pub restore: Option<Vec<StepDef>>,
    /// `backup { none("why") }`, `restore { none("why") }`.
    pub backup_none: Option<NotApplicable>,
    pub restore_none: Option<NotApplicable>,
    pub logs: Option<LogsDef>,
    /// `members { etcd { etcd1 "etcd-1" { ip = "10.0.0.11" } ... } }`.
    pub members: Option<Vec<MemberSetDef>>,
    pub maintenance: Option<MaintenanceDef>,
    pub alerts: Option<Vec<AlertDef>>,
    pub troubleshooting: Option<Vec<EntryDef>>,
    pub checklist: Option<TokenStream>,
    pub contacts: Option<TokenStream>,
    /// `alerting: TEAM_ALERTING`: the policy whose defaults alerts may omit.
    pub alerting: Option<TokenStream>,
    /// Every key and section seen, for the "missing" and "duplicate" checks.
    pub seen: Vec<Name>,
    /// Keys that an unknown key was probably meant to be: not reported missing again.
    pub misspelt: Vec<String>,
}

/// `none("why")`: a section or part that does not apply, and the author's reason.
#[derive(Debug, Clone)]
pub struct NotApplicable {
    pub reason: Text,
}

#[derive(Debug, Clone)]
pub struct VarDef {
    pub name: Name,
    pub value: Text,
    /// `name = raw("...")`: the value exactly as written, no `{name}` read.
    pub verbatim: bool,
}

#[derive(Debug, Clone)]
pub struct EnvDef {
    pub id: Name,
    pub label: Text,
    pub vars: Vec<VarDef>,
}

/// A set of members: `etcd { etcd1 "etcd-1" { ip = "10.0.0.11" } ... }`.
#[derive(Debug, Clone)]
pub struct MemberSetDef {
    pub id: Name,
    pub members: Vec<MemberDef>,
}

#[derive(Debug, Clone)]
pub struct MemberDef {
    pub id: Name,
    pub label: Text,
    pub vars: Vec<VarDef>,
}

/// `each(set)` or `on(member)` on a step.
#[derive(Debug, Clone)]
pub enum MembersRef {
    /// Once per member of the set.
    Each(Name),
    /// On the one member named.
    On(Name),
    /// A step of `each(set) { ... }`: the group's steps run on one member,
    /// then on the next.
    InTurn(Name),
}

impl MembersRef {
    /// The name written in the parentheses.
    pub fn name(&self) -> &Name {
        match self {
            MembersRef::Each(n) | MembersRef::On(n) | MembersRef::InTurn(n) => n,
        }
    }
}

#[derive(Debug, Default)]
pub struct ComponentDef {
    pub id: Option<Name>,
    pub name: Option<Text>,
    pub kind: Option<Text>,
    pub version: Option<Text>,
    pub role: Option<Text>,
    pub link: Option<Text>,
    pub optional: bool,
}

/// A step as written: `"title" => if("when") danger("why") "command" expect("output")`.
#[derive(Debug, Clone)]
pub struct StepDef {
    pub title: Option<Text>,
    pub danger: Option<Text>,
    pub edit: Option<Text>,
    /// `if("an upgrade is in progress")`: when the step applies.
    pub condition: Option<Text>,
    /// `expect("...")`: what the operator should see after the command.
    pub expect: Option<Text>,
    /// `each(set)` or `on(member)`: the step runs per member.
    pub members: Option<MembersRef>,
    pub form: StepForm,
    pub body: StepBody,
}

impl StepDef {
    pub fn empty() -> Self {
        StepDef {
            title: None,
            danger: None,
            edit: None,
            condition: None,
            expect: None,
            members: None,
            form: StepForm::Command,
            body: StepBody::Lines(Vec::new()),
        }
    }
}

/// What a step's body is; prose and links are read, never run.
#[derive(Debug, Clone)]
pub enum StepForm {
    Command,
    /// `prose("text")`, with the span of the keyword.
    Prose(Span),
    /// `link("https://...")`, the title its label.
    Link(Span),
}

impl StepForm {
    pub fn is_command(&self) -> bool {
        matches!(self, StepForm::Command)
    }
}

#[derive(Debug, Clone)]
pub enum StepBody {
    /// The same lines in every environment (after substitution).
    Lines(Vec<Text>),
    /// Explicit lines per environment.
    PerEnv(Vec<EnvLines>),
}

#[derive(Debug, Clone)]
pub struct EnvLines {
    pub env: Name,
    pub note: Option<Text>,
    pub lines: Vec<Text>,
}

#[derive(Debug, Default)]
pub struct DeployDef {
    pub precheck: Option<Vec<StepDef>>,
    pub execute: Option<Vec<StepDef>>,
    pub verify: Option<Vec<StepDef>>,
    pub none: Option<NotApplicable>,
}

#[derive(Debug, Default)]
pub struct ServiceDef {
    /// `(key, step)` in written order: start, stop, restart, status, logs, follow.
    pub commands: Vec<(Name, StepDef)>,
    pub none: Option<NotApplicable>,
}

#[derive(Debug)]
pub struct GroupDef {
    pub id: Name,
    pub title: Text,
    pub metrics: Vec<MetricDef>,
}

#[derive(Debug)]
pub struct MetricDef {
    pub id: Name,
    pub title: Text,
    /// `(level name, band)` as written; `normal`, `warning`, `critical`.
    pub bands: Vec<(Name, BandLit)>,
    /// `query "PROMQL"`, and the unit it returns when not the base unit (`in ms`).
    pub query: Option<(Text, Option<(UnitLit, Span)>)>,
}

#[derive(Debug, Default)]
pub struct LogsDef {
    pub files: Vec<LogFileDef>,
    pub rotate: Option<RotateDef>,
    /// `logs { none("why") }`: no log file (and so no logrotate).
    pub none: Option<NotApplicable>,
    /// `logrotate none("why")`: files, but no rotation policy of ours.
    pub rotate_none: Option<NotApplicable>,
}

/// A log: a file `"path"`, `journald "unit"` or `kubectl "target"`.
#[derive(Debug)]
pub struct LogFileDef {
    pub id: Name,
    pub title: Text,
    pub kind: LogKind,
    /// The path, the unit or the `kubectl logs` target.
    pub path: Text,
    pub purpose: Text,
}

/// Where a log is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogKind {
    File,
    Journald,
    Container,
}

#[derive(Debug)]
pub struct RotateDef {
    /// The `logrotate` keyword.
    pub keyword: Span,
    pub file: Text,
    pub pattern: Text,
    /// Directive lines: the directive name and its arguments as written.
    pub options: Vec<(Name, Vec<String>)>,
    pub postrotate: Option<StepDef>,
}

#[derive(Debug, Default)]
pub struct MaintenanceDef {
    pub daily: Option<Vec<TaskDef>>,
    pub weekly: Option<Vec<TaskDef>>,
    pub monthly: Option<Vec<TaskDef>>,
    /// `daily none("why")` and its kin, by frequency keyword.
    pub daily_none: Option<NotApplicable>,
    pub weekly_none: Option<NotApplicable>,
    pub monthly_none: Option<NotApplicable>,
}

impl MaintenanceDef {
    /// The three frequencies: keyword, tasks, and the declaration that none apply.
    #[allow(clippy::type_complexity)]
    pub fn frequencies(&self) -> [(&'static str, &Option<Vec<TaskDef>>, &Option<NotApplicable>); 3] {
        [
            ("daily", &self.daily, &self.daily_none),
            ("weekly", &self.weekly, &self.weekly_none),
            ("monthly", &self.monthly, &self.monthly_none),
        ]
    }
}

#[derive(Debug)]
pub struct TaskDef {
    pub id: Name,
    pub title: Text,
    pub cron: Option<Text>,
    pub downtime: Option<Duration>,
    pub owner: Option<Text>,
    pub precheck: Vec<StepDef>,
    pub steps: Vec<StepDef>,
    pub verify: Vec<StepDef>,
    pub rollback: Vec<StepDef>,
}

#[derive(Debug)]
pub struct AlertDef {
    pub id: Name,
    pub name: Text,
    pub severity: Option<Name>,
    pub respond: Option<Respond>,
    pub by: Option<Text>,
    pub when: Option<(Name, Name)>,
    pub see: Option<Name>,
    /// `expr "PROMQL"`: the condition verbatim.
    pub expr: Option<Text>,
    /// `for 5min`: how long the condition holds before the alert fires.
    pub hold: Option<Duration>,
    /// `label team = "payments"`, repeatable.
    pub labels: Vec<(Name, Text)>,
    /// `meaning "..."`, `impact "..."`: the alert's words, as written, one
    /// per key of `runbook_model::owned::AlertProse::KEYS`.
    pub prose: Vec<(Name, Text)>,
}

#[derive(Debug, Clone)]
pub enum Respond {
    Immediately,
    Within(Duration),
}

#[derive(Debug)]
pub struct EntryDef {
    pub id: Name,
    pub title: Text,
    /// The parts in written order, so that `check` can enforce the order.
    pub parts: Vec<EntryPart>,
}

#[derive(Debug)]
pub struct EntryPart {
    pub kind: Name,
    pub content: PartContent,
}

#[derive(Debug)]
pub enum PartContent {
    Symptoms(Vec<SymptomDef>),
    Causes(Vec<Text>),
    Steps(Vec<StepDef>),
}

#[derive(Debug)]
pub enum SymptomDef {
    Observed(Text),
    Output(Text),
}
