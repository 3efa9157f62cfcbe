//! The JSON catalog: it validates against the committed, hand-written
//! schema once the writer's `generated` member is in place, the schema
//! rejects what it must, and every link it gives an incident tool (an
//! alert's troubleshooting entry, a task, a document) exists in the rendered
//! Markdown.

use runbook_dsl::catalog;
use serde_json::{json, Value};
use tests::workspace_root;

#[path = "shapes/alertmanager.rs"]
mod alertmanager;
#[path = "shapes/cluster.rs"]
mod cluster;
#[path = "shapes/etcd_vms.rs"]
mod etcd_vms;
#[path = "shapes/not_applicable.rs"]
mod shapes;

fn schema() -> Value {
    let text = std::fs::read_to_string(workspace_root().join("runbook/catalog.schema.json")).expect("schema");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// The catalog as `cargo xtask docs` writes it, marker and all, read as JSON.
fn with_marker(body: &str) -> Value {
    let doc = catalog::document(runbooks::ALL, "runbooks/src/lib.rs");
    assert!(doc.contents.ends_with(body.strip_prefix("{\n").expect("the catalog opens with `{` and a line break")));
    let marker = runbook_dsl::marker::parse(&doc.contents).expect("the catalog carries its marker");
    assert!(marker.intact && marker.syntax == runbook_dsl::marker::Syntax::Json, "{marker:?}");
    serde_json::from_str(&doc.contents).expect("the catalog with its marker is JSON")
}

/// The committed catalog is the one the runbooks render (the drift check
/// says the same for every output; this names the catalog).
#[test]
fn the_committed_catalog_is_current() {
    let committed = std::fs::read_to_string(workspace_root().join(catalog::PATH)).expect("runbook/catalog.json");
    assert_eq!(committed, catalog::document(runbooks::ALL, "runbooks/src/lib.rs").contents);
}

fn errors(schema: &Value, catalog: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("a valid schema");
    validator.iter_errors(catalog).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn the_catalog_validates_against_its_schema() {
    let body = catalog::render(runbooks::ALL);
    assert_eq!(body, catalog::render(runbooks::ALL), "deterministic");
    let catalog = with_marker(&body);
    let found = errors(&schema(), &catalog);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let features: Vec<&str> =
        catalog["runbooks"].as_array().expect("runbooks").iter().filter_map(|r| r["feature"].as_str()).collect();
    let expected: Vec<&str> = runbooks::ALL.iter().map(|rb| rb.feature).collect();
    assert_eq!(features, expected);
}

#[test]
fn the_schema_rejects_what_it_must() {
    let schema = schema();
    let good = with_marker(&catalog::render(runbooks::ALL));
    let mut cases: Vec<(&str, Value)> = Vec::new();
    let mut without_marker = good.clone();
    without_marker.as_object_mut().expect("object").remove("generated");
    cases.push(("no generated member", without_marker));
    let mut edit = |what: &'static str, pointer: &str, value: Value| {
        let mut c = good.clone();
        *c.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
        cases.push((what, c));
    };
    edit("an unknown severity", "/runbooks/0/alerts/0/severity", "P5".into());
    edit("a feature that is not a slug", "/runbooks/0/feature", "Knowledge API".into());
    edit("a date that is not a date", "/runbooks/0/updated", "28 Nov".into());
    edit("another catalog version", "/catalog_version", 2.into());
    edit(
        "a response time without an amount",
        "/runbooks/0/alerts/0/response",
        serde_json::json!({ "within": "hours", "amount": null }),
    );
    edit("an alert without its anchor", "/runbooks/0/alerts/0/anchor", Value::Null);
    for (what, catalog) in cases {
        let found = errors(&schema, &catalog);
        assert!(!found.is_empty(), "the schema accepted {what}");
    }
}

#[test]
fn every_link_of_the_catalog_exists_in_the_rendered_documents() {
    let docs: Vec<runbook_dsl::Document> = runbooks::ALL.iter().flat_map(|rb| runbook_dsl::documents(rb)).collect();
    let doc = |path: &str| docs.iter().find(|d| d.path == path).unwrap_or_else(|| panic!("no document {path}"));
    let catalog = with_marker(&catalog::render(runbooks::ALL));
    let mut links = 0;
    for rb in catalog["runbooks"].as_array().expect("runbooks") {
        let targets = rb["alerts"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|a| [a.clone(), a["troubleshooting"].clone()])
            .chain(rb["troubleshooting"].as_array().into_iter().flatten().cloned())
            .chain(rb["maintenance"].as_array().into_iter().flatten().cloned())
            .filter(|t| !t.is_null());
        for t in targets {
            let (path, anchor) = (t["document"].as_str().expect("document"), t["anchor"].as_str().expect("anchor"));
            assert!(doc(path).contents.contains(&format!("<a id=\"{anchor}\">")), "{path}#{anchor}");
            links += 1;
        }
        for kind in ["operations", "troubleshooting", "maintenance"] {
            doc(rb["documents"][kind].as_str().expect("path"));
        }
    }
    assert!(links > 20, "{links} links");
}

/// A part declared `none("why")` is in the catalog as a reason, never as
/// empty content that reads like a missing section.
#[test]
fn parts_declared_not_applicable_are_reasons_in_the_catalog() {
    let doc = catalog::document(&[&shapes::WORKLOAD, &shapes::SELF_ROTATING], "tests/shapes/not_applicable.rs");
    let catalog: Value = serde_json::from_str(&doc.contents).expect("JSON");
    let schema = schema();
    let found = errors(&schema, &catalog);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let workload = &catalog["runbooks"][0]["not_applicable"];
    assert_eq!(workload["service"], shapes::WORKLOAD.model().not_applicable.service.expect("declared"));
    assert_eq!(workload["deploy"], "prometheus-operator が monitoring 名前空間に配備する");
    let keys: Vec<&str> = workload.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["backup", "daily", "deploy", "log_files", "logrotate", "monthly", "restore", "service"],
        "every part declared absent, and weekly (which has a task) not"
    );
    assert_eq!(
        catalog["runbooks"][1]["not_applicable"],
        json!({ "logrotate": "the application rotates its own file at 100 MB", "monthly": "nothing is due monthly" })
    );
    // A shipped runbook declares nothing absent.
    assert_eq!(with_marker(&catalog::render(runbooks::ALL))["runbooks"][0]["not_applicable"], json!({}));
    for (what, value) in [
        ("a blank reason", json!({ "service": "  " })),
        ("an unknown part", json!({ "alerts": "none" })),
        ("a reason that is not text", json!({ "backup": true })),
    ] {
        let mut bad = catalog.clone();
        bad["runbooks"][0]["not_applicable"] = value;
        assert!(!errors(&schema, &bad).is_empty(), "the schema accepted {what}");
    }
}

