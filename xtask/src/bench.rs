//! `cargo xtask bench`: the edit-to-docs loop and render throughput, against
//! their floors. See `HELP` for what is measured and `bench/workspace.rs` for
//! the synthetic workspace it is measured on.

mod expansion;
mod report;
mod synth;
mod workspace;

use std::error::Error;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use clap::{Arg, ArgAction, ArgMatches};
use report::{Figures, Report};
use workspace::{Flavor, Workspace};

/// What `cargo xtask help bench` says above the options.
const DESCRIPTION: &str = "\
Measure the edit-to-docs loop and render throughput against their floors.

Generates, in a temporary directory with its own CARGO_TARGET_DIR, a workspace
of N runbooks derived from runbooks/src/knowledge_api.rs (the typed DSL) and
the floor: the same N runbooks' Markdown as hand-written string consts in
identically laid-out crates. Both use a snapshot of runbook-dsl and
runbook-macros taken at the start (edits in the checkout do not disturb a run)
and the project's [profile] settings. Dependencies are built once, untimed.
Then, R times each:

    clean build     cargo clean -p <runbook crates> -p <doc binary> (and the
                    DSL's crate of shared parts), cargo build
    edit-to-docs    change one runbook's title, cargo run the doc binary
    no-op docs      cargo run the doc binary again; must write 0 files
    cold build      (at the first N only, after the other figures) an empty
                    target folder, cargo build of the doc binary:
                    dependencies, writer and all, a newcomer's first
                    `cargo xtask docs`
    render + write  N x 3 documents into an empty folder, timed in the binary
    cp -r           the same files into an empty folder (the I/O floor)

Each clean build and each I/O figure (render + write, write only, cp) starts
after `sync`, so that earlier writes are not flushed while it is timed. Each
I/O figure writes into a new folder; they are removed after the last run, as
a large deletion slows the next large write on some disks. The DSL and the
floor (and cp) take turns going first.

and the macro engine as a library call: parse + check + expand of
knowledge_api's runbook! invocation. Prints a Markdown table (median of R runs
and min-max, ratios to the floors, targets) and writes target/bench/bench.json.
";

const EXIT_CODES: &str = "\
EXIT CODES:
    0  measured (a missed target is reported, not an error)
    2  bad arguments, or a build or run of the synthetic workspace failed";

pub fn command() -> clap::Command {
    clap::Command::new("bench")
        .about("Measure the edit-to-docs loop and render throughput against their floors")
        .long_about(DESCRIPTION)
        .override_usage("cargo xtask bench [--n N]... [--runs R] [--per-crate K] [--keep]")
        .after_long_help(EXIT_CODES)
        .arg(
            Arg::new("n")
                .long("n")
                .value_name("N")
                .action(ArgAction::Append)
                .value_parser(positive)
                .help("Number of runbooks (repeatable; default: 10, 100 and 1000)"),
        )
        .arg(Arg::new("runs").long("runs").value_name("R").value_parser(positive).help("Runs per figure (default 3)"))
        .arg(Arg::new("per-crate").long("per-crate").value_name("K").value_parser(positive).help(concat!(
            "Runbooks per crate, in both layouts (default 10: an edit rebuilds one\n",
            "crate of 10 runbooks, not all N)"
        )))
        .arg(
            Arg::new("keep")
                .long("keep")
                .action(ArgAction::SetTrue)
                .help("Keep the temporary directory and print its path"),
        )
}

/// Runbooks per crate unless `--per-crate` says otherwise. `runbook!` runs on
/// every runbook of a crate that is rebuilt (rustc does not cache proc-macro
/// output), so one crate of N runbooks makes every edit cost N expansions.
const PER_CRATE: usize = 10;

/// `analyse` calls per expansion run.
const EXPANSION_ITERATIONS: usize = 200;

