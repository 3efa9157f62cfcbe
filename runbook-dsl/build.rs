//! Hashes the renderer's own source into `RENDERER_HASH`, part of every
//! document's input hash: a change to how documents are rendered makes the
//! doc writer render every document again instead of trusting the hashes in
//! their markers.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use runbook_model::hash::Fnv;

/// Files that cannot change a rendered byte, so that editing them does not
/// mark every generated document as stale: the writer decides only where
/// bytes go, the validator runs at compile time, the grammar is rustdoc.
const NOT_RENDERING: &[&str] = &["src/write/", "src/validate.rs", "src/grammar.md"];

/// The model's code decides what a decoded runbook holds, so it is hashed too.
const MODEL: &str = "../runbook-model/src";

fn main() -> io::Result<()> {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed={MODEL}");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files)?;
    collect(Path::new(MODEL), &mut files)?;
    files.sort();
    let mut h = Fnv::new();
    for file in files {
        let name = file.to_string_lossy().replace('\\', "/");
        if NOT_RENDERING.iter().any(|n| name == *n || (n.ends_with('/') && name.starts_with(n))) {
            continue;
        }
        // Comment lines, line endings and a file's unit tests (which end it)
        // cannot change a rendered byte: they are left out, so that editing
        // them or a CRLF checkout does not mark every document as stale.
        let text = fs::read_to_string(&file)?;
        h = h.bytes(name.as_bytes());
        let code = text.lines().map(str::trim_end).take_while(|l| *l != "#[cfg(test)]");
        for line in code.filter(|l| !l.trim_start().starts_with("//")) {
            h = h.bytes(line.as_bytes()).bytes(b"\n");
        }
    }
    let h = h.bytes(env!("CARGO_PKG_VERSION").as_bytes()).finish();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or_else(|| io::Error::other("OUT_DIR is not set"))?);
    fs::write(out.join("renderer_hash.rs"), format!("{h:#018x}\n"))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}
