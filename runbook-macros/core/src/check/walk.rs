//! Visits every string of a runbook with what it is, for the rules that look at all of them.

use crate::ast::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Prose: titles, causes, observations.
    Prose,
    /// A shell command.
    Command,
    /// Lines of a configuration file (an `edit`), shown per environment.
    Config,
    /// Verbatim output an operator sees (a symptom), shown once.
    Output,
}

/// Calls `f` for every string literal the runbook holds, in source order.
pub fn texts(rb: &Runbook, f: &mut dyn FnMut(&Text, Kind)) {
    use Kind::*;
    for t in [&rb.title, &rb.owner, &rb.version, &rb.summary, &rb.chat].into_iter().flatten() {
        f(t, Prose);
    }
    for env in rb.environments.iter().flatten() {
        f(&env.label, Prose);
    }
    for m in rb.members.iter().flatten().flat_map(|s| &s.members) {
        f(&m.label, Prose);
    }
    for c in rb.architecture.iter().flatten() {
        for t in [&c.name, &c.kind, &c.version, &c.role, &c.link].into_iter().flatten() {
            f(t, Prose);
        }
    }
    if let Some(d) = &rb.deploy {
        for list in [&d.precheck, &d.execute, &d.verify].into_iter().flatten() {
            steps(list, f);
        }
    }
    if let Some(s) = &rb.service {
        for (_, step_def) in &s.commands {
            step(step_def, f);
        }
    }
    for g in rb.monitoring.iter().flatten() {
        f(&g.title, Prose);
        for m in &g.metrics {
            f(&m.title, Prose);
        }
    }
    for list in [&rb.backup, &rb.restore].into_iter().flatten() {
        steps(list, f);
    }
    if let Some(l) = &rb.logs {
        for file in &l.files {
            f(&file.title, Prose);
            // Where a log is may differ per environment (a namespace, a cluster's context).
            f(&file.path, Config);
            f(&file.purpose, Prose);
        }
        if let Some(r) = &l.rotate {
            f(&r.file, Prose);
            f(&r.pattern, Prose);
            if let Some(p) = &r.postrotate {
                step(p, f);
            }
        }
    }
    if let Some(m) = &rb.maintenance {
        for task in [&m.daily, &m.weekly, &m.monthly].into_iter().flatten().flatten() {
            f(&task.title, Prose);
            if let Some(o) = &task.owner {
                f(o, Prose);
            }
            for list in [&task.precheck, &task.steps, &task.verify, &task.rollback] {
                steps(list, f);
            }
        }
    }
    for a in rb.alerts.iter().flatten() {
        f(&a.name, Prose);
        if let Some(by) = &a.by {
            f(by, Prose);
        }
        for (_, t) in &a.prose {
            f(t, Prose);
        }
    }
    for e in rb.troubleshooting.iter().flatten() {
        f(&e.title, Prose);
        for part in &e.parts {
            match &part.content {
                PartContent::Symptoms(list) => {
                    for s in list {
                        match s {
                            SymptomDef::Observed(t) => f(t, Prose),
                            SymptomDef::Output(t) => f(t, Output),
                        }
                    }
                }
                PartContent::Causes(list) => list.iter().for_each(|t| f(t, Prose)),
                PartContent::Steps(list) => steps(list, f),
            }
        }
    }
}

fn steps(list: &[StepDef], f: &mut dyn FnMut(&Text, Kind)) {
    for s in list {
        step(s, f);
    }
}

fn step(s: &StepDef, f: &mut dyn FnMut(&Text, Kind)) {
    for t in [&s.title, &s.condition, &s.danger].into_iter().flatten() {
        f(t, Kind::Prose);
    }
    if let Some(path) = &s.edit {
        f(path, Kind::Prose);
    }
    if let Some(output) = &s.expect {
        f(output, Kind::Output);
    }
    // Prose and links are read, not run: the text rules and secrets see them, the shell rules do not.
    let kind = match (&s.form, &s.edit) {
        (StepForm::Prose(_) | StepForm::Link(_), _) => Kind::Prose,
        (StepForm::Command, Some(_)) => Kind::Config,
        (StepForm::Command, None) => Kind::Command,
    };
    for line in body_lines(&s.body) {
        f(line, kind);
    }
}

/// Every line of a step body, whatever its environment.
pub fn body_lines(body: &StepBody) -> Vec<&Text> {
    match body {
        StepBody::Lines(lines) => lines.iter().collect(),
        StepBody::PerEnv(envs) => envs.iter().flat_map(|e| e.note.iter().chain(e.lines.iter())).collect(),
    }
}

/// Every step of the runbook, with the name of the section it is in.
pub fn all_steps<'a>(rb: &'a Runbook, f: &mut dyn FnMut(&'a StepDef)) {
    if let Some(d) = &rb.deploy {
        for list in [&d.precheck, &d.execute, &d.verify].into_iter().flatten() {
            list.iter().for_each(&mut *f);
        }
    }
    if let Some(s) = &rb.service {
        s.commands.iter().for_each(|(_, st)| f(st));
    }
    for list in [&rb.backup, &rb.restore].into_iter().flatten() {
        list.iter().for_each(&mut *f);
    }
    if let Some(r) = rb.logs.as_ref().and_then(|l| l.rotate.as_ref()) {
        if let Some(p) = &r.postrotate {
            f(p);
        }
    }
    if let Some(m) = &rb.maintenance {
        for task in [&m.daily, &m.weekly, &m.monthly].into_iter().flatten().flatten() {
            for list in [&task.precheck, &task.steps, &task.verify, &task.rollback] {
                list.iter().for_each(&mut *f);
            }
        }
    }
    for e in rb.troubleshooting.iter().flatten() {
        for part in &e.parts {
            if let PartContent::Steps(list) = &part.content {
                list.iter().for_each(&mut *f);
            }
        }
    }
}
