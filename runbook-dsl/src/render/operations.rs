//! `runbook/{feature}_operations.md`: the ten sections of the operations template, numbered as they are written.

use super::diagram::{self, Node};
use super::escape;
use super::labels::Labels;
use super::md::{link, Cell, Md};
use super::paths;
use super::steps::{self, Numbering, Titled};
use std::borrow::Cow;

use crate::model::{Frequency, LogSource, Model, Step, Task};

pub fn render(rb: &Model) -> String {
    let l = Labels::of(rb.lang);
    let mut md = Md::default();
    md.heading(1, &fmt!("{} {}", rb.title, l.operations), None);
    md.raw(fmt!(
        "{}: {} · {}: {}",
        escape::inline(l.troubleshooting),
        link(
            &paths::file_name(rb.feature, paths::Kind::Troubleshooting),
            &paths::file_name(rb.feature, paths::Kind::Troubleshooting)
        ),
        escape::inline(l.see_maintenance),
        link(
            &paths::file_name(rb.feature, paths::Kind::Maintenance),
            &paths::relative(paths::Kind::Operations, rb.feature, paths::Kind::Maintenance)
        ),
    ));
    for section in ORDER {
        match section {
            Section::Overview => overview(&mut md, rb, l),
            Section::Architecture => architecture(&mut md, rb, l),
            Section::Deploy => deploy(&mut md, rb, l),
            Section::Service => service(&mut md, rb, l),
            Section::Monitoring => monitoring(&mut md, rb, l),
            Section::Backup => backup(&mut md, rb, l),
            Section::Logs => logs(&mut md, rb, l),
            Section::Maintenance => maintenance(&mut md, rb, l),
            Section::Alerts => alerts(&mut md, rb, l),
            Section::Contacts => super::contacts::render(&mut md, rb, l, None),
        }
    }
    md.finish()
}

/// The sections of the operations document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Overview,
    Architecture,
    Deploy,
    Service,
    Monitoring,
    Backup,
    Logs,
    Maintenance,
    Alerts,
    Contacts,
}

/// The order of the sections, the one place their numbers come from.
pub const ORDER: [Section; 10] = [
    Section::Overview,
    Section::Architecture,
    Section::Deploy,
    Section::Service,
    Section::Monitoring,
    Section::Backup,
    Section::Logs,
    Section::Maintenance,
    Section::Alerts,
    Section::Contacts,
];

/// The number of `section` in the operations document, for links from the others.
pub fn number(section: Section) -> usize {
    let at = ORDER.iter().position(|s| *s == section);
    at.expect("every section is in ORDER (a unit test checks it)") + 1
}

fn overview(md: &mut Md, rb: &Model, l: &Labels) {
    md.section(l.overview, None);
    let mut items = vec![
        fmt!("{}: {}", l.feature, escape::code(rb.feature)),
        fmt!("{}: {}", l.owner, escape::inline(rb.owner)),
        fmt!("{}: {}", l.updated, rb.updated),
        fmt!("{}: {}", l.version, escape::inline(rb.version)),
        fmt!("{}: {}", l.review, l.days(rb.review_every_days)),
    ];
    if !rb.environments.is_empty() {
        let envs: Vec<String> = rb
            .environments
            .iter()
            .map(|e| {
                if e.label == e.id {
                    escape::code(e.id)
                } else {
                    cat!(escape::inline(e.label), " (", escape::code(e.id), ")")
                }
            })
            .collect();
        items.push(fmt!("{}: {}", l.environments, envs.join(", ")));
    }
    md.list(items);
    if let Some(summary) = rb.summary {
        md.raw(escape::para(summary));
    }
}

