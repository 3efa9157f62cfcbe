//! `cargo xtask new <feature>`: a runbook source that compiles, registered.
//!
//! The source comes from the platform's skeleton in `skeleton/`: every
//! section the macro requires, filled with generic commands of that platform
//! that pass every rule and `cargo xtask verify`, each under a `// REPLACE:`
//! comment, and the parts the platform does not have declared `none("why")`. The feature is registered in
//! `runbooks/src/lib.rs` between its marker comments, keeping both lists sorted.

use std::process::ExitCode;

use runbook_dsl::write::write_atomic;
use runbook_dsl::Date;

use clap::{Arg, ArgMatches, Command};

use crate::cli::Usage;
use crate::registry::today;

/// What `cargo xtask help new` says above the options.
const DESCRIPTION: &str = "\
Create a runbook source for a new feature and register it.

Creates runbooks/src/<feature>.rs from a skeleton that builds and passes every
rule of `runbook!` and `cargo xtask verify`: all required sections, generic
commands for the platform, and a `// REPLACE:` comment above each section
saying what to put there. `--platform systemd` (the default): a unit on VMs,
with log files and logrotate. `--platform kubernetes`: a Deployment in two
clusters (kubectl contexts as environments), no service control, backup or
log files of its own, each declared `none(\"why\")`. `updated` is today. Registers the feature in
runbooks/src/lib.rs (module list and registry, both kept sorted). Then replace
the commands and run `cargo xtask docs`.

<feature> is the file-name slug of the documents: [a-z][a-z0-9_]*, not a Rust
keyword, and not already used.
";

const EXIT_CODES: &str = "\
EXIT CODES:
    0  the runbook was created and registered
    2  no or an invalid feature name, the feature or its file already exists,
       runbooks/src/lib.rs lacks its marker comments, or an I/O error";

pub fn command() -> Command {
    Command::new("new")
        .about("Create a runbook source for a new feature and register it")
        .long_about(DESCRIPTION)
        .override_usage("cargo xtask new <feature> [--platform systemd|kubernetes]")
        .after_long_help(EXIT_CODES)
        .arg(Arg::new("feature").value_name("feature").required(true).help(concat!(
            "The file-name slug of the documents: [a-z][a-z0-9_]*, not a Rust\n",
            "keyword, not already used"
        )))
        .arg(
            Arg::new("platform")
                .long("platform")
                .value_name("PLATFORM")
                .value_parser(clap::builder::PossibleValuesParser::new(Platform::ALL.map(Platform::name)))
                .default_value(Platform::Systemd.name())
                .help("What the service runs on: the skeleton's commands and the parts it has"),
        )
}

/// What a service runs on: which skeleton `new` starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Systemd,
    Kubernetes,
}

impl Platform {
    pub const ALL: [Platform; 2] = [Platform::Systemd, Platform::Kubernetes];

    pub fn name(self) -> &'static str {
        match self {
            Platform::Systemd => "systemd",
            Platform::Kubernetes => "kubernetes",
        }
    }

    /// The skeleton, with `__FEATURE__`, `__TITLE__`, `__SLUG__` and `__UPDATED__` to fill in.
    fn skeleton(self) -> &'static str {
        match self {
            Platform::Systemd => include_str!("skeleton/systemd.rs.txt"),
            Platform::Kubernetes => include_str!("skeleton/kubernetes.rs.txt"),
        }
    }
}

const MODULES: (&str, &str) = ("// features: modules", "// end features: modules");
const REGISTRY: (&str, &str) = ("// features: registry", "// end features: registry");

