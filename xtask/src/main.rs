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
mod registry;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use cli::{Args, Usage};

const HELP: &str = "\
cargo xtask: typed runbooks to Markdown

USAGE:
    cargo xtask <COMMAND> [OPTIONS]

COMMANDS:
    docs      Render every runbook's three documents and the index
    new       Create a runbook source for a new feature and register it
    verify    Check every command of every runbook with bash -n (and shellcheck)
    bench     Measure the edit-to-docs loop and render throughput against their floors
    help      Print this help, or a command's: cargo xtask help docs

EXIT CODES:
    0  success
    1  the command ran and found a problem (stale docs, a refused write, a broken command)
    2  the command line is wrong, or an I/O error stopped the command
";

fn main() -> ExitCode {
    let mut args = match Args::from_env() {
        Ok(args) => args,
        Err(e) => {
            err!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // `cargo xtask --bogus` would otherwise skip to the help and exit 0.
    if let Some(option) = args.leading_option() {
        err!("error: {}", Usage::unknown_option(&option));
        return ExitCode::from(2);
    }
    let result = match args.next_positional().as_deref() {
        None | Some("help" | "--help" | "-h") => help(args),
        Some("docs") => docs::run(args),
        Some("new") => new::run(args),
        Some("verify") => verify::run(args),
        Some("bench") => bench::run(args),
        Some(other) => Err(Usage::unknown_command(other).into()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            err!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `cargo xtask help [COMMAND]`; anything more is a usage error, not help.
fn help(mut args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let text = match args.next_positional().as_deref() {
        None => HELP,
        Some("docs") => docs::HELP,
        Some("new") => new::HELP,
        Some("verify") => verify::HELP,
        Some("bench") => bench::HELP,
        Some("help") => HELP,
        Some(other) => return Err(Usage::unknown_command(other).into()),
    };
    args.finish("help", &["[COMMAND]"])?;
    Ok(print(text))
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
