//! The JSON catalog of every runbook (feature `catalog`), for portals and
//! incident tools: who owns a feature, where its documents are, what alerts
//! it raises and which troubleshooting entry answers each, its maintenance
//! tasks and whom to call. `runbook/catalog.schema.json` describes it.
//!
//! The body is deterministic: members in key order (serde_json's map is
//! sorted), runbooks in registry order, no timestamps. It opens with `{` and
//! a line break; [`document`] inserts the generated-file marker as the
//! first member, `"generated": "..."`, which the schema requires.

use serde_json::{json, Map, Value};

use crate::model::{Band, Lang, LogSource, Model, Response, Step, Unit, Vocabulary};
use crate::render::escape::anchor;
use crate::render::paths::{self, Kind};
use crate::runbook::Runbook;
use runbook_model::hash::Fnv;
use runbook_model::Frequency;

/// Where the catalog goes, relative to the output root.
pub const PATH: &str = "runbook/catalog.json";

/// The catalog format's version; a consumer checks it before reading on.
pub const VERSION: u32 = 1;

/// The catalog of `runbooks`, without its marker: pretty-printed JSON
/// ending in a line break.
pub fn render(runbooks: &[&Runbook]) -> String {
    let catalog = json!({
        "catalog_version": VERSION,
        "runbooks": runbooks.iter().map(|rb| runbook(rb.model(), rb)).collect::<Vec<_>>(),
    });
    let mut out = serde_json::to_string_pretty(&catalog).expect("a JSON value with string keys always serializes");
    out.push('\n');
    out
}

/// The catalog as the doc writer writes it: the body with its marker, a
/// `"generated"` member that names `registry`, the source that lists the
/// runbooks.
pub fn document(runbooks: &[&Runbook], registry: &str) -> crate::Document {
    let contents =
        crate::marker::wrap_as(crate::marker::Syntax::Json, registry, input_hash(runbooks), &render(runbooks));
    crate::Document { path: PATH.to_string(), contents }
}

/// A hash of everything the catalog is rendered from: each runbook's input hash.
pub fn input_hash(runbooks: &[&Runbook]) -> u64 {
    let mut h = Fnv::new().str(PATH).u64(runbooks.len() as u64);
    for rb in runbooks {
        h = h.u64(rb.input_hash());
    }
    h.finish()
}

