//! `cargo xtask verify`: every procedure through `bash -n`, and shellcheck where installed.
//!
//! The macro already rejects placeholders and unbalanced quotes; this asks the
//! real tools, so a command that would not even parse in the on-call
//! engineer's shell fails CI. The steps of one procedure are one script
//! (`procedures`), so a variable set in one step and read in the next is
//! sound; a finding names the step its line is in. Nothing is ever executed:
//! `bash -n` only parses.

mod procedures;

pub use procedures::{procedures, Procedure};

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use runbook_dsl::{walk, Runbook};

use tempfile::TempDir;

use crate::registry::select;
use clap::{Arg, ArgAction, ArgMatches};

/// What `cargo xtask help verify` says above the options.
const DESCRIPTION: &str = "\
Check every command of every runbook with bash -n (and shellcheck).

Every procedure of every runbook (a deploy phase, a service command,
backup, restore, logrotate postrotate, each part of a maintenance task, a
troubleshooting entry's diagnose and remedy), in every environment, is
parsed with `bash -n` and, when `shellcheck` is on PATH, checked with
`shellcheck -s bash -S warning`, its steps as one script in order, so that
a variable set in one step may be used in the next. Configuration edits
(`edit(\"file\")` steps), prose and links are not commands and are
skipped. Nothing is run. Each finding names the feature, the section, the
step and the environment.
Then every Prometheus rule file the runbooks render goes through `promtool
check rules` and its generated tests through `promtool test rules`, where
promtool is installed (on PATH, or unpacked in target/promtool as `.ci/run`
does); without it, verify says so.
";

const EXIT_CODES: &str = "\
EXIT CODES:
    0  every command passed
    1  at least one command has a finding, or a rule file fails promtool
    2  bad arguments, an unknown feature, or bash could not be run";

pub fn command() -> clap::Command {
    clap::Command::new("verify")
        .about("Check every command of every runbook with bash -n (and shellcheck)")
        .long_about(DESCRIPTION)
        .override_usage("cargo xtask verify [--feature NAME]...")
        .after_long_help(EXIT_CODES)
        .arg(
            Arg::new("feature")
                .long("feature")
                .value_name("NAME")
                .action(ArgAction::Append)
                .help("Only this feature (repeatable)"),
        )
}

/// Checks shellcheck reports that we do not act on, in this one place, each
/// with the reason. Keep it short: prefer fixing the command in the runbook.
const SHELLCHECK_EXCLUDE: &[&str] = &[];

/// One command of one runbook, and where it comes from.
#[derive(Debug, Clone)]
pub struct Site {
    pub feature: &'static str,
    pub source: &'static str,
    /// e.g. `deploy.execute`, `maintenance.monthly.rotate_key.steps`.
    pub section: String,
    /// The step's title, or the section's last part when the step has none.
    pub step: String,
    /// The environment's id; `None` when the command is the same everywhere.
    pub env: Option<&'static str>,
    pub text: &'static str,
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} > {} > \"{}\"", self.source, self.feature, self.section, self.step)?;
        match self.env {
            Some(env) => write!(f, " [{env}]"),
            None => f.write_str(" [all environments]"),
        }
    }
}

/// What a tool said about one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `bash -n` or `shellcheck`.
    pub tool: &'static str,
    /// Line within the command, 1-based, when the tool gave one.
    pub line: Option<u32>,
    /// The tool's message, e.g. `unexpected EOF while looking for matching '"'`
    /// or `warning: Use 'cd ... || exit' in case cd fails. [SC2164]`.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{} (line {line}): {}", self.tool, self.message),
            None => write!(f, "{}: {}", self.tool, self.message),
        }
    }
}

