//! One walk over a runbook's steps: every step of every section with its
//! place, in document order. `cargo xtask verify`, the tests and every output
//! that needs commands use it, so a new section with steps is added here once.

use crate::{EnvLabel, Form, Frequency, MemberLabel, PerMember, Spec, Step, Variant};

/// The section a step is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Deploy,
    Service,
    Backup,
    Restore,
    /// The logrotate policy's `postrotate` commands.
    Logs,
    Maintenance(Frequency),
    Troubleshooting,
}

/// Where a step is: its section, the key within it and the part of that key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub feature: &'static str,
    pub section: Section,
    /// A service command (`restart`), a task's or an entry's id.
    pub key: Option<&'static str>,
    /// The task's or entry's title.
    pub key_title: Option<&'static str>,
    /// The part: `precheck`, `execute`, `verify`, `steps`, `rollback`,
    /// `diagnose`, `remedy`, `postrotate`.
    pub part: Option<&'static str>,
    /// The member a command runs on (a per-member step's variant), or the
    /// one member an `on(...)` step names, by the name the docs show above
    /// its block; `None` for a step that runs once.
    pub member: Option<&'static str>,
}

impl Place {
    /// A dotted path: `deploy.execute`, `service.restart`,
    /// `maintenance.monthly.vacuum.rollback`, `troubleshooting.high_cpu.remedy`.
    pub fn path(&self) -> String {
        let key = self.key.unwrap_or_default();
        let part = self.part.unwrap_or_default();
        match self.section {
            Section::Deploy => format!("deploy.{part}"),
            Section::Service => format!("service.{key}"),
            Section::Backup => "backup".to_string(),
            Section::Restore => "restore".to_string(),
            Section::Logs => format!("logs.logrotate.{part}"),
            Section::Maintenance(f) => format!("maintenance.{}.{key}.{part}", f.name()),
            Section::Troubleshooting => format!("troubleshooting.{key}.{part}"),
        }
    }

    /// What to call a step without a title: its task or entry, or its part.
    pub fn fallback_title(&self) -> &'static str {
        match self.section {
            Section::Deploy | Section::Logs => self.part.unwrap_or_default(),
            Section::Service => self.key.unwrap_or_default(),
            Section::Backup => "backup",
            Section::Restore => "restore",
            Section::Maintenance(_) | Section::Troubleshooting => self.key_title.unwrap_or_default(),
        }
    }
}

/// A step and where it is.
#[derive(Debug, Clone, Copy)]
pub struct Located {
    pub place: Place,
    pub step: &'static Step,
}

/// One command: a variant of a step that is not a configuration edit.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    pub place: Place,
    pub step: &'static Step,
    /// The environment; `None` when the command is the same everywhere.
    pub env: Option<EnvLabel>,
    /// The member (also in `place.member`); `None` for a step that runs once.
    pub member: Option<MemberLabel>,
    pub text: &'static str,
}

/// Every step of `spec`, in document order. A decoded runbook lives for
/// the process (`Runbook::model` keeps it), hence `'static`.
pub fn steps(spec: &'static Spec) -> Vec<Located> {
    let mut out = Vec::new();
    let base =
        Place { feature: spec.feature, section: Section::Deploy, key: None, key_title: None, part: None, member: None };
    let mut add = |place: Place, steps: &'static [Step]| {
        out.extend(steps.iter().map(|step| {
            // A step on one member is there, whichever of its variants is read.
            let member = match step.members {
                Some(PerMember::On { .. }) => step.variants.first().and_then(|v| v.member).map(|m| m.label),
                Some(PerMember::Each(_) | PerMember::InTurn(_)) | None => None,
            };
            Located { place: Place { member, ..place }, step }
        }));
    };
    let d = &spec.deploy;
    for (part, steps) in [("precheck", d.precheck), ("execute", d.execute), ("verify", d.verify)] {
        add(Place { part: Some(part), ..base }, steps);
    }
    let service = Place { section: Section::Service, ..base };
    // A section declared not applicable has no step to walk.
    if let Some(s) = &spec.service {
        for (key, step) in [("start", Some(&s.start)), ("stop", Some(&s.stop)), ("restart", Some(&s.restart))]
            .into_iter()
            .chain([("status", Some(&s.status)), ("logs", s.logs.as_ref()), ("follow", s.follow.as_ref())])
        {
            if let Some(step) = step {
                add(Place { key: Some(key), ..service }, std::slice::from_ref(step));
            }
        }
    }
    add(Place { section: Section::Backup, ..base }, spec.backup);
    add(Place { section: Section::Restore, ..base }, spec.restore);
    if let Some(step) = spec.logs.rotate.as_ref().and_then(|r| r.postrotate.as_ref()) {
        add(Place { section: Section::Logs, part: Some("postrotate"), ..base }, std::slice::from_ref(step));
    }
    for f in Frequency::ALL {
        for t in spec.maintenance.tasks(f) {
            let task = Place { section: Section::Maintenance(f), key: Some(t.id), key_title: Some(t.title), ..base };
            for (part, steps) in
                [("precheck", t.precheck), ("steps", t.steps), ("verify", t.verify), ("rollback", t.rollback)]
            {
                add(Place { part: Some(part), ..task }, steps);
            }
        }
    }
    for e in spec.troubleshooting {
        let entry = Place { section: Section::Troubleshooting, key: Some(e.id), key_title: Some(e.title), ..base };
        add(Place { part: Some("diagnose"), ..entry }, e.diagnose);
        add(Place { part: Some("remedy"), ..entry }, e.remedy);
    }
    out
}

/// Every command of `spec`, one per step, environment and member, the
/// member in its place too; configuration edits, prose and links excluded.
pub fn commands(spec: &'static Spec) -> Vec<Command> {
    steps(spec)
        .into_iter()
        // Configuration edits, prose and links are not commands.
        .filter(|l| l.step.edit.is_none() && l.step.form == Form::Command)
        .flat_map(|l| {
            l.step.variants.iter().map(move |v: &Variant| Command {
                place: Place { member: v.member.map(|m| m.label), ..l.place },
                step: l.step,
                env: v.env,
                member: v.member,
                text: v.text,
            })
        })
        .collect()
}
