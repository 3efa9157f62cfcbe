//! Helpers shared by the workspace tests.

use std::path::PathBuf;

/// The workspace root, where the committed docs live.
pub fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(PathBuf::from).unwrap_or(here)
}