pub fn run(m: &ArgMatches) -> Result<ExitCode, Box<dyn Error>> {
    let mut ns: Vec<usize> = m.get_many::<usize>("n").map(|v| v.copied().collect()).unwrap_or_default();
    if ns.is_empty() {
        ns = vec![10, 100, 1000];
    }
    let runs = m.get_one::<usize>("runs").copied().unwrap_or(3);
    let per_crate = m.get_one::<usize>("per-crate").copied();
    let keep = m.get_flag("keep");

    let project = crate::workspace_root()?;
    let load_before = load_average();
    let source = fs::read_to_string(project.join("runbooks/src/knowledge_api.rs"))?;
    let tokens = expansion::invocation(&source)?;
    err!("bench: expansion of knowledge_api, {runs} x {EXPANSION_ITERATIONS} calls");
    let expansion = expansion::measure(&tokens, EXPANSION_ITERATIONS, runs)?;

    let tmp = tempfile::Builder::new().prefix("runbook-bench-").tempdir()?;
    let env = Env::new(tmp.path());
    let engine = tmp.path().join("project");
    workspace::snapshot(&project, &engine)?;
    let mut figures = Vec::new();
    for (i, &n) in ns.iter().enumerate() {
        figures.push(measure(&env, &engine, n, per_crate.unwrap_or(PER_CRATE), runs, i == 0)?);
    }
    let report = Report { runs, toolchain: toolchain(), load: (load_before, load_average()), expansion, figures };

    let table = report.table();
    out!("{table}");
    let dir = project.join("target/bench");
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("bench.json"), report.json())?;
    let load = |l: Option<f64>| l.map_or_else(|| "?".to_string(), |l| format!("{l:.1}"));
    out!(
        "{}, {runs} runs, load average {} before and {} after; wrote target/bench/bench.json",
        report.toolchain,
        load(report.load.0),
        load(report.load.1)
    );
    if keep {
        let path = tmp.keep();
        err!("bench: kept the synthetic workspace in {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// A count: a positive whole number.
fn positive(v: &str) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("takes a positive whole number, not `{v}`")),
    }
}

/// The 1-minute load average (Linux), to tell a quiet machine from a busy one.
fn load_average() -> Option<f64> {
    fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}

fn toolchain() -> String {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    Command::new(rustc)
        .arg("-V")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map_or_else(|| "rustc (unknown version)".to_string(), |s| s.trim().to_string())
}

/// Where things live in the temporary directory, and how cargo is run there.
#[derive(Debug)]
struct Env {
    cargo: PathBuf,
    ws: PathBuf,
    target: PathBuf,
    out: PathBuf,
}

/// What a doc binary printed.
#[derive(Debug, Clone, Copy)]
struct Written {
    written: usize,
    docs: usize,
    /// Render (or wrap) + write, measured inside the binary.
    inside: Duration,
}

