//! `cargo xtask` as a user types it, wrongly too, through the real binary:
//! the command line, the workspace it runs in, a second run at the same time
//! and what `--check` says about files it cannot fix with a plain run.

use std::fs;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use runbook_dsl::marker;
use tempfile::TempDir;
use tests::{workspace_root, xtask_bin, Run};

fn xtask_in(dir: &Path, args: &[&str]) -> Run {
    Command::new(xtask_bin()).args(args).current_dir(dir).output().expect("run xtask").into()
}

fn xtask(args: &[&str]) -> Run {
    xtask_in(&workspace_root(), args)
}

#[test]
fn an_option_where_a_value_belongs_is_an_error_and_makes_no_folder() {
    let tmp = TempDir::new().expect("tmp");
    let run = xtask_in(tmp.path(), &["docs", "--out", "--chek"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("'--chek'") && run.stderr.contains("--check"), "{}", run.stderr);
    assert!(!tmp.path().join("--chek").exists(), "a folder named --chek was made");
}

#[test]
fn contradictory_or_unknown_arguments_exit_2() {
    for args in [&["docs", "--check", "--force"][..], &["help", "--bogus"], &["help", "docs", "extra"]] {
        let run = xtask(args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert!(run.stderr.starts_with("error: "), "{args:?}: {}", run.stderr);
    }
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_a_usage_error_not_a_panic() {
    use std::os::unix::ffi::OsStrExt as _;
    let bad = std::ffi::OsStr::from_bytes(b"--feature=\xFF");
    let run: Run =
        Command::new(xtask_bin()).arg("docs").arg(bad).current_dir(workspace_root()).output().expect("run").into();
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("invalid UTF-8"), "{}", run.stderr);
}

/// `cargo xtask help | true`: the reader is gone before anything is
/// written. The pipe's read end is closed before the command starts.
#[test]
fn a_closed_pipe_is_no_panic() {
    for args in [&["help"][..], &["help", "docs"]] {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = Command::new(xtask_bin())
            .args(args)
            .current_dir(workspace_root())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_feature_named_twice_is_written_once() {
    let tmp = TempDir::new().expect("tmp");
    let feature = runbooks::ALL[0].feature;
    let out = tmp.path().to_str().expect("utf-8");
    let run = xtask(&["docs", "--out", out, "--feature", feature, "--feature", feature]);
    assert_eq!(run.code, Some(0), "{run:?}");
    // Three documents and two rule files, once.
    assert!(run.stdout.contains("5 written"), "{}", run.stdout);
}

/// The workspace is the one the command runs in, found at run time: run in
/// another workspace (a copy, say), it reads and writes there, and the
/// checkout the binary was built in is not touched.
#[test]
fn the_workspace_is_where_the_command_runs_not_where_it_was_built() {
    let copy = TempDir::new().expect("tmp");
    let ws = copy.path();
    fs::write(ws.join("Cargo.toml"), "[workspace]\nmembers = []\n").expect("write");
    fs::create_dir_all(ws.join("xtask")).expect("mkdir");
    let real = workspace_root().join("runbook/README.md");
    let before = fs::read(&real).expect("the real index");

    for manifest in [None, Some(ws.join("xtask"))] {
        let mut cmd = Command::new(xtask_bin());
        cmd.args(["docs", "--check"]).current_dir(ws.join("xtask"));
        match &manifest {
            Some(dir) => cmd.env("CARGO_MANIFEST_DIR", dir),
            None => cmd.env_remove("CARGO_MANIFEST_DIR"),
        };
        let check: Run = cmd.output().expect("run").into();
        assert_eq!(check.code, Some(1), "{manifest:?}: {check:?}");
        assert!(check.stderr.contains("runbook/README.md: missing"), "{manifest:?}: {}", check.stderr);
    }
    let run: Run = Command::new(xtask_bin())
        .arg("docs")
        .current_dir(ws)
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .expect("run")
        .into();
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(ws.join("runbook/README.md").is_file(), "the copy was not written");
    assert_eq!(fs::read(&real).expect("the real index"), before);
}

/// A second run waits for the first and says so, like cargo, then succeeds:
/// the test holds the lock itself, sees the message, and lets go.
#[test]
fn a_second_run_waits_for_the_lock_then_succeeds() {
    let tmp = TempDir::new().expect("tmp");
    let held = runbook_dsl::write::lock(tmp.path(), true, || panic!("free")).expect("lock");
    let mut child = Command::new(xtask_bin())
        .args(["docs", "--out", tmp.path().to_str().expect("utf-8")])
        .current_dir(workspace_root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    stderr.read_line(&mut line).expect("read");
    assert!(line.contains("Blocking waiting for file lock"), "{line}");
    assert!(child.try_wait().expect("wait").is_none(), "the run went on while the lock was held");
    assert!(!tmp.path().join("runbook").exists(), "the run wrote while the lock was held");
    drop(held);
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(tmp.path().join("runbook/README.md").is_file());
}

/// `--check` reports what a kill left and a file a plain run would trust,
/// and its advice fixes both.
#[test]
fn check_names_leftovers_and_advice_that_fixes_them() {
    let tmp = TempDir::new().expect("tmp");
    let out = tmp.path().to_str().expect("utf-8");
    assert_eq!(xtask(&["docs", "--out", out]).code, Some(0));
    let rb = runbooks::ALL[0];
    let rel = format!("runbook/{}_operations.md", rb.feature);
    fs::write(tmp.path().join(&rel), marker::wrap(rb.source, rb.input_hash(), "# forged\n")).expect("write");
    fs::write(tmp.path().join("runbook/.runbook-x1Y2z3.tmp"), "half").expect("write");

    let check = xtask(&["docs", "--out", out, "--check"]);
    assert_eq!(check.code, Some(1), "{check:?}");
    assert!(
        check.stderr.contains(".runbook-x1Y2z3.tmp: a temporary file left by an interrupted run"),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains(&format!("{rel}: stale")), "{}", check.stderr);
    assert!(check.stderr.contains("cargo xtask docs --force"), "{}", check.stderr);
    let forced = xtask(&["docs", "--out", out, "--force"]);
    assert_eq!(forced.code, Some(0), "{forced:?}");
    let again = xtask(&["docs", "--out", out, "--check"]);
    assert_eq!(again.code, Some(0), "{again:?}");
}

/// `.gitattributes` keeps every text file LF in any clone, whatever
/// `core.autocrlf` says, so generated files are never "edited" by a checkout.
#[test]
fn gitattributes_make_generated_files_lf_in_every_clone() {
    let attrs = fs::read_to_string(workspace_root().join(".gitattributes")).expect(".gitattributes");
    assert!(attrs.lines().any(|l| l.split_whitespace().eq(["*", "text=auto", "eol=lf"])), "{attrs}");
}

/// The JSON catalog is protected and drift-checked like the Markdown: an
/// edited one is named by `--check` and kept by `docs`, a stale one is
/// named and rewritten.
#[test]
fn check_catches_an_edited_or_stale_catalog() {
    let tmp = TempDir::new().expect("tmp");
    let out = tmp.path().to_str().expect("utf-8");
    assert_eq!(xtask(&["docs", "--out", out]).code, Some(0));
    let path = runbook_dsl::catalog::PATH;
    let file = tmp.path().join(path);
    let written = fs::read_to_string(&file).expect("catalog");
    let edited = written.replacen("\"catalog_version\": 1", "\"catalog_version\": 1, \"mine\": true", 1);
    fs::write(&file, &edited).expect("edit");
    let check = xtask(&["docs", "--out", out, "--check"]);
    assert!(check.stderr.contains(&format!("{path}: edited by hand")), "{}", check.stderr);
    assert_eq!(xtask(&["docs", "--out", out]).code, Some(1));
    assert_eq!(fs::read_to_string(&file).expect("catalog"), edited, "the edit was lost");

    let stale = marker::wrap_as(marker::Syntax::Json, "runbooks/src/lib.rs", 0, "{\n  \"catalog_version\": 0\n}\n");
    fs::write(&file, stale).expect("stale");
    let check = xtask(&["docs", "--out", out, "--check"]);
    assert!(check.stderr.contains(&format!("{path}: stale")), "{}", check.stderr);
    assert_eq!(xtask(&["docs", "--out", out]).code, Some(0));
    assert_eq!(fs::read_to_string(&file).expect("catalog"), written);
}
