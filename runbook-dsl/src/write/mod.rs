//! The doc writer: compares fresh renders with what is on disk, then writes
//! only what changed, atomically, and never loses a hand edit.
//!
//! `plan` and `plan_runbooks` only read; `apply` carries a plan out.
//! `--check` is a plan that is reported instead of applied.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::marker;
use crate::render::{contents, Document, Kind};
use crate::Runbook;

mod atomic;

use atomic::replace;
pub use atomic::write_atomic;

/// What one file needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The file does not exist yet.
    Create,
    /// The file is a generated file whose content is out of date.
    Update,
    /// The file holds exactly what would be written.
    Unchanged,
    /// The file is generated but was edited by hand since; overwriting loses the edit.
    HandEdited,
    /// The file exists but is not a generated file (it has no marker); it is
    /// never overwritten, not even with `force`.
    NotGenerated,
    /// A generated file whose feature no longer exists.
    Orphan,
    /// A generated file whose feature no longer exists and that was edited by
    /// hand since; removing it loses the edit, so it is kept without `force`.
    EditedOrphan,
}

/// One file of a plan.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Relative to the output root, `/`-separated.
    pub path: String,
    pub change: Change,
    /// What to write; `None` for an orphan (edited or not), and for a file
    /// found up to date by its input hash without rendering it.
    pub contents: Option<String>,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub entries: Vec<Entry>,
}

/// What `apply` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub written: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
    /// Files left alone: hand-written ones always, hand-edited ones without `force`.
    pub refused: Vec<(String, Change)>,
}

/// Compares `docs` with the files under `root`. With `prune`, generated files
/// in the output folders that no document claims are planned for removal:
/// `Orphan` when intact, `EditedOrphan` (kept without `force`) when edited.
pub fn plan(root: &Path, docs: &[Document], prune: bool) -> io::Result<Plan> {
    plan_wanted(root, docs.iter().map(Wanted::Rendered).collect(), prune, true)
}

/// Like [`plan`], for the three documents of each of `runbooks` plus the
/// already rendered `extra` ones (the index). A runbook's document is only
/// rendered when its file is missing, edited, or records another input hash
/// than the runbook's: an unchanged runbook costs one file read. With
/// `render_all`, every document is rendered and compared byte for byte.
pub fn plan_runbooks(
    root: &Path,
    runbooks: &[&Runbook],
    extra: &[Document],
    prune: bool,
    render_all: bool,
) -> io::Result<Plan> {
    let mut wanted: Vec<Wanted> =
        runbooks.iter().flat_map(|rb| Kind::ALL.map(|kind| Wanted::Runbook(rb, kind))).collect();
    wanted.extend(extra.iter().map(Wanted::Rendered));
    plan_wanted(root, wanted, prune, render_all)
}

/// Plans one wanted document: reads what is on disk and, unless its marker
/// records the runbook's current input hash, renders and compares.
fn plan_one(root: &Path, w: &Wanted, render_all: bool) -> io::Result<Entry> {
    let path = match w {
        Wanted::Rendered(doc) => doc.path.clone(),
        Wanted::Runbook(rb, kind) => crate::render::paths::path(rb.feature, *kind),
    };
    let existing = read_if_exists(&root.join(&path))?;
    let contents = match w {
        Wanted::Rendered(doc) => doc.contents.clone(),
        Wanted::Runbook(rb, kind) => {
            let input = rb.input_hash();
            let current = existing
                .as_deref()
                .and_then(marker::parse)
                .is_some_and(|m| m.intact && m.input == Some(input) && m.source == rb.source);
            if current && !render_all {
                return Ok(Entry { path, change: Change::Unchanged, contents: None });
            }
            contents(rb, *kind, input)
        }
    };
    let change = match existing {
        None => Change::Create,
        Some(existing) if existing == contents => Change::Unchanged,
        Some(existing) => match marker::parse(&existing) {
            None => Change::NotGenerated,
            Some(m) if !m.intact => Change::HandEdited,
            Some(_) => Change::Update,
        },
    };
    Ok(Entry { path, change, contents: Some(contents) })
}

/// `f` applied to every item, in order, on up to as many threads as there
/// are cores: a thousand runbooks render and write in half the time on two.
fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    // Below this, starting threads costs more than it saves.
    if threads < 2 || items.len() < 32 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    })
}

