//! R10: a command in the docs is one that works: not empty, no placeholder
//! text, quotes and brackets balanced, and a destructive command only with
//! `danger("why")`, whose reason the docs then show above it.
//!
//! Commands are checked as they will be shown: after substitution, in every
//! environment, so a var holding `<db-host>` is caught too.

use crate::ast::*;
use crate::ctxt::Ctxt;
use std::borrow::Cow;

use crate::scope::{has_braces, Scope};

use super::shell;
use super::walk;

/// Words that mark an unfinished command.
const PLACEHOLDER_WORDS: &[&str] = &["TODO", "TBD", "FIXME"];

pub fn lint(rb: &Runbook, scope: &Scope, cx: &mut Ctxt) {
    walk::all_steps(rb, &mut |step| {
        if step.edit.is_some() {
            // Configuration lines, not commands.
            return;
        }
        let has_danger = step.danger.is_some();
        match &step.body {
            StepBody::Lines(lines) => {
                for line in lines {
                    for shown in shown_texts(scope, &line.value, None) {
                        if !command(line, &shown, has_danger, cx) {
                            break;
                        }
                    }
                }
            }
            StepBody::PerEnv(envs) => {
                for e in envs {
                    let env = scope.envs.iter().position(|s| s.id == e.env.value);
                    for line in &e.lines {
                        let shown = shown_texts(scope, &line.value, env.or(Some(usize::MAX)));
                        if let Some(text) = shown.first() {
                            command(line, text, has_danger, cx);
                        }
                    }
                }
            }
        }
    });
}

/// The text as each environment will see it (one text when all agree).
fn shown_texts<'t>(scope: &Scope, raw: &'t str, env: Option<usize>) -> Vec<Cow<'t, str>> {
    let mut out: Vec<Cow<str>> = match env {
        Some(i) if i < scope.envs.len() => vec![scope.substitute(raw, Some(i))],
        Some(_) => vec![scope.substitute(raw, None)],
        None if scope.envs.is_empty() => vec![scope.substitute(raw, None)],
        // Without a placeholder, every environment sees the text as written.
        None if !has_braces(raw) => vec![Cow::Borrowed(raw)],
        None => (0..scope.envs.len()).map(|i| scope.substitute(raw, Some(i))).collect(),
    };
    out.dedup();
    out
}

/// Checks one shown command; false when it reported an error.
fn command(text: &Text, cmd: &str, has_danger: bool, cx: &mut Ctxt) -> bool {
    let mut fail = |message: String, help: &str| {
        cx.error(text.span, message, help);
        false
    };
    if cmd.trim().is_empty() {
        return fail("empty command".into(), "write the command, or remove the step");
    }
    if let Some(marker) = placeholder_text(cmd) {
        return fail(
            format!("command contains placeholder text `{marker}`"),
            "write the real command; on-call engineers paste it as it is",
        );
    }
    if let Some(angle) = angle_placeholder(cmd) {
        return fail(
            format!("command contains the placeholder `{angle}`"),
            "write the real value, or a shell variable such as `\"$BACKUP_FILE\"` set by an earlier step",
        );
    }
    if let Err(e) = shell::balance(cmd) {
        let near: String = cmd.get(e.at..).unwrap_or_default().chars().take(24).collect();
        return fail(
            format!("unbalanced command: {} (at `{near}`)", e.what),
            "close it; to show a literal brace or quote, escape it for the shell",
        );
    }
    if !has_danger {
        if let Some(what) = destructive(cmd) {
            return fail(
                format!("destructive command (`{what}`) without a warning"),
                "put `danger(\"what it destroys\")` before the command, e.g. `\"Restore\" => danger(\"overwrites the live database\") \"pg_restore ...\"`",
            );
        }
    }
    true
}

/// `TODO`, `TBD` or `FIXME` as a word, or `...` standing alone (not `a...b` nor `Waiting...`).
fn placeholder_text(cmd: &str) -> Option<&'static str> {
    // One pass for any of the markers at all: most commands have none.
    let b = cmd.as_bytes();
    let at = |i: usize, m: &[u8]| b[i..].starts_with(m);
    if !(0..b.len()).any(|i| match b[i] {
        b'T' => at(i, b"TODO") || at(i, b"TBD"),
        b'F' => at(i, b"FIXME"),
        b'.' => at(i, b"..."),
        _ => false,
    }) {
        return None;
    }
    let words = cmd.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'));
    for w in words {
        if let Some(m) = PLACEHOLDER_WORDS.iter().find(|m| w.trim_matches('.') == **m) {
            return Some(m);
        }
    }
    cmd.split_whitespace().any(|w| w.trim_matches(|c| matches!(c, '"' | '\'' | '[' | ']')) == "...").then_some("...")
}

