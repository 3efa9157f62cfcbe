//! The one declaration of a checked runbook, as the macro lowers it and as
//! every output reads it (see `declare` for how it is instantiated).
//!
//! Every placeholder is substituted, every per-environment and per-member
//! variant made and every default filled in before a value reaches this
//! model: outputs only read it.

model! {
    shared structs {
        /// A calendar date, checked by the macro to exist.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        struct Date {
            year: u16,
            month: u8,
            day: u8,
        }
    }
    shared enums {
        /// The language of the generated headings and fixed phrases.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        enum Lang {
            Ja = b'j',
            En = b'e',
        }

        /// What a step's text is: a command to run, or something to read.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        enum Form {
            /// Shell commands (or, with `edit`, configuration lines).
            Command = b'c',
            /// Text for the operator, never in a code block.
            Prose = b'p',
            /// A URL; the step's title is its label.
            Link = b'l',
        }

        /// A threshold band of one metric, in the metric's unit.
        #[derive(Debug, Clone, Copy, PartialEq)]
        enum Band {
            Below = b'b' { value: f64 },
            AtMost = b'a' { value: f64 },
            Exactly = b'e' { value: f64 },
            Between = b'B' { low: f64, high: f64 },
            AtLeast = b'A' { value: f64 },
            Above = b'o' { value: f64 },
        }

        /// The period of a rate unit.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        enum Per {
            Second = b's',
            Minute = b'm',
            Hour = b'h',
            Day = b'd',
        }

        /// An alert's severity, P0 (most urgent) to P3.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        enum Severity {
            P0 = b'0',
            P1 = b'1',
            P2 = b'2',
            P3 = b'3',
        }

        /// How fast an alert must be answered.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        enum Response {
            Immediately = b'i',
            Minutes = b'm' (u32),
            Hours = b'h' (u32),
            Days = b'd' (u32),
            BusinessDays = b'b' (u32),
        }

        /// The band of a metric that fires an alert.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        enum Level {
            Warning = b'w',
            Critical = b'c',
        }
    }
    stored structs {
        /// One feature's runbook: everything its outputs show, except the
        /// shared parts it names (checklist, contacts).
        struct Spec {
            /// File-name slug, `[a-z][a-z0-9_]*`.
            feature: Str,
            title: Str,
            owner: Str,
            updated: Date,
            /// How often the runbook must be reviewed, in days.
            review_every_days: u32,
            version: Str,
            lang: Lang,
            /// Free-text summary shown in the overview.
            summary: Opt<Str>,
            /// The feature's own chat channel; the shared contacts' channel otherwise.
            chat: Opt<Str>,
            vars: List<Var>,
            environments: List<Environment>,
            architecture: List<Component>,
            deploy: Deploy,
            /// `None` when the runbook declares service control not applicable.
            service: Opt<Service>,
            monitoring: List<MetricGroup>,
            backup: List<Step>,
            restore: List<Step>,
            /// What the runbook declares does not apply, and why.
            not_applicable: NotApplicable,
            logs: Logs,
            /// Sets of members (cluster nodes) with their own values, for
            /// steps that run once per member.
            members: List<MemberSet>,
            maintenance: Maintenance,
            alerts: List<Alert>,
            troubleshooting: List<Entry>,
        }

        /// A named value substituted for `{name}`.
        struct Var {
            name: Str,
            value: Str,
        }

        /// One box of the request path, top to bottom.
        struct Component {
            id: Str,
            name: Str,
            /// The kind shown in the component list ("Web Server"); a
            /// component without one (the client) is drawn but not listed.
            kind: Opt<Str>,
            version: Opt<Str>,
            role: Opt<Str>,
            /// Label of the arrow from this component to the next one.
            link: Opt<Str>,
            /// Optional components are listed, and drawn beside the path, not on it.
            optional: bool,
        }

        /// A titled step: one or more commands, or a configuration edit.
        struct Step {
            title: Opt<Str>,
            /// Why the step is dangerous; required for destructive commands.
            danger: Opt<Str>,
            /// For a configuration edit: the file whose lines `variants` hold.
            edit: Opt<Str>,
            form: Form,
            /// When the step applies ("an upgrade is in progress").
            condition: Opt<Str>,
            /// What the operator should see after the command.
            expect: Opt<Str>,
            /// When the step runs once per member of a set, or on one member.
            members: Opt<PerMember>,
            /// The text per environment (and, for a per-member step, per
            /// member); a single variant with `env: None` when it is the
            /// same everywhere.
            variants: List<Variant>,
        }

        /// The text of a step in one environment (or in all of them).
        struct Variant {
            env: Opt<EnvLabel>,
            /// The member this variant runs on, for a per-member step.
            member: Opt<MemberLabel>,
            /// A remark on this environment's variant ("graceful restart").
            note: Opt<Str>,
            text: Str,
        }

        /// Deployment, in three phases.
        struct Deploy {
            precheck: List<Step>,
            execute: List<Step>,
            verify: List<Step>,
        }

        /// Service control; each is shown for every environment.
        struct Service {
            start: Step,
            stop: Step,
            restart: Step,
            status: Step,
            /// Recent log lines.
            logs: Opt<Step>,
            /// Following the log live.
            follow: Opt<Step>,
        }

        /// A titled group of metrics, one monitoring table.
        struct MetricGroup {
            id: Str,
            title: Str,
            metrics: List<Metric>,
        }

        /// A metric and its threshold bands.
        struct Metric {
            id: Str,
            title: Str,
            unit: Unit,
            normal: Opt<Band>,
            warning: Opt<Band>,
            critical: Opt<Band>,
            /// The PromQL that measures it, when alerts are rules.
            query: Opt<Str>,
            /// What a threshold in `unit` is multiplied by to compare with the
            /// query's value: 0.01 for `%` when the query returns a ratio.
            scale: f64,
        }

        /// The logs (files, journald units, container output) and how the
        /// files are rotated.
        struct Logs {
            sources: List<Log>,
            /// `None` when the runbook declares logrotate not applicable.
            rotate: Opt<Logrotate>,
        }

        /// The reasons, as the author wrote them, why a section or part
        /// does not apply (`none("why")`); its content is then empty.
        struct NotApplicable {
            deploy: Opt<Str>,
            service: Opt<Str>,
            backup: Opt<Str>,
            restore: Opt<Str>,
            log_files: Opt<Str>,
            logrotate: Opt<Str>,
            daily: Opt<Str>,
            weekly: Opt<Str>,
            monthly: Opt<Str>,
        }

        /// One log and where it is read (in one environment, when where it
        /// is differs per environment: one `Log` each).
        struct Log {
            id: Str,
            title: Str,
            env: Opt<EnvLabel>,
            source: LogSource,
            purpose: Str,
        }

        /// A named set of members (the nodes of a cluster).
        struct MemberSet {
            id: Str,
            members: List<Member>,
        }

        /// One member and its values, substituted for `{name}` in its steps.
        struct Member {
            id: Str,
            /// The name shown above its commands ("etcd-1").
            label: Str,
            vars: List<Var>,
        }

        /// The member a variant of a per-member step runs on.
        struct MemberLabel {
            id: Str,
            label: Str,
        }

        /// A logrotate policy, rendered as the file that installs it.
        struct Logrotate {
            /// Where the policy is installed, e.g. `/etc/logrotate.d/app`.
            file: Str,
            /// The log files it applies to (a glob).
            pattern: Str,
            /// Directive lines in order, e.g. `daily`, `rotate 30`.
            options: List<Str>,
            /// Commands run after rotation, per environment.
            postrotate: Opt<Step>,
        }

        /// Periodic maintenance, by frequency.
        struct Maintenance {
            daily: List<Task>,
            weekly: List<Task>,
            monthly: List<Task>,
        }

        /// A periodic maintenance task.
        struct Task {
            id: Str,
            title: Str,
            /// Cron schedule when automated; `None` for a manual task.
            cron: Opt<Str>,
            /// Expected downtime in minutes; `None` for none.
            downtime_minutes: Opt<u32>,
            /// Who performs it; the runbook's owner unless the task names one.
            owner: Str,
            precheck: List<Step>,
            steps: List<Step>,
            verify: List<Step>,
            rollback: List<Step>,
        }

        /// An alert and how it is answered.
        struct Alert {
            id: Str,
            name: Str,
            severity: Severity,
            /// `None` when the alert takes its severity's from the policy
            /// the runbook names.
            respond: Opt<Response>,
            responder: Opt<Str>,
            /// The metric and band that fire the alert.
            when: Opt<Condition>,
            /// The id of the troubleshooting entry that handles it.
            see: Opt<Str>,
            /// A PromQL expression written verbatim, for a condition no band
            /// says; a banded alert's expression is derived from its metric.
            expr: Opt<Str>,
            /// How long the condition must hold before the alert fires, in seconds.
            hold_seconds: u32,
            /// Extra labels of the rule.
            labels: List<Var>,
            /// What the alert says in words: `meaning "..."`, `impact "..."`.
            prose: AlertProse<Opt<Str>>,
        }

        /// A metric's band.
        struct Condition {
            metric: Str,
            level: Level,
        }

        /// A troubleshooting entry: symptom -> causes -> diagnosis -> remedy.
        struct Entry {
            id: Str,
            title: Str,
            symptoms: List<Symptom>,
            causes: List<Str>,
            diagnose: List<Step>,
            remedy: List<Step>,
        }
    }
    stored prose structs {
        /// An alert's words, each written `<field> "text"` in the source and
        /// optional: a field added here is parsed, lowered, checked by the
        /// text rules, shown and exported without another change; the
        /// renderers' labels (`AlertProse<&str>`) fail to build until it has one.
        struct AlertProse<T> {
            /// What the alert means (prometheus-operator's runbooks' "Meaning").
            meaning,
            /// What it does to users ("Impact").
            impact,
        }
    }
    stored contextual structs {
        /// A deployment target; its vars shadow none of the runbook's vars.
        struct Environment {
            id: Str,
            label: Str,
            vars: List<Var>,
        }

        /// The environment a variant belongs to.
        struct EnvLabel {
            id: Str,
            label: Str,
        }
    }
    stored enums {
        /// The unit of a metric's thresholds.
        enum Unit {
            /// A plain count.
            Count = b'c',
            Percent = b'p',
            Millis = b'm',
            Seconds = b's',
            Minutes = b'n',
            Hours = b'h',
            Megabytes = b'M',
            Gigabytes = b'G',
            /// `noun/period`, e.g. `req/s` or `/day`.
            Rate = b'r' { noun: Opt<Str>, per: Per },
        }

        /// Where a log is read.
        enum LogSource {
            /// A file, with its path; the only kind logrotate rotates.
            File = b'f' (Str),
            /// A systemd unit's journal (`journalctl -u`).
            Journald = b'j' (Str),
            /// A container's output: the arguments of `kubectl logs`.
            Container = b'k' (Str),
        }

        /// Which members a per-member step runs on.
        enum PerMember {
            /// Every member of the set, one block each.
            Each = b'e' (Str),
            /// One named member of a set.
            On = b'o' { set: Str, member: Str },
            /// A step of a group that runs in turn on each member of the
            /// set: the group's steps on one member, then on the next.
            InTurn = b't' (Str),
        }

        /// What the operator sees when an entry applies.
        enum Symptom {
            /// An observation, shown as a bullet.
            Observed = b'o' (Str),
            /// What the operator sees verbatim (a terminal transcript, an error line).
            Output = b'u' (Str),
        }
    }
}

