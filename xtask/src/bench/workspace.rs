//! The synthetic workspace the benchmark builds: N runbooks written with the
//! typed DSL, and the floor: the same N runbooks' Markdown as hand-written
//! string consts, in identically laid-out crates.
//!
//! ```text
//! <tmp>/ws/Cargo.toml               members below; the project's [profile.*] sections
//! <tmp>/ws/dsl/common/src/lib.rs    the project's runbooks/src/common.rs: contacts, checklists, policies
//! <tmp>/ws/dsl/runbooks-K/src/      svc_NNNN.rs (runbook!), lib.rs (`pub use dsl_common as common;`, ALL)
//! <tmp>/ws/dsl/docs/src/main.rs     plans and writes every runbook with runbook_dsl::write::plan_runbooks
//! <tmp>/ws/floor/runbooks-K/src/    svc_NNNN.rs (three `pub const NAME: &str = r####"..."####;`), lib.rs
//! <tmp>/ws/floor/docs/src/main.rs   wraps each const in its marker, writes with runbook_dsl::write
//! <tmp>/target/                     CARGO_TARGET_DIR: the project's target/ is untouched
//! ```
//!
//! The engine (runbook-dsl, runbook-macros) is a snapshot of the project's,
//! taken by [`snapshot`] when the benchmark starts, so that edits made in the
//! checkout while it runs neither trigger rebuilds nor change what is measured.
//!
//! The shared parts live in one crate that every runbook crate depends on,
//! as a workspace of many runbook crates shares one team's contacts and
//! policy: a copy of `common.rs` in each crate would be 100 copies of the
//! same contacts to keep in step (and was 7% of each crate's build).
//!
//! Each crate's registry is a `static`, not a `const`: a const is inlined
//! where it is used, so with `pub const ALL` the doc binary re-generates the
//! data of every runbook of every crate whenever one runbook changes (at N=100
//! that made the doc binary's rebuild 1.2 s instead of 0.3 s). The floor's
//! registries are statics too.
//!
//! Both doc binaries print one line, `bench: W written, U unchanged, R refused, D docs, T ns`,
//! where T is the time spent rendering (DSL) or wrapping (floor) and writing.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use runbook_dsl::render::Kind;

use super::synth::{self, Synthetic};

/// The package of the DSL's shared parts.
const COMMON: &str = "dsl-common";

/// Which of the two crates families.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Dsl,
    Floor,
}

impl Flavor {
    pub fn dir(self) -> &'static str {
        match self {
            Flavor::Dsl => "dsl",
            Flavor::Floor => "floor",
        }
    }

    /// The doc binary's package (and binary) name.
    pub fn docs(self) -> String {
        format!("{}-docs", self.dir())
    }

    /// The package name of shard `k`.
    pub fn shard(self, k: usize) -> String {
        format!("{}-runbooks-{k}", self.dir())
    }
}

/// The generated workspace for one N.
#[derive(Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub runbooks: Vec<Synthetic>,
    /// Runbooks per crate.
    pub per_crate: usize,
    project: PathBuf,
}

impl Workspace {
    /// Writes the typed-DSL crates for `n` runbooks under `root` (replacing
    /// earlier ones), from the `project` [`snapshot`]; the floor is written
    /// later, from what the DSL renders.
    pub fn create(root: &Path, project: &Path, n: usize, per_crate: usize) -> io::Result<Workspace> {
        let template = fs::read_to_string(project.join("runbooks/src/knowledge_api.rs"))?;
        let runbooks = (0..n).map(|i| synth::synthesize(&template, i)).collect();
        let ws = Workspace { root: root.to_path_buf(), runbooks, per_crate: per_crate.max(1), project: project.into() };
        for flavor in [Flavor::Dsl, Flavor::Floor] {
            let dir = root.join(flavor.dir());
            if dir.exists() {
                fs::remove_dir_all(&dir)?;
            }
        }
        fs::create_dir_all(root)?;
        let lock = root.join("Cargo.lock");
        if !lock.exists() {
            // The project's lock file: the same dependency versions, and no registry look-up.
            fs::copy(project.join("Cargo.lock"), &lock)?;
        }
        ws.write_common()?;
        for (k, chunk) in ws.shards().enumerate() {
            let src = root.join(format!("dsl/runbooks-{k}/src"));
            fs::create_dir_all(&src)?;
            // The runbooks name the shared parts `crate::common::...`, as in the project.
            let mut lib = String::from(
                "//! Synthetic runbooks for `cargo xtask bench`.\n\nuse runbook_dsl::Runbook;\n\npub use dsl_common as common;\n",
            );
            for rb in chunk {
                fs::write(src.join(format!("{}.rs", rb.feature)), &rb.source)?;
                let _ = writeln!(lib, "pub mod {};", rb.feature);
            }
            lib.push_str("\npub static ALL: &[&Runbook] = &[\n");
            for rb in chunk {
                let _ = writeln!(lib, "    &{}::RUNBOOK,", rb.feature);
            }
            lib.push_str("];\n");
            fs::write(src.join("lib.rs"), lib)?;
            ws.write_manifest(Flavor::Dsl, k)?;
        }
        ws.write_docs_bin(Flavor::Dsl)?;
        ws.write_root_manifest(&[Flavor::Dsl])?;
        Ok(ws)
    }

