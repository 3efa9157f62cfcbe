//! `runbook/{feature}_troubleshooting.md`: one section per entry, symptom ->
//! causes -> diagnosis -> remedy, then the checklist and who to call.

use super::escape;
use super::labels::Labels;
use super::md::{link, Md};
use super::paths::{self, Kind};
use super::steps::{self, Numbering};
use crate::model::{Model, Symptom};

pub fn render(rb: &Model) -> String {
    let l = Labels::of(rb.lang);
    let mut md = Md::default();
    md.heading(1, &fmt!("{} {}", rb.title, l.troubleshooting), None);
    let ops = paths::file_name(rb.feature, Kind::Operations);
    md.raw(fmt!("{}: {}", escape::inline(l.back_to_operations), link(&ops, &ops)));
    for e in rb.troubleshooting {
        md.section(e.title, Some(&escape::anchor("ts", e.id)));
        let alerts: Vec<String> = rb
            .alerts
            .iter()
            .filter(|a| a.see == Some(e.id))
            .map(|a| fmt!("[{}]({ops}#{}) ({:?})", escape::inline(a.name), escape::anchor("alert", a.id), a.severity))
            .collect();
        if !alerts.is_empty() {
            md.raw(cat!(escape::inline(l.related_alerts), ": ", alerts.join(", ")));
        }
        // What each alert means and does to users, where the on-call lands
        // from the alert's link (the Meaning / Impact of upstream runbooks).
        for a in rb.alerts.iter().filter(|a| a.see == Some(e.id)) {
            let said: Vec<String> = l
                .alert_prose
                .entries()
                .zip(a.prose.entries())
                .filter_map(|((_, label), (_, text))| text.map(|t| cat!(escape::inline(label), ": ", escape::para(t))))
                .collect();
            if !said.is_empty() {
                md.raw(cat!("**", escape::inline(a.name), "**: ", said.join(" · ")));
            }
        }
        md.heading(3, l.symptom, None);
        let observed: Vec<String> = e
            .symptoms
            .iter()
            .filter_map(|s| match s {
                Symptom::Observed(t) => Some(escape::para(t)),
                Symptom::Output(_) => None,
            })
            .collect();
        md.list(observed);
        for s in e.symptoms {
            if let Symptom::Output(t) = s {
                md.code("text", t);
            }
        }
        md.heading(3, l.causes, None);
        md.numbered(e.causes.iter().map(|c| escape::para(c)));
        md.heading(3, l.diagnose, None);
        steps::steps(&mut md, e.diagnose, l, Numbering::Plain);
        md.heading(3, l.remedy, None);
        steps::steps(&mut md, e.remedy, l, Numbering::Plain);
    }
    if !rb.checklist.items.is_empty() {
        md.section(l.checklist, Some("checklist"));
        md.heading(3, rb.checklist.title, None);
        md.raw(rb.checklist.items.iter().map(|i| cat!("- [ ] ", escape::para(i))).collect::<Vec<_>>().join("\n"));
    }
    super::contacts::render(&mut md, rb, l, Some("contacts"));
    md.finish()
}