pub fn run(m: &ArgMatches) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let feature = m.get_one::<String>("feature").cloned().unwrap_or_default();
    validate_name(&feature)?;
    let platform = m.get_one::<String>("platform").map(String::as_str).unwrap_or(Platform::Systemd.name());
    // clap accepts only the names of `Platform::ALL`.
    let platform = Platform::ALL
        .into_iter()
        .find(|p| p.name() == platform)
        .ok_or_else(|| Usage(format!("unknown platform `{platform}`: use systemd or kubernetes")))?;

    let root = crate::workspace_root()?;
    let rel = format!("runbooks/src/{feature}.rs");
    let file = root.join(&rel);
    let lib_path = root.join("runbooks/src/lib.rs");
    if runbooks::ALL.iter().any(|rb| rb.feature == feature) {
        return Err(Usage(format!("feature `{feature}` already exists; pick another name or edit {rel}")).into());
    }
    if file.exists() {
        return Err(Usage(format!("{rel} already exists; pick another name or edit that file")).into());
    }
    let lib = std::fs::read_to_string(&lib_path).map_err(|e| format!("{}: {e}", lib_path.display()))?;
    let registered = register(&lib, &feature)?;

    write_atomic(&file, skeleton(platform, &feature, today()).as_bytes())?;
    if let Err(e) = write_atomic(&lib_path, registered.as_bytes()) {
        // Leave nothing half done: an unregistered file would just confuse the next run.
        let _ = std::fs::remove_file(&file);
        return Err(e.into());
    }
    out!("created  {rel} (a {} skeleton)", platform.name());
    out!("updated  runbooks/src/lib.rs (registered `{feature}`)");
    out!();
    out!("next: replace the commands under each `// REPLACE:` comment in {rel}, then run");
    out!("    cargo xtask docs");
    Ok(ExitCode::SUCCESS)
}

/// Rust's keywords, strict and reserved: a module cannot be named after them.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
    "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names that are legal but already mean something in the `runbooks` crate.
const TAKEN: &[&str] = &["common", "lib", "std", "core", "alloc", "runbook_dsl"];

fn validate_name(name: &str) -> Result<(), Usage> {
    let mut chars = name.chars();
    let slug = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !slug {
        return Err(Usage(format!(
            "invalid feature name `{name}`: use lowercase letters, digits and `_`, starting with a letter ([a-z][a-z0-9_]*), e.g. `payments` or `order_api`"
        )));
    }
    if KEYWORDS.contains(&name) {
        return Err(Usage(format!("invalid feature name `{name}`: it is a Rust keyword; try `{name}_service`")));
    }
    if TAKEN.contains(&name) {
        return Err(Usage(format!("invalid feature name `{name}`: the runbooks crate already uses it; pick another")));
    }
    Ok(())
}

/// The skeleton of `platform` for `feature`, dated `updated`.
pub fn skeleton(platform: Platform, feature: &str, updated: Date) -> String {
    platform
        .skeleton()
        .replace("__FEATURE__", feature)
        .replace("__TITLE__", &title(feature))
        .replace("__SLUG__", &feature.replace('_', "-"))
        .replace("__UPDATED__", &updated.to_string())
}

