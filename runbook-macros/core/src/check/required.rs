//! R1 (required fields and sections) and R2 (no duplicates).

use std::collections::BTreeMap;

use proc_macro2::Span;

use crate::ast::*;
use crate::ctxt::Ctxt;
use crate::parse::skeleton;

pub fn fields_and_sections(rb: &Runbook, cx: &mut Ctxt) {
    let at = rb.first_span.unwrap_or_else(Span::call_site);
    let present = [
        ("feature", rb.feature.is_some()),
        ("title", rb.title.is_some()),
        ("owner", rb.owner.is_some()),
        ("updated", rb.updated.is_some()),
        ("version", rb.version.is_some()),
        ("architecture", rb.architecture.is_some()),
        ("deploy", rb.deploy.is_some()),
        ("service", rb.service.is_some()),
        ("monitoring", rb.monitoring.is_some()),
        ("backup", rb.backup.is_some()),
        ("restore", rb.restore.is_some()),
        ("logs", rb.logs.is_some()),
        ("maintenance", rb.maintenance.is_some()),
        ("alerts", rb.alerts.is_some()),
        ("troubleshooting", rb.troubleshooting.is_some()),
        ("contacts", rb.contacts.is_some()),
    ];
    // A key that was written but failed to parse has already been reported.
    let written = |key: &str| rb.seen.iter().any(|n| n.value == key) || rb.misspelt.iter().any(|m| m == key);
    for (key, ok) in present {
        if !ok && !written(key) {
            let help = match key {
                // The const's name is the author's: say what it must be, not a name the file may not have.
                "contacts" => format!(
                    "add `{}` naming the shared `Contacts` const of your team (built with `Contacts::new`)",
                    skeleton(key)
                ),
                _ => format!("add `{}`", skeleton(key)),
            };
            cx.error(at, format!("this runbook has no `{key}`"), help);
        }
    }
    nonempty(rb, cx);
}

/// Sections that are present must also hold what on-call needs.
fn nonempty(rb: &Runbook, cx: &mut Ctxt) {
    // A sub-key written in the wrong place was reported there; it is not missing too.
    let misplaced = |name: &str| rb.misspelt.iter().any(|m| m == name);
    let key_span = |key: &str| rb.seen.iter().find(|n| n.value == key).map(|n| n.span);
    let empty = |cx: &mut Ctxt, key: &str, what: &str, help: &str| {
        cx.error(key_span(key).unwrap_or_else(Span::call_site), format!("`{key}` {what}"), help);
    };
    if rb.architecture.as_ref().is_some_and(Vec::is_empty) {
        empty(cx, "architecture", "has no component", "list the request path top to bottom");
    }
    if let Some(d) = rb.deploy.as_ref().filter(|d| d.none.is_none()) {
        for (name, list) in [("precheck", &d.precheck), ("execute", &d.execute), ("verify", &d.verify)] {
            if list.as_ref().is_none_or(Vec::is_empty) && !misplaced(name) {
                empty(
                    cx,
                    "deploy",
                    &format!("has no `{name}` step"),
                    &format!("add `{name} {{ \"title\" => \"command\" }}`"),
                );
            }
        }
    }
    if let Some(s) = rb.service.as_ref().filter(|s| s.none.is_none()) {
        for name in ["start", "stop", "restart", "status"] {
            if !s.commands.iter().any(|(k, _)| k.value == name) && !misplaced(name) {
                empty(
                    cx,
                    "service",
                    &format!("has no `{name}` command"),
                    &format!("add `{name} => \"sudo systemctl {name} {{unit}}\"`"),
                );
            }
        }
    }
    if let Some(groups) = &rb.monitoring {
        if groups.iter().all(|g| g.metrics.is_empty()) {
            empty(cx, "monitoring", "has no metric", "add a group with at least one metric and its thresholds");
        }
    }
    for (key, list, none) in [("backup", &rb.backup, &rb.backup_none), ("restore", &rb.restore, &rb.restore_none)] {
        if list.as_ref().is_some_and(Vec::is_empty) && none.is_none() {
            empty(cx, key, "has no step", "add `\"title\" => \"command\"`");
        }
    }
    if let Some(l) = rb.logs.as_ref().filter(|l| l.none.is_none()) {
        if l.files.is_empty() {
            empty(
                cx,
                "logs",
                "lists no log file",
                "add `app \"Application log\": \"/var/log/app.log\", \"general\";`, or write `logs { none(\"why\") }` when the service writes none",
            );
        }
        if l.rotate.is_none() && l.rotate_none.is_none() && !misplaced("logrotate") {
            empty(
                cx,
                "logs",
                "has no `logrotate` policy",
                "add `logrotate \"/etc/logrotate.d/app\" for \"/var/log/app/*.log\" { daily; rotate 30; compress; }`",
            );
        }
    }
    if let Some(m) = &rb.maintenance {
        for (name, list, none) in m.frequencies() {
            if list.as_ref().is_none_or(Vec::is_empty) && none.is_none() && !misplaced(name) {
                empty(
                    cx,
                    "maintenance",
                    &format!("has no {name} task"),
                    &format!("add `{name} {{ id \"title\" => \"command\" }}`, or `{name} none(\"why\")` when nothing is done {name}"),
                );
            }
        }
        // The specification insists on maintenance: declaring every frequency absent is not enough.
        let declared = m.frequencies().iter().all(|(_, _, none)| none.is_some());
        if declared {
            empty(
                cx,
                "maintenance",
                "declares every frequency `none(...)`",
                "keep at least one maintenance task: write the routine check on-call does, e.g. `weekly { id \"title\" => \"command\" }`",
            );
        }
    }
    if rb.alerts.as_ref().is_some_and(Vec::is_empty) {
        empty(cx, "alerts", "has no alert", "add `id \"Name\": P1, respond 1h, by \"SRE\", see entry;`");
    }
    // Without a policy nothing supplies an omitted `respond` or `by`; with
    // one, its severity's defaults do (and rustc checks that it maps it).
    if rb.alerting.is_none() {
        for a in rb.alerts.iter().flatten() {
            if a.respond.is_none() {
                cx.error(
                    a.id.span,
                    format!("alert `{}` has no response time", a.id.value),
                    "add `respond 1h` (or `respond immediately`), or name a policy that gives each severity one: `alerting: TEAM_ALERTING,`",
                );
            }
            if a.by.is_none() {
                cx.error(
                    a.id.span,
                    format!("alert `{}` names no responder", a.id.value),
                    "add `by \"on-call engineer\"`, or name a policy that gives each severity one: `alerting: TEAM_ALERTING,`",
                );
            }
        }
    }
    if let Some(m) = &rb.maintenance {
        for t in [&m.daily, &m.weekly, &m.monthly].into_iter().flatten().flatten() {
            if t.steps.is_empty() {
                cx.error(
                    t.id.span,
                    format!("task `{}` has no steps", t.id.value),
                    "add `steps { \"title\" => \"command\" }`, or write the task as `id \"title\" => \"command\"`",
                );
            }
        }
    }
    if rb.troubleshooting.as_ref().is_some_and(Vec::is_empty) {
        empty(cx, "troubleshooting", "has no entry", "add an entry with symptom, causes, diagnose and remedy");
    }
}