/// A document to plan: rendered already, or rendered only if needed.
enum Wanted<'a> {
    Rendered(&'a Document),
    Runbook(&'a Runbook, Kind),
}

fn plan_wanted(root: &Path, wanted: Vec<Wanted>, prune: bool, render_all: bool) -> io::Result<Plan> {
    // Reading and rendering are independent per document: spread over the cores.
    let planned = parallel(&wanted, |w| plan_one(root, w, render_all));
    let mut entries = Vec::with_capacity(wanted.len());
    for entry in planned {
        entries.push(entry?);
    }
    let claimed: BTreeSet<String> = entries.iter().map(|e| e.path.clone()).collect();
    if prune {
        let mut dirs: Vec<&str> = Kind::ALL.iter().map(|k| k.dir()).collect();
        dirs.dedup();
        for dir in dirs {
            for path in markdown_files(&root.join(dir))? {
                let rel = format!("{dir}/{}", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
                if claimed.contains(&rel) {
                    continue;
                }
                let Some(text) = read_if_exists(&path)? else { continue };
                let change = match marker::parse(&text) {
                    None => continue,
                    Some(m) if !m.intact => Change::EditedOrphan,
                    Some(_) => Change::Orphan,
                };
                entries.push(Entry { path: rel, change, contents: None });
            }
        }
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Plan { entries })
}

impl Plan {
    /// Every entry that is not up to date.
    pub fn stale(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.change != Change::Unchanged)
    }

    /// Carries the plan out. A file without the marker is never touched:
    /// it is left as it is and reported in `refused`. Without `force`, so are
    /// hand-edited generated files, including hand-edited orphans; with it,
    /// their edits are discarded (and such orphans removed).
    pub fn apply(&self, root: &Path, force: bool) -> io::Result<Report> {
        let mut report = Report::default();
        // What to do with each file, decided in order; done below, in parallel.
        let mut ops: Vec<(&Entry, Op)> = Vec::new();
        for e in &self.entries {
            match (&e.change, &e.contents) {
                (Change::Unchanged, _) => report.unchanged += 1,
                (Change::NotGenerated, _) => report.refused.push((e.path.clone(), e.change.clone())),
                (Change::HandEdited | Change::EditedOrphan, _) if !force => {
                    report.refused.push((e.path.clone(), e.change.clone()));
                }
                (Change::Orphan | Change::EditedOrphan, _) => ops.push((e, Op::Remove)),
                (change, Some(contents)) => ops.push((e, Op::Write { contents, new: *change == Change::Create })),
                (_, None) => {}
            }
        }
        // Each folder is created once, not once per file.
        let dirs: BTreeSet<PathBuf> = ops
            .iter()
            .filter(|(_, op)| matches!(op, Op::Write { .. }))
            .filter_map(|(e, _)| root.join(&e.path).parent().map(Path::to_path_buf))
            .collect();
        for dir in &dirs {
            fs::create_dir_all(dir).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
        }
        let done = parallel(&ops, |(e, op)| {
            let path = root.join(&e.path);
            match op {
                Op::Remove => fs::remove_file(&path),
                Op::Write { contents, new } => replace(&path, contents.as_bytes(), *new),
            }
            .map_err(|err| io::Error::new(err.kind(), format!("{}: {err}", e.path)))
        });
        for ((e, op), result) in ops.iter().zip(done) {
            result?;
            match op {
                Op::Remove => report.removed.push(e.path.clone()),
                Op::Write { .. } => report.written.push(e.path.clone()),
            }
        }
        Ok(report)
    }
}

/// A file operation of `apply`.
enum Op<'a> {
    Remove,
    /// `new`: the plan found no file there.
    Write {
        contents: &'a str,
        new: bool,
    },
}

fn read_if_exists(path: &Path) -> io::Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Ok(Some(String::new())),
        Err(e) => Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
    }
}

fn markdown_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|x| x == "md") && path.is_file() {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Change::Create => "missing",
            Change::Update => "stale",
            Change::Unchanged => "up to date",
            Change::HandEdited => "edited by hand",
            Change::NotGenerated => "not a generated file",
            Change::Orphan => "orphaned (its runbook no longer exists)",
            Change::EditedOrphan => "orphaned (its runbook no longer exists) and edited by hand",
        })
    }
}