fn architecture(md: &mut Md, rb: &Model, l: &Labels) {
    md.section(l.architecture, None);
    md.subsection(l.system, None);
    let path: Vec<Node> = rb
        .architecture
        .iter()
        .filter(|c| !c.optional)
        .map(|c| Node { label: c.name, note: c.role, edge: c.link })
        .collect();
    let mut text = diagram::chain(&path);
    let optional: Vec<String> = rb
        .architecture
        .iter()
        .filter(|c| c.optional)
        .map(|c| match c.role {
            Some(role) => fmt!("{} ← {role}", c.name),
            None => c.name.to_string(),
        })
        .collect();
    if !optional.is_empty() {
        text.push_str(&fmt!("\n\n({}: {})", l.optional, optional.join(", ")));
    }
    md.code("text", &text);
    md.code("mermaid", &super::mermaid::architecture(rb.architecture, l.optional));
    md.subsection(l.components, None);
    md.list(rb.architecture.iter().filter_map(|c| {
        let kind = c.kind?;
        let mut item = cat!("**", escape::inline(kind), "**: ", escape::inline(c.name));
        if let Some(v) = c.version {
            item.push(' ');
            item.push_str(&escape::inline(v));
        }
        if c.optional {
            item.push_str(&fmt!(" ({})", escape::inline(l.optional)));
        }
        Some(item)
    }));
}

/// What stands under the heading of a section declared `none("why")`.
pub fn not_applicable(md: &mut Md, l: &Labels, reason: &str) {
    md.raw(fmt!("{}: {}", escape::inline(l.not_applicable), escape::inline(reason)));
}

fn deploy(md: &mut Md, rb: &Model, l: &Labels) {
    md.section(l.deploy, None);
    if let Some(reason) = rb.not_applicable.deploy {
        return not_applicable(md, l, reason);
    }
    for (title, list) in
        [(l.precheck, rb.deploy.precheck), (l.execute, rb.deploy.execute), (l.verify, rb.deploy.verify)]
    {
        md.subsection(title, None);
        steps::steps(md, list, l, Numbering::Plain);
    }
}

fn service(md: &mut Md, rb: &Model, l: &Labels) {
    md.section(l.service, None);
    let Some(s) = &rb.service else {
        return not_applicable(md, l, rb.not_applicable.service.unwrap_or_default());
    };
    for (title, step) in [(l.start, &s.start), (l.stop, &s.stop), (l.restart, &s.restart)] {
        md.subsection(title, None);
        steps::steps(md, std::slice::from_ref(step), l, Numbering::None);
    }
    md.subsection(l.status, None);
    let with_default = |step: &Step, title: &'static str| Step { title: step.title.or(Some(title)), ..*step };
    let mut list = vec![with_default(&s.status, l.status_step)];
    list.extend(s.logs.map(|st| with_default(&st, l.logs_step)));
    list.extend(s.follow.map(|st| with_default(&st, l.follow_step)));
    steps::steps(md, &list, l, Numbering::None);
}

fn monitoring(md: &mut Md, rb: &Model, l: &Labels) {
    md.section(l.monitoring, None);
    for g in rb.monitoring {
        md.subsection(g.title, None);
        let rows = g
            .metrics
            .iter()
            .map(|m| {
                vec![
                    Cell::Md(anchored("metric", m.id, m.title)),
                    Cell::Text(l.band(m, m.normal)),
                    Cell::Text(l.band(m, m.warning)),
                    Cell::Text(l.band(m, m.critical)),
                ]
            })
            .collect();
        md.table(&l.metric_head, rows);
    }
}

fn backup(md: &mut Md, rb: &Model, l: &Labels) {
    md.section(l.backup_restore, None);
    for (title, list, reason) in
        [(l.backup, rb.backup, rb.not_applicable.backup), (l.restore, rb.restore, rb.not_applicable.restore)]
    {
        md.subsection(title, None);
        match reason {
            Some(reason) => not_applicable(md, l, reason),
            None => steps::steps(md, list, l, Numbering::Plain),
        }
    }
}

fn logs(md: &mut Md, rb: &Model, l: &Labels) {
    md.section(l.logs, None);
    md.subsection(l.log_files, None);
    if let Some(reason) = rb.not_applicable.log_files {
        not_applicable(md, l, reason);
    } else {
        let rows = rb
            .logs
            .sources
            .iter()
            .map(|f| {
                let source = match f.source {
                    LogSource::File(path) => escape::code(path),
                    LogSource::Journald(unit) => fmt!("{}: {}", escape::inline(l.log_journald), escape::code(unit)),
                    LogSource::Container(target) => {
                        fmt!("{}: {}", escape::inline(l.log_container), escape::code(target))
                    }
                };
                // An environment's label often has its own parentheses ("Production (Tokyo)").
                let title = match (f.env, l.ja()) {
                    (Some(env), true) => fmt!("{}{}", f.title, l.paren(env.label)),
                    (Some(env), false) => fmt!("{} · {}", f.title, env.label),
                    (None, _) => f.title.to_string(),
                };
                vec![
                    Cell::Text(title),
                    Cell::Md(source),
                    Cell::Md(escape::code(&f.source.read_command())),
                    Cell::Text(f.purpose.into()),
                ]
            })
            .collect();
        let mut head = l.log_head;
        if rb.logs.sources.iter().any(|s| !matches!(s.source, LogSource::File(_))) {
            head[1] = l.log_source;
        }
        md.table(&head, rows);
    }
    md.subsection(l.logrotate, None);
    match &rb.logs.rotate {
        Some(rotate) => super::logrotate::render(md, rotate, l),
        None => not_applicable(md, l, rb.not_applicable.logrotate.unwrap_or_default()),
    }
}

