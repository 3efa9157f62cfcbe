//! The doc writer: compares fresh renders with what is on disk, then writes
//! only what changed, atomically, and never loses a hand edit.
//!
//! `plan` and `plan_runbooks` only read; `Plan::apply` carries a plan out,
//! checking each file again just before it replaces or removes it. `--check`
//! is a plan that is reported instead of applied. What the writer promises:
//!
//! - A file without the generated-file marker, or that is not a regular
//!   file, is never read past its type, replaced or removed, not even with
//!   `force`.
//! - A generated file edited by hand is replaced or removed only with
//!   `force`, and never if it changed since the plan looked at it.
//! - Pruning removes only files this workspace's runbooks would be named,
//!   whose marker names a runbook source of that name, of features that no
//!   longer exist; never in an output folder that is a symbolic link.
//! - A kill leaves the old file or the new one, and at most a temporary file
//!   `.runbook-*.tmp`, which the next run removes and `--check` reports.
//! - One problem with one file stops nothing else: every file is reported.

use std::fmt;

use crate::render::Kind;
use crate::Runbook;

mod apply;
mod atomic;
mod inspect;
mod lock;
mod plan;

pub use atomic::write_atomic;
pub use inspect::MAX_BYTES;
pub use lock::{lock, Lock};
pub use plan::{plan, plan_runbooks};

/// What one file needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The file does not exist yet.
    Create,
    /// The file is a generated file whose content is out of date.
    Update,
    /// The file holds what would be written but for its encoding (line
    /// endings, a byte-order mark), which is nothing to lose: rewritten
    /// without `force`.
    Encoding(&'static str),
    /// The file is empty or holds only NUL bytes, as an interrupted write or
    /// a power cut can leave it: nothing to lose, rewritten without `force`.
    Blank,
    /// The file holds exactly what would be written.
    Unchanged,
    /// The file is generated but was edited by hand since; overwriting loses the edit.
    HandEdited,
    /// The file exists but is not a generated file (it has no marker); it is
    /// never overwritten, not even with `force`.
    NotGenerated,
    /// Something that is not a regular file sits at the path (a symbolic
    /// link, a FIFO, a folder), or a file too large to be a document: never
    /// read, replaced or removed.
    NotAFile(&'static str),
    /// A generated file whose feature no longer exists.
    Orphan,
    /// A generated file whose feature no longer exists and that was edited by
    /// hand since; removing it loses the edit, so it is kept without `force`.
    EditedOrphan,
    /// A temporary file left by an interrupted run of this writer.
    Leftover,
    /// The file could not be read; the error says why.
    Unreadable(String),
    /// Found by `apply`: the file changed after the plan looked at it (saved
    /// by an editor while the docs were rendered, say), so it was kept.
    ChangedMeanwhile,
}

/// One file of a plan.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Relative to the output root, `/`-separated.
    pub path: String,
    pub change: Change,
    /// What to write; `None` for an orphan (edited or not), and for a file
    /// found up to date by its input hash without rendering it.
    contents: Option<Contents>,
    /// True when the file's marker records the input hash it would be
    /// rendered from now: a plain run trusts that and does not render it, so
    /// such a file found stale (by `--check`) needs `force` to be rewritten.
    pub marker_current: bool,
    /// The bytes the plan saw, to check again before replacing or removing.
    seen: Option<inspect::Seen>,
}

impl Entry {
    fn new(path: String, change: Change) -> Entry {
        Entry { path, change, contents: None, marker_current: false, seen: None }
    }

    /// True when the plan rendered the document, to compare it with the file.
    pub fn rendered(&self) -> bool {
        matches!(self.contents, Some(Contents::Rendered(_)))
    }
}

/// What an entry writes.
#[derive(Debug, Clone)]
enum Contents {
    /// Rendered by the plan, which compared it with the file.
    Rendered(String),
    /// A runbook's document where there is no file, so nothing to compare
    /// with: rendered by `apply` just before it is written, on the thread
    /// that writes it. Rendering a thousand runbooks in the plan and
    /// writing them after was two phases one after the other; this way one
    /// thread renders while the other waits on the disk, and each document
    /// is written while it is still in the cache. Boxed: a runbook is
    /// hundreds of bytes, a string 24.
    Later(Box<(Runbook, Kind, u64)>),
}

#[derive(Debug, Default)]
pub struct Plan {
    pub entries: Vec<Entry>,
    /// What the plan noticed beside the files, for the user: an output
    /// folder that is a symbolic link, say.
    pub notes: Vec<String>,
}

impl Plan {
    /// Every entry that is not up to date.
    pub fn stale(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.change != Change::Unchanged)
    }
}

/// What `apply` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub written: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
    /// Files left alone: hand-written ones and files that are not regular
    /// files always, hand-edited ones without `force`, and files that
    /// changed since the plan.
    pub refused: Vec<(String, Change)>,
    /// Files that could not be read, written or removed, with the error.
    pub failed: Vec<(String, String)>,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Create => f.write_str("missing"),
            Change::Update => f.write_str("stale"),
            Change::Encoding("CRLF line endings") => f.write_str("line endings only (CRLF where the docs have LF)"),
            Change::Encoding(what) => write!(f, "differs only by {what}"),
            Change::Blank => f.write_str("empty or only NUL bytes (an interrupted write?); nothing to lose"),
            Change::Unchanged => f.write_str("up to date"),
            Change::HandEdited => f.write_str("edited by hand"),
            Change::NotGenerated => f.write_str("not a generated file"),
            Change::NotAFile(what) => write!(f, "not a regular file: {what}"),
            Change::Orphan => f.write_str("orphaned (its runbook no longer exists)"),
            Change::EditedOrphan => f.write_str("orphaned (its runbook no longer exists) and edited by hand"),
            Change::Leftover => f.write_str("a temporary file left by an interrupted run"),
            Change::Unreadable(e) => write!(f, "could not be read: {e}"),
            Change::ChangedMeanwhile => f.write_str("changed on disk while the docs were being rendered"),
        }
    }
}
