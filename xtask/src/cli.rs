//! A small command-line reader: flags, `--key value` options and positionals,
//! with errors that list what is valid.

use std::fmt;

#[derive(Debug)]
pub struct Args {
    rest: Vec<String>,
}

/// A wrong command line: exit code 2.
#[derive(Debug)]
pub struct Usage(pub String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// The commands `main` dispatches, for error messages.
const COMMANDS: &str = "docs, new, verify, bench, help";

impl Usage {
    pub fn unknown_command(name: &str) -> Usage {
        Usage(format!("unknown command `{name}`; the commands are: {COMMANDS} (see `cargo xtask --help`)"))
    }

    /// An option before any command, e.g. `cargo xtask --bogus`.
    pub fn unknown_option(option: &str) -> Usage {
        Usage(format!(
            "unknown option `{option}` for `cargo xtask`; give a command ({COMMANDS}) or -h, --help (see `cargo xtask --help`)"
        ))
    }
}

impl Args {
    pub fn from_env() -> Args {
        Args { rest: std::env::args().skip(1).collect() }
    }

    #[cfg(test)]
    pub fn from(list: &[&str]) -> Args {
        Args { rest: list.iter().map(|s| s.to_string()).collect() }
    }

    /// The first argument when it is an option other than `-h`/`--help`,
    /// i.e. an option given before any command.
    pub fn leading_option(&self) -> Option<String> {
        self.rest.first().filter(|a| a.starts_with('-') && *a != "-h" && *a != "--help").cloned()
    }

    /// The next argument that is not an option.
    pub fn next_positional(&mut self) -> Option<String> {
        let i = self.rest.iter().position(|a| !a.starts_with('-') || a == "-h" || a == "--help")?;
        Some(self.rest.remove(i))
    }

    /// True (and consumed) when `--name` is present.
    pub fn flag(&mut self, name: &str) -> bool {
        let before = self.rest.len();
        self.rest.retain(|a| a != name);
        before != self.rest.len()
    }

    /// Every value of `--name VALUE` or `--name=VALUE`.
    pub fn values(&mut self, name: &str) -> Result<Vec<String>, Usage> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.rest.len() {
            if self.rest[i] == name {
                if i + 1 >= self.rest.len() {
                    return Err(Usage(format!("`{name}` needs a value")));
                }
                out.push(self.rest.remove(i + 1));
                self.rest.remove(i);
            } else if let Some(v) = self.rest[i].strip_prefix(&format!("{name}=")) {
                out.push(v.to_string());
                self.rest.remove(i);
            } else {
                i += 1;
            }
        }
        Ok(out)
    }

    /// Fails on anything left over, naming the options `command` accepts.
    pub fn finish(self, command: &str, valid: &[&str]) -> Result<(), Usage> {
        match self.rest.first() {
            None => Ok(()),
            Some(extra) => Err(Usage(format!(
                "unexpected argument `{extra}` for `cargo xtask {command}`; valid options: {} (see `cargo xtask help {command}`)",
                valid.join(", ")
            ))),
        }
    }

    /// True when help was asked for.
    pub fn wants_help(&mut self) -> bool {
        self.flag("--help") | self.flag("-h")
    }
}

#[cfg(test)]
mod tests {
    use super::Args;

    #[test]
    fn reads_flags_values_and_leftovers() {
        let mut a = Args::from(&["--check", "--feature", "a", "--feature=b", "--bogus"]);
        assert!(a.flag("--check"));
        assert_eq!(a.values("--feature").unwrap(), vec!["a", "b"]);
        let err = a.finish("docs", &["--check"]).unwrap_err();
        assert!(err.0.contains("--bogus"), "{err}");
    }
}
