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
    /// The command line; an argument that is not UTF-8 is a usage error
    /// naming it, not a panic.
    pub fn from_env() -> Result<Args, Usage> {
        let rest = std::env::args_os()
            .skip(1)
            .map(|a| {
                a.into_string().map_err(|bad| Usage(format!("argument `{}` is not valid UTF-8", bad.to_string_lossy())))
            })
            .collect::<Result<_, _>>()?;
        Ok(Args { rest })
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

    /// Every value of `--name VALUE` or `--name=VALUE`. An option where the
    /// value belongs (`--out --check`) is an error, not a folder named
    /// `--check`; `--name=-x` gives a value that starts with `-`.
    pub fn values(&mut self, name: &str) -> Result<Vec<String>, Usage> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.rest.len() {
            if self.rest[i] == name {
                let Some(next) = self.rest.get(i + 1) else {
                    return Err(Usage(format!("`{name}` needs a value")));
                };
                if next.starts_with('-') && next != "-" {
                    return Err(Usage(format!(
                        "`{name}` needs a value, but `{next}` follows it, which is an option; \
                         for a value that starts with `-`, write `{name}={next}`"
                    )));
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

    #[test]
    fn an_option_where_a_value_belongs_is_refused() {
        let err = Args::from(&["--out", "--chek"]).values("--out").unwrap_err();
        assert!(err.0.contains("`--out` needs a value") && err.0.contains("--out=--chek"), "{err}");
        assert_eq!(Args::from(&["--out=--odd"]).values("--out").unwrap(), vec!["--odd"]);
        assert!(Args::from(&["--out"]).values("--out").is_err());
    }
}