/// `order_api` -> `Order API`.
fn title(feature: &str) -> String {
    const ACRONYMS: &[&str] = &["api", "db", "ui", "id", "http", "sso", "dns", "cdn", "sms", "sql", "ml"];
    feature
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if ACRONYMS.contains(&w) {
                return w.to_ascii_uppercase();
            }
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `lib` with `feature` added to the module list and to the registry, each at
/// its sorted place; other lines are left as they are.
fn register(lib: &str, feature: &str) -> Result<String, Usage> {
    let lines: Vec<&str> = lib.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    // The registry comes after the modules in the file: insert there first so
    // that the modules' line numbers stay valid.
    for ((open, close), entry) in
        [(REGISTRY, format!("&{feature}::RUNBOOK,")), (MODULES, format!("pub mod {feature};"))]
    {
        let start = lines.iter().position(|l| l.trim_start().starts_with(open));
        let end = lines.iter().position(|l| l.trim() == close);
        let (Some(start), Some(end)) = (start, end) else {
            return Err(Usage(format!(
                "runbooks/src/lib.rs lacks the marker comments `{open}` ... `{close}`; restore them around the list"
            )));
        };
        if end <= start {
            return Err(Usage(format!("runbooks/src/lib.rs: `{close}` comes before `{open}`")));
        }
        let indent: String = lines[start].chars().take_while(|c| c.is_whitespace()).collect();
        let name_of = |line: &str| -> String {
            let t = line.trim().trim_start_matches("pub mod ").trim_start_matches('&');
            t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or("").to_string()
        };
        let body = &lines[start + 1..end];
        if body.iter().any(|l| name_of(l) == feature) {
            return Err(Usage(format!("feature `{feature}` is already registered in runbooks/src/lib.rs")));
        }
        let at = body
            .iter()
            .position(|l| !l.trim().starts_with("//") && name_of(l).as_str() > feature)
            .map_or(end, |i| start + 1 + i);
        out.insert(at, format!("{indent}{entry}"));
    }
    let mut text = out.join("\n");
    if lib.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIB: &str = "\
use runbook_dsl::Runbook;

pub mod common;

// features: modules (kept sorted by `cargo xtask new`)
pub mod auth_service;
pub mod knowledge_api;
// end features: modules

pub static ALL: &[&Runbook] = &[
    // features: registry
    &auth_service::RUNBOOK,
    &knowledge_api::RUNBOOK,
    // end features: registry
];
";

    #[test]
    fn registers_in_sorted_place_in_both_lists() {
        let out = register(LIB, "job_worker").expect("registered");
        assert!(out.contains("pub mod auth_service;\npub mod job_worker;\npub mod knowledge_api;\n"), "{out}");
        assert!(
            out.contains("    &auth_service::RUNBOOK,\n    &job_worker::RUNBOOK,\n    &knowledge_api::RUNBOOK,\n"),
            "{out}"
        );
        let last = register(LIB, "zeta").expect("registered");
        assert!(last.contains("pub mod zeta;\n// end features: modules"), "{last}");
        assert!(last.contains("    &zeta::RUNBOOK,\n    // end features: registry"), "{last}");
        let first = register(LIB, "a").expect("registered");
        assert!(first.contains("sorted by `cargo xtask new`)\npub mod a;\npub mod auth_service;"), "{first}");
    }

    #[test]
    fn refuses_a_registered_feature_and_missing_markers() {
        assert!(register(LIB, "auth_service").is_err());
        assert!(register(&LIB.replace("// end features: registry", ""), "payments").is_err());
    }

    #[test]
    fn validates_names() {
        for ok in ["payments", "order_api", "a1"] {
            assert!(validate_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "Payments", "1abc", "order-api", "_x", "mod", "type", "async", "common", "lib", "naïve"] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn titles() {
        assert_eq!(title("payments"), "Payments");
        assert_eq!(title("order_api"), "Order API");
    }

    const DAY: Date = Date { year: 2026, month: 3, day: 9 };

    #[test]
    fn skeleton_is_filled_in_and_marks_what_to_replace() {
        for platform in Platform::ALL {
            let src = skeleton(platform, "order_api", DAY);
            assert!(!src.contains("__"), "a template token is left:\n{src}");
            assert!(src.contains("feature: order_api,"));
            assert!(src.contains("title: \"Order API\","));
            assert!(src.contains("updated: 2026-03-09,"));
            // A `// REPLACE:` comment above every section the author must fill in.
            let replace = src.matches("// REPLACE:").count();
            assert!(replace >= 12, "{platform:?}: only {replace} REPLACE comments");
        }
        assert!(skeleton(Platform::Systemd, "order_api", DAY).contains("unit = \"order-api\""));
    }

    /// Each skeleton fits its platform: no systemd in a Kubernetes runbook,
    /// no kubectl in a systemd one, and what Kubernetes does for the service
    /// declared `none(...)` rather than invented.
    #[test]
    fn skeletons_fit_their_platform() {
        let k8s = skeleton(Platform::Kubernetes, "order_api", DAY);
        assert!(!k8s.contains("systemctl") && !k8s.contains("journalctl"), "{k8s}");
        assert!(k8s.contains("service { none(") && k8s.contains("logrotate none("), "{k8s}");
        // Logs are the containers' output, read with kubectl.
        assert!(k8s.contains(": kubectl \"deployment/{app}"), "{k8s}");
        assert!(k8s.contains("kubectl --context {context}"));
        let vm = skeleton(Platform::Systemd, "order_api", DAY);
        assert!(!vm.contains("kubectl") && vm.contains("systemctl"));
    }

    /// Each skeleton passes every rule of `runbook!`: run the macro's engine on it.
    #[test]
    fn skeleton_passes_every_rule_of_the_macro() {
        for platform in Platform::ALL {
            passes_the_macro(&skeleton(platform, "order_api", DAY));
        }
    }

    fn passes_the_macro(src: &str) {
        let start = src.find("runbook! {").expect("runbook! call") + "runbook! ".len();
        let end = src.rfind("};").expect("end of the call") + 1;
        let tokens: proc_macro2::TokenStream = src[start..end].parse().expect("tokens");
        let inner = match tokens.into_iter().next() {
            Some(proc_macro2::TokenTree::Group(g)) => g.stream(),
            other => panic!("expected the macro's braces, got {other:?}"),
        };
        if let Err(errors) = runbook_macros_core::analyse(inner) {
            let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("the skeleton breaks the rules:\n{}", msgs.join("\n"));
        }
    }
}