fn runbook(m: &Model, rb: &Runbook) -> Value {
    let troubleshooting = paths::path(m.feature, Kind::Troubleshooting);
    let operations = paths::path(m.feature, Kind::Operations);
    let maintenance = paths::path(m.feature, Kind::Maintenance);
    let maintenance = maintenance.as_str();
    json!({
        "feature": m.feature,
        "title": m.title,
        "owner": m.owner,
        "updated": m.updated.to_string(),
        "review_every_days": m.review_every_days,
        "review_due": rb.review_due().to_string(),
        "version": m.version,
        "lang": lang(m.lang),
        "summary": m.summary,
        "source": m.source,
        "documents": {
            "operations": operations,
            "troubleshooting": troubleshooting,
            "maintenance": maintenance,
        },
        "environments": m.environments.iter().map(|e| json!({ "id": e.id, "label": e.label })).collect::<Vec<_>>(),
        "components": m.architecture.iter().map(|c| json!({
            "id": c.id,
            "name": c.name,
            "kind": c.kind,
            "version": c.version,
            "role": c.role,
            "optional": c.optional,
        })).collect::<Vec<_>>(),
        "alerts": m.alerts.iter().map(|a| {
            let metric = a.when.and_then(|w| {
                let metric = m.monitoring.iter().flat_map(|g| g.metrics).find(|x| x.id == w.metric)?;
                let band = match w.level {
                    crate::model::Level::Warning => metric.warning,
                    crate::model::Level::Critical => metric.critical,
                };
                Some((metric, band))
            });
            let mut alert = json!({
                "id": a.id,
                "name": a.name,
                "anchor": anchor("alert", a.id),
                "document": operations,
                "severity": a.severity.keyword(),
                "response": response(m.response(a)),
                "responder": m.responder(a),
                "when": a.when.map(|w| json!({
                    "metric": w.metric,
                    "metric_title": metric.map(|(x, _)| x.title),
                    "level": w.level.keyword(),
                    "unit": metric.map(|(x, _)| unit(x.unit)),
                    "band": metric.and_then(|(_, b)| b).map(band),
                })),
                "troubleshooting": a.see.map(|id| json!({
                    "id": id,
                    "anchor": anchor("ts", id),
                    "document": troubleshooting,
                })),
                // A rule exists only in a rule file, which a policy makes.
                "rule": m.alerting.and_then(|_| crate::render::rules::condition(m, a)).map(|(expr, _)| json!({
                    "name": crate::render::rules::rule_name(m, a),
                    "severity": m.severity_label(a),
                    "expr": expr,
                    "for_seconds": a.hold_seconds,
                    "labels": a.labels.iter().map(|l| (l.name.to_string(), Value::from(l.value))).collect::<Map<_, _>>(),
                    "file": format!("{}/{}{}", crate::render::rules::DIR, m.feature, crate::render::rules::RULES_SUFFIX),
                })),
            });
            // Every prose field of the model, under its own name.
            if let Some(fields) = alert.as_object_mut() {
                fields.extend(a.prose.entries().map(|(key, text)| (key.to_string(), Value::from(*text))));
            }
            alert
        }).collect::<Vec<_>>(),
        "troubleshooting": m.troubleshooting.iter().map(|e| json!({
            "id": e.id,
            "title": e.title,
            "anchor": anchor("ts", e.id),
            "document": troubleshooting,
        })).collect::<Vec<_>>(),
        "maintenance": Frequency::ALL.iter().flat_map(|f| m.maintenance.tasks(*f).iter().map(move |t| json!({
            "id": t.id,
            "title": t.title,
            "frequency": f.name(),
            "cron": t.cron,
            "downtime_minutes": t.downtime_minutes,
            "owner": t.owner,
            "dangerous": t.steps.iter().chain(t.precheck).chain(t.rollback).any(|s: &Step| s.danger.is_some()),
            "anchor": anchor("task", t.id),
            "document": maintenance,
        }))).collect::<Vec<_>>(),
        "logs": m.logs.sources.iter().map(|l| {
            let (kind, source) = match l.source {
                LogSource::File(path) => ("file", path),
                LogSource::Journald(unit) => ("journald", unit),
                LogSource::Container(target) => ("container", target),
            };
            json!({
                "id": l.id,
                "title": l.title,
                "environment": l.env.map(|e| e.id),
                "kind": kind,
                "source": source,
                "read_with": l.source.read_command(),
                "purpose": l.purpose,
            })
        }).collect::<Vec<_>>(),
        "members": m.members.iter().map(|set| json!({
            "id": set.id,
            "members": set.members.iter().map(|x| json!({
                "id": x.id,
                "label": x.label,
                "values": x.vars.iter().map(|v| (v.name.to_string(), Value::from(v.value))).collect::<Map<_, _>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "not_applicable": not_applicable(&m.not_applicable),
        "contacts": {
            "escalation": m.contacts.escalation().iter().map(|e| json!({
                "level": e.level,
                "role": e.role,
                "email": e.email,
            })).collect::<Vec<_>>(),
            "emergency": m.contacts.emergency().iter().map(|e| json!({ "role": e.role, "phone": e.phone })).collect::<Vec<_>>(),
            "chat": m.chat.or(m.contacts.chat()),
        },
    })
}

/// Only the parts declared absent, so that a key present means "does not apply, because".
fn not_applicable(n: &crate::model::NotApplicable) -> Value {
    let parts = [
        ("deploy", n.deploy),
        ("service", n.service),
        ("backup", n.backup),
        ("restore", n.restore),
        ("log_files", n.log_files),
        ("logrotate", n.logrotate),
        ("daily", n.daily),
        ("weekly", n.weekly),
        ("monthly", n.monthly),
    ];
    Value::Object(parts.into_iter().filter_map(|(k, why)| why.map(|w| (k.to_string(), w.into()))).collect())
}

fn lang(l: Lang) -> &'static str {
    l.keyword()
}

fn response(r: Response) -> Value {
    let (within, amount) = match r {
        Response::Immediately => ("immediately", None),
        Response::Minutes(n) => ("minutes", Some(n)),
        Response::Hours(n) => ("hours", Some(n)),
        Response::Days(n) => ("days", Some(n)),
        Response::BusinessDays(n) => ("business_days", Some(n)),
    };
    json!({ "within": within, "amount": amount })
}

/// The unit as the source writes it: `%`, `ms`, `req/s`, `/day`, or `""` for a count.
fn unit(u: Unit) -> String {
    match u {
        Unit::Rate { noun, per } => format!("{}/{}", noun.unwrap_or_default(), per.keyword()),
        other => other.suffix().unwrap_or_default().to_string(),
    }
}

fn band(b: Band) -> Value {
    let mut out = Map::new();
    let (op, values): (&str, &[(&str, f64)]) = match b {
        Band::Below { value } => ("below", &[("value", value)]),
        Band::AtMost { value } => ("at_most", &[("value", value)]),
        Band::Exactly { value } => ("exactly", &[("value", value)]),
        Band::Between { low, high } => ("between", &[("low", low), ("high", high)]),
        Band::AtLeast { value } => ("at_least", &[("value", value)]),
        Band::Above { value } => ("above", &[("value", value)]),
    };
    out.insert("op".into(), op.into());
    for (k, v) in values {
        out.insert((*k).into(), json!(v));
    }
    Value::Object(out)
}