impl Env {
    fn new(tmp: &Path) -> Env {
        Env {
            cargo: std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from),
            ws: tmp.join("ws"),
            target: tmp.join("target"),
            out: tmp.join("out"),
        }
    }

    fn cargo<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(&self, args: I) -> Command {
        let mut cmd = Command::new(&self.cargo);
        cmd.args(args).current_dir(&self.ws).env("CARGO_TARGET_DIR", &self.target);
        // Run as from a plain shell, not as a child of `cargo run --package xtask`.
        for var in ["CARGO_MANIFEST_DIR", "CARGO_PKG_NAME", "CARGO_PRIMARY_PACKAGE", "CARGO_BIN_NAME"] {
            cmd.env_remove(var);
        }
        cmd
    }

    fn binary(&self, flavor: Flavor) -> PathBuf {
        self.target.join("debug").join(format!("{}{}", flavor.docs(), std::env::consts::EXE_SUFFIX))
    }

    fn clean(&self, ws: &Workspace, flavor: Flavor) -> Result<(), Box<dyn Error>> {
        let mut args = vec!["clean".to_string(), "--quiet".into()];
        for p in ws.packages(flavor) {
            args.extend(["-p".to_string(), p]);
        }
        timed(&mut self.cargo(args))?;
        Ok(())
    }

    fn build(&self, flavor: Flavor) -> Result<Duration, Box<dyn Error>> {
        Ok(timed(&mut self.cargo(["build", "--quiet", "-p", &flavor.docs()]))?.0)
    }

    /// A build of the doc binary into an empty target folder of its own:
    /// every dependency (the same writer crate in both flavors) compiled.
    fn cold_build(&self, flavor: Flavor) -> Result<Duration, Box<dyn Error>> {
        let target = self.target.with_file_name(format!("target-cold-{}", flavor.dir()));
        remove(&target)?;
        settle();
        let took = timed(self.cargo(["build", "--quiet", "-p", &flavor.docs()]).env("CARGO_TARGET_DIR", &target))?.0;
        remove(&target)?;
        Ok(took)
    }

    /// `cargo run` of the doc binary: the loop an author runs after an edit.
    fn docs(&self, flavor: Flavor, out: &Path) -> Result<(Duration, Written), Box<dyn Error>> {
        let mut cmd = self.cargo(["run", "--quiet", "-p", &flavor.docs(), "--"]);
        let (took, stdout) = timed(cmd.arg(out))?;
        Ok((took, written(&stdout)?))
    }

    /// The built doc binary, directly, into `out`.
    fn render(&self, flavor: Flavor, out: &Path) -> Result<Written, Box<dyn Error>> {
        let (_, stdout) = timed(Command::new(self.binary(flavor)).arg(out))?;
        written(&stdout)
    }
}

/// Runs `cmd` to completion; its wall time and stdout. A failure is an error with its stderr.
fn timed(cmd: &mut Command) -> Result<(Duration, String), Box<dyn Error>> {
    let start = Instant::now();
    let output = cmd.output()?;
    let took = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "`{cmd:?}` failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok((took, String::from_utf8_lossy(&output.stdout).into_owned()))
}

/// Reads `bench: W written, U unchanged, R refused, D docs, T ns`.
fn written(stdout: &str) -> Result<Written, Box<dyn Error>> {
    let line =
        stdout.lines().find_map(|l| l.strip_prefix("bench: ")).ok_or("the doc binary printed no `bench:` line")?;
    let n: Vec<u128> = line.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    match n.as_slice() {
        [written, _unchanged, 0, docs, ns] => {
            Ok(Written { written: *written as usize, docs: *docs as usize, inside: Duration::from_nanos(*ns as u64) })
        }
        [_, _, refused, ..] if *refused > 0 => Err(format!("the doc binary refused {refused} file(s): {line}").into()),
        _ => Err(format!("unreadable doc binary output: {line}").into()),
    }
}

/// Flushes written data to disk before a figure is timed, so that earlier
/// writes (a build's, the previous figure's) are not flushed during it: the
/// DSL's and the floor's figures start from the same state.
fn settle() {
    // Best effort: without `sync` the figures are only noisier.
    let _ = Command::new("sync").status();
}

