//! `cargo xtask docs`: render every runbook and write what changed.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use runbook_dsl::render::Kind;
use runbook_dsl::write::{self, Change};
use runbook_dsl::{Document, Runbook};

use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::cli::{self, Usage};
use crate::registry::{select, today};

/// What `cargo xtask help docs` says above the options.
const DESCRIPTION: &str = "\
Render every runbook's documents and the index.

Writes runbook/{feature}_operations.md, runbook/{feature}_troubleshooting.md,
docs/operations/{feature}_maintenance.md, the Prometheus rules
monitoring/{feature}.rules.yml with their promtool tests
monitoring/{feature}.rules.test.yml, the index runbook/README.md and the
JSON catalog runbook/catalog.json (its schema: runbook/catalog.schema.json),
in the workspace the command runs in (found at run time). Only runbooks whose
sources, shared parts or renderer changed since their documents were written
are rendered again (each marker records an input hash); files whose bytes
would not change are left untouched.

What it guarantees:
    Never touched    a file without the generated-file marker, and anything
                     that is not a regular file (a link, a FIFO, a folder),
                     not even with --force: move or rename it
    Kept             a hand-edited generated file (without --force), and any
                     file changed since the run looked at it (even with it)
    Pruned           only this workspace's own documents ({feature}_*.md whose
                     marker names runbooks/src/{feature}.rs) of features that
                     no longer exist; nothing in an output folder that is a
                     symbolic link
    A kill leaves    each file old or new, never half; at most a temporary
                     .runbook-*.tmp, which the next run removes and --check
                     reports; a replaced file is synced before it is renamed
    Locked           one run at a time per output folder; a second waits
                     (saying `Blocking waiting for file lock`), then succeeds
    Rewritten        without --force: an empty or NUL-filled file, and one
                     that differs only by CRLF line endings or a BOM
";

const EXIT_CODES: &str = "\
EXIT CODES:
    0  docs are up to date (or were brought up to date)
    1  --check found drift, or a file was left alone: one edited by hand
       (without --force), one without the generated-file marker, one that is
       not a regular file, or one that changed during the run
    2  bad arguments, an unknown feature, or an I/O error (every other file
       is still written, and every file written is listed)";

pub fn command() -> Command {
    Command::new("docs")
        .about("Render every runbook's three documents and the index")
        .long_about(DESCRIPTION)
        .override_usage("cargo xtask docs [--check | --force] [--feature NAME]... [--out DIR]")
        .after_long_help(EXIT_CODES)
        .arg(Arg::new("check").long("check").action(ArgAction::SetTrue).help(concat!(
            "Write nothing; render every document (trusting no input hash) and exit 1\n",
            "listing every missing, stale, hand-edited, not-generated, orphaned or\n",
            "leftover file"
        )))
        .arg(Arg::new("force").long("force").action(ArgAction::SetTrue).conflicts_with("check").help(concat!(
            "Render every document (trusting no input hash), overwrite generated\n",
            "files that were edited by hand, and remove hand-edited generated files\n",
            "of deleted features (never a file without the generated-file marker)"
        )))
        .arg(
            Arg::new("feature")
                .long("feature")
                .value_name("NAME")
                .action(ArgAction::Append)
                .help("Only this feature (repeatable); nothing is pruned"),
        )
        .arg(
            Arg::new("out")
                .long("out")
                .value_name("DIR")
                .value_parser(clap::value_parser!(PathBuf))
                .help("Write under DIR instead of the workspace root"),
        )
}

/// The registry's source file, named in the index's marker.
const REGISTRY: &str = "runbooks/src/lib.rs";