/// A cluster's catalog names each log's kind and the command that reads
/// it, and lists its member sets with each member's values.
#[test]
fn log_sources_and_members_are_in_the_catalog() {
    let doc = catalog::document(&[&cluster::ETCD], "tests/shapes/cluster.rs");
    let catalog: Value = serde_json::from_str(&doc.contents).expect("JSON");
    let schema = schema();
    let found = errors(&schema, &catalog);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let rb = &catalog["runbooks"][0];
    assert_eq!(
        rb["logs"],
        json!([{
            "id": "etcd",
            "title": "etcd server",
            "environment": null,
            "kind": "journald",
            "source": "etcd.service",
            "read_with": "journalctl -u etcd.service -f",
            "purpose": "raft, compaction and request errors",
        }])
    );
    let members = &rb["members"][0];
    assert_eq!(members["id"], "etcd");
    let labels: Vec<&str> =
        members["members"].as_array().expect("members").iter().filter_map(|m| m["label"].as_str()).collect();
    assert_eq!(labels, ["etcd-1", "etcd-2", "etcd-3"]);
    assert_eq!(members["members"][1]["values"], json!({ "name": "etcd-2", "ip": "10.0.0.12" }));
    // A shipped runbook's file logs say so.
    let shipped = with_marker(&catalog::render(runbooks::ALL));
    assert!(shipped["runbooks"][0]["logs"].as_array().expect("logs").iter().all(|l| l["kind"] == "file"));
    for (what, value) in [
        (
            "an unknown kind",
            json!([{ "id": "a", "title": "A", "kind": "syslog", "source": "x", "read_with": "x", "purpose": "" }]),
        ),
        (
            "a log without its command",
            json!([{ "id": "a", "title": "A", "kind": "file", "source": "/x", "purpose": "" }]),
        ),
    ] {
        let mut bad = catalog.clone();
        bad["runbooks"][0]["logs"] = value;
        assert!(!errors(&schema, &bad).is_empty(), "the schema accepted {what}");
    }
}

/// The two real services' catalogs validate too, each rule under its
/// upstream name, each member set with its members.
#[test]
fn real_services_validate_against_the_schema() {
    for (rb, source, rules) in [
        (&alertmanager::ALERTMANAGER, "tests/shapes/alertmanager.rs", 4),
        (&etcd_vms::ETCD_VMS, "tests/shapes/etcd_vms.rs", 4),
    ] {
        let doc = catalog::document(&[rb], source);
        let catalog: Value = serde_json::from_str(&doc.contents).expect("JSON");
        let found = errors(&schema(), &catalog);
        assert!(found.is_empty(), "{}: {}", rb.feature, found.join("\n"));
        let alerts = catalog["runbooks"][0]["alerts"].as_array().expect("alerts");
        let named: Vec<&str> = alerts.iter().filter_map(|a| a["rule"]["name"].as_str()).collect();
        let titles: Vec<&str> = alerts.iter().filter_map(|a| a["name"].as_str()).collect();
        assert_eq!(named.len(), rules, "{}", rb.feature);
        assert_eq!(named, titles, "{}: the upstream names are the rules' names", rb.feature);
        assert_eq!(catalog["runbooks"][0]["members"][0]["members"].as_array().expect("members").len(), 3);
    }
}