fn remove(path: &Path) -> std::io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Every figure for one N.
fn measure(
    env: &Env,
    engine: &Path,
    n: usize,
    per_crate: usize,
    runs: usize,
    cold: bool,
) -> Result<Figures, Box<dyn Error>> {
    let mut ws = Workspace::create(&env.ws, engine, n, per_crate)?;
    let crates = ws.shard_count();
    err!("bench: N={n}: {n} runbooks in {crates} crate(s) under {}", env.ws.display());
    remove(&env.out)?;
    let (dsl_out, floor_out) = (env.out.join("dsl"), env.out.join("floor"));

    // Build once (dependencies included), untimed; the floor is what the DSL renders.
    let start = Instant::now();
    env.build(Flavor::Dsl)?;
    let first = env.render(Flavor::Dsl, &dsl_out)?;
    ws.create_floor(&dsl_out)?;
    env.build(Flavor::Floor)?;
    env.render(Flavor::Floor, &floor_out)?;
    same_files(&dsl_out, &floor_out, None)?;
    err!(
        "bench: N={n}: first build of both (with dependencies) {:.1} s, {} docs",
        start.elapsed().as_secs_f64(),
        first.docs
    );

    let mut f = Figures { n, crates, ..Figures::default() };
    for run in 0..runs {
        // Which flavor goes first alternates from run to run, so that what the
        // machine does after a build (flushing it) does not always land on one.
        let mut builds = [(Flavor::Dsl, &mut f.clean_dsl), (Flavor::Floor, &mut f.clean_floor)];
        if run % 2 == 1 {
            builds.reverse();
        }
        for (flavor, into) in builds {
            env.clean(&ws, flavor)?;
            settle();
            into.push(env.build(flavor)?.as_secs_f64());
        }

        // One real content change: the title of one runbook, in both flavors.
        let i = (n / 2 + run) % n;
        let old = ws.runbooks[i].title.clone();
        let new = format!("{old} r{run}");
        replace_in(&ws.source_of(Flavor::Dsl, i), &format!("title: \"{old}\""), &format!("title: \"{new}\""), Some(1))?;
        replace_in(&ws.source_of(Flavor::Floor, i), &old, &new, None)?;
        ws.runbooks[i].title = new;
        let (took, dsl) = env.docs(Flavor::Dsl, &dsl_out)?;
        f.edit_dsl.push(took.as_secs_f64());
        let (took, floor) = env.docs(Flavor::Floor, &floor_out)?;
        f.edit_floor.push(took.as_secs_f64());
        if dsl.written == 0 || dsl.written != floor.written {
            return Err(format!(
                "the edit wrote {} file(s) with the DSL and {} with the floor",
                dsl.written, floor.written
            )
            .into());
        }
        f.edit_written.push(dsl.written);
        same_files(&dsl_out, &floor_out, Some(&ws.runbooks[i].feature))?;

        for (flavor, out, into) in
            [(Flavor::Dsl, &dsl_out, &mut f.noop_dsl), (Flavor::Floor, &floor_out, &mut f.noop_floor)]
        {
            let (took, w) = env.docs(flavor, out)?;
            into.push(took.as_secs_f64());
            if flavor == Flavor::Dsl {
                f.noop_written.push(w.written);
            }
        }

        // Each into a folder of its own, all removed only after the last run:
        // on this disk the first large write after `sync` has flushed a large
        // deletion runs several times slower, so a figure that followed one
        // measured the deletion, not the writer.
        // The three take turns going first, like the builds.
        for i in 0..3 {
            settle();
            match (run + i) % 3 {
                0 => f
                    .render_write
                    .push(env.render(Flavor::Dsl, &env.out.join(format!("dsl-{run}")))?.inside.as_secs_f64()),
                1 => f
                    .write_only
                    .push(env.render(Flavor::Floor, &env.out.join(format!("floor-{run}")))?.inside.as_secs_f64()),
                _ => {
                    let copy = env.out.join(format!("copy-{run}"));
                    f.cp.push(timed(Command::new("cp").arg("-r").arg(&dsl_out).arg(&copy))?.0.as_secs_f64());
                }
            }
        }

        err!(
            "bench: N={n} run {}/{runs}: clean {:.2}/{:.2} s, edit {:.2}/{:.2} s, no-op {:.2}/{:.2} s (DSL/floor), render+write {:.1} ms, cp {:.1} ms",
            run + 1,
            f.clean_dsl[run],
            f.clean_floor[run],
            f.edit_dsl[run],
            f.edit_floor[run],
            f.noop_dsl[run],
            f.noop_floor[run],
            f.render_write[run] * 1e3,
            f.cp[run] * 1e3
        );
    }
    // Cold builds take minutes each: once per bench, at the first N, and
    // after the other figures: each ends by deleting a target folder of
    // hundreds of megabytes, and on this disk the builds that follow a large
    // deletion run slower for a while, which would land on the clean builds.
    for run in (0..runs).filter(|_| cold) {
        let mut order = [(Flavor::Dsl, &mut f.cold_dsl), (Flavor::Floor, &mut f.cold_floor)];
        if run % 2 == 1 {
            order.reverse();
        }
        for (flavor, into) in order {
            into.push(env.cold_build(flavor)?.as_secs_f64());
        }
        err!("bench: N={n} cold run {}/{runs}: {:.1}/{:.1} s (DSL/floor)", run + 1, f.cold_dsl[run], f.cold_floor[run]);
    }
    // The next N's untimed first build absorbs this deletion.
    for entry in fs::read_dir(&env.out)? {
        let path = entry?.path();
        if path != dsl_out && path != floor_out {
            remove(&path)?;
        }
    }
    Ok(f)
}

