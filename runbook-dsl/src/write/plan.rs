//! Planning: what each file needs, decided from what is on disk. Nothing
//! here writes.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use super::inspect::{self, Found, Seen};
use super::{Change, Contents, Entry, Plan};
use crate::marker;
use crate::render::{contents, Document, Kind};
use crate::Runbook;

/// Compares `docs` with the files under `root`. With `prune`, generated files
/// in the output folders that this workspace wrote for features no document
/// claims are planned for removal: `Orphan` when intact, `EditedOrphan`
/// (kept without `force`) when edited.
pub fn plan(root: &Path, docs: &[Document], prune: bool) -> io::Result<Plan> {
    Ok(plan_wanted(root, docs.iter().map(Wanted::Rendered).collect(), prune, true))
}

/// Like [`plan`], for the three documents of each of `runbooks` plus the
/// already rendered `extra` ones (the index). A runbook's document is only
/// rendered when its file is missing, edited, or records another input hash
/// than the runbook's: an unchanged runbook costs one file read. A missing
/// file's document has nothing to compare with: `apply` renders it as it
/// writes it. With `render_all` (`--check`, `--force`), every document with
/// a file is rendered and compared byte for byte.
pub fn plan_runbooks(
    root: &Path,
    runbooks: &[&Runbook],
    extra: &[Document],
    prune: bool,
    render_all: bool,
) -> io::Result<Plan> {
    // One input hash per runbook, shared by its documents.
    let inputs = parallel(runbooks, |rb| rb.input_hash());
    let mut wanted: Vec<Wanted> = runbooks
        .iter()
        .zip(inputs)
        .flat_map(|(rb, input)| Kind::ALL.map(|kind| Wanted::Runbook(rb, kind, input)))
        .collect();
    wanted.extend(extra.iter().map(Wanted::Rendered));
    Ok(plan_wanted(root, wanted, prune, render_all))
}