    /// Writes the floor crates from the documents the DSL binary wrote under `rendered`.
    pub fn create_floor(&self, rendered: &Path) -> io::Result<()> {
        for (k, chunk) in self.shards().enumerate() {
            let src = self.root.join(format!("floor/runbooks-{k}/src"));
            fs::create_dir_all(&src)?;
            let mut lib = String::from("//! The floor: synthetic runbooks' Markdown written by hand.\n\n");
            for rb in chunk {
                let _ = writeln!(lib, "pub mod {};", rb.feature);
            }
            lib.push_str(
                "\n/// Each feature's source and input hash (named in the marker) and its three (path, body) documents.\n",
            );
            lib.push_str("pub static ALL: &[(&str, u64, [(&str, &str); 3])] = &[\n");
            for rb in chunk {
                let _ = writeln!(lib, "    ({0}::SOURCE, {0}::INPUT, {0}::DOCS),", rb.feature);
            }
            lib.push_str("];\n");
            fs::write(src.join("lib.rs"), lib)?;
            for rb in chunk {
                fs::write(src.join(format!("{}.rs", rb.feature)), floor_source(rendered, &rb.feature)?)?;
            }
            self.write_manifest(Flavor::Floor, k)?;
        }
        self.write_docs_bin(Flavor::Floor)?;
        self.write_root_manifest(&[Flavor::Dsl, Flavor::Floor])
    }

