//! Carrying a plan out: each file written or removed on its own, checked
//! again just before, and every outcome reported.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::replace;
use super::plan::parallel;
use super::{Change, Contents, Entry, Plan, Report};

/// A file operation of `apply`.
enum Op<'a> {
    Remove,
    /// `new`: the plan found no file there.
    Write {
        contents: &'a Contents,
        new: bool,
    },
}

/// How one operation ended.
enum Done {
    Ok,
    /// The file changed since the plan: left as it is.
    Changed,
    Failed(String),
}

impl Plan {
    /// Carries the plan out. A file without the marker, or that is not a
    /// regular file, is never touched: it is left as it is and reported in
    /// `refused`. Without `force`, so are hand-edited generated files,
    /// including hand-edited orphans; with it, their edits are discarded
    /// (and such orphans removed). A file that changed since the plan looked
    /// at it is kept, whatever `force` says. A file that cannot be written
    /// is reported in `failed`, and the others are still written.
    ///
    /// A replaced file is durable when this returns: its data is synced
    /// before it takes the old file's name, and its folder after. A new file
    /// is not synced (it was most of the write time): a power cut can leave
    /// it empty, which the next run takes for nothing to lose and rewrites.
    pub fn apply(&self, root: &Path, force: bool) -> io::Result<Report> {
        let mut report = Report::default();
        // What to do with each file, decided in order; done below, in parallel.
        let mut ops: Vec<(&Entry, Op)> = Vec::new();
        for e in &self.entries {
            let write = |new| e.contents.as_ref().map(|contents| Op::Write { contents, new });
            let op = match &e.change {
                Change::Unchanged => {
                    report.unchanged += 1;
                    None
                }
                Change::Unreadable(err) => {
                    report.failed.push((e.path.clone(), err.clone()));
                    None
                }
                Change::NotGenerated | Change::NotAFile(_) | Change::ChangedMeanwhile => {
                    report.refused.push((e.path.clone(), e.change.clone()));
                    None
                }
                Change::HandEdited | Change::EditedOrphan if !force => {
                    report.refused.push((e.path.clone(), e.change.clone()));
                    None
                }
                Change::Orphan | Change::EditedOrphan | Change::Leftover => Some(Op::Remove),
                Change::Create => write(true),
                Change::Update | Change::Encoding(_) | Change::Blank | Change::HandEdited => write(false),
            };
            ops.extend(op.map(|op| (e, op)));
        }
        // Each folder is created once, not once per file.
        let dirs: BTreeSet<PathBuf> = ops
            .iter()
            .filter(|(_, op)| matches!(op, Op::Write { .. }))
            .filter_map(|(e, _)| root.join(&e.path).parent().map(Path::to_path_buf))
            .collect();
        let mut unmade: Vec<(PathBuf, String)> = Vec::new();
        for dir in &dirs {
            if let Err(e) = fs::create_dir_all(dir) {
                unmade.push((dir.clone(), format!("{}: {e}", dir.display())));
            }
        }
        let done = parallel(&ops, |(e, op)| {
            let path = root.join(&e.path);
            if let Some((_, err)) = unmade.iter().find(|(dir, _)| path.parent() == Some(dir.as_path())) {
                return Done::Failed(err.clone());
            }
            run(e, op, &path)
        });
        // Renames and removals are durable once their folder is synced.
        let mut touched: BTreeSet<PathBuf> = BTreeSet::new();
        for ((e, op), result) in ops.iter().zip(done) {
            match result {
                Done::Ok => {
                    let replaced = matches!(op, Op::Remove | Op::Write { new: false, .. });
                    if let (true, Some(dir)) = (replaced, root.join(&e.path).parent()) {
                        touched.insert(dir.to_path_buf());
                    }
                    match op {
                        Op::Remove => report.removed.push(e.path.clone()),
                        Op::Write { .. } => report.written.push(e.path.clone()),
                    }
                }
                Done::Changed => report.refused.push((e.path.clone(), Change::ChangedMeanwhile)),
                Done::Failed(err) => report.failed.push((e.path.clone(), err)),
            }
        }
        for dir in touched {
            if let Err(err) = sync_dir(&dir) {
                report.failed.push((dir.display().to_string(), format!("syncing the folder: {err}")));
            }
        }
        Ok(report)
    }
}

/// One operation, after checking that the file is still what the plan saw.
fn run(e: &Entry, op: &Op, path: &Path) -> Done {
    if let Some(seen) = &e.seen {
        match seen.still(path) {
            Ok(true) => {}
            Ok(false) => return Done::Changed,
            Err(err) => return Done::Failed(err.to_string()),
        }
    }
    let result = match op {
        Op::Remove => fs::remove_file(path),
        Op::Write { contents: Contents::Rendered(text), new } => replace(path, text.as_bytes(), *new),
        Op::Write { contents: Contents::Later(later), new } => {
            let (rb, kind, input) = &**later;
            replace(path, crate::render::contents(rb, *kind, *input).as_bytes(), *new)
        }
    };
    match result {
        Ok(()) => Done::Ok,
        Err(err) => Done::Failed(err.to_string()),
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// Elsewhere a folder cannot be opened to be synced; the rename stands.
#[cfg(not(unix))]
fn sync_dir(_: &Path) -> io::Result<()> {
    Ok(())
}