/// A document to plan: rendered already, or rendered only if needed.
enum Wanted<'a> {
    Rendered(&'a Document),
    /// A runbook's document, with the runbook's input hash.
    Runbook(&'a Runbook, Kind, u64),
}

/// Plans one wanted document: looks at what is on disk and, unless its
/// marker records the runbook's current input hash, renders and compares.
fn plan_one(root: &Path, w: &Wanted, render_all: bool) -> Entry {
    let path = match w {
        Wanted::Rendered(doc) => doc.path.clone(),
        Wanted::Runbook(rb, kind, _) => crate::render::paths::path(rb.feature, *kind),
    };
    let bytes = match inspect::look(&root.join(&path)) {
        Ok(Found::Missing) => None,
        Ok(Found::File(bytes)) => Some(bytes),
        Ok(Found::Other(what)) => return Entry::new(path, Change::NotAFile(what)),
        Err(e) => return Entry::new(path, Change::Unreadable(e.to_string())),
    };
    let exists = bytes.is_some();
    // The fingerprint is only needed to replace a file, never for one found
    // up to date by its marker: hash lazily.
    let seen = |bytes: &Option<Vec<u8>>| bytes.as_deref().map(Seen::of);
    let mut seen_bytes = None;
    // A blank file is compared as nothing: it has no text to lose.
    let existing = match bytes {
        Some(b) if inspect::is_blank(&b) => {
            seen_bytes = Some(b);
            None
        }
        Some(b) => Some(inspect::text(b)),
        None => None,
    };
    let mut marker_current = false;
    let contents = match w {
        Wanted::Rendered(doc) => doc.contents.clone(),
        Wanted::Runbook(rb, kind, input) => {
            let input = *input;
            // Nothing to compare with: rendered when it is written. Data of
            // another version (a macro built from another runbook-model)
            // stops the run here, before any file is written.
            if !exists {
                rb.require_version();
                return Entry {
                    contents: Some(Contents::Later(Box::new((**rb, *kind, input)))),
                    ..Entry::new(path, Change::Create)
                };
            }
            marker_current = existing
                .as_ref()
                .and_then(|t| marker::parse(&t.text))
                .is_some_and(|m| m.intact && m.input == Some(input) && m.source == rb.source);
            if marker_current && !render_all && existing.as_ref().is_some_and(|t| t.pristine) {
                return Entry { marker_current, ..Entry::new(path, Change::Unchanged) };
            }
            contents(rb, *kind, input)
        }
    };
    let (change, seen) = match (exists, existing) {
        (false, _) => (Change::Create, None),
        (true, None) => (Change::Blank, seen(&seen_bytes)),
        (true, Some(t)) if t.text == contents && t.pristine => (Change::Unchanged, None),
        (true, Some(t)) => {
            let change = match (t.text == contents, t.noise, marker::parse(&t.text)) {
                (true, Some(noise), _) => Change::Encoding(noise),
                (true, None, _) => Change::Unchanged,
                (false, _, None) => Change::NotGenerated,
                (false, _, Some(m)) if !m.intact => Change::HandEdited,
                (false, _, Some(_)) => Change::Update,
            };
            (change, Some(t.seen()))
        }
    };
    Entry { path, change, contents: Some(Contents::Rendered(contents)), marker_current, seen }
}

/// `f` applied to every item, in order, on up to as many threads as there
/// are cores: a thousand runbooks render and write in half the time on two.
pub(super) fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
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

fn plan_wanted(root: &Path, wanted: Vec<Wanted>, prune: bool, render_all: bool) -> Plan {
    // Reading and rendering are independent per document: spread over the cores.
    let mut plan = Plan { entries: parallel(&wanted, |w| plan_one(root, w, render_all)), notes: Vec::new() };
    let claimed: BTreeSet<String> = plan.entries.iter().map(|e| e.path.clone()).collect();
    // Where this workspace keeps its runbook sources: an orphan's marker must
    // name a source there, so another project's document is never pruned.
    let sources: BTreeSet<&str> = wanted
        .iter()
        .filter_map(|w| match w {
            Wanted::Runbook(rb, _, _) => Some(rb.source),
            Wanted::Rendered(doc) => marker::parse(&doc.contents).map(|m| m.source),
        })
        .filter_map(|source| source.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    let files = crate::render::paths::feature_files();
    let mut dirs: Vec<&str> = files.iter().map(|(dir, _)| *dir).collect();
    dirs.sort_unstable();
    dirs.dedup();
    for dir in dirs {
        scan_dir(root, dir, &Owned { claimed: &claimed, sources: &sources, files: &files, prune }, &mut plan);
    }
    plan.entries.sort_by(|a, b| a.path.cmp(&b.path));
    plan
}

/// What tells this workspace's files from others in an output folder.
struct Owned<'a> {
    /// The paths of the documents it writes now.
    claimed: &'a BTreeSet<String>,
    /// The folders its runbook sources are in.
    sources: &'a BTreeSet<&'a str>,
    /// The names it gives a feature's files, as `(folder, suffix)`.
    files: &'a [(&'static str, &'static str)],
    prune: bool,
}

/// Looks through one output folder for this writer's leftover temporary
/// files and, with `prune`, for its own documents of features gone.
fn scan_dir(root: &Path, dir: &str, owned: &Owned, plan: &mut Plan) {
    let full = root.join(dir);
    match fs::symlink_metadata(&full) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = fs::read_link(&full).map(|t| t.display().to_string()).unwrap_or_else(|_| "?".into());
            plan.notes.push(format!(
                "{dir}/ is a symbolic link (to {target}): documents are written through it, \
                 and nothing in it is pruned or cleaned, since other projects may share it"
            ));
            return;
        }
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return,
        Err(e) => return plan.entries.push(Entry::new(format!("{dir}/"), Change::Unreadable(e.to_string()))),
    }
    let listing = match fs::read_dir(&full) {
        Ok(listing) => listing,
        Err(e) => return plan.entries.push(Entry::new(format!("{dir}/"), Change::Unreadable(e.to_string()))),
    };
    let mut names: Vec<String> =
        listing.filter_map(|e| e.ok()).filter_map(|e| e.file_name().into_string().ok()).collect();
    names.sort();
    for name in names {
        let rel = format!("{dir}/{name}");
        if owned.claimed.contains(&rel) {
            continue;
        }
        let temporary = name.starts_with(super::atomic::TEMP_PREFIX) && name.ends_with(super::atomic::TEMP_SUFFIX);
        let feature = owned
            .files
            .iter()
            .filter(|(d, _)| *d == dir)
            .find_map(|(_, suffix)| name.strip_suffix(suffix))
            .filter(|f| is_slug(f));
        if !(temporary || owned.prune && feature.is_some()) {
            continue;
        }
        let bytes = match inspect::look(&full.join(&name)) {
            Ok(Found::File(bytes)) => bytes,
            // Not a regular file: not one this writer made.
            Ok(Found::Missing | Found::Other(_)) => continue,
            Err(e) => {
                plan.entries.push(Entry::new(rel, Change::Unreadable(e.to_string())));
                continue;
            }
        };
        if temporary {
            let seen = Some(Seen::of(&bytes));
            plan.entries.push(Entry { seen, ..Entry::new(rel, Change::Leftover) });
            continue;
        }
        let Some(feature) = feature else { continue };
        let text = inspect::text(bytes);
        let seen = Some(text.seen());
        let change = match marker::parse(&text.text) {
            // Only a document whose marker names a source of its own name is
            // this writer's: a renamed copy, or another project's file, is not.
            Some(m) if !owned.wrote(m.source, feature) => continue,
            None => continue,
            Some(m) if !m.intact => Change::EditedOrphan,
            Some(_) => Change::Orphan,
        };
        plan.entries.push(Entry { seen, ..Entry::new(rel, change) });
    }
}

impl Owned<'_> {
    /// True when `source`, named by a marker, is where this workspace would
    /// keep the runbook of `feature`: `runbooks/src/{feature}.rs`, say.
    fn wrote(&self, source: &str, feature: &str) -> bool {
        source
            .rsplit_once('/')
            .is_some_and(|(dir, file)| self.sources.contains(dir) && file.strip_suffix(".rs") == Some(feature))
    }
}

/// A feature name as R3 allows it: `[a-z][a-z0-9_]*`.
fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