fn maintenance(md: &mut Md, rb: &Model, l: &Labels) {
    md.section(l.periodic, Some("maintenance"));
    let m = &rb.maintenance;
    let doc = paths::relative(paths::Kind::Operations, rb.feature, paths::Kind::Maintenance);
    for (title, tasks, f) in [
        (l.daily, m.daily, Frequency::Daily),
        (l.weekly, m.weekly, Frequency::Weekly),
        (l.monthly, m.monthly, Frequency::Monthly),
    ] {
        md.subsection(title, None);
        if let Some(reason) = rb.not_applicable.frequency(f) {
            not_applicable(md, l, reason);
            continue;
        }
        task_block(md, tasks, l);
        let links: Vec<String> = tasks
            .iter()
            .map(|t| {
                let mut target = String::with_capacity(doc.len() + 6 + t.id.len());
                target.push_str(&doc);
                target.push('#');
                escape::anchor_into(&mut target, "task", t.id);
                link(t.title, &target)
            })
            .collect();
        md.raw(cat!(escape::inline(l.details), ": ", links.join(", ")));
    }
}

/// Every task of one frequency, numbered by task. A task of several steps
/// numbers them `n.m`, its pre-checks first and its verification last, so
/// that nothing dangerous is shown without what must come before it.
/// Automation and downtime go into the task's title.
fn task_block(md: &mut Md, tasks: &[Task], l: &Labels) {
    let mut flat: Vec<Titled> = Vec::new();
    for (n, t) in tasks.iter().enumerate() {
        let mut remark = Vec::new();
        if let Some(cron) = t.cron {
            remark.push(fmt!("{}: cron {cron}", l.auto));
        }
        if let Some(min) = t.downtime_minutes {
            remark.push(fmt!("{}: {}", l.downtime, l.minutes(min)));
        }
        let title = if remark.is_empty() { t.title.to_string() } else { cat!(t.title, l.paren(&remark.join(", "))) };
        let parts: Vec<(Option<&str>, &Step)> = t
            .precheck
            .iter()
            .map(|s| (Some(l.precheck), s))
            .chain(t.steps.iter().map(|s| (None, s)))
            .chain(t.verify.iter().map(|s| (Some(l.verify), s)))
            .collect();
        let single = parts.len() == 1;
        for (m, (phase, step)) in parts.into_iter().enumerate() {
            let what = match (phase, step.title) {
                (Some(p), Some(st)) => cat!(p, ": ", st),
                (Some(p), None) => p.to_string(),
                (None, Some(st)) => st.to_string(),
                (None, None) => t.title.to_string(),
            };
            let head = match (single, step.title) {
                (true, None) => fmt!("{}. {title}", n + 1),
                (true, Some(_)) => fmt!("{}. {title}: {what}", n + 1),
                // The remark (automation, downtime) once, on the first step.
                (false, _) if m == 0 => fmt!("{}.{} {title}: {what}", n + 1, m + 1),
                (false, _) => fmt!("{}.{} {}: {what}", n + 1, m + 1, t.title),
            };
            flat.push(Titled { title: Some(Cow::Owned(head)), step });
        }
    }
    steps::titled(md, &flat, l, Numbering::None);
}

