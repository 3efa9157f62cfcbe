//! `cargo xtask`: the project's commands. See `cargo xtask --help`.

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
    let mut args = Args::from_env();
    // `cargo xtask --bogus` would otherwise skip to the help and exit 0.
    if let Some(option) = args.leading_option() {
        eprintln!("error: {}", Usage::unknown_option(&option));
        return ExitCode::from(2);
    }
    let result = match args.next_positional().as_deref() {
        None | Some("help" | "--help" | "-h") => match args.next_positional().as_deref() {
            None => Ok(print(HELP)),
            Some("docs") => Ok(print(docs::HELP)),
            Some("new") => Ok(print(new::HELP)),
            Some("verify") => Ok(print(verify::HELP)),
            Some("bench") => Ok(print(bench::HELP)),
            Some(other) => Err(Usage::unknown_command(other).into()),
        },
        Some("docs") => docs::run(args),
        Some("new") => new::run(args),
        Some("verify") => verify::run(args),
        Some("bench") => bench::run(args),
        Some(other) => Err(Usage::unknown_command(other).into()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn print(text: &str) -> ExitCode {
    print!("{text}");
    ExitCode::SUCCESS
}

/// The workspace root: where `runbook/`, `docs/` and `runbooks/` live.
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
