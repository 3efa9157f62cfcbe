//! [`Runbook`]: what `runbook!` expands to, and what a registry lists.
//!
//! It holds what every run of the doc tool needs about every runbook (the
//! feature, its source, the index row, the review date) as plain fields,
//! the whole lowered model as compact data (see `runbook_model::codec`), and
//! the shared parts it names. [`Runbook::model`] decodes the data into the
//! [`Model`] the renderers read; [`Runbook::input_hash`] identifies
//! everything a document is rendered from, so that an unchanged runbook is
//! not rendered again.

use std::collections::BTreeMap;
use std::sync::Mutex;

use runbook_model::hash::Fnv;

use crate::alerting::Alerting;
use crate::model::{Checklist, Contacts, Date, Model, Severity};

/// One feature's checked runbook, as `runbook!` builds it:
/// `pub const RUNBOOK: Runbook = runbook! { ... };`.
#[derive(Debug, Clone, Copy)]
pub struct Runbook {
    /// File-name slug, `[a-z][a-z0-9_]*`.
    pub feature: &'static str,
    /// The source file the runbook was declared in, relative to the workspace root.
    pub source: &'static str,
    pub title: &'static str,
    pub owner: &'static str,
    pub updated: Date,
    /// How often the runbook must be reviewed, in days.
    pub review_every_days: u32,
    /// How many alerts the runbook declares at each severity, P0 to P3.
    pub alerts_by_severity: [u16; 4],
    /// The lowered model, in the format of `runbook_model::codec`.
    pub(crate) data: &'static str,
    /// A hash of `data`, computed by the macro.
    pub(crate) data_hash: u64,
    pub(crate) checklist: Checklist,
    pub(crate) contacts: Contacts,
    pub(crate) alerting: Option<Alerting>,
}

/// The renderer's own hash, from `build.rs`.
const RENDERER_HASH: u64 = include!(concat!(env!("OUT_DIR"), "/renderer_hash.rs"));

impl Runbook {
    /// The whole runbook, decoded once per process and kept.
    pub fn model(&self) -> &'static Model {
        self.model_for(self.input_hash())
    }

    /// `model()` for a caller that has computed `key = self.input_hash()`.
    pub(crate) fn model_for(&self, key: u64) -> &'static Model {
        // Keyed by the input hash: two runbooks with one key would render
        // the same documents anyway.
        static DECODED: Mutex<BTreeMap<u64, &'static Model>> = Mutex::new(BTreeMap::new());
        let cached = DECODED.lock().map(|map| map.get(&key).copied()).unwrap_or(None);
        if let Some(model) = cached {
            return model;
        }
        let model: &'static Model = Box::leak(Box::new(self.decode()));
        if let Ok(mut map) = DECODED.lock() {
            map.insert(key, model);
        }
        model
    }

    /// Panics, naming the source, if the data is of another version of the
    /// model than this library reads: a `runbook-macros` built from another
    /// `runbook-model`. Cheap; decoding checks it too. The writer's plan
    /// calls it for documents it renders later.
    #[cfg(feature = "write")]
    pub(crate) fn require_version(&self) {
        runbook_model::codec::require_version(self.data, self.source);
    }

    /// Decodes the data. Panics, naming the source, if the data is corrupt,
    /// which only a `runbook-macros` built from another `runbook-model` can cause.
    fn decode(&self) -> Model {
        let spec = runbook_model::codec::decode(self.data, self.source);
        Model { spec, source: self.source, checklist: self.checklist, contacts: self.contacts, alerting: self.alerting }
    }

    /// A hash of everything this runbook's documents are rendered from: its
    /// data, the shared checklist and contacts it names, and the renderer.
    /// A document whose marker records this hash is up to date.
    pub fn input_hash(&self) -> u64 {
        let mut h = self.hash_index_row(Fnv::new().u64(RENDERER_HASH).str(self.source)).u64(self.data_hash);
        h = h.str(self.checklist.title).u64(self.checklist.items.len() as u64);
        for item in self.checklist.items {
            h = h.str(item);
        }
        let c = &self.contacts;
        h = h.u64(c.escalation.len() as u64);
        for e in c.escalation {
            h = h.u64(e.level.into()).str(e.role).str(e.email);
        }
        h = h.u64(c.emergency.len() as u64);
        for e in c.emergency {
            h = h.str(e.role).str(e.phone);
        }
        h = h.str(c.chat.unwrap_or("\0"));
        h.u64(self.alerting.map_or(0, |a| a.hash())).finish()
    }

    /// `h` fed with the fields the index shows, the part of the input hash
    /// that the index shares.
    fn hash_index_row(&self, h: Fnv) -> Fnv {
        let mut h = h.str(self.feature).str(self.title).str(self.owner).str(&self.updated.to_string());
        h = h.u64(self.review_every_days.into());
        for n in self.alerts_by_severity {
            h = h.u64(n.into());
        }
        h
    }

    /// The date the next review is due.
    pub fn review_due(&self) -> Date {
        self.updated.plus_days(self.review_every_days)
    }

    /// How many alerts the runbook declares at `severity`.
    pub fn alerts_at(&self, severity: Severity) -> usize {
        usize::from(self.alerts_by_severity[severity.index()])
    }
}