fn alerts(md: &mut Md, rb: &Model, l: &Labels) {
    md.section(l.alerts, None);
    md.subsection(l.alert_list, None);
    let ts = paths::file_name(rb.feature, paths::Kind::Troubleshooting);
    let rows = rb
        .alerts
        .iter()
        .map(|a| {
            let when = a.when.and_then(|c| {
                let m = rb.monitoring.iter().flat_map(|g| g.metrics).find(|m| m.id == c.metric)?;
                Some(Cell::Md(cat!(
                    "[",
                    escape::cell(m.title),
                    "](#",
                    escape::anchor("metric", m.id),
                    ") ",
                    escape::cell(l.level(c.level)),
                    " (",
                    escape::cell(&l.band_of_level(m, c.level)),
                    ")"
                )))
            });
            // An alert given by its own PromQL names its rule, whose
            // condition the rules table shows: a `-` would read "never".
            let when = when.or_else(|| {
                a.expr.map(|_| Cell::Md(fmt!("{} {}", l.alert_by_expr, escape::code(&super::rules::rule_name(rb, a)))))
            });
            let see = a
                .see
                .and_then(|id| rb.troubleshooting.iter().find(|e| e.id == id))
                .map(|e| Cell::Md(cat!("[", escape::cell(e.title), "](", ts, "#", escape::anchor("ts", e.id), ")")));
            vec![
                Cell::Md(anchored("alert", a.id, a.name)),
                Cell::Text(fmt!("{:?}", a.severity)),
                Cell::Text(l.response(rb.response(a))),
                Cell::Text(rb.responder(a).into()),
                when.unwrap_or(Cell::Text("-".into())),
                see.unwrap_or(Cell::Text("-".into())),
            ]
        })
        .collect();
    md.table(&l.alert_head, rows);
    md.subsection(l.alert_flow, None);
    md.code("text", &diagram::alert_flow(&l.flow, l.yes, l.no, l.troubleshooting));
    md.code("mermaid", &super::mermaid::alert_flow(&l.flow, l.yes, l.no, l.troubleshooting));
    alert_rules(md, rb, l);
}

/// Each alert's Prometheus rule: the condition the rule file holds, how
/// long it must hold, and what the alert means and does to users.
fn alert_rules(md: &mut Md, rb: &Model, l: &Labels) {
    let rows: Vec<Vec<Cell>> = rb
        .alerts
        .iter()
        .filter_map(|a| {
            let (expr, _) = super::rules::condition(rb, a)?;
            let hold = match a.hold_seconds {
                0 => "-".to_string(),
                s => super::rules::duration(s),
            };
            let mut row = vec![
                Cell::Md(cat!("[", escape::cell(a.name), "](#", escape::anchor("alert", a.id), ")")),
                Cell::Md(escape::code(&super::rules::rule_name(rb, a))),
                Cell::Md(escape::code(&expr)),
                Cell::Text(hold),
            ];
            row.extend(a.prose.entries().map(|(_, t)| Cell::Text(t.unwrap_or("-").into())));
            Some(row)
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    md.subsection(l.alert_rules, None);
    // Without a policy there is no rule file: say so rather than name one.
    match rb.alerting {
        Some(_) => {
            md.raw(fmt!("{} `{}/{}{}`", l.alert_rules_intro, super::rules::DIR, rb.feature, super::rules::RULES_SUFFIX))
        }
        None => md.raw(l.alert_rules_no_policy),
    }
    let head: Vec<&str> = l.alert_rules_head.iter().copied().chain(l.alert_prose.entries().map(|(_, h)| *h)).collect();
    md.table(&head, rows);
}

/// A table cell that is a link target: `<a id="prefix-id"></a>` and the text.
fn anchored(prefix: &str, id: &str, text: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + id.len() + text.len() + 20);
    out.push_str("<a id=\"");
    escape::anchor_into(&mut out, prefix, id);
    out.push_str("\"></a>");
    escape::cell_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_in_the_order_once() {
        // The match makes a new section fail to build here until it is listed.
        let listed = |s: Section| match s {
            Section::Overview
            | Section::Architecture
            | Section::Deploy
            | Section::Service
            | Section::Monitoring
            | Section::Backup
            | Section::Logs
            | Section::Maintenance
            | Section::Alerts
            | Section::Contacts => ORDER.iter().filter(|o| **o == s).count(),
        };
        assert!(ORDER.iter().all(|s| listed(*s) == 1));
        assert_eq!(number(Section::Maintenance), 8);
    }
}