/// How often a maintenance task runs: the three lists of [`Maintenance`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
}

impl Response {
    /// The units [`Response::within`] takes, in the order errors suggest them.
    pub const UNITS: [&'static str; 4] = ["min", "h", "d", "bd"];

    /// The answer within `amount` of the source's `unit` (`30min`, `4h`,
    /// `1d`, `2bd`): the one place a unit keyword becomes a variant, for
    /// `runbook!`'s alerts and `alerting!`'s policies alike. `None` for a
    /// unit no answer is given in.
    pub fn within(unit: &str, amount: u32) -> Option<Response> {
        match unit {
            "min" => Some(Response::Minutes(amount)),
            "h" => Some(Response::Hours(amount)),
            "d" => Some(Response::Days(amount)),
            "bd" => Some(Response::BusinessDays(amount)),
            _ => None,
        }
    }
}

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Daily, Frequency::Weekly, Frequency::Monthly];

    /// The keyword of the source (`daily { ... }`), and of the catalog.
    pub fn name(self) -> &'static str {
        match self {
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
        }
    }
}

impl NotApplicable {
    /// Why no task of frequency `f` is listed, when the runbook says so.
    pub fn frequency(&self, f: Frequency) -> Option<&'static str> {
        match f {
            Frequency::Daily => self.daily,
            Frequency::Weekly => self.weekly,
            Frequency::Monthly => self.monthly,
        }
    }
}

