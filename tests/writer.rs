//! The doc writer on real files: `plan` then `apply` writes only what changed,
//! atomically, prunes its own orphans and never loses a hand edit without `force`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use runbook_dsl::write::{self, Change, Report};
use runbook_dsl::{marker, Document};
use tempfile::TempDir;

const REGISTRY: &str = "runbooks/src/lib.rs";

/// What `cargo xtask docs` writes: every feature's documents and the index.
fn docs() -> Vec<Document> {
    let mut docs: Vec<Document> = runbooks::ALL.iter().flat_map(|rb| runbook_dsl::documents(rb)).collect();
    docs.push(runbook_dsl::index(runbooks::ALL, REGISTRY));
    docs
}

fn render(root: &Path, force: bool) -> Report {
    write::plan(root, &docs(), true).expect("plan").apply(root, force).expect("apply")
}

fn changes(root: &Path, docs: &[Document]) -> BTreeMap<String, Change> {
    write::plan(root, docs, true).expect("plan").entries.into_iter().map(|e| (e.path, e.change)).collect()
}

/// Every file under `dir`, relative, `/`-separated.
fn files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).expect("under base");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn first_operations_doc() -> Document {
    docs().into_iter().find(|d| d.path.ends_with("_operations.md")).expect("an operations document")
}

#[test]
fn first_run_writes_everything_and_a_second_run_touches_nothing() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    let docs = docs();

    let first = render(root, false);
    assert_eq!(first.written.len(), docs.len(), "{first:?}");
    assert!(first.removed.is_empty() && first.refused.is_empty() && first.unchanged == 0, "{first:?}");
    for doc in &docs {
        assert_eq!(read(root, &doc.path), doc.contents, "{}", doc.path);
    }

    // Back-date every file, so that any rewrite (even within the same second) shows.
    let past = SystemTime::now() - Duration::from_secs(3600);
    let paths: Vec<PathBuf> = docs.iter().map(|d| root.join(&d.path)).collect();
    for p in &paths {
        fs::File::options().write(true).open(p).expect("open").set_modified(past).expect("set mtime");
    }

    let second = render(root, false);
    assert_eq!(second, Report { unchanged: docs.len(), ..Report::default() });
    for p in &paths {
        assert_eq!(fs::metadata(p).expect("meta").modified().expect("mtime"), past, "{} was rewritten", p.display());
    }
    assert_eq!(write::plan(root, &docs, true).expect("plan").stale().count(), 0);
}

#[test]
fn no_temporary_files_are_left_behind() {
    let tmp = TempDir::new().expect("tmp");
    render(tmp.path(), false);
    // An update goes through a temp file too.
    let doc = first_operations_doc();
    let stale = marker::wrap("runbooks/src/x.rs", 0, "# old\n");
    fs::write(tmp.path().join(&doc.path), stale).expect("write");
    assert_eq!(render(tmp.path(), false).written, std::slice::from_ref(&doc.path));

    let all = files(tmp.path());
    let leftovers: Vec<&String> = all.iter().filter(|f| f.contains(".runbook-") || f.ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(all.len(), docs().len(), "{all:?}");
}

/// A file someone creates after the plan found the path free is kept: the
/// new document is not put over it, and the run says so.
#[test]
fn a_file_that_appears_after_the_plan_is_not_overwritten() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    let doc = first_operations_doc();
    let plan = write::plan(root, &docs(), true).expect("plan");
    fs::create_dir_all(root.join(&doc.path).parent().expect("parent")).expect("mkdir");
    fs::write(root.join(&doc.path), "written meanwhile\n").expect("write");

    let report = plan.apply(root, false).expect("apply");
    let failed: Vec<&(String, String)> = report.failed.iter().filter(|(p, _)| *p == doc.path).collect();
    assert_eq!(failed.len(), 1, "the appeared file is reported: {report:?}");
    assert!(failed[0].1.contains("a file appeared there"), "{report:?}");
    // Every other document was still written.
    assert_eq!(report.written.len(), docs().len() - 1, "{report:?}");
    assert_eq!(read(root, &doc.path), "written meanwhile\n");
    // The next run sees a file without the marker, and refuses it as such.
    assert_eq!(changes(root, &docs())[&doc.path], Change::NotGenerated);
}