/// `<word>` outside quotes, e.g. `<PID>` or `<db-host>`; not a redirection or here-document.
fn angle_placeholder(s: &str) -> Option<&str> {
    let bytes = s.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'\'' || c == b'"' => quote = Some(c),
            None if c == b'\\' => i += 1,
            None if c == b'<' && bytes.get(i + 1) != Some(&b'<') && (i == 0 || bytes[i - 1] != b'<') => {
                let rest = &s[i + 1..];
                if let Some(end) = rest.find('>') {
                    let inner = &rest[..end];
                    if !inner.is_empty() && inner.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')) {
                        return Some(&s[i..i + end + 2]);
                    }
                }
            }
            None => {}
        }
        i += 1;
    }
    None
}

/// True for a program `destructive_words` looks at. A `match`, not a list
/// search: it runs on every word of every command.
fn looked_at(name: &str) -> bool {
    matches!(
        name,
        "rm" | "kill"
            | "pkill"
            | "killall"
            | "pg_restore"
            | "dropdb"
            | "dd"
            | "wipefs"
            | "shred"
            | "truncate"
            | "git"
            | "find"
            | "psql"
            | "mysql"
            | "mariadb"
            | "sqlite3"
            | "redis-cli"
            | "clickhouse-client"
            | "cqlsh"
    ) || name.starts_with("mkfs")
}

/// Programs whose arguments are SQL or store commands.
const QUERY_CLIENTS: &[&str] = &["psql", "mysql", "mariadb", "sqlite3", "redis-cli", "clickhouse-client", "cqlsh"];
const SQL: &[&str] =
    &["DROP TABLE", "DROP DATABASE", "DROP SCHEMA", "TRUNCATE", "VACUUM FULL", "DELETE FROM", "FLUSHALL", "FLUSHDB"];

/// The destructive part of `cmd`, if any.
pub fn destructive(cmd: &str) -> Option<String> {
    // Splitting into words is the costly part: skip a command that names no
    // program below (a backslash could hide a name from this look).
    if !shell::may_name(cmd, |w| looked_at(w.rsplit('/').next().unwrap_or(w))) {
        return None;
    }
    for words in shell::commands(cmd) {
        if let Some(found) = destructive_words(&words) {
            return Some(found);
        }
    }
    None
}

fn destructive_words<S: AsRef<str>>(words: &[S]) -> Option<String> {
    let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    let (program, args) = program_and_args(&words)?;
    let has = |flag: &str| args.contains(&flag);
    let short = |c: char| args.iter().any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains(c));
    let name = program.rsplit('/').next().unwrap_or(program);
    if QUERY_CLIENTS.contains(&name) {
        let query = args.join(" ").to_uppercase().split_whitespace().collect::<Vec<_>>().join(" ");
        return SQL.iter().find(|k| query.contains(**k)).map(|k| k.to_string());
    }
    // `find ... -exec rm -rf {} +` runs a command of its own.
    if name == "find" {
        if has("-delete") {
            return Some("find -delete".into());
        }
        if let Some(i) = args.iter().position(|a| *a == "-exec" || *a == "-execdir") {
            return destructive_words(&args[i + 1..]);
        }
        return None;
    }
    let found = match name {
        "rm" if (short('r') || short('R') || has("--recursive")) && (short('f') || has("--force")) => "rm -rf",
        "kill" | "pkill" | "killall" if has("-9") || has("-KILL") || has("-SIGKILL") || has("KILL") => "kill -9",
        "pg_restore" if has("-c") || has("--clean") => "pg_restore --clean",
        "dropdb" => "dropdb",
        "dd" if args.iter().any(|a| a.starts_with("of=")) => "dd of=",
        p if p.starts_with("mkfs") => "mkfs",
        "wipefs" => "wipefs",
        "shred" => "shred",
        "truncate" => "truncate",
        "git" => return git(args),
        _ => return None,
    };
    Some(found.into())
}

/// `git [-C dir] [-c k=v] reset --hard` and `git clean -f`.
fn git(args: &[&str]) -> Option<String> {
    let mut i = 0;
    while i < args.len() && args[i].starts_with('-') {
        i += if matches!(args[i], "-C" | "-c") { 2 } else { 1 };
    }
    let rest = args.get(i + 1..).unwrap_or_default();
    match args.get(i) {
        Some(&"reset") if rest.contains(&"--hard") => Some("git reset --hard".into()),
        Some(&"clean") if rest.iter().any(|a| a.starts_with('-') && a.contains('f')) => Some("git clean -f".into()),
        _ => None,
    }
}

