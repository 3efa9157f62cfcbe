//! The command line, declared once with clap: each command's options, help
//! and exit codes live in its module's `command()`; this file puts them
//! together and turns clap's verdicts into this tool's exit codes.

use std::fmt;

use clap::{ArgMatches, Command};

/// A wrong command line, or a name the registry does not know: exit code 2.
#[derive(Debug)]
pub struct Usage(pub String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// The commands, for the line an unknown one gets.
const COMMANDS: &str = "docs, new, verify, bench, help";

const ABOUT: &str = "cargo xtask: typed runbooks to Markdown";

const EXIT_CODES: &str = "\
EXIT CODES:
    0  success
    1  the command ran and found a problem (stale docs, a refused write, a broken command)
    2  the command line is wrong, or an I/O error stopped the command";

/// Every command with its options.
pub fn command() -> Command {
    Command::new("cargo xtask")
        .bin_name("cargo xtask")
        .about(ABOUT)
        .after_help(EXIT_CODES)
        .subcommand(crate::docs::command())
        .subcommand(crate::new::command())
        .subcommand(crate::verify::command())
        .subcommand(crate::bench::command())
}

/// What the command line asks for: a command's matches, or an exit code
/// once help or an error has been printed.
pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<(String, ArgMatches), u8> {
    let mut cmd = command();
    match cmd.try_get_matches_from_mut(args) {
        Ok(mut matches) => match matches.remove_subcommand() {
            Some((name, sub)) => Ok((name, sub)),
            // `cargo xtask` alone: the overview, as a success.
            None => {
                crate::print(&cmd.render_long_help().to_string());
                Err(0)
            }
        },
        Err(e) => {
            use clap::error::ErrorKind;
            match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    crate::print(&e.render().to_string());
                    Err(0)
                }
                kind => {
                    let text = e.render().to_string();
                    err!("{}", text.trim_end());
                    // At the top level, clap's usage line does not list the commands.
                    if matches!(kind, ErrorKind::InvalidSubcommand | ErrorKind::UnknownArgument)
                        && text.contains("Usage: cargo xtask [COMMAND]")
                    {
                        err!("the commands are: {COMMANDS} (see `cargo xtask --help`)");
                    }
                    Err(2)
                }
            }
        }
    }
}

/// The values of a repeatable option, in the order given.
pub fn values(m: &ArgMatches, id: &str) -> Vec<String> {
    m.get_many::<String>(id).map(|v| v.cloned().collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<(String, ArgMatches), u8> {
        parse(std::iter::once("xtask").chain(args.iter().copied()).map(Into::into))
    }

    #[test]
    fn the_command_line_is_well_formed() {
        command().debug_assert();
    }

    #[test]
    fn options_and_repeats_are_read() {
        let (name, m) = run(&["docs", "--check", "--feature", "a", "--feature=b"]).expect("valid");
        assert_eq!(name, "docs");
        assert!(m.get_flag("check"));
        assert_eq!(values(&m, "feature"), ["a", "b"]);
    }

    #[test]
    fn wrong_command_lines_exit_2() {
        for args in [
            &["docs", "--out", "--chek"][..],
            &["docs", "--check", "--force"],
            &["docs", "--bogus"],
            &["help", "--bogus"],
            &["bogus"],
            &["--bogus"],
            &["new"],
            &["bench", "--runs", "zero"],
        ] {
            assert_eq!(run(args).err(), Some(2), "{args:?}");
        }
    }

    #[test]
    fn help_exits_0() {
        for args in [&["--help"][..], &["help"], &["help", "docs"], &["docs", "--help"], &[]] {
            assert_eq!(run(args).err(), Some(0), "{args:?}");
        }
    }
}
