//! Helpers shared by the workspace tests.

use std::path::PathBuf;

/// The workspace root, where the committed docs live: found at run time
/// from the folder cargo runs the test in (`CARGO_MANIFEST_DIR` at run time
/// is this package's folder), never baked in when the test was built, so
/// that a checkout copied with its `target/` tests its own files.
pub fn workspace_root() -> PathBuf {
    let here = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .expect("run the tests with cargo test, from inside the workspace");
    here.ancestors()
        .find(|dir| {
            std::fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|t| t.lines().any(|l| l.trim() == "[workspace]"))
        })
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("no Cargo workspace at or above {}", here.display()))
}