pub fn run(m: &ArgMatches) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let features = crate::cli::values(m, "feature");
    let selected = select(runbooks::ALL, &features)?;

    let sites: usize = selected.iter().map(|rb| sites(rb).len()).sum();
    let procedures: Vec<Procedure> = selected.iter().flat_map(|rb| procedures(rb)).collect();
    let shellcheck = shellcheck_available();
    if !shellcheck {
        out!("note: `shellcheck` is not on PATH; checking with `bash -n` only (install it: apt-get install -y shellcheck)");
    }
    let found = check_procedures(&procedures, shellcheck)?;
    let failed = found.len();
    for Found { site, procedure, findings } in &found {
        err!("{site}");
        err!("    (checked in order with the other steps of {procedure})");
        for finding in findings {
            err!("    {finding}");
        }
        for (i, line) in site.text.lines().enumerate() {
            err!("    {:>3} | {line}", i + 1);
        }
    }
    let tools = if shellcheck { "bash -n and shellcheck" } else { "bash -n" };
    let runbooks = selected.len();
    let n = procedures.len();
    if failed == 0 {
        out!("{sites} commands in {n} procedures of {runbooks} runbook(s) pass {tools}");
    } else {
        err!("{failed} of {sites} commands in {n} procedures of {runbooks} runbook(s) fail {tools}");
    }
    // The Prometheus rules: loaded and their generated tests run by the real tool.
    let rules_failed = match crate::promtool::find(&crate::workspace_root()?) {
        None => {
            out!(
                "note: `promtool` is not installed; the rule files were not checked (install it: \
                 apt-get download prometheus && dpkg -x prometheus_*.deb target/promtool)"
            );
            0
        }
        Some(tool) => {
            let (files, bad) = crate::promtool::verify(&tool, &selected)?;
            match bad {
                0 => out!("{files} rule and rule-test files of {runbooks} runbook(s) pass promtool"),
                bad => err!("{bad} of {files} rule and rule-test files fail promtool"),
            }
            bad
        }
    };
    Ok(if failed == 0 && rules_failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Every command of `rb`, one per step and environment; configuration edits excluded.
pub fn sites(rb: &Runbook) -> Vec<Site> {
    let m = rb.model();
    walk::commands(&m.spec)
        .into_iter()
        .map(|c| Site {
            feature: m.feature,
            source: m.source,
            section: c.place.path(),
            step: c.step.title.unwrap_or(c.place.fallback_title()).to_string(),
            env: c.env.map(|e| e.id),
            text: c.text,
        })
        .collect()
}

/// The steps with findings, each once with its findings, lines counted within
/// the step: every procedure checked as one script. A step the same in every
/// environment is in each environment's script; what is found in it is
/// reported once.
pub fn check_procedures(procs: &[Procedure], shellcheck: bool) -> Result<Vec<Found>, std::io::Error> {
    let scripts: Vec<String> = procs.iter().map(Procedure::script).collect();
    let texts: Vec<&str> = scripts.iter().map(String::as_str).collect();
    let results = check_commands(&texts, shellcheck)?;
    let mut out: Vec<Found> = Vec::new();
    for (p, findings) in procs.iter().zip(results) {
        for f in findings {
            let (i, line) = p.locate(f.line.unwrap_or(u32::MAX));
            let site = &p.sites[i];
            let finding = Finding { line: f.line.map(|_| line), ..f };
            let same = |s: &Site| {
                s.feature == site.feature
                    && s.section == site.section
                    && s.step == site.step
                    && s.env == site.env
                    && s.text == site.text
            };
            match out.iter_mut().find(|f| same(&f.site)) {
                Some(f) if f.findings.contains(&finding) => {}
                Some(f) => f.findings.push(finding),
                None => out.push(Found { site: site.clone(), procedure: p.label(), findings: vec![finding] }),
            }
        }
    }
    Ok(out)
}

/// A step with findings, and the procedure it was checked in.
#[derive(Debug, Clone)]
pub struct Found {
    pub site: Site,
    /// The procedure's place and environment, e.g. `restore [staging]`.
    pub procedure: String,
    pub findings: Vec<Finding>,
}

/// The findings for one command: `bash -n`, then shellcheck when it is on PATH.
/// (The command itself checks every text in one batch, through `check_commands`.)
#[cfg(test)]
pub fn check_command(text: &str) -> Result<Vec<Finding>, std::io::Error> {
    let mut all = check_commands(&[text], shellcheck_available())?;
    Ok(all.pop().unwrap_or_default())
}

/// The findings for each of `texts`, in order. Identical texts are checked
/// once, each from its own file so that findings carry line numbers and map
/// back to their text. `bash -n` runs once per distinct text: it stops at the
/// first error, and an unterminated quote in one text would swallow the next,
/// so texts cannot share a bash. Shellcheck runs once for all of them.
pub fn check_commands(texts: &[&str], shellcheck: bool) -> Result<Vec<Vec<Finding>>, std::io::Error> {
    let mut distinct: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unique: Vec<&str> = Vec::new();
    for t in texts {
        distinct.entry(t).or_insert_with(|| {
            unique.push(t);
            unique.len() - 1
        });
    }
    let dir = TempDir::with_prefix("xtask-verify-")?;
    let mut files = Vec::with_capacity(unique.len());
    for (i, text) in unique.iter().enumerate() {
        let name = format!("{i}.sh");
        std::fs::write(dir.path().join(&name), format!("{text}\n"))?;
        files.push(name);
    }
    let mut found: Vec<Vec<Finding>> = files.iter().map(|f| bash_n(dir.path(), f)).collect::<Result<_, _>>()?;
    if shellcheck {
        // A text bash cannot parse gets only bash's finding: shellcheck would repeat it.
        let parsed: Vec<usize> = (0..unique.len()).filter(|&i| found[i].is_empty()).collect();
        let names: Vec<&str> = parsed.iter().map(|&i| files[i].as_str()).collect();
        let mut by_file = shellcheck_all(dir.path(), &names)?;
        for (i, name) in parsed.iter().zip(&names) {
            found[*i] = by_file.remove(*name).unwrap_or_default();
        }
    }
    Ok(texts.iter().map(|t| found[distinct[t]].clone()).collect())
}

/// `bash -n FILE`: parses, never executes.
fn bash_n(dir: &Path, file: &str) -> Result<Vec<Finding>, std::io::Error> {
    let out = Command::new("bash")
        .arg("-n")
        .arg(file)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot run `bash`: {e}")))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut findings: Vec<Finding> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            // `3.sh: line 2: syntax error near unexpected token `fi'`
            let rest = l.strip_prefix(file).and_then(|r| r.strip_prefix(": ")).unwrap_or(l);
            match rest.strip_prefix("line ").and_then(|r| r.split_once(": ")) {
                Some((n, msg)) if n.parse::<u32>().is_ok() => {
                    Finding { tool: "bash -n", line: n.parse().ok(), message: msg.to_string() }
                }
                _ => Finding { tool: "bash -n", line: None, message: rest.to_string() },
            }
        })
        .collect();
    if findings.is_empty() && !out.status.success() {
        findings.push(Finding { tool: "bash -n", line: None, message: format!("exited with {}", out.status) });
    }
    Ok(findings)
}