#[test]
fn a_failed_write_leaves_the_old_file_intact() {
    use std::os::unix::fs::PermissionsExt as _;

    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    render(root, false);
    let doc = first_operations_doc();
    let old = marker::wrap("runbooks/src/x.rs", 0, "# old\n");
    fs::write(root.join(&doc.path), &old).expect("write");

    let dir = root.join(&doc.path).parent().expect("parent").to_path_buf();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root ignores permissions: find out by trying, rather than by asking who we are.
    let probe = dir.join("probe");
    if fs::write(&probe, "x").is_ok() {
        let _ = fs::remove_file(&probe);
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod back");
        eprintln!("skipped: this user can write into a read-only folder (root)");
        return;
    }
    let result = write::plan(root, &docs(), true).expect("plan").apply(root, false);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod back");

    let report = result.expect("apply reports per file");
    assert!(report.failed.iter().any(|(p, _)| *p == doc.path), "writing into a read-only folder succeeded: {report:?}");
    assert_eq!(read(root, &doc.path), old, "the old content was damaged");
    let leftovers: Vec<String> = files(root).into_iter().filter(|f| f.contains(".runbook-")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A temp file is created private (0600) and renamed over the target: the
/// writer gives it the mode of the file it replaces, or 0644 for a new file.
/// Mode bits are the same for root, so this holds whoever runs the tests.
#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_mode_and_a_new_file_is_0644() {
    use std::os::unix::fs::PermissionsExt as _;

    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    // Octal, so that a failure reads `600` rather than `384`.
    let mode = |path: &Path| format!("{:o}", fs::metadata(path).expect("meta").permissions().mode() & 0o7777);

    render(root, false);
    for doc in docs() {
        assert_eq!(mode(&root.join(&doc.path)), "644", "{}", doc.path);
    }

    // An update keeps the mode the stale file had.
    let doc = first_operations_doc();
    let file = root.join(&doc.path);
    fs::write(&file, marker::wrap("runbooks/src/x.rs", 0, "# old\n")).expect("write");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).expect("chmod");
    assert_eq!(render(root, false).written, std::slice::from_ref(&doc.path));
    assert_eq!(read(root, &doc.path), doc.contents);
    assert_eq!(mode(&file), "640");

    // `write_atomic` itself, as `cargo xtask new` uses it on runbooks/src/lib.rs.
    let lib = root.join("lib.rs");
    for kept in [0o664, 0o755, 0o444] {
        fs::write(&lib, "old").expect("write");
        fs::set_permissions(&lib, fs::Permissions::from_mode(kept)).expect("chmod");
        write::write_atomic(&lib, b"new").expect("write_atomic");
        assert_eq!(fs::read_to_string(&lib).expect("read"), "new");
        assert_eq!(mode(&lib), format!("{kept:o}"), "the mode was not kept");
        fs::set_permissions(&lib, fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    let new = root.join("src/new.rs");
    write::write_atomic(&new, b"fresh").expect("write_atomic");
    assert_eq!(mode(&new), "644");
}

#[test]
fn orphans_with_the_marker_are_removed_and_hand_written_files_kept() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    render(root, false);
    let orphan = "runbook/retired_feature_operations.md";
    let notes = "runbook/notes.md";
    let orphan_maint = "docs/operations/retired_feature_maintenance.md";
    fs::write(root.join(orphan), marker::wrap("runbooks/src/retired_feature.rs", 0, "# Retired\n")).expect("write");
    fs::write(root.join(orphan_maint), marker::wrap("runbooks/src/retired_feature.rs", 0, "# Retired\n"))
        .expect("write");
    fs::write(root.join(notes), "# Notes\n\nwritten by a person\n").expect("write");

    let plan = changes(root, &docs());
    assert_eq!(plan.get(orphan), Some(&Change::Orphan));
    assert_eq!(plan.get(orphan_maint), Some(&Change::Orphan));
    assert_eq!(plan.get(notes), None, "a file without the marker is not the writer's business");

    let report = render(root, false);
    assert_eq!(report.removed, [orphan_maint, orphan]);
    assert!(!root.join(orphan).exists() && !root.join(orphan_maint).exists());
    assert_eq!(read(root, notes), "# Notes\n\nwritten by a person\n");

    // Without pruning (one feature at a time), orphans are left alone.
    fs::write(root.join(orphan), marker::wrap("runbooks/src/retired_feature.rs", 0, "# Retired\n")).expect("write");
    let plan = write::plan(root, &docs(), false).expect("plan");
    assert!(plan.entries.iter().all(|e| e.path != orphan), "{:?}", plan.entries);
}

/// An orphan whose body was edited since it was generated holds work that no
/// runbook source has: pruning it is refused without `force`, like any hand edit.
#[test]
fn a_hand_edited_orphan_is_kept_until_forced() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    render(root, false);
    let orphan = "runbook/retired_feature_operations.md";
    let edited = marker::wrap("runbooks/src/retired_feature.rs", 0, "# Retired\n") + "A note added by hand.\n";
    assert!(!marker::parse(&edited).expect("marker").intact);
    fs::write(root.join(orphan), &edited).expect("write");

    assert_eq!(changes(root, &docs()).get(orphan), Some(&Change::EditedOrphan));
    let kept = render(root, false);
    assert_eq!(kept.refused, [(orphan.to_string(), Change::EditedOrphan)], "{kept:?}");
    assert!(kept.removed.is_empty(), "{kept:?}");
    assert_eq!(read(root, orphan), edited, "the hand-edited orphan was removed without force");

    let forced = render(root, true);
    assert_eq!(forced.removed, [orphan], "{forced:?}");
    assert!(forced.refused.is_empty(), "{forced:?}");
    assert!(!root.join(orphan).exists());
}

