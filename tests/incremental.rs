//! Rendering only what changed: each document's marker records the input
//! hash of what it was rendered from, and `plan_runbooks` trusts it, unless
//! asked to render everything, as `cargo xtask docs --check` does.

use std::fs;
use std::path::Path;

use runbook_dsl::write::{self, Change, Plan};
use runbook_dsl::{marker, Runbook};
use tempfile::TempDir;

fn all() -> Vec<&'static Runbook> {
    runbooks::ALL.to_vec()
}

fn plan(root: &Path, render_all: bool) -> Plan {
    write::plan_runbooks(root, &all(), &[], true, render_all).expect("plan")
}

fn written(root: &Path) {
    let report = plan(root, false).apply(root, false).expect("apply");
    assert_eq!(report.written.len(), runbooks::ALL.len() * 3, "{report:?}");
}

/// The first operations document's path and text.
fn first(root: &Path) -> (String, String) {
    let rel = format!("runbook/{}_operations.md", runbooks::ALL[0].feature);
    let text = fs::read_to_string(root.join(&rel)).expect("read");
    (rel, text)
}

#[test]
fn an_unchanged_runbook_is_not_rendered_again() {
    let tmp = TempDir::new().expect("tmp");
    written(tmp.path());
    let plan = plan(tmp.path(), false);
    assert_eq!(plan.entries.len(), runbooks::ALL.len() * 3);
    for e in &plan.entries {
        // Not rendered: the plan knew from the marker.
        assert_eq!((&e.change, e.rendered()), (&Change::Unchanged, false), "{}", e.path);
    }
}

#[test]
fn a_document_rendered_from_other_inputs_is_rendered_again() {
    let tmp = TempDir::new().expect("tmp");
    written(tmp.path());
    let (rel, text) = first(tmp.path());
    let recorded = format!("input-hash: {:016x}", runbooks::ALL[0].input_hash());
    assert!(text.contains(&recorded), "{text}");
    // As if written by another renderer: same body, another input hash.
    fs::write(tmp.path().join(&rel), text.replacen(&recorded, "input-hash: 0000000000000000", 1)).expect("write");
    let plan = plan(tmp.path(), false);
    let stale: Vec<_> = plan.stale().map(|e| (e.path.as_str(), &e.change)).collect();
    assert_eq!(stale, vec![(rel.as_str(), &Change::Update)]);
    plan.apply(tmp.path(), false).expect("apply");
    assert_eq!(first(tmp.path()).1, text, "rewritten as a fresh render");
}

#[test]
fn render_all_trusts_no_recorded_hash() {
    let tmp = TempDir::new().expect("tmp");
    written(tmp.path());
    let (rel, text) = first(tmp.path());
    let rb = runbooks::ALL[0];
    // A body that is not what the runbook renders, under a marker that
    // claims the runbook's current inputs (only a bug or a forgery makes one).
    let body = text.split_once("\n\n").map(|(_, body)| body).expect("marker, blank line, body");
    let forged = marker::wrap(rb.source, rb.input_hash(), &body.replacen("# ", "# Forged ", 1));
    fs::write(tmp.path().join(&rel), forged).expect("write");
    assert_eq!(plan(tmp.path(), false).stale().count(), 0, "trusted by its input hash");
    let full = plan(tmp.path(), true);
    let stale: Vec<_> = full.stale().map(|e| (e.path.as_str(), &e.change)).collect();
    assert_eq!(stale, vec![(rel.as_str(), &Change::Update)], "caught by a full render");
}

#[test]
fn a_hand_edit_is_still_refused_without_rendering_the_rest() {
    let tmp = TempDir::new().expect("tmp");
    written(tmp.path());
    let (rel, text) = first(tmp.path());
    fs::write(tmp.path().join(&rel), format!("{text}\nA note added by hand.\n")).expect("write");
    let plan = plan(tmp.path(), false);
    let stale: Vec<_> = plan.stale().map(|e| (e.path.as_str(), &e.change)).collect();
    assert_eq!(stale, vec![(rel.as_str(), &Change::HandEdited)]);
    let report = plan.apply(tmp.path(), false).expect("apply");
    assert_eq!(report.refused, vec![(rel.clone(), Change::HandEdited)]);
    assert!(first(tmp.path()).1.ends_with("A note added by hand.\n"), "the edit is kept");
}
