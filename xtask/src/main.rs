//! `cargo xtask`: the project's commands. See `cargo xtask --help`.

/// `println!` that never panics: output to a closed pipe (`cargo xtask help
/// | head -1`) is dropped, and the command goes on with its work and exits
/// with its own code.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprintln!` that never panics, for the same reason as `out!`.
macro_rules! err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod bench;
mod cli;
mod docs;
mod new;
mod promtool;
mod registry;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use cli::Usage;

fn main() -> ExitCode {
    let (name, matches) = match cli::parse(std::env::args_os()) {
        Ok(parsed) => parsed,
        Err(code) => return ExitCode::from(code),
    };
    let result = match name.as_str() {
        "docs" => docs::run(&matches),
        "new" => new::run(&matches),
        "verify" => verify::run(&matches),
        "bench" => bench::run(&matches),
        // clap accepts only the commands `cli::command` declares.
        other => Err(Usage(format!("unknown command `{other}`")).into()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            err!("error: {e}");
            ExitCode::from(2)
        }
    }
}

pub(crate) fn print(text: &str) -> ExitCode {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// The workspace this command runs in: where `runbook/`, `docs/` and
/// `runbooks/` live. Found at run time, never from where the binary was
/// built: a checkout copied or moved with its `target/` must not read or
/// write the original.
pub fn workspace_root() -> Result<PathBuf, Usage> {
    let cwd = std::env::current_dir().map_err(|e| Usage(format!("cannot read the current folder: {e}")))?;
    root_from(std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from), &cwd)
}

/// The root: the workspace of the package cargo ran (`CARGO_MANIFEST_DIR`,
/// which `cargo run` sets), else the nearest folder at or above `cwd` whose
/// `Cargo.toml` declares a `[workspace]`.
fn root_from(manifest_dir: Option<PathBuf>, cwd: &std::path::Path) -> Result<PathBuf, Usage> {
    let start = manifest_dir.unwrap_or_else(|| cwd.to_path_buf());
    start
        .ancestors()
        .find(|dir| std::fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|t| declares_workspace(&t)))
        .map(PathBuf::from)
        .ok_or_else(|| {
            Usage(format!("no Cargo workspace at or above {}: run `cargo xtask` inside the project", start.display()))
        })
}

/// True when a manifest has a `[workspace]` table.
fn declares_workspace(manifest: &str) -> bool {
    manifest.lines().any(|l| l.trim() == "[workspace]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_found_at_run_time_from_the_manifest_or_the_folder() {
        let tmp = tempfile::tempdir().expect("tmp");
        let ws = tmp.path().join("copy");
        std::fs::create_dir_all(ws.join("xtask/src")).expect("mkdir");
        std::fs::write(ws.join("Cargo.toml"), "[workspace]\nmembers = [\"xtask\"]\n").expect("write");
        std::fs::write(ws.join("xtask/Cargo.toml"), "[package]\nname = \"xtask\"\n").expect("write");
        assert_eq!(root_from(Some(ws.join("xtask")), tmp.path()).expect("manifest"), ws);
        assert_eq!(root_from(None, &ws.join("xtask/src")).expect("cwd"), ws);
        let err = root_from(None, tmp.path()).expect_err("no workspace");
        assert!(err.0.contains("no Cargo workspace"), "{err}");
    }
}