fn shellcheck_available() -> bool {
    Command::new("shellcheck")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// One shellcheck process over every file in `dir`; findings by file name.
fn shellcheck_all(dir: &Path, files: &[&str]) -> Result<BTreeMap<String, Vec<Finding>>, std::io::Error> {
    let mut found: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    if files.is_empty() {
        return Ok(found);
    }
    let mut cmd = Command::new("shellcheck");
    cmd.current_dir(dir).args(["-s", "bash", "-S", "warning", "-f", "gcc"]);
    if !SHELLCHECK_EXCLUDE.is_empty() {
        cmd.arg(format!("--exclude={}", SHELLCHECK_EXCLUDE.join(",")));
    }
    let out = cmd.args(files).stdin(Stdio::null()).output()?;
    // 0: clean, 1: findings; anything else is shellcheck failing to run.
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(std::io::Error::other(format!(
            "shellcheck failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        // `12.sh:1:1: warning: Use 'cd ... || exit' in case cd fails. [SC2164]`
        let mut parts = line.splitn(4, ':');
        let (Some(file), Some(ln), Some(_col), Some(msg)) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        found.entry(file.to_string()).or_default().push(Finding {
            tool: "shellcheck",
            line: ln.parse().ok(),
            message: msg.trim().to_string(),
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use runbook_dsl::runbook;
    use runbooks::common::{BASIC_CHECKLIST_EN, PLATFORM_CONTACTS_EN};

    /// The grammar reference's restore (a variable set in one step, read in
    /// the next), and a remedy whose first step has a real finding.
    const CARRIED: Runbook = runbook! {
        feature: carried, title: "Carried", owner: "team", updated: 2026-11-01, version: "1.0", lang: en,
        vars { root = "/srv/orders" }
        environments {
            production "Production" { unit = "orders" }
            staging "Staging" { unit = "orders-staging" }
        }
        architecture { app { name: "orders", kind: "App Server", version: "1.2.0" } }
        deploy { none("deployed by CI") }
        service { none("runs under CI's supervisor") }
        monitoring { system "System" { cpu "CPU": normal < 70%, warning 70%..85%, critical > 85%, query "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))"; } }
        backup { "Database" => r#"pg_dump -F c -f "/backups/orders_$(date +%Y%m%d).dump" orders"# }
        restore {
            "Pick the newest dump" => "BACKUP_FILE=$(ls -t /backups/orders_*.dump | head -n 1)",
            "Restore" => danger("replaces every order") r#"pg_restore -c -d orders "$BACKUP_FILE""#,
        }
        logs { none("journald only") }
        maintenance {
            daily none("nothing daily")
            weekly { analyze "Update statistics" => r#"psql -d orders -c "ANALYZE;""# }
            monthly none("nothing monthly")
        }
        alerts { high_cpu "High CPU": P1, respond 1h, by "SRE", when cpu critical, see high_cpu; }
        troubleshooting {
            high_cpu "High CPU" {
                symptom { "CPU above 85%" }
                causes { "A slow query" }
                diagnose {
                    "Read the runbook" => prose("Look at the dashboard first."),
                    "Busiest processes" => "PIDS=$(pgrep -d, -f {unit})" "top -b -n 1 -p \"$PIDS\"",
                }
                remedy {
                    "Go to the release" => "cd {root}/current",
                    "Restart" => "sudo systemctl restart {unit}",
                }
            }
        }
        checklist: BASIC_CHECKLIST_EN,
        contacts: PLATFORM_CONTACTS_EN,
    };

    #[test]
    fn a_variable_carries_from_step_to_step_and_a_finding_names_its_step() {
        if !shellcheck_available() {
            err!("shellcheck is not installed; skipped");
            return;
        }
        let procs = procedures(&CARRIED);
        let restore: Vec<&Procedure> = procs.iter().filter(|p| p.place.path() == "restore").collect();
        assert_eq!(restore.len(), 1, "one procedure, the same in every environment: {restore:?}");
        assert_eq!(restore[0].sites.len(), 2);
        // Alone, the first step sets a variable nobody reads: what checking step by step said.
        let alone = check_commands(&[restore[0].sites[0].text], true).expect("shellcheck runs");
        assert!(alone[0].iter().any(|f| f.message.contains("SC2034")), "{alone:?}");
        let found = check_procedures(&procs, true).expect("shellcheck runs");
        // One procedure per environment for the remedy (the restart differs); the
        // `cd` the same in both, reported once, at its own step and line.
        assert_eq!(procs.iter().filter(|p| p.place.path() == "troubleshooting.high_cpu.remedy").count(), 2);
        assert_eq!(found.len(), 1, "{found:?}");
        let Found { site, findings, .. } = &found[0];
        assert_eq!(
            (site.section.as_str(), site.step.as_str(), site.env),
            ("troubleshooting.high_cpu.remedy", "Go to the release", None)
        );
        assert!(findings.iter().all(|f| f.message.contains("SC2164") && f.line == Some(1)), "{findings:?}");
    }

    #[test]
    fn a_script_line_maps_back_to_its_step() {
        let procs = procedures(&CARRIED);
        let diagnose = procs
            .iter()
            .find(|p| p.place.path() == "troubleshooting.high_cpu.diagnose" && p.env == Some("staging"))
            .expect("diagnose");
        // The prose step is not in the script; the two-line step is lines 1 and 2.
        assert_eq!(diagnose.sites.len(), 1);
        assert_eq!(diagnose.script(), "PIDS=$(pgrep -d, -f orders-staging)\ntop -b -n 1 -p \"$PIDS\"\n");
        assert_eq!(diagnose.locate(2), (0, 2));
        let restore = procs.iter().find(|p| p.place.path() == "restore").expect("restore");
        assert_eq!((restore.locate(1), restore.locate(2), restore.locate(9)), ((0, 1), (1, 1), (1, 1)));
    }

    #[test]
    fn an_unterminated_quote_is_a_finding() {
        let findings = check_command("echo \"unterminated").expect("bash runs");
        assert!(findings.iter().any(|f| f.tool == "bash -n"), "{findings:?}");
    }

    #[test]
    fn a_bad_line_is_named() {
        let findings = check_commands(&["echo ok\nfi\n"], false).expect("bash runs");
        let f = &findings[0];
        assert!(f.iter().any(|f| f.line == Some(2) && f.message.contains("fi")), "{f:?}");
    }

    #[test]
    fn a_sound_command_has_no_finding() {
        let findings = check_command("sudo systemctl status nginx --no-pager").expect("bash runs");
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn each_text_gets_its_own_findings_and_duplicates_share_them() {
        let texts = ["echo ok", "echo \"open", "echo ok", "case x in"];
        let found = check_commands(&texts, false).expect("bash runs");
        assert_eq!(found.len(), 4);
        assert!(found[0].is_empty() && found[2].is_empty(), "{found:?}");
        assert!(!found[1].is_empty() && !found[3].is_empty(), "{found:?}");
    }

    #[test]
    fn shellcheck_findings_map_to_their_command() {
        if !shellcheck_available() {
            err!("shellcheck is not installed; skipped");
            return;
        }
        let texts = ["echo ok", "cd /srv\nls"];
        let found = check_commands(&texts, true).expect("shellcheck runs");
        assert!(found[0].is_empty(), "{found:?}");
        assert!(found[1].iter().any(|f| f.message.contains("SC2164") && f.line == Some(1)), "{found:?}");
    }

    #[test]
    fn every_command_kind_is_walked_and_edits_are_skipped() {
        let rb = runbooks::ALL.iter().find(|rb| rb.feature == "knowledge_api").expect("knowledge_api");
        let sites = sites(rb);
        for section in ["deploy.precheck", "service.restart", "backup", "restore", "logs.logrotate.postrotate"] {
            assert!(sites.iter().any(|s| s.section == section), "no {section}");
        }
        assert!(sites.iter().any(|s| s.section.starts_with("maintenance.monthly.vacuum.rollback")));
        assert!(sites.iter().any(|s| s.section.starts_with("troubleshooting.high_cpu.remedy")));
        // Per environment: the restart differs between production and development.
        let restarts: Vec<_> = sites.iter().filter(|s| s.section == "service.restart").map(|s| s.env).collect();
        assert_eq!(restarts, [Some("production"), Some("development")]);
        // `edit(...)` lines are configuration, not commands.
        assert!(!sites.iter().any(|s| s.text.contains("workers = 2")));
    }
}
