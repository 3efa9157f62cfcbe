//! `docs/operations/{feature}_maintenance.md`: the schedule table and each
//! task's procedure: pre-check, steps, verification, rollback.

use super::escape;
use super::labels::Labels;
use super::md::{link, Cell, Md};
use super::operations::Section;
use super::paths::{self, Kind};
use super::steps::{self, Numbering};
use crate::model::{Frequency, Model, Task};

pub fn render(rb: &Model) -> String {
    let l = Labels::of(rb.lang);
    let mut md = Md::default();
    md.heading(1, &fmt!("{} {}", rb.title, l.maintenance), None);
    let ops = paths::relative(Kind::Maintenance, rb.feature, Kind::Operations);
    md.raw(fmt!(
        "{}: {} ({})",
        escape::inline(l.back_to_operations),
        link(&paths::file_name(rb.feature, Kind::Operations), &ops),
        link(&fmt!("{}. {}", super::operations::number(Section::Maintenance), l.periodic), &fmt!("{ops}#maintenance")),
    ));
    let m = &rb.maintenance;
    let groups = [
        (Frequency::Daily, l.daily, m.daily),
        (Frequency::Weekly, l.weekly, m.weekly),
        (Frequency::Monthly, l.monthly, m.monthly),
    ];
    md.section(l.schedule, None);
    let rows = groups
        .iter()
        .flat_map(|(freq, _, tasks)| tasks.iter().map(move |t| (*freq, t)))
        .map(|(freq, t)| {
            vec![
                Cell::Md(cat!("[", escape::cell(t.title), "](#", escape::anchor("task", t.id), ")")),
                Cell::Text(l.frequency(freq).into()),
                match t.cron {
                    Some(c) => Cell::Md(cat!("cron ", escape::code(c))),
                    None => Cell::Text(l.manual.into()),
                },
                Cell::Text(t.downtime_minutes.map_or_else(|| l.none.to_string(), |m| l.minutes(m))),
                Cell::Text(t.owner.into()),
            ]
        })
        .collect();
    md.table(&l.schedule_head, rows);
    for (freq, title, tasks) in &groups {
        md.section(title, None);
        if let Some(reason) = rb.not_applicable.frequency(*freq) {
            super::operations::not_applicable(&mut md, l, reason);
        }
        for t in *tasks {
            task(&mut md, t, l);
        }
    }
    md.finish()
}

fn task(md: &mut Md, t: &Task, l: &Labels) {
    md.subsection(t.title, Some(&escape::anchor("task", t.id)));
    let mut facts = vec![cat!(escape::inline(l.schedule_head[4]), ": ", escape::inline(t.owner))];
    facts.push(match t.cron {
        Some(c) => cat!(escape::inline(l.schedule_head[2]), ": cron ", escape::code(c)),
        None => cat!(escape::inline(l.schedule_head[2]), ": ", escape::inline(l.manual)),
    });
    facts.push(cat!(
        escape::inline(l.schedule_head[3]),
        ": ",
        t.downtime_minutes.map_or_else(|| l.none.to_string(), |m| l.minutes(m))
    ));
    md.list(facts);
    for (title, list) in [(l.precheck, t.precheck), (l.steps, t.steps), (l.verify, t.verify), (l.rollback, t.rollback)]
    {
        if list.is_empty() {
            continue;
        }
        md.heading(4, title, None);
        let list: Vec<_> =
            list.iter().map(|s| steps::Titled { title: Some(s.title.unwrap_or(t.title).into()), step: s }).collect();
        steps::titled(md, &list, l, Numbering::Plain);
    }
}
