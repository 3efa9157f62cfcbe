//! The doc writer under faults, races and odd files, on real files: what it
//! decides to write, delete and trust. Each race is driven by the test
//! between `plan` and `apply`, never by sleeping.

use std::fs;
use std::path::Path;

use runbook_dsl::write::{self, Change, Plan};
use runbook_dsl::{marker, Document, Runbook};
use tempfile::TempDir;

const REGISTRY: &str = "runbooks/src/lib.rs";

fn all() -> Vec<&'static Runbook> {
    runbooks::ALL.to_vec()
}

fn index() -> Vec<Document> {
    vec![runbook_dsl::index(runbooks::ALL, REGISTRY)]
}

/// The plan `cargo xtask docs` makes; `render_all` as with `--check` or `--force`.
fn plan(root: &Path, render_all: bool) -> Plan {
    write::plan_runbooks(root, &all(), &index(), true, render_all).expect("plan")
}

fn written(root: &Path) {
    let report = plan(root, false).apply(root, false).expect("apply");
    assert!(report.failed.is_empty() && report.refused.is_empty(), "{report:?}");
}

fn change(plan: &Plan, path: &str) -> Option<Change> {
    plan.entries.iter().find(|e| e.path == path).map(|e| e.change.clone())
}

fn ops_path() -> String {
    format!("runbook/{}_operations.md", runbooks::ALL[0].feature)
}

fn read(root: &Path, rel: &str) -> Vec<u8> {
    fs::read(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A hand edit saved after the plan read the file, while the docs were
/// rendered, is kept: even with `force`, which discards only edits it saw.
#[test]
fn an_edit_saved_between_plan_and_write_is_kept() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    written(root);
    let rel = ops_path();
    fs::write(root.join(&rel), marker::wrap(runbooks::ALL[0].source, 0, "# An older render\n")).expect("stale");
    for force in [false, true] {
        let plan = plan(root, false);
        assert_eq!(change(&plan, &rel), Some(Change::Update));
        let saved = b"# saved by an editor meanwhile\n";
        fs::write(root.join(&rel), saved).expect("edit");
        let report = plan.apply(root, force).expect("apply");
        assert_eq!(report.refused, [(rel.clone(), Change::ChangedMeanwhile)], "force {force}: {report:?}");
        assert_eq!(read(root, &rel), saved, "force {force}: the edit was overwritten");
        fs::write(root.join(&rel), marker::wrap(runbooks::ALL[0].source, 0, "# An older render\n")).expect("stale");
    }
}

/// An orphan edited after the plan found it intact is not removed.
#[test]
fn an_orphan_edited_between_plan_and_prune_is_kept() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    written(root);
    let orphan = "runbook/retired_operations.md";
    fs::write(root.join(orphan), marker::wrap("runbooks/src/retired.rs", 0, "# Retired\n")).expect("orphan");
    let plan = plan(root, false);
    assert_eq!(change(&plan, orphan), Some(Change::Orphan));
    let edited = marker::wrap("runbooks/src/retired.rs", 0, "# Retired\n") + "kept by hand\n";
    fs::write(root.join(orphan), &edited).expect("edit");
    let report = plan.apply(root, true).expect("apply");
    assert_eq!(report.refused, [(orphan.to_string(), Change::ChangedMeanwhile)], "{report:?}");
    assert_eq!(read(root, orphan), edited.as_bytes());
}

/// Pruning removes this workspace's own documents of a feature that is gone,
/// and nothing else: not a renamed copy, not another project's document, not
/// a file whose name is not one of its names.
#[test]
fn pruning_removes_only_what_this_workspace_wrote() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    written(root);
    let body = "# Retired\n";
    let files = [
        ("runbook/retired_operations.md", "runbooks/src/retired.rs", true),
        // A renamed copy: its name says `copy_of_retired`, its marker `retired`.
        ("runbook/copy_of_retired_operations.md", "runbooks/src/retired.rs", false),
        // Another project's document, from sources this workspace does not have.
        ("runbook/billing_operations.md", "services/billing/runbooks/billing.rs", false),
        // Not a name this writer gives a document.
        ("runbook/retired-notes.md", "runbooks/src/retired-notes.rs", false),
    ];
    for (rel, source, _) in files {
        fs::write(root.join(rel), marker::wrap(source, 0, body)).expect("write");
    }
    let report = plan(root, false).apply(root, false).expect("apply");
    for (rel, _, pruned) in files {
        assert_eq!(!root.join(rel).exists(), pruned, "{rel}: {report:?}");
    }
    assert_eq!(report.removed, ["runbook/retired_operations.md"]);
}