    pub fn shards(&self) -> std::slice::Chunks<'_, Synthetic> {
        self.runbooks.chunks(self.per_crate)
    }

    pub fn shard_count(&self) -> usize {
        self.runbooks.len().div_ceil(self.per_crate)
    }

    /// The source file of runbook `i` in `flavor`.
    pub fn source_of(&self, flavor: Flavor, i: usize) -> PathBuf {
        self.root.join(format!("{}/runbooks-{}/src/{}.rs", flavor.dir(), i / self.per_crate, self.runbooks[i].feature))
    }

    /// Every package of `flavor` that a clean build rebuilds: shards, the
    /// DSL's shared parts and the doc binary.
    pub fn packages(&self, flavor: Flavor) -> Vec<String> {
        let mut out: Vec<String> = (0..self.shard_count()).map(|k| flavor.shard(k)).collect();
        match flavor {
            Flavor::Dsl => out.push(COMMON.into()),
            Flavor::Floor => {}
        }
        out.push(flavor.docs());
        out
    }

    /// The crate of shared parts: the project's `common.rs` as its `lib.rs`.
    fn write_common(&self) -> io::Result<()> {
        let src = self.root.join("dsl/common/src");
        fs::create_dir_all(&src)?;
        fs::copy(self.project.join("runbooks/src/common.rs"), src.join("lib.rs"))?;
        let manifest = format!(
            "[package]\nname = \"{COMMON}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nrunbook-dsl = {{ path = \"{}\" }}\n",
            toml_path(&self.project.join("runbook-dsl"))
        );
        fs::write(self.root.join("dsl/common/Cargo.toml"), manifest)
    }

    fn write_manifest(&self, flavor: Flavor, k: usize) -> io::Result<()> {
        // The floor's runbooks are plain strings: they need no dependency.
        let deps = match flavor {
            Flavor::Dsl => format!(
                "runbook-dsl = {{ path = \"{}\" }}\n{COMMON} = {{ path = \"../common\" }}\n",
                toml_path(&self.project.join("runbook-dsl"))
            ),
            Flavor::Floor => String::new(),
        };
        let manifest = format!(
            "[package]\nname = \"{}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{deps}",
            flavor.shard(k)
        );
        fs::write(self.root.join(format!("{}/runbooks-{k}/Cargo.toml", flavor.dir())), manifest)
    }

    fn write_docs_bin(&self, flavor: Flavor) -> io::Result<()> {
        let dir = self.root.join(format!("{}/docs", flavor.dir()));
        fs::create_dir_all(dir.join("src"))?;
        let dsl = toml_path(&self.project.join("runbook-dsl"));
        let mut manifest = format!(
            "[package]\nname = \"{}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nrunbook-dsl = {{ path = \"{dsl}\", features = [\"write\"] }}\n",
            flavor.docs()
        );
        let mut lists = String::new();
        for k in 0..self.shard_count() {
            let _ = writeln!(manifest, "{} = {{ path = \"../runbooks-{k}\" }}", flavor.shard(k));
            let _ = write!(lists, "{}::ALL, ", flavor.shard(k).replace('-', "_"));
        }
        fs::write(dir.join("Cargo.toml"), manifest)?;
        // The DSL binary does what `cargo xtask docs` does: it renders only the
        // runbooks whose documents record another input hash.
        let (list, collect, plan) = match flavor {
            Flavor::Dsl => (
                "let mut runbooks: Vec<&Runbook> = Vec::new();",
                "runbooks.extend(all.iter().copied());",
                "let count = runbooks.len() * 3;\n    let plan = write::plan_runbooks(root, &runbooks, &[], true, false).expect(\"plan\");",
            ),
            Flavor::Floor => (
                "let mut docs: Vec<Document> = Vec::new();",
                "for (source, input, files) in all {\n            \
                 docs.extend(files.iter().map(|(path, body)| Document { path: path.to_string(), contents: marker::wrap(source, *input, body) }));\n        }",
                "let count = docs.len();\n    let plan = write::plan(root, &docs, true).expect(\"plan\");",
            ),
        };
        let main = format!(
            r#"//! Writes every synthetic runbook's documents under the folder given as the argument.
#![allow(unused_imports)]

use runbook_dsl::{{marker, write, Document, Runbook}};

fn main() {{
    let out = std::env::args_os().nth(1).expect("usage: {name} OUT");
    let root = std::path::Path::new(&out);
    let start = std::time::Instant::now();
    {list}
    for all in [{lists}] {{
        {collect}
    }}
    {plan}
    let report = plan.apply(root, false).expect("write");
    let ns = start.elapsed().as_nanos();
    println!(
        "bench: {{}} written, {{}} unchanged, {{}} refused, {{}} docs, {{ns}} ns",
        report.written.len(),
        report.unchanged,
        report.refused.len(),
        count
    );
}}
"#,
            name = flavor.docs()
        );
        fs::write(dir.join("src/main.rs"), main)
    }

    fn write_root_manifest(&self, flavors: &[Flavor]) -> io::Result<()> {
        let mut members = Vec::new();
        for flavor in flavors {
            match flavor {
                Flavor::Dsl => members.push("\"dsl/common\"".to_string()),
                Flavor::Floor => {}
            }
            members.push(format!("\"{}/docs\"", flavor.dir()));
            members.extend((0..self.shard_count()).map(|k| format!("\"{}/runbooks-{k}\"", flavor.dir())));
        }
        let project = fs::read_to_string(self.project.join("Cargo.toml"))?;
        let manifest = format!(
            "# Generated by `cargo xtask bench`.\n[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n\
             # The project's profiles, so that the macro is built as it is for `cargo xtask docs`.\n{}",
            members.join(", "),
            profile_sections(&project)
        );
        fs::write(self.root.join("Cargo.toml"), manifest)
    }
}

