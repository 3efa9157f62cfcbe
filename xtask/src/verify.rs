//! `cargo xtask verify`: every command through `bash -n`, and shellcheck where installed.

use std::process::ExitCode;

use crate::cli::Args;

pub const HELP: &str = "\
cargo xtask verify: check every command of every runbook

USAGE:
    cargo xtask verify
";

pub fn run(mut args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if args.wants_help() {
        print!("{HELP}");
        return Ok(ExitCode::SUCCESS);
    }
    Err("`cargo xtask verify` is not implemented yet".into())
}
