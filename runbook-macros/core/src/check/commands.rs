//! R10: a command in the docs is one that works: not empty, no placeholder
//! text, quotes and brackets balanced, and a destructive command only with
//! `danger("why")`, whose reason the docs then show above it.

use crate::ast::*;
use crate::ctxt::Ctxt;

use super::shell;
use super::walk;

/// Text that marks an unfinished command.
const PLACEHOLDER_TEXT: &[&str] = &["TODO", "TBD", "FIXME", "XXX", "..."];

pub fn lint(rb: &Runbook, cx: &mut Ctxt) {
    walk::all_steps(rb, &mut |step| {
        if step.edit.is_some() {
            // Configuration lines, not commands.
            return;
        }
        for line in walk::body_lines(&step.body) {
            if is_note(step, line) {
                continue;
            }
            command(line, step.danger.is_some(), cx);
        }
    });
}

/// A per-environment note is prose, not a command.
fn is_note(step: &StepDef, text: &Text) -> bool {
    match &step.body {
        StepBody::PerEnv(envs) => envs.iter().any(|e| e.note.as_ref().is_some_and(|n| std::ptr::eq(n, text))),
        StepBody::Lines(_) => false,
    }
}

fn command(text: &Text, has_danger: bool, cx: &mut Ctxt) {
    let cmd = text.value.as_str();
    if cmd.trim().is_empty() {
        cx.error(text.span, "empty command", "write the command, or remove the step");
        return;
    }
    if let Some(marker) = PLACEHOLDER_TEXT.iter().find(|m| cmd.contains(**m)) {
        cx.error(
            text.span,
            format!("command contains placeholder text `{marker}`"),
            "write the real command; on-call engineers paste it as it is",
        );
        return;
    }
    if let Some(angle) = angle_placeholder(cmd) {
        cx.error(
            text.span,
            format!("command contains the placeholder `{angle}`"),
            "write the real value, or a shell variable such as `\"$BACKUP_FILE\"` set by an earlier step",
        );
        return;
    }
    if let Err(e) = shell::balance(cmd) {
        let near: String = cmd[e.at..].chars().take(24).collect();
        cx.error(
            text.span,
            format!("unbalanced command: {} (at `{near}`)", e.what),
            "close it; to show a literal brace or quote, escape it for the shell",
        );
        return;
    }
    if !has_danger {
        if let Some(what) = destructive(cmd) {
            cx.error(
                text.span,
                format!("destructive command (`{what}`) without a warning"),
                "put `danger(\"what it destroys\")` before the command, e.g. `\"Restore\" => danger(\"overwrites the live database\") \"pg_restore ...\"`",
            );
        }
    }
}

/// `<something>` with no space inside, e.g. `<PID>`, outside a here-document `<<`.
fn angle_placeholder(s: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(rel) = s[from..].find('<') {
        let start = from + rel;
        from = start + 1;
        if s[start + 1..].starts_with('<') || (start > 0 && s.as_bytes()[start - 1] == b'<') {
            continue;
        }
        let rest = &s[start + 1..];
        let Some(end) = rest.find('>') else { break };
        let inner = &rest[..end];
        if !inner.is_empty() && inner.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')) {
            return Some(&s[start..start + end + 2]);
        }
    }
    None
}

/// The destructive part of `cmd`, if any.
pub fn destructive(cmd: &str) -> Option<String> {
    let upper = cmd.to_uppercase();
    for sql in
        ["DROP TABLE", "DROP DATABASE", "DROP SCHEMA", "TRUNCATE", "VACUUM FULL", "DELETE FROM", "FLUSHALL", "FLUSHDB"]
    {
        if upper.split_whitespace().collect::<Vec<_>>().join(" ").contains(sql) {
            return Some(sql.to_string());
        }
    }
    for words in shell::commands(cmd) {
        // Skip `sudo`, `env` and VAR=value prefixes to reach the program.
        let mut w =
            words.iter().map(String::as_str).skip_while(|w| matches!(*w, "sudo" | "env" | "nohup") || is_assignment(w));
        let Some(program) = w.next() else { continue };
        let args: Vec<&str> = w.collect();
        let has = |flag: &str| args.contains(&flag);
        let short = |c: char| args.iter().any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains(c));
        let found = match program.rsplit('/').next().unwrap_or(program) {
            "rm" if (short('r') || has("--recursive")) && (short('f') || has("--force")) => Some("rm -rf"),
            "kill" | "pkill" | "killall" if has("-9") || has("-KILL") || has("-SIGKILL") || has("KILL") => {
                Some("kill -9")
            }
            "pg_restore" if has("-c") || has("--clean") => Some("pg_restore --clean"),
            "dropdb" => Some("dropdb"),
            "dd" if args.iter().any(|a| a.starts_with("of=")) => Some("dd of="),
            p if p.starts_with("mkfs") => Some("mkfs"),
            "wipefs" | "shred" => Some(program),
            "find" if has("-delete") => Some("find -delete"),
            "git" if args.first() == Some(&"reset") && has("--hard") => Some("git reset --hard"),
            "git" if args.first() == Some(&"clean") && short('f') => Some("git clean -f"),
            "truncate" => Some("truncate"),
            _ => None,
        };
        if let Some(f) = found {
            return Some(f.to_string());
        }
    }
    None
}

fn is_assignment(word: &str) -> bool {
    word.split_once('=')
        .is_some_and(|(name, _)| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

#[cfg(test)]
mod tests {
    use super::{angle_placeholder, destructive};

    #[test]
    fn finds_destructive_commands() {
        for (cmd, what) in [
            ("sudo rm -rf /tmp/x", "rm -rf"),
            ("rm -r -f /tmp/x", "rm -rf"),
            ("kill -9 1234", "kill -9"),
            ("pg_restore -d db -c dump", "pg_restore --clean"),
            (r#"psql -c "vacuum  full;""#, "VACUUM FULL"),
            (r#"psql -c "DROP TABLE users;""#, "DROP TABLE"),
            ("dd if=/dev/zero of=/dev/sda", "dd of="),
            ("mkfs.ext4 /dev/sdb1", "mkfs"),
            ("find /var/log -mtime +30 -delete", "find -delete"),
            ("cd /srv && git reset --hard HEAD~1", "git reset --hard"),
        ] {
            assert_eq!(destructive(cmd).as_deref(), Some(what), "{cmd}");
        }
    }

    #[test]
    fn leaves_harmless_commands_alone() {
        for cmd in
            ["rm /tmp/x.lock", "kill -USR1 12", r#"psql -c "VACUUM ANALYZE;""#, "find / -name x", "git reset HEAD"]
        {
            assert_eq!(destructive(cmd), None, "{cmd}");
        }
    }

    #[test]
    fn angle_placeholders_but_not_redirections() {
        assert_eq!(angle_placeholder("kill <PID>"), Some("<PID>"));
        assert_eq!(angle_placeholder("cat <<'EOF'"), None);
        assert_eq!(angle_placeholder("sort < in > out"), None);
    }
}