/// Reports the second and later uses of each name in one namespace.
struct Unique<'a> {
    what: &'a str,
    seen: BTreeMap<String, ()>,
}

impl<'a> Unique<'a> {
    fn new(what: &'a str) -> Self {
        Unique { what, seen: BTreeMap::new() }
    }

    fn add(&mut self, name: &Name, cx: &mut Ctxt) {
        if self.seen.insert(name.value.clone(), ()).is_some() {
            cx.error(name.span, format!("duplicate {} `{}`", self.what, name.value), "rename or remove one of the two");
        }
    }
}

pub fn unique_ids(rb: &Runbook, cx: &mut Ctxt) {
    let mut keys = Unique::new("key");
    rb.seen.iter().for_each(|n| keys.add(n, cx));

    let mut vars = Unique::new("var");
    rb.vars.iter().flatten().for_each(|v| vars.add(&v.name, cx));
    let globals: Vec<&str> = rb.vars.iter().flatten().map(|v| v.name.value.as_str()).collect();
    let mut envs = Unique::new("environment");
    for env in rb.environments.iter().flatten() {
        envs.add(&env.id, cx);
        let mut env_vars = Unique::new("environment var");
        for v in &env.vars {
            env_vars.add(&v.name, cx);
            if globals.contains(&v.name.value.as_str()) {
                cx.error(
                    v.name.span,
                    format!("`{}` is defined in `vars` and in environment `{}`", v.name.value, env.id.value),
                    "keep it in one place: in `vars` if it is the same everywhere",
                );
            }
        }
    }
    let mut comps = Unique::new("component");
    rb.architecture.iter().flatten().filter_map(|c| c.id.as_ref()).for_each(|n| comps.add(n, cx));
    let mut groups = Unique::new("monitoring group");
    let mut metrics = Unique::new("metric");
    for g in rb.monitoring.iter().flatten() {
        groups.add(&g.id, cx);
        g.metrics.iter().for_each(|m| metrics.add(&m.id, cx));
    }
    if let Some(s) = &rb.service {
        let mut cmds = Unique::new("service command");
        s.commands.iter().for_each(|(k, _)| cmds.add(k, cx));
    }
    let mut logs = Unique::new("log file");
    rb.logs.iter().flat_map(|l| &l.files).for_each(|f| logs.add(&f.id, cx));
    let mut tasks = Unique::new("maintenance task");
    if let Some(m) = &rb.maintenance {
        [&m.daily, &m.weekly, &m.monthly].into_iter().flatten().flatten().for_each(|t| tasks.add(&t.id, cx));
    }
    let mut alerts = Unique::new("alert");
    rb.alerts.iter().flatten().for_each(|a| alerts.add(&a.id, cx));
    let mut entries = Unique::new("troubleshooting entry");
    rb.troubleshooting.iter().flatten().for_each(|e| entries.add(&e.id, cx));
}
