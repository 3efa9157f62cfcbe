//! `runbook/{feature}_operations.md`: sections 1-10 of the operations template.

use super::diagram::{self, Node};
use super::escape;
use super::labels::Labels;
use super::md::{link, Cell, Md};
use super::paths;
use super::steps::{self, Numbering, Titled};
use std::borrow::Cow;

use crate::model::{Model, Step, Task};

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
    overview(&mut md, rb, l);
    architecture(&mut md, rb, l);
    deploy(&mut md, rb, l);
    service(&mut md, rb, l);
    monitoring(&mut md, rb, l);
    backup(&mut md, rb, l);
    logs(&mut md, rb, l);
    maintenance(&mut md, rb, l);
    alerts(&mut md, rb, l);
    super::contacts::render(&mut md, rb, l, 10, None);
    md.finish()
}

fn overview(md: &mut Md, rb: &Model, l: &Labels) {
    md.heading(2, &fmt!("1. {}", l.overview), None);
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
                    fmt!("{} ({})", escape::inline(e.label), escape::code(e.id))
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
    md.heading(2, &fmt!("2. {}", l.architecture), None);
    md.heading(3, &fmt!("2.1 {}", l.system), None);
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
    md.heading(3, &fmt!("2.2 {}", l.components), None);
    md.list(rb.architecture.iter().filter_map(|c| {
        let kind = c.kind?;
        let mut item = fmt!("**{}**: {}", escape::inline(kind), escape::inline(c.name));
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

fn deploy(md: &mut Md, rb: &Model, l: &Labels) {
    md.heading(2, &fmt!("3. {}", l.deploy), None);
    for (n, title, list) in
        [(1, l.precheck, rb.deploy.precheck), (2, l.execute, rb.deploy.execute), (3, l.verify, rb.deploy.verify)]
    {
        md.heading(3, &fmt!("3.{n} {title}"), None);
        steps::steps(md, list, l, Numbering::Plain);
    }
}

fn service(md: &mut Md, rb: &Model, l: &Labels) {
    let s = &rb.service;
    md.heading(2, &fmt!("4. {}", l.service), None);
    for (n, title, step) in [(1, l.start, &s.start), (2, l.stop, &s.stop), (3, l.restart, &s.restart)] {
        md.heading(3, &fmt!("4.{n} {title}"), None);
        steps::steps(md, std::slice::from_ref(step), l, Numbering::None);
    }
    md.heading(3, &fmt!("4.4 {}", l.status), None);
    let with_default = |step: &Step, title: &'static str| Step { title: step.title.or(Some(title)), ..*step };
    let mut list = vec![with_default(&s.status, l.status_step)];
    list.extend(s.logs.map(|st| with_default(&st, l.logs_step)));
    list.extend(s.follow.map(|st| with_default(&st, l.follow_step)));
    steps::steps(md, &list, l, Numbering::None);
}

fn monitoring(md: &mut Md, rb: &Model, l: &Labels) {
    md.heading(2, &fmt!("5. {}", l.monitoring), None);
    for (i, g) in rb.monitoring.iter().enumerate() {
        md.heading(3, &fmt!("5.{} {}", i + 1, g.title), None);
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
    md.heading(2, &fmt!("6. {}", l.backup_restore), None);
    md.heading(3, &fmt!("6.1 {}", l.backup), None);
    steps::steps(md, rb.backup, l, Numbering::Plain);
    md.heading(3, &fmt!("6.2 {}", l.restore), None);
    steps::steps(md, rb.restore, l, Numbering::Plain);
}

fn logs(md: &mut Md, rb: &Model, l: &Labels) {
    md.heading(2, &fmt!("7. {}", l.logs), None);
    md.heading(3, &fmt!("7.1 {}", l.log_files), None);
    let rows = rb
        .logs
        .files
        .iter()
        .map(|f| vec![Cell::Text(f.title.into()), Cell::Md(escape::code(f.path)), Cell::Text(f.purpose.into())])
        .collect();
    md.table(&l.log_head, rows);
    md.heading(3, &fmt!("7.2 {}", l.logrotate), None);
    super::logrotate::render(md, &rb.logs.rotate, l);
}

fn maintenance(md: &mut Md, rb: &Model, l: &Labels) {
    md.heading(2, &fmt!("8. {}", l.periodic), Some("maintenance"));
    let m = &rb.maintenance;
    let doc = paths::relative(paths::Kind::Operations, rb.feature, paths::Kind::Maintenance);
    for (n, title, tasks) in [(1, l.daily, m.daily), (2, l.weekly, m.weekly), (3, l.monthly, m.monthly)] {
        md.heading(3, &fmt!("8.{n} {title}"), None);
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
        md.raw(fmt!("{}: {}", escape::inline(l.details), links.join(", ")));
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
        let title =
            if remark.is_empty() { t.title.to_string() } else { fmt!("{}{}", t.title, l.paren(&remark.join(", "))) };
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
                (Some(p), Some(st)) => fmt!("{p}: {st}"),
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
    md.heading(2, &fmt!("9. {}", l.alerts), None);
    md.heading(3, &fmt!("9.1 {}", l.alert_list), None);
    let ts = paths::file_name(rb.feature, paths::Kind::Troubleshooting);
    let rows = rb
        .alerts
        .iter()
        .map(|a| {
            let when = a.when.and_then(|c| {
                let m = rb.monitoring.iter().flat_map(|g| g.metrics).find(|m| m.id == c.metric)?;
                Some(Cell::Md(fmt!(
                    "[{}](#{}) {} ({})",
                    escape::cell(m.title),
                    escape::anchor("metric", m.id),
                    escape::cell(l.level(c.level)),
                    escape::cell(&l.band_of_level(m, c.level))
                )))
            });
            let see = a
                .see
                .and_then(|id| rb.troubleshooting.iter().find(|e| e.id == id))
                .map(|e| Cell::Md(fmt!("[{}]({ts}#{})", escape::cell(e.title), escape::anchor("ts", e.id))));
            vec![
                Cell::Md(anchored("alert", a.id, a.name)),
                Cell::Text(fmt!("{:?}", a.severity)),
                Cell::Text(l.response(a.respond)),
                Cell::Text(a.responder.into()),
                when.unwrap_or(Cell::Text("-".into())),
                see.unwrap_or(Cell::Text("-".into())),
            ]
        })
        .collect();
    md.table(&l.alert_head, rows);
    md.heading(3, &fmt!("9.2 {}", l.alert_flow), None);
    md.code("text", &diagram::alert_flow(&l.flow, l.yes, l.no, l.troubleshooting));
    md.code("mermaid", &super::mermaid::alert_flow(&l.flow, l.yes, l.no, l.troubleshooting));
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