#[test]
fn a_hand_edit_is_refused_and_kept_then_overwritten_with_force() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    render(root, false);
    let doc = first_operations_doc();
    let edited = format!("{}\nA note added by hand.\n", doc.contents);
    fs::write(root.join(&doc.path), &edited).expect("write");

    assert_eq!(changes(root, &docs()).get(&doc.path), Some(&Change::HandEdited));
    let refused = render(root, false);
    assert_eq!(refused.refused, [(doc.path.clone(), Change::HandEdited)]);
    assert!(refused.written.is_empty(), "{refused:?}");
    assert_eq!(read(root, &doc.path), edited, "the hand edit was lost");

    let forced = render(root, true);
    assert_eq!(forced.written, std::slice::from_ref(&doc.path));
    assert!(forced.refused.is_empty());
    assert_eq!(read(root, &doc.path), doc.contents);
}

#[test]
fn a_file_without_the_marker_at_a_target_path_is_refused() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    let doc = first_operations_doc();
    fs::create_dir_all(root.join(&doc.path).parent().expect("parent")).expect("mkdir");
    let mine = "# My own operations notes\n";
    fs::write(root.join(&doc.path), mine).expect("write");

    assert_eq!(changes(root, &docs()).get(&doc.path), Some(&Change::NotGenerated));
    let report = render(root, false);
    assert_eq!(report.refused, [(doc.path.clone(), Change::NotGenerated)]);
    assert_eq!(read(root, &doc.path), mine);
    // Everything else was still written.
    assert_eq!(report.written.len(), docs().len() - 1);
}

/// `force` discards hand edits of generated files; a file without the marker
/// was never generated, so it is not an edit to discard: it is never touched.
#[test]
fn force_never_overwrites_a_file_without_the_marker() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    render(root, false);
    let doc = first_operations_doc();
    let mine = "# My own operations notes\n";
    fs::write(root.join(&doc.path), mine).expect("write");

    let forced = render(root, true);
    assert_eq!(forced.refused, [(doc.path.clone(), Change::NotGenerated)], "{forced:?}");
    assert!(forced.written.is_empty() && forced.removed.is_empty(), "{forced:?}");
    assert_eq!(read(root, &doc.path), mine, "--force overwrote a file without the marker");
}

#[test]
fn the_plan_names_each_kind_of_drift() {
    let tmp = TempDir::new().expect("tmp");
    let root = tmp.path();
    render(root, false);
    let docs = docs();
    let ops: Vec<&Document> = docs.iter().filter(|d| d.path.ends_with("_operations.md")).collect();
    assert!(ops.len() >= 3, "need three features");
    let (missing, stale, edited) = (&ops[0].path, &ops[1].path, &ops[2].path);
    let orphan = "docs/operations/retired_feature_maintenance.md";

    fs::remove_file(root.join(missing)).expect("rm");
    fs::write(root.join(stale), marker::wrap("runbooks/src/x.rs", 0, "# An older render\n")).expect("write");
    fs::write(root.join(edited), ops[2].contents.replacen("# ", "# Edited: ", 1)).expect("write");
    fs::write(root.join(orphan), marker::wrap("runbooks/src/retired_feature.rs", 0, "# Retired\n")).expect("write");

    let plan = changes(root, &docs);
    assert_eq!(plan[missing], Change::Create);
    assert_eq!(plan[stale], Change::Update);
    assert_eq!(plan[edited], Change::HandEdited);
    assert_eq!(plan[orphan], Change::Orphan);
    let drifted: Vec<&String> = plan.iter().filter(|(_, c)| **c != Change::Unchanged).map(|(p, _)| p).collect();
    assert_eq!(drifted.len(), 4, "{plan:?}");
}
