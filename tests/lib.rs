//! Helpers shared by the workspace tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

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

/// The xtask binary, built once per test run. It belongs to another package,
/// so `CARGO_BIN_EXE_xtask` does not exist here: ask cargo where it put it.
pub fn xtask_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let out = Command::new(env!("CARGO"))
            .args(["build", "-q", "-p", "xtask", "--message-format=json"])
            .current_dir(workspace_root())
            .output()
            .expect("run cargo build");
        assert!(out.status.success(), "cargo build -p xtask failed:\n{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "xtask")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo reported the xtask executable")
    })
}

/// What a run of the xtask binary did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}