/// Replaces `from` by `to` in a file; `count` is how many occurrences there must be.
fn replace_in(path: &Path, from: &str, to: &str, count: Option<usize>) -> Result<(), Box<dyn Error>> {
    let text = fs::read_to_string(path)?;
    let found = text.matches(from).count();
    if found == 0 || count.is_some_and(|c| c != found) {
        return Err(format!("{}: found `{from}` {found} time(s)", path.display()).into());
    }
    fs::write(path, text.replace(from, to))?;
    Ok(())
}

/// The floor must write exactly what the DSL writes (all files, or one
/// feature's), but for the input hash in the marker: the floor keeps the one
/// of the first render.
fn same_files(a: &Path, b: &Path, feature: Option<&str>) -> Result<(), Box<dyn Error>> {
    for dir in ["runbook", "docs/operations"] {
        let mut names: Vec<_> =
            fs::read_dir(a.join(dir))?.map(|e| e.map(|e| e.file_name())).collect::<Result<_, _>>()?;
        names.sort();
        for name in names {
            let name = name.to_string_lossy();
            if feature.is_some_and(|f| !name.starts_with(&format!("{f}_"))) {
                continue;
            }
            let rel = format!("{dir}/{name}");
            let (x, y) = (fs::read_to_string(a.join(&rel))?, fs::read_to_string(b.join(&rel)).unwrap_or_default());
            if without_input_hash(&x) != without_input_hash(&y) {
                return Err(format!("the floor's {rel} differs from the DSL's").into());
            }
        }
    }
    Ok(())
}

/// `doc` with the value of its marker's input hash blanked.
fn without_input_hash(doc: &str) -> String {
    const FIELD: &str = "input-hash: ";
    match doc.find(FIELD) {
        Some(at) => {
            let end = doc[at + FIELD.len()..].find(' ').map_or(doc.len(), |n| at + FIELD.len() + n);
            format!("{}{}", &doc[..at + FIELD.len()], &doc[end..])
        }
        None => doc.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_doc_binary_line() {
        let w = written("bench: 3 written, 297 unchanged, 0 refused, 300 docs, 1500000 ns\n").unwrap();
        assert_eq!((w.written, w.docs, w.inside), (3, 300, Duration::from_millis(1) + Duration::from_micros(500)));
        assert!(written("bench: 0 written, 0 unchanged, 2 refused, 3 docs, 1 ns").is_err());
        assert!(written("nothing").is_err());
    }

    #[test]
    fn the_input_hash_is_blanked() {
        let a = "<!-- x input-hash: 00000000000000ab body-hash: 1 -->\n\nbody";
        let b = "<!-- x input-hash: 00000000000000cd body-hash: 1 -->\n\nbody";
        assert_eq!(without_input_hash(a), without_input_hash(b));
        assert_ne!(without_input_hash(a), without_input_hash(&b.replace("body-hash: 1", "body-hash: 2")));
    }

    #[test]
    fn counts_are_positive() {
        assert_eq!(positive("10"), Ok(10));
        assert!(positive("0").is_err() && positive("-1").is_err() && positive("x").is_err());
    }
}