/// The input hash of the index: the renderer and the index row of every runbook.
pub(crate) fn index_hash(runbooks: &[&Runbook], registry: &str) -> u64 {
    let mut h = Fnv::new().u64(RENDERER_HASH).str(registry).u64(runbooks.len() as u64);
    for rb in runbooks {
        h = rb.hash_index_row(h);
    }
    h.finish()
}

/// Builds a runbook; only `runbook!`'s expansion calls it.
#[allow(clippy::too_many_arguments)]
pub const fn compiled(
    feature: &'static str,
    source: &'static str,
    title: &'static str,
    owner: &'static str,
    updated: (u16, u8, u8),
    review_every_days: u32,
    alerts_by_severity: [u16; 4],
    data: &'static str,
    data_hash: u64,
    checklist: Checklist,
    contacts: Contacts,
    alerting: Option<Alerting>,
) -> Runbook {
    let (year, month, day) = updated;
    Runbook {
        feature,
        source,
        title,
        owner,
        updated: Date { year, month, day },
        review_every_days,
        alerts_by_severity,
        data,
        data_hash,
        checklist,
        contacts,
        alerting,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Emergency, Escalation};

    const ESCALATION: &[Escalation] = &[Escalation { level: 1, role: "L1", email: "l1@example.com" }];
    const EMERGENCY: &[Emergency] = &[Emergency { role: "On-call", phone: "+81-3-5555-0100" }];
    const CONTACTS: Contacts = Contacts { escalation: ESCALATION, emergency: EMERGENCY, chat: None };
    const CHECKLIST: Checklist = Checklist { title: "Checks", items: &["one"] };
    const POLICY: Alerting = Alerting::new("https://example.com/repo/").severity(
        Severity::P1,
        "critical",
        crate::Response::Minutes(30),
        "On-call",
    );

    fn runbook(data: &'static str, data_hash: u64, contacts: Contacts, checklist: Checklist) -> Runbook {
        compiled(
            "a",
            "runbooks/src/a.rs",
            "A",
            "team",
            (2026, 1, 2),
            90,
            [1, 0, 2, 0],
            data,
            data_hash,
            checklist,
            contacts,
            None,
        )
    }

    #[test]
    fn the_input_hash_covers_every_input() {
        let base = runbook("", 1, CONTACTS, CHECKLIST);
        assert_eq!(base.input_hash(), runbook("", 1, CONTACTS, CHECKLIST).input_hash(), "stable");
        let other_email: &[Escalation] = &[Escalation { level: 1, role: "L1", email: "l2@example.com" }];
        let variants = [
            runbook("", 2, CONTACTS, CHECKLIST),
            runbook("", 1, Contacts { escalation: other_email, ..CONTACTS }, CHECKLIST),
            runbook("", 1, Contacts { chat: Some("#ops"), ..CONTACTS }, CHECKLIST),
            runbook("", 1, CONTACTS, Checklist { title: "Checks", items: &["one", "two"] }),
            Runbook { title: "B", ..base },
            Runbook { source: "runbooks/src/b.rs", ..base },
            Runbook { alerts_by_severity: [0, 1, 2, 0], ..base },
            Runbook { alerting: Some(POLICY), ..base },
            Runbook {
                alerting: Some(POLICY.severity(Severity::P2, "warning", crate::Response::Hours(4), "SRE")),
                ..base
            },
        ];
        for (i, v) in variants.iter().enumerate() {
            assert_ne!(v.input_hash(), base.input_hash(), "variant {i}");
        }
    }
}
