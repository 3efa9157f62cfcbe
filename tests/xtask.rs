//! `cargo xtask` end to end, through the real binary: docs, the drift check,
//! hand edits, argument errors, verify, and `new` in a copy of the workspace.

use std::fs;
use std::path::Path;
use std::process::Command;

use tempfile::TempDir;
use tests::{workspace_root, xtask_bin, Run};

fn xtask(args: &[&str]) -> Run {
    Command::new(xtask_bin()).args(args).current_dir(workspace_root()).output().expect("run xtask").into()
}

fn docs_into(dir: &Path, extra: &[&str]) -> Run {
    let out = dir.to_str().expect("utf-8 path");
    let mut args = vec!["docs", "--out", out];
    args.extend_from_slice(extra);
    xtask(&args)
}

fn expected_paths() -> Vec<String> {
    let mut paths: Vec<String> =
        runbooks::ALL.iter().flat_map(|rb| runbook_dsl::documents(rb)).map(|d| d.path).collect();
    paths.push("runbook/README.md".into());
    paths.push(runbook_dsl::catalog::PATH.into());
    for rb in runbooks::ALL {
        paths.extend(runbook_dsl::render::rules::documents(rb).into_iter().map(|d| d.path));
    }
    paths
}

#[test]
fn docs_writes_three_files_per_feature_and_the_index_then_check_passes() {
    let tmp = TempDir::new().expect("tmp");
    let run = docs_into(tmp.path(), &[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let expected = expected_paths();
    // Three documents and two rule files a feature, the index and the catalog.
    assert_eq!(expected.len(), 5 * runbooks::ALL.len() + 2);
    for path in &expected {
        assert!(tmp.path().join(path).is_file(), "{path} was not written");
    }
    let check = docs_into(tmp.path(), &["--check"]);
    assert_eq!(check.code, Some(0), "{check:?}");
    // A second run writes nothing.
    let again = docs_into(tmp.path(), &[]);
    assert_eq!(again.code, Some(0), "{again:?}");
    assert!(again.stdout.contains(&format!("0 written, 0 removed, {} unchanged", expected.len())), "{again:?}");
}

#[test]
fn a_hand_edit_is_kept_and_named_until_forced() {
    let tmp = TempDir::new().expect("tmp");
    assert_eq!(docs_into(tmp.path(), &[]).code, Some(0));
    let rb = runbooks::ALL[0];
    let doc = runbook_dsl::documents(rb).into_iter().next().expect("a document");
    let file = tmp.path().join(&doc.path);
    let edited = format!("{}\nAdded by hand.\n", doc.contents);
    fs::write(&file, &edited).expect("edit");

    let run = docs_into(tmp.path(), &[]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(fs::read_to_string(&file).expect("read"), edited, "the edit was overwritten");
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert!(run.stderr.contains(rb.source), "stderr does not name {}:\n{}", rb.source, run.stderr);
    assert!(run.stderr.contains(&doc.path), "{}", run.stderr);

    let check = docs_into(tmp.path(), &["--check"]);
    assert_eq!(check.code, Some(1), "{check:?}");

    let forced = docs_into(tmp.path(), &["--force"]);
    assert_eq!(forced.code, Some(0), "{forced:?}");
    assert_eq!(fs::read_to_string(&file).expect("read"), doc.contents);
}

/// A file without the generated-file marker where a document goes is never
/// overwritten, not even with `--force`; the messages say to move or rename it
/// and do not suggest `--force`, which would not help.
#[test]
fn a_file_without_the_marker_is_refused_even_with_force() {
    let tmp = TempDir::new().expect("tmp");
    assert_eq!(docs_into(tmp.path(), &[]).code, Some(0));
    let doc = runbook_dsl::documents(runbooks::ALL[0]).into_iter().next().expect("a document");
    let file = tmp.path().join(&doc.path);
    let mine = "# My own notes, written by a person\n";
    fs::write(&file, mine).expect("write");

    let check = docs_into(tmp.path(), &["--check"]);
    assert_eq!(check.code, Some(1), "{check:?}");
    assert!(check.stderr.contains(&doc.path) && check.stderr.contains("not a generated file"), "{}", check.stderr);
    assert!(check.stderr.contains("move or rename"), "{}", check.stderr);
    assert!(
        !check.stderr.contains("--force"),
        "--check suggests --force for a file it cannot touch:\n{}",
        check.stderr
    );

    for extra in [&[][..], &["--force"][..]] {
        let run = docs_into(tmp.path(), extra);
        assert_eq!(run.code, Some(1), "{extra:?}: {run:?}");
        assert_eq!(fs::read_to_string(&file).expect("read"), mine, "{extra:?} overwrote a file without the marker");
        assert!(run.stderr.contains(&doc.path) && run.stderr.contains("move or rename"), "{extra:?}: {}", run.stderr);
        assert!(!run.stderr.contains("docs --force"), "{extra:?} suggests --force:\n{}", run.stderr);
    }
}

/// A generated file of a feature that no longer exists, edited by hand: `--check`
/// lists it, `docs` keeps it (exit 1) and `--force` removes it.
#[test]
fn a_hand_edited_orphan_is_listed_kept_and_removed_only_with_force() {
    let tmp = TempDir::new().expect("tmp");
    assert_eq!(docs_into(tmp.path(), &[]).code, Some(0));
    let orphan = "docs/operations/retired_feature_maintenance.md";
    let file = tmp.path().join(orphan);
    let edited = runbook_dsl::marker::wrap("runbooks/src/retired_feature.rs", 0, "# Retired\n") + "Kept by hand.\n";
    fs::write(&file, &edited).expect("write");

    let check = docs_into(tmp.path(), &["--check"]);
    assert_eq!(check.code, Some(1), "{check:?}");
    assert!(check.stderr.contains(orphan) && check.stderr.contains("edited by hand"), "{}", check.stderr);

    let run = docs_into(tmp.path(), &[]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(fs::read_to_string(&file).expect("the orphan was removed"), edited);
    assert!(run.stderr.contains(orphan) && run.stderr.contains("--force"), "{}", run.stderr);

    let forced = docs_into(tmp.path(), &["--force"]);
    assert_eq!(forced.code, Some(0), "{forced:?}");
    assert!(forced.stdout.contains(&format!("removed  {orphan}")), "{forced:?}");
    assert!(!file.exists());
}

#[test]
fn check_names_a_deleted_file_and_writes_nothing() {
    let tmp = TempDir::new().expect("tmp");
    assert_eq!(docs_into(tmp.path(), &[]).code, Some(0));
    let gone = expected_paths().into_iter().find(|p| p.ends_with("_maintenance.md")).expect("a maintenance doc");
    fs::remove_file(tmp.path().join(&gone)).expect("rm");

    let check = docs_into(tmp.path(), &["--check"]);
    assert_eq!(check.code, Some(1), "{check:?}");
    assert!(check.stderr.contains(&gone), "{}", check.stderr);
    assert!(!tmp.path().join(&gone).exists(), "--check wrote a file");
}

#[test]
fn unknown_commands_and_flags_exit_2_listing_what_is_valid() {
    let cmd = xtask(&["bogus"]);
    assert_eq!(cmd.code, Some(2), "{cmd:?}");
    assert!(cmd.stderr.contains("'bogus'") && cmd.stderr.contains("docs, new, verify"), "{}", cmd.stderr);

    let flag = xtask(&["docs", "--bogus"]);
    assert_eq!(flag.code, Some(2), "{flag:?}");
    assert!(flag.stderr.contains("--bogus") && flag.stderr.contains("--check"), "{}", flag.stderr);

    let verify_flag = xtask(&["verify", "--bogus"]);
    assert_eq!(verify_flag.code, Some(2), "{verify_flag:?}");
    assert!(verify_flag.stderr.contains("--feature"), "{}", verify_flag.stderr);

    let top = xtask(&["--bogus"]);
    assert_eq!(top.code, Some(2), "{top:?}");
    assert!(top.stderr.contains("--bogus") && top.stderr.contains("docs, new, verify"), "{}", top.stderr);
}

#[test]
fn every_command_has_help_with_exit_codes() {
    for cmd in ["docs", "new", "verify"] {
        for args in [vec!["help", cmd], vec![cmd, "--help"]] {
            let run = xtask(&args);
            assert_eq!(run.code, Some(0), "{args:?}: {run:?}");
            assert!(run.stdout.contains("Usage:") && run.stdout.contains("EXIT CODES"), "{args:?}:\n{}", run.stdout);
        }
    }
    let top = xtask(&["--help"]);
    assert_eq!(top.code, Some(0));
    assert!(top.stdout.contains("verify") && top.stdout.contains("new"), "{}", top.stdout);
}

#[test]
fn verify_passes_on_the_shipped_runbooks() {
    let run = xtask(&["verify"]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("pass"), "{}", run.stdout);
    let one = xtask(&["verify", "--feature", runbooks::ALL[0].feature]);
    assert_eq!(one.code, Some(0), "{one:?}");
    let unknown = xtask(&["verify", "--feature", "no_such_feature"]);
    assert_eq!(unknown.code, Some(2), "{unknown:?}");
}

#[test]
fn new_refuses_invalid_and_existing_names_without_touching_anything() {
    let lib = workspace_root().join("runbooks/src/lib.rs");
    let before = fs::read_to_string(&lib).expect("lib.rs");
    let existing = runbooks::ALL[0].feature;
    for (name, says) in
        [("Bad-Name", "invalid feature name"), ("mod", "keyword"), ("common", "invalid"), (existing, "already exists")]
    {
        let run = xtask(&["new", name]);
        assert_eq!(run.code, Some(2), "new {name}: {run:?}");
        assert!(run.stderr.contains(says), "new {name}: {}", run.stderr);
    }
    let missing = xtask(&["new"]);
    assert_eq!(missing.code, Some(2), "{missing:?}");
    let platform = xtask(&["new", "orders", "--platform", "windows"]);
    assert_eq!(platform.code, Some(2), "{platform:?}");
    assert!(platform.stderr.contains("systemd") && platform.stderr.contains("kubernetes"), "{}", platform.stderr);
    assert!(!workspace_root().join("runbooks/src/orders.rs").exists());
    assert_eq!(fs::read_to_string(&lib).expect("lib.rs"), before, "runbooks/src/lib.rs changed");
    assert!(!workspace_root().join("runbooks/src/Bad-Name.rs").exists());
}

/// `cargo xtask new payments` in a copy of the workspace, then the copy builds,
/// renders the new feature's three documents and passes verify.
///
/// The copy shares the real target folder, so that dependencies are not built
/// again. Two things keep the copy's crates apart from the real ones: a
/// different version (cargo hashes the package id, not its path, so the same
/// version would make the two workspaces overwrite each other's artifacts and
/// fingerprints) and another binary name (otherwise the copy's build would
/// replace `target/debug/xtask`, and a later `cargo xtask` in the real
/// workspace could run the copy's binary, rooted in a deleted folder).
#[test]
fn new_scaffolds_a_runbook_that_builds_renders_and_verifies() {
    let target = xtask_bin().parent().and_then(Path::parent).expect("target dir").to_path_buf();
    let copy = TempDir::new().expect("tmp");
    let ws = copy.path();
    let real = workspace_root();
    for item in [
        "Cargo.toml",
        "Cargo.lock",
        ".cargo",
        "rustfmt.toml",
        "runbook-model",
        "runbook-dsl",
        "runbook-macros",
        "runbooks",
        "xtask",
    ] {
        copy_all(&real.join(item), &ws.join(item));
    }
    let manifest = fs::read_to_string(ws.join("Cargo.toml")).expect("Cargo.toml");
    let manifest = replace_once(&manifest, r#", "tests"]"#, "]");
    let mut versioned = false;
    let manifest: Vec<String> = manifest
        .lines()
        .map(|l| match l.starts_with("version = ") && !versioned {
            true => {
                versioned = true;
                "version = \"0.0.0-e2e\"".to_string()
            }
            false => l.to_string(),
        })
        .collect();
    assert!(versioned, "no workspace version in Cargo.toml");
    fs::write(ws.join("Cargo.toml"), manifest.join("\n") + "\n").expect("write");
    let xtask_manifest = fs::read_to_string(ws.join("xtask/Cargo.toml")).expect("xtask/Cargo.toml");
    let xtask_manifest = replace_once(&xtask_manifest, "[package]\n", "[package]\nautobins = false\n")
        + "\n[[bin]]\nname = \"xtask-e2e-copy\"\npath = \"src/main.rs\"\n";
    fs::write(ws.join("xtask/Cargo.toml"), xtask_manifest).expect("write");

    let cargo = |args: &[&str]| -> Run {
        Command::new(env!("CARGO"))
            .args(args)
            .current_dir(ws)
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("CARGO_MANIFEST_DIR")
            .output()
            .expect("run cargo")
            .into()
    };

    let new = cargo(&["xtask", "new", "payments"]);
    assert_eq!(new.code, Some(0), "{new:?}");
    assert!(new.stdout.contains("runbooks/src/payments.rs") && new.stdout.contains("cargo xtask docs"), "{new:?}");
    let source = fs::read_to_string(ws.join("runbooks/src/payments.rs")).expect("payments.rs");
    assert!(source.contains("feature: payments,") && source.contains("// REPLACE:"), "{source}");
    let lib = fs::read_to_string(ws.join("runbooks/src/lib.rs")).expect("lib.rs");
    let modules: Vec<&str> = lib.lines().filter(|l| l.starts_with("pub mod ") && *l != "pub mod common;").collect();
    assert!(modules.contains(&"pub mod payments;"), "{lib}");
    assert!(modules.windows(2).all(|w| w[0] < w[1]), "modules not sorted: {modules:?}");
    let registry: Vec<&str> = lib.lines().map(str::trim).filter(|l| l.ends_with("::RUNBOOK,")).collect();
    assert!(registry.contains(&"&payments::RUNBOOK,"), "{lib}");
    assert!(registry.windows(2).all(|w| w[0] < w[1]), "registry not sorted: {registry:?}");

    let again = cargo(&["xtask", "new", "payments"]);
    assert_eq!(again.code, Some(2), "{again:?}");
    // A Kubernetes skeleton beside it, built in the same build.
    let k8s = cargo(&["xtask", "new", "orders", "--platform", "kubernetes"]);
    assert_eq!(k8s.code, Some(0), "{k8s:?}");
    assert!(k8s.stdout.contains("a kubernetes skeleton"), "{k8s:?}");

    let out = TempDir::new().expect("tmp");
    let docs = cargo(&["xtask", "docs", "--out", out.path().to_str().expect("utf-8")]);
    assert_eq!(docs.code, Some(0), "{docs:?}");
    for path in [
        "runbook/payments_operations.md",
        "runbook/payments_troubleshooting.md",
        "docs/operations/payments_maintenance.md",
    ] {
        let text = fs::read_to_string(out.path().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(text.contains("runbooks/src/payments.rs"), "{path} does not name its source");
    }
    let index = fs::read_to_string(out.path().join("runbook/README.md")).expect("index");
    assert!(index.contains("payments"), "{index}");

    let verify = cargo(&["xtask", "verify", "--feature", "payments"]);
    assert_eq!(verify.code, Some(0), "{verify:?}");
    let ops = fs::read_to_string(out.path().join("runbook/orders_operations.md")).expect("orders operations");
    assert!(ops.contains("kubectl --context prod-primary") && !ops.contains("systemctl"), "{ops}");
    let verify = cargo(&["xtask", "verify", "--feature", "orders"]);
    assert_eq!(verify.code, Some(0), "{verify:?}");
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` not found in:\n{text}");
    text.replacen(from, to, 1)
}

fn copy_all(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).expect("mkdir");
        for entry in fs::read_dir(from).expect("read_dir") {
            let entry = entry.expect("entry");
            if entry.file_name() == "target" {
                continue;
            }
            copy_all(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
}