/// The program a simple command runs, past wrappers such as `sudo -u postgres`,
/// `env X=1`, `timeout 5`, `nice -n 10` and `xargs -r`.
fn program_and_args<'a>(words: &'a [&'a str]) -> Option<(&'a str, &'a [&'a str])> {
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let takes_value: &[&str] = match w {
            "sudo" => &["-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U"],
            "env" => &["-u", "-C", "-S"],
            "nice" => &["-n"],
            "ionice" => &["-c", "-n", "-p"],
            "xargs" => &["-I", "-n", "-P", "-d", "-L", "-s", "-a", "-E"],
            "timeout" => &["-s", "-k", "--signal", "--kill-after"],
            "nohup" | "exec" | "command" | "stdbuf" | "time" => &[],
            _ if is_assignment(w) => {
                i += 1;
                continue;
            }
            _ => return Some((w, &words[i + 1..])),
        };
        i += 1;
        // The wrapper's own options, and the values of those that take one.
        while i < words.len() && (words[i].starts_with('-') || is_assignment(words[i])) {
            i += if takes_value.contains(&words[i]) { 2 } else { 1 };
        }
        if w == "timeout" && i < words.len() {
            i += 1; // the duration
        }
    }
    None
}

fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::{angle_placeholder, destructive, placeholder_text};

    #[test]
    fn every_query_client_is_looked_at() {
        for client in super::QUERY_CLIENTS {
            assert!(super::looked_at(client), "{client}");
        }
    }

    #[test]
    fn finds_destructive_commands() {
        for (cmd, what) in [
            ("sudo rm -rf /tmp/x", "rm -rf"),
            ("rm -r -f /tmp/x", "rm -rf"),
            ("kill -9 1234", "kill -9"),
            ("pgrep app | xargs -r kill -9", "kill -9"),
            ("timeout 5 kill -9 12", "kill -9"),
            ("pg_restore -d db -c dump", "pg_restore --clean"),
            ("sudo -u postgres dropdb shop", "dropdb"),
            (r#"psql -c "vacuum  full;""#, "VACUUM FULL"),
            (r#"sudo -u postgres psql -c "DROP TABLE users;""#, "DROP TABLE"),
            ("redis-cli -n 2 FLUSHDB", "FLUSHDB"),
            ("dd if=/dev/zero of=/dev/sda", "dd of="),
            ("mkfs.ext4 /dev/sdb1", "mkfs"),
            ("find /var/log -mtime +30 -delete", "find -delete"),
            ("find /tmp -name 'x*' -exec rm -rf {} +", "rm -rf"),
            ("cd /srv && git reset --hard HEAD~1", "git reset --hard"),
            ("git -C /srv reset --hard ORIG_HEAD", "git reset --hard"),
        ] {
            assert_eq!(destructive(cmd).as_deref(), Some(what), "{cmd}");
        }
    }

    #[test]
    fn leaves_harmless_commands_alone() {
        for cmd in [
            "rm /tmp/x.lock",
            "kill -USR1 12",
            r#"psql -c "VACUUM ANALYZE;""#,
            r#"grep -c "DELETE FROM" /var/log/postgresql/postgresql.log"#,
            "find / -name x",
            "git reset HEAD",
            "git -C /srv log -5",
        ] {
            assert_eq!(destructive(cmd), None, "{cmd}");
        }
    }

    #[test]
    fn placeholder_text_is_a_word() {
        assert_eq!(placeholder_text("TODO: restart"), Some("TODO"));
        assert_eq!(placeholder_text("systemctl ..."), Some("..."));
        assert_eq!(placeholder_text("mktemp /tmp/backup.XXXXXX"), None);
        assert_eq!(placeholder_text("git diff main...HEAD"), None);
        assert_eq!(placeholder_text("echo \"Waiting...\""), None);
        assert_eq!(placeholder_text("echo TODOS"), None);
    }

    #[test]
    fn angle_placeholders_but_not_redirections_or_quoted_text() {
        assert_eq!(angle_placeholder("kill <PID>"), Some("<PID>"));
        assert_eq!(angle_placeholder("psql -h <db-host>"), Some("<db-host>"));
        assert_eq!(angle_placeholder("cat <<'EOF'"), None);
        assert_eq!(angle_placeholder("sort < in > out"), None);
        assert_eq!(angle_placeholder("grep '<title>' page.html"), None);
        assert_eq!(angle_placeholder("echo \"<ok>\""), None);
    }
}