/// An output folder that is a symbolic link may be shared with other
/// projects: documents are written through it, said so, and nothing in it is
/// pruned.
#[cfg(unix)]
#[test]
fn a_symlinked_output_folder_is_written_through_and_never_pruned() {
    let tmp = TempDir::new().expect("tmp");
    let shared = TempDir::new().expect("shared");
    let root = tmp.path();
    std::os::unix::fs::symlink(shared.path(), root.join("runbook")).expect("symlink");
    let theirs = "retired_operations.md";
    fs::write(shared.path().join(theirs), marker::wrap("runbooks/src/retired.rs", 0, "# Theirs\n")).expect("write");
    let plan = plan(root, false);
    assert!(plan.notes.iter().any(|n| n.contains("runbook/ is a symbolic link")), "{:?}", plan.notes);
    let report = plan.apply(root, false).expect("apply");
    assert!(report.removed.is_empty(), "{report:?}");
    assert!(shared.path().join(theirs).exists());
    assert!(shared.path().join("README.md").exists(), "documents are written through the link");
}

/// `--check` and `--force` take one decision: a document whose body changed
/// while its marker still records the current inputs is stale to both, and
/// the plan says that a plain run (which trusts the marker) would skip it.
#[test]
fn check_and_force_agree_on_a_file_a_plain_run_trusts() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    written(root);
    let rb = runbooks::ALL[0];
    let rel = ops_path();
    let forged = marker::wrap(rb.source, rb.input_hash(), "# Not what the runbook renders\n");
    fs::write(root.join(&rel), &forged).expect("write");

    assert_eq!(change(&plan(root, false), &rel), Some(Change::Unchanged), "a plain run trusts the marker");
    let checked = plan(root, true);
    let entry = checked.entries.iter().find(|e| e.path == rel).expect("entry");
    assert_eq!((&entry.change, entry.marker_current), (&Change::Update, true));
    // What `--force` does: render everything, then apply.
    let report = checked.apply(root, true).expect("apply");
    assert_eq!(report.written, std::slice::from_ref(&rel));
    assert_eq!(plan(root, true).stale().count(), 0);
}

/// A temporary file that a killed run left is listed by the plan (so that
/// `--check` reports it) and removed by the next run; anyone else's dot file
/// is not.
#[test]
fn a_leftover_temporary_file_is_reported_then_removed() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    written(root);
    let leftover = "runbook/.runbook-Ab12Cd.tmp";
    let other = "runbook/.notes.tmp";
    fs::write(root.join(leftover), "half a document").expect("write");
    fs::write(root.join(other), "someone else's").expect("write");
    let plan = plan(root, false);
    assert_eq!(change(&plan, leftover), Some(Change::Leftover));
    assert_eq!(change(&plan, other), None);
    let report = plan.apply(root, false).expect("apply");
    assert_eq!(report.removed, [leftover]);
    assert!(!root.join(leftover).exists() && root.join(other).exists());
}

/// Line endings and a byte-order mark are nothing to lose: such a file is
/// rewritten without `force`, and the plan says that is the only difference.
#[test]
fn line_endings_and_a_byte_order_mark_are_not_hand_edits() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    written(root);
    let rel = ops_path();
    let lf = read(root, &rel);
    let crlf = String::from_utf8(lf.clone()).expect("utf-8").replace('\n', "\r\n");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&lf);
    for (bytes, said) in [(crlf.into_bytes(), "line endings only"), (bom, "a byte-order mark")] {
        fs::write(root.join(&rel), &bytes).expect("write");
        let plan = plan(root, false);
        let got = change(&plan, &rel).expect("entry");
        assert!(matches!(got, Change::Encoding(_)), "{got:?}");
        assert!(got.to_string().contains(said), "{got}");
        let report = plan.apply(root, false).expect("apply");
        assert_eq!(report.written, std::slice::from_ref(&rel), "{report:?}");
        assert_eq!(read(root, &rel), lf);
    }
}

/// What a power cut can leave (an empty or NUL-filled file) is rewritten
/// without `force`; one byte that is not UTF-8 makes a hand edit, which
/// `force` discards, never a file stuck for ever.
#[test]
fn blank_and_corrupt_files_are_never_stuck() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    written(root);
    let rel = ops_path();
    let good = read(root, &rel);
    for blank in [Vec::new(), vec![0u8; 4096]] {
        fs::write(root.join(&rel), &blank).expect("write");
        let plan = plan(root, false);
        assert_eq!(change(&plan, &rel), Some(Change::Blank));
        assert_eq!(plan.apply(root, false).expect("apply").written, std::slice::from_ref(&rel));
        assert_eq!(read(root, &rel), good);
    }
    let mut corrupt = good.clone();
    let at = corrupt.len() - 2;
    corrupt[at] = 0xFF;
    fs::write(root.join(&rel), &corrupt).expect("write");
    assert_eq!(change(&plan(root, false), &rel), Some(Change::HandEdited));
    assert_eq!(plan(root, false).apply(root, false).expect("apply").refused, [(rel.clone(), Change::HandEdited)]);
    assert_eq!(plan(root, true).apply(root, true).expect("apply").written, std::slice::from_ref(&rel));
    assert_eq!(read(root, &rel), good);
}