impl Maintenance {
    /// The tasks of one frequency.
    pub fn tasks(&self, f: Frequency) -> &'static [Task] {
        match f {
            Frequency::Daily => self.daily,
            Frequency::Weekly => self.weekly,
            Frequency::Monthly => self.monthly,
        }
    }
}

impl LogSource {
    /// The command that follows this log, as the log table shows it.
    pub fn read_command(&self) -> String {
        match self {
            LogSource::File(path) => format!("tail -f {}", shell_word(path)),
            LogSource::Journald(unit) => format!("journalctl -u {} -f", shell_word(unit)),
            // The target is `kubectl logs` arguments as written ("deploy/app -c app -n ns").
            LogSource::Container(target) => format!("kubectl logs -f {target}"),
        }
    }
}

/// `word` as one shell word: quoted when it holds anything but a path's
/// characters (a glob's `*` stays unquoted, so that the shell expands it).
fn shell_word(word: &str) -> std::borrow::Cow<'_, str> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-*@:+=,%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(format!("'{}'", word.replace('\'', "'\\''")))
    }
}

#[cfg(test)]
mod tests {
    use super::Response;

    #[test]
    fn each_unit_of_the_source_is_one_response() {
        assert_eq!(Response::within("min", 30), Some(Response::Minutes(30)));
        assert_eq!(Response::within("h", 4), Some(Response::Hours(4)));
        assert_eq!(Response::within("d", 1), Some(Response::Days(1)));
        assert_eq!(Response::within("bd", 2), Some(Response::BusinessDays(2)));
        assert!(Response::UNITS.iter().all(|u| Response::within(u, 1).is_some()), "every unit suggested is taken");
        for unknown in ["s", "m", "w", "MIN", ""] {
            assert_eq!(Response::within(unknown, 1), None, "{unknown}");
        }
    }
}
