//! The logrotate policy, rendered as the command that installs it, so that the
//! block works when pasted and still shows the file.

use super::labels::Labels;
use super::md::Md;
use super::steps::{environments, one_line, per_environment};
use crate::model::Logrotate;

pub fn render(md: &mut Md, r: &Logrotate, l: &Labels) {
    match &r.postrotate {
        Some(step) if step.variants.iter().any(|v| v.env.is_some()) => {
            let envs = environments(std::iter::once(step));
            per_environment(md, l, &envs, |md, env| {
                let text = step.variants.iter().find(|v| v.env.is_some_and(|e| e.id == env.id)).map(|v| v.text);
                md.code("bash", &install(r, text));
            });
        }
        Some(step) => md.code("bash", &install(r, step.variants.first().map(|v| v.text))),
        None => md.code("bash", &install(r, None)),
    }
}

/// `sudo tee` of the policy through a here-document, then a dry run.
fn install(r: &Logrotate, postrotate: Option<&str>) -> String {
    let mut body = vec![fmt!("{} {{", r.pattern)];
    body.extend(r.options.iter().map(|o| cat!("    ", o)));
    if let Some(post) = postrotate {
        body.push("    postrotate".into());
        body.extend(post.lines().map(|p| cat!("        ", p)));
        body.push("    endscript".into());
    }
    body.push("}".into());
    // The delimiter must not appear as a line of the policy, or the file ends early.
    let mut delimiter = "EOF".to_string();
    while body.iter().any(|line| line.trim() == delimiter) {
        delimiter.push('_');
    }
    let file = shell_quote(r.file);
    let mut lines = vec![cat!("# ", one_line(r.file)), cat!("sudo tee ", file, " > /dev/null <<'", delimiter, "'")];
    lines.extend(body);
    lines.push(delimiter);
    lines.push(fmt!("sudo logrotate --debug {file}"));
    lines.join("\n")
}

/// A path as one shell word: bare when it is plain, single-quoted otherwise.
fn shell_quote(path: &str) -> String {
    if path.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-')) {
        path.to_string()
    } else {
        fmt!("'{}'", path.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_never_ends_the_policy_early() {
        let r = Logrotate {
            file: "/etc/logrotate.d/a b",
            pattern: "/var/log/a/*.log",
            options: &["daily"],
            postrotate: None,
        };
        let text = install(&r, Some("echo EOF\nEOF"));
        assert!(text.contains("<<'EOF_'"), "{text}");
        assert!(text.contains("sudo tee '/etc/logrotate.d/a b'"), "{text}");
    }
}