/// A FIFO, a link to `/dev/zero` and a folder at document paths are
/// conflicts, reported without reading them; every other file is written.
#[cfg(unix)]
#[test]
fn special_files_are_conflicts_and_the_rest_is_written() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    fs::create_dir_all(root.join("runbook")).expect("mkdir");
    let features: Vec<&str> = runbooks::ALL.iter().map(|rb| rb.feature).collect();
    let fifo = format!("runbook/{}_operations.md", features[0]);
    let zero = format!("runbook/{}_troubleshooting.md", features[0]);
    let dir = format!("runbook/{}_operations.md", features[1]);
    let made = std::process::Command::new("mkfifo").arg(root.join(&fifo)).status().expect("mkfifo");
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", root.join(&zero)).expect("symlink");
    fs::create_dir(root.join(&dir)).expect("mkdir");

    // Were the FIFO opened, this would block for ever: fail instead.
    let (tx, rx) = std::sync::mpsc::channel();
    let at = root.to_path_buf();
    std::thread::spawn(move || {
        let report = plan(&at, false).apply(&at, false).expect("apply");
        let _ = tx.send(report);
    });
    let report = rx.recv_timeout(std::time::Duration::from_secs(120)).expect("the writer hung on a special file");
    let refused: Vec<&str> = report.refused.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(refused.len(), 3, "{report:?}");
    for path in [&fifo, &zero, &dir] {
        assert!(refused.contains(&path.as_str()), "{path}: {report:?}");
    }
    assert!(report.refused.iter().all(|(_, c)| matches!(c, Change::NotAFile(_))), "{report:?}");
    assert_eq!(report.written.len(), 3 * runbooks::ALL.len() + 1 - 3, "{report:?}");
    assert!(fs::symlink_metadata(root.join(&zero)).expect("link").file_type().is_symlink());
}

/// Every output syntax is protected alike: a YAML rule file and a JSON
/// catalog are written, found up to date, refused when edited by hand and
/// never overwritten without their marker, as a Markdown document is.
#[test]
fn every_marker_syntax_is_protected_alike() {
    use runbook_dsl::marker::{wrap_as, Syntax};
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    let docs = [
        ("monitoring/a.rules.yml", Syntax::Yaml, "groups:\n  - name: a\n    rules: []\n"),
        ("runbook/catalog.json", Syntax::Json, "{\n  \"runbooks\": []\n}\n"),
        ("runbook/a.md", Syntax::Markdown, "# A\n"),
    ]
    .map(|(path, syntax, body)| Document { path: path.into(), contents: wrap_as(syntax, REGISTRY, 1, body) });
    let plan_of = |root: &Path| write::plan(root, &docs, false).expect("plan");
    assert_eq!(plan_of(root).apply(root, false).expect("apply").written.len(), 3);
    assert_eq!(plan_of(root).stale().count(), 0);
    for doc in &docs {
        let file = root.join(&doc.path);
        let edited = format!("{}edited by hand\n", doc.contents);
        for (bytes, expected) in [(edited.as_str(), Change::HandEdited), ("hand written\n", Change::NotGenerated)] {
            fs::write(&file, bytes).expect("write");
            assert_eq!(change(&plan_of(root), &doc.path), Some(expected.clone()), "{}", doc.path);
            let report = plan_of(root).apply(root, false).expect("apply");
            assert_eq!(report.refused, [(doc.path.clone(), expected)], "{}", doc.path);
            assert_eq!(fs::read_to_string(&file).expect("read"), bytes);
        }
        fs::write(&file, format!("{}edited by hand\n", doc.contents)).expect("write");
        assert_eq!(plan_of(root).apply(root, true).expect("apply").written, std::slice::from_ref(&doc.path));
        assert_eq!(fs::read_to_string(&file).expect("read"), doc.contents);
    }
}

/// Data of another version (a `runbook-macros` built from another
/// `runbook-model`) stops the run in the plan, naming the source, before
/// any file is written, although a new document is rendered only as it is
/// written.
#[test]
fn data_of_another_version_stops_the_run_before_any_write() {
    static CORRUPT: Runbook = runbook_dsl::__private::compiled(
        "corrupt",
        "runbooks/src/corrupt.rs",
        "Corrupt",
        "team",
        (2026, 1, 2),
        90,
        [0; 4],
        "rb1;not this version",
        1,
        runbook_dsl::__private::Checklist { title: "Checks", items: &[] },
        runbook_dsl::__private::NO_CONTACTS,
        None,
    );
    let tmp = TempDir::new().expect("tmp");
    let mut runbooks = all();
    runbooks.push(&CORRUPT);
    let root = tmp.path();
    let planned = std::panic::catch_unwind(|| write::plan_runbooks(root, &runbooks, &[], true, false));
    let message = planned.expect_err("the plan stops");
    let message = message.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("runbooks/src/corrupt.rs") && message.contains("corrupt"), "{message}");
    assert_eq!(fs::read_dir(root).expect("root").count(), 0, "nothing was written");
}
