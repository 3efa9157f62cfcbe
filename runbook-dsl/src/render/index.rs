//! `runbook/README.md`: one row per feature, linking its three documents.

use super::escape;
use super::md::{link, Cell, Md};
use super::paths::{self, Kind};
use crate::model::Severity;
use crate::runbook::Runbook;

/// Where the index lives, relative to the output root.
pub const PATH: &str = "runbook/README.md";

pub fn render(runbooks: &[&Runbook]) -> String {
    let mut md = Md::default();
    md.heading(1, "Runbooks", None);
    md.raw("Every feature's operations runbook, troubleshooting guide and maintenance procedures. Generated from `runbooks/src/`; edit a runbook there and run `cargo xtask docs`.");
    let head = ["Feature", "Title", "Owner", "Updated", "Review due", "Documents", "Alerts (P0/P1/P2/P3)"];
    let rows = runbooks
        .iter()
        .map(|rb| {
            let docs = Kind::ALL
                .iter()
                .map(|k| {
                    let name = match k {
                        Kind::Operations => "operations",
                        Kind::Troubleshooting => "troubleshooting",
                        Kind::Maintenance => "maintenance",
                    };
                    link(name, &paths::relative(Kind::Operations, rb.feature, *k))
                })
                .collect::<Vec<_>>()
                .join(", ");
            let count = |s: Severity| rb.alerts_at(s);
            vec![
                Cell::Md(escape::code(rb.feature)),
                Cell::Text(rb.title.into()),
                Cell::Text(rb.owner.into()),
                Cell::Text(rb.updated.to_string()),
                Cell::Text(rb.review_due().to_string()),
                Cell::Md(docs),
                Cell::Text(fmt!(
                    "{}/{}/{}/{}",
                    count(Severity::P0),
                    count(Severity::P1),
                    count(Severity::P2),
                    count(Severity::P3)
                )),
            ]
        })
        .collect();
    md.table(&head, rows);
    md.finish()
}
