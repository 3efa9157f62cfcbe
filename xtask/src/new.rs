//! `cargo xtask new <feature>`: a runbook source that compiles, registered.

use std::process::ExitCode;

use crate::cli::Args;

pub const HELP: &str = "\
cargo xtask new: create a runbook for a new feature

USAGE:
    cargo xtask new <feature>
";

pub fn run(mut args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if args.wants_help() {
        print!("{HELP}");
        return Ok(ExitCode::SUCCESS);
    }
    Err("`cargo xtask new` is not implemented yet".into())
}