/// Copies what the synthetic workspace is built from into `dest`: the root
/// manifest (its members cut down to the engine's crates: the rest inherit
/// from it), the lock file, runbook-model, runbook-dsl, runbook-macros (with core) and the
/// template runbook with the shared parts it uses.
pub fn snapshot(project: &Path, dest: &Path) -> io::Result<()> {
    for dir in ["runbook-model", "runbook-dsl", "runbook-macros"] {
        copy_tree(&project.join(dir), &dest.join(dir))?;
    }
    fs::create_dir_all(dest.join("runbooks/src"))?;
    for file in ["Cargo.lock", "runbooks/src/knowledge_api.rs", "runbooks/src/common.rs"] {
        fs::copy(project.join(file), dest.join(file))?;
    }
    let manifest = fs::read_to_string(project.join("Cargo.toml"))?;
    fs::write(
        dest.join("Cargo.toml"),
        with_members(&manifest, "\"runbook-model\", \"runbook-dsl\", \"runbook-macros\", \"runbook-macros/core\""),
    )
}

/// `manifest` with the list of its first `members = [...]` replaced by `list`.
fn with_members(manifest: &str, list: &str) -> String {
    let Some(start) = manifest.find("\nmembers").and_then(|m| manifest[m..].find('[').map(|b| m + b + 1)) else {
        return manifest.to_string();
    };
    match manifest[start..].find(']') {
        Some(end) => format!("{}{list}{}", &manifest[..start], &manifest[start + end..]),
        None => manifest.to_string(),
    }
}

/// Copies a source tree, without build output or hidden files.
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || name == "target" {
            continue;
        }
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &to.join(&name))?;
        } else {
            fs::copy(entry.path(), to.join(&name))?;
        }
    }
    Ok(())
}

/// The floor's source for one feature: its three rendered bodies as string consts.
fn floor_source(rendered: &Path, feature: &str) -> io::Result<String> {
    let mut consts = String::new();
    let mut docs = Vec::new();
    let mut source = None;
    let mut input = None;
    for kind in Kind::ALL {
        let rel = format!("{}/{feature}{}", kind.dir(), kind.suffix());
        let text = fs::read_to_string(rendered.join(&rel))?;
        let marker = runbook_dsl::marker::parse(&text)
            .ok_or_else(|| io::Error::other(format!("{rel}: no generated-file marker")))?;
        source.get_or_insert_with(|| marker.source.to_string());
        input = input.or(marker.input);
        let body = text.split_once('\n').map_or("", |(_, rest)| rest.strip_prefix('\n').unwrap_or(rest));
        let name = format!("{kind:?}").to_uppercase();
        let _ = writeln!(consts, "pub const {name}: &str = {};\n", synth::raw_string(body));
        docs.push(format!("(\"{rel}\", {name})"));
    }
    Ok(format!(
        "//! {feature}'s documents, written by hand: the floor of `cargo xtask bench`.\n\n\
         pub const SOURCE: &str = {:?};\n\n\
         /// The input hash the DSL recorded in the first render; the floor keeps it as it is.\n\
         pub const INPUT: u64 = {:#x};\n\n{consts}pub const DOCS: [(&str, &str); 3] = [{}];\n",
        source.unwrap_or_default(),
        input.unwrap_or_default(),
        docs.join(", ")
    ))
}

/// The `[profile...]` sections of a manifest, verbatim.
fn profile_sections(manifest: &str) -> String {
    let mut out = String::new();
    let mut keep = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            keep = line.starts_with("[profile");
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A path as a TOML basic string's content.
fn toml_path(path: &Path) -> String {
    path.display().to_string().replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::{profile_sections, with_members};

    #[test]
    fn members_are_replaced() {
        let m = "[workspace]\nresolver = \"2\"\nmembers = [\"a\",\n  \"b\"]\n[x]\ny = [1]\n";
        assert_eq!(with_members(m, "\"c\""), "[workspace]\nresolver = \"2\"\nmembers = [\"c\"]\n[x]\ny = [1]\n");
    }

    #[test]
    fn keeps_only_profiles() {
        let m = "[workspace]\nmembers = []\n\n[profile.dev.package.syn]\nopt-level = 3\n[lints]\nx = 1\n";
        assert_eq!(profile_sections(m), "[profile.dev.package.syn]\nopt-level = 3\n");
    }
}