pub fn run(m: &ArgMatches) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let check = m.get_flag("check");
    let force = m.get_flag("force");
    let features = cli::values(m, "feature");
    let root = match m.get_one::<PathBuf>("out") {
        Some(dir) => dir.clone(),
        None => crate::workspace_root()?,
    };

    let all = runbooks::ALL;
    unique_features(all)?;
    let selected = select(all, &features)?;
    // Which runbook source each file comes from, to name it when a hand edit is refused.
    let sources: Vec<(String, &str)> = selected
        .iter()
        .flat_map(|rb| Kind::ALL.map(|kind| (runbook_dsl::render::paths::path(rb.feature, kind), rb.source)))
        .collect();
    // The workspace's own outputs, of every runbook: the index and the
    // catalog; then each selected runbook's Prometheus rules and their tests.
    let mut index: Vec<Document> = if features.is_empty() {
        vec![runbook_dsl::index(all, REGISTRY), runbook_dsl::catalog::document(all, REGISTRY)]
    } else {
        Vec::new()
    };
    let mut sources = sources;
    for rb in &selected {
        for doc in runbook_dsl::render::rules::documents(rb) {
            sources.push((doc.path.clone(), rb.source));
            index.push(doc);
        }
    }
    warn_overdue(&selected);

    // One run at a time: a second waits, then plans from what the first wrote.
    let _lock = write::lock(&root, !check, || {
        err!("Blocking waiting for file lock on {} (another `cargo xtask docs` is running)", root.display());
    })?;
    // `--check` and `--force` render every document and compare bytes,
    // trusting no recorded input hash; a plain run renders only the runbooks
    // that changed. All three take their decisions in the one plan.
    let plan = write::plan_runbooks(&root, &selected, &index, features.is_empty(), check || force)?;
    for note in &plan.notes {
        err!("note: {note}");
    }
    if check {
        return Ok(report_check(&plan));
    }
    let report = plan.apply(&root, force)?;
    for path in &report.written {
        out!("wrote    {path}");
    }
    for path in &report.removed {
        out!("removed  {path}");
    }
    out!("{} written, {} removed, {} unchanged", report.written.len(), report.removed.len(), report.unchanged);
    for (path, error) in &report.failed {
        err!("failed   {path}: {error}");
    }
    for (path, change) in &report.refused {
        let source = sources.iter().find(|(p, _)| p == path).map_or(REGISTRY, |(_, s)| *s);
        match change {
            Change::NotGenerated => err!(
                "refused  {path}: {change}; left as it is (it has no generated-file marker, so it is never overwritten)"
            ),
            Change::NotAFile(_) => err!("refused  {path}: {change}; left as it is"),
            Change::EditedOrphan => err!("refused  {path}: {change}; left as it is, not removed"),
            Change::ChangedMeanwhile => err!("refused  {path}: {change}; left as it is, run again"),
            _ => err!("refused  {path}: {change}; left as it is (its source: {source})"),
        }
    }
    let refused = |f: fn(&Change) -> bool| report.refused.iter().any(|(_, c)| f(c));
    if refused(|c| matches!(c, Change::NotGenerated | Change::NotAFile(_))) {
        err!(
            "A file without the generated-file marker, or something that is not a regular file, sits where a \
             document goes: move or rename it, then rerun `cargo xtask docs`."
        );
    }
    if refused(|c| *c == Change::HandEdited) {
        err!(
            "To keep the edit, move it into the runbook source (runbooks/src/<feature>.rs) and rerun `cargo xtask docs`;\n\
             to discard it, run `cargo xtask docs --force`."
        );
    }
    if refused(|c| *c == Change::EditedOrphan) {
        err!(
            "A hand-edited orphan has no runbook source to move the edit into: to keep it, move it out of runbook/\n\
             and docs/operations/; to delete it, run `cargo xtask docs --force`."
        );
    }
    Ok(match (report.failed.is_empty(), report.refused.is_empty()) {
        (false, _) => ExitCode::from(2),
        (true, false) => ExitCode::from(1),
        (true, true) => ExitCode::SUCCESS,
    })
}

/// `--check`: every file that is not what the runbooks render, and what fixes it.
fn report_check(plan: &write::Plan) -> ExitCode {
    let stale: Vec<_> = plan.stale().collect();
    if stale.is_empty() {
        out!("docs are up to date ({} files)", plan.entries.len());
        return ExitCode::SUCCESS;
    }
    err!("{} generated file(s) are not what the runbooks render:", stale.len());
    for e in &stale {
        err!("  {}: {}", e.path, e.change);
    }
    let has = |f: &dyn Fn(&write::Entry) -> bool| stale.iter().any(|e| f(e));
    if has(&|e| matches!(e.change, Change::NotGenerated | Change::NotAFile(_))) {
        err!(
            "fix: move or rename each file that is not a generated file: without the generated-file marker, \
             or not being a regular file, it is never overwritten by `cargo xtask docs`"
        );
    }
    if has(&|e| e.change == Change::HandEdited) {
        err!("fix: move each hand edit into its runbook source, or add --force to discard it");
    }
    if has(&|e| e.change == Change::EditedOrphan) {
        err!(
            "fix: to keep a hand-edited orphan, move it out of runbook/ and docs/operations/; \
             add --force to delete it"
        );
    }
    if has(&|e| matches!(e.change, Change::Unreadable(_))) {
        err!("fix: make each unreadable file readable (or remove it), then rerun");
    }
    // A plain run trusts a marker that records the current input hash and
    // would not render such a file: only `--force` rewrites it.
    if has(&|e| e.change == Change::Update && e.marker_current) {
        err!(
            "fix: run `cargo xtask docs --force`: a stale file whose marker records its runbook's current inputs \
             is not rendered again by a plain run"
        );
        return ExitCode::from(1);
    }
    err!("fix: run `cargo xtask docs`");
    ExitCode::from(1)
}

/// R3 across the registry: two runbooks with one feature name would write the same files.
fn unique_features(all: &[&Runbook]) -> Result<(), Usage> {
    let mut seen = BTreeSet::new();
    for rb in all {
        if !seen.insert(rb.feature) {
            return Err(Usage(format!("two runbooks declare feature `{}`; feature names must be unique", rb.feature)));
        }
    }
    Ok(())
}

/// Warns (on stderr only: output files never depend on today) about overdue reviews.
fn warn_overdue(runbooks: &[&Runbook]) {
    let today = today();
    for rb in runbooks {
        let due = rb.review_due();
        if due < today {
            err!(
                "warning: the `{}` runbook was due for review on {due} (updated {}, review every {} days); review it and bump `updated` in {}",
                rb.feature, rb.updated, rb.review_every_days, rb.source
            );
        }
    }
}
