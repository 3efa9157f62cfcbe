//! Hashes the renderer's own source into `RENDERER_HASH`, part of every
//! document's input hash: a change to how documents are rendered makes the
//! doc writer render every document again instead of trusting the hashes in
//! their markers.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Files that cannot change a rendered byte, so that editing them does not
/// mark every generated document as stale: the writer decides only where
/// bytes go, the validator runs at compile time, the grammar is rustdoc.
const NOT_RENDERING: &[&str] = &["src/write/", "src/validate.rs", "src/grammar.md"];

fn main() -> io::Result<()> {
    println!("cargo:rerun-if-changed=src");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files)?;
    files.sort();
    let mut h = FNV_OFFSET;
    for file in files {
        let name = file.to_string_lossy().replace('\\', "/");
        if NOT_RENDERING.iter().any(|n| name == *n || (n.ends_with('/') && name.starts_with(n))) {
            continue;
        }
        // Comment lines, line endings and a file's unit tests (which end it)
        // cannot change a rendered byte: they are left out, so that editing
        // them or a CRLF checkout does not mark every document as stale.
        let text = fs::read_to_string(&file)?;
        h = fnv(h, name.as_bytes());
        let code = text.lines().map(str::trim_end).take_while(|l| *l != "#[cfg(test)]");
        for line in code.filter(|l| !l.trim_start().starts_with("//")) {
            h = fnv(fnv(h, line.as_bytes()), b"\n");
        }
    }
    h = fnv(h, env!("CARGO_PKG_VERSION").as_bytes());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or_else(|| io::Error::other("OUT_DIR is not set"))?);
    fs::write(out.join("renderer_hash.rs"), format!("{h:#018x}\n"))
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3))
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
