//! `cargo xtask verify`'s check of the Prometheus rules: every rule file the
//! runbooks render goes through `promtool check rules`, and its generated
//! tests through `promtool test rules`, where promtool is installed.

use std::path::PathBuf;
use std::process::Command;

use runbook_dsl::render::rules;
use runbook_dsl::Runbook;

/// promtool on PATH, or where `.ci/run` unpacks Debian's package.
pub fn find(root: &std::path::Path) -> Option<PathBuf> {
    let local = root.join("target/promtool/usr/bin/promtool");
    if local.is_file() {
        return Some(local);
    }
    let on_path = Command::new("promtool").arg("--version").output().ok()?;
    on_path.status.success().then(|| PathBuf::from("promtool"))
}

/// Checks and tests the rule files of `runbooks`; returns the number of
/// files that failed, each reported on stderr with promtool's words.
pub fn verify(tool: &std::path::Path, runbooks: &[&Runbook]) -> Result<(usize, usize), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut failed = 0;
    let mut files = 0;
    for rb in runbooks {
        let docs = rules::documents(rb);
        for doc in &docs {
            let name = doc.path.rsplit('/').next().unwrap_or(&doc.path);
            std::fs::write(dir.path().join(name), &doc.contents)?;
        }
        for doc in &docs {
            let name = doc.path.rsplit('/').next().unwrap_or(&doc.path);
            let args: [&str; 3] =
                if name.ends_with(rules::TESTS_SUFFIX) { ["test", "rules", name] } else { ["check", "rules", name] };
            let out = Command::new(tool).args(args).current_dir(dir.path()).output()?;
            files += 1;
            if !out.status.success() {
                failed += 1;
                err!("{}: {} > {}: `promtool {}` fails:", rb.source, rb.feature, doc.path, args[..2].join(" "));
                for line in
                    String::from_utf8_lossy(&out.stdout).lines().chain(String::from_utf8_lossy(&out.stderr).lines())
                {
                    err!("    {line}");
                }
            }
        }
    }
    Ok((files, failed))
}
