//! Synthetic runbooks: `runbooks/src/knowledge_api.rs` rewritten N times, each
//! with its own feature, title, paths, ids, versions, dates and thresholds.
//!
//! The rewrite is deterministic (a counter-seeded generator) and keeps every
//! rule of the macro: ids stay unique within a runbook because every renamed id
//! gets a numeric suffix, references (`see`, `when`) are renamed with the ids
//! they name, and thresholds are scaled by one factor per metric so that the
//! bands stay contiguous and ordered.

use std::collections::BTreeMap;

/// Ids of knowledge_api that are renamed in each copy: metrics, alerts,
/// troubleshooting entries and maintenance tasks. (`backup` and the log ids
/// are left alone: `backup` is also a section keyword.)
const RENAMED_IDS: &[&str] = &[
    // metrics and their groups
    "system",
    "application",
    "database",
    "cpu",
    "memory",
    "disk",
    "latency_p95",
    "error_rate",
    "requests",
    "connections",
    "query_p95",
    "deadlocks",
    // alerts
    "critical_error",
    "high_cpu",
    "disk_full",
    "slow_query",
    // troubleshooting entries
    "service_start_failure",
    "db_connection",
    "auth_error",
    "high_error_rate",
    // maintenance tasks
    "error_review",
    "security_scan",
    "disk_usage",
    "analyze",
    "cert_expiry",
    "outdated",
    "vacuum",
];

const FIRST: &[&str] = &["Mirai", "Aozora", "Hikari", "Sakura", "Kaze", "Tsuki", "Umi", "Yama", "Hoshi", "Mori"];
const SECOND: &[&str] =
    &["Knowledge", "Billing", "Search", "Catalog", "Ledger", "Notify", "Media", "Identity", "Order"];
const THIRD: &[&str] = &["API", "Service", "Gateway", "Backend", "Platform"];

/// A small deterministic generator (SplitMix64), seeded by the runbook's number.
#[derive(Debug)]
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len() as u64) as usize]
    }
}

/// One synthetic runbook.
#[derive(Debug, Clone)]
pub struct Synthetic {
    /// The feature slug, also the module and file name.
    pub feature: String,
    /// The title: unique, plain ASCII, found once in the source.
    pub title: String,
    /// The complete source file.
    pub source: String,
}

/// The feature slug of runbook number `i`.
pub fn feature(i: usize) -> String {
    format!("svc_{i:04}")
}

/// Runbook number `i`, derived from the text of knowledge_api.rs.
pub fn synthesize(template: &str, i: usize) -> Synthetic {
    let mut rng = Seeded(0x5EED_0000 + i as u64);
    let feature = feature(i);
    let title = format!("{} {} {} {i:04}", rng.pick(FIRST), rng.pick(SECOND), rng.pick(THIRD));
    let dashed = title.to_lowercase().replace(' ', "-");
    let short = format!("s{i:04}");

    // Ids: one numeric suffix per id, so that every copy has its own anchors.
    let ids: BTreeMap<&str, String> =
        RENAMED_IDS.iter().map(|id| (*id, format!("{id}_{}", rng.below(90) + 10))).collect();
    let mut text = rename_idents(template, &|word| match word {
        "knowledge_api" => Some(feature.clone()),
        other => ids.get(other).cloned(),
    });

    // Texts: the service's name, paths, units, database and chat channel.
    text = replace_line_starting(
        &text,
        "//! Mirai Knowledge",
        &format!("//! {title}: a synthetic runbook for `cargo xtask bench`,"),
    );
    text = replace_line_starting(&text, "//! Flask, PostgreSQL", "//! derived from knowledge_api.rs.");
    text = text
        .replace("/tmp/mirai-", &format!("/tmp/{short}-"))
        .replace("mks", &short)
        .replace("mirai-knowledge-systems", &dashed)
        .replace("mirai-knowledge-app", &format!("{dashed}-app"))
        .replace("Mirai Knowledge API", &title);

    // Header values.
    let (month, day) = (rng.below(12) + 1, rng.below(28) + 1);
    text = replace_line_starting(&text, "    updated: ", &format!("    updated: 2026-{month:02}-{day:02},"));
    text = replace_line_starting(&text, "    version: ", &format!("    version: \"1.{}\",", rng.below(20)));
    text = replace_line_starting(&text, "        port = ", &format!("        port = {},", 9000 + i % 1000));

    // Thresholds: every number of a metric line scaled by one factor in [1.00, 1.10].
    let mut out = String::with_capacity(text.len() + 256);
    let mut in_monitoring = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("    monitoring {") {
            in_monitoring = true;
        } else if in_monitoring && line.starts_with("    }") {
            in_monitoring = false;
        }
        match line.find("\":").filter(|_| in_monitoring && line.trim_end().ends_with(';')) {
            Some(at) => {
                let factor = 100 + rng.below(11);
                out.push_str(&line[..at + 2]);
                out.push_str(&scale_numbers(&line[at + 2..], factor));
            }
            None => out.push_str(line),
        }
    }
    Synthetic { feature, title, source: out }
}

/// Replaces the whole line that starts with `prefix` (the first one) by `with`.
fn replace_line_starting(text: &str, prefix: &str, with: &str) -> String {
    let mut done = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !done && line.starts_with(prefix) {
            done = true;
            out.push_str(with);
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Every run of digits `v` becomes `v * factor / 100`: order and equality are kept.
fn scale_numbers(text: &str, factor: u64) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            let v: u64 = digits.parse().unwrap_or(0);
            out.push_str(&(v * factor / 100).to_string());
            digits.clear();
        }
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

/// Renames identifiers outside string literals and comments.
fn rename_idents(src: &str, rename: &dyn Fn(&str) -> Option<String>) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len() + 512);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            let end = chars[i..].iter().position(|&c| c == '\n').map_or(chars.len(), |p| i + p);
            out.extend(&chars[i..end]);
            i = end;
        } else if c == '"' {
            let end = string_end(&chars, i + 1, 0);
            out.extend(&chars[i..end]);
            i = end;
        } else if c == 'r' && matches!(chars.get(i + 1), Some('#' | '"')) && !ident_char(chars.get(i.wrapping_sub(1))) {
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            let end = string_end(&chars, i + 2 + hashes, hashes);
            out.extend(&chars[i..end]);
            i = end;
        } else if (c.is_ascii_alphabetic() || c == '_') && !ident_char(chars.get(i.wrapping_sub(1))) {
            let len = chars[i..].iter().take_while(|c| ident_char(Some(c))).count();
            let word: String = chars[i..i + len].iter().collect();
            out.push_str(&rename(&word).unwrap_or(word));
            i += len;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_char(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
}

/// The index just past the closing quote of a string whose body starts at `from`;
/// `hashes` > 0 for a raw string (no escapes).
fn string_end(chars: &[char], from: usize, hashes: usize) -> usize {
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '\\' if hashes == 0 => i += 2,
            '"' if chars[i + 1..].iter().take(hashes).filter(|&&c| c == '#').count() == hashes => {
                return i + 1 + hashes;
            }
            _ => i += 1,
        }
    }
    chars.len()
}

/// The delimiter-free raw string literal of `text`: `r####"..."####` with
/// enough `#` that no `"#...` inside closes it early.
pub fn raw_string(text: &str) -> String {
    let mut longest = 0;
    let mut run: Option<usize> = None;
    for c in text.chars() {
        run = match (c, run) {
            ('"', _) => Some(0),
            ('#', Some(n)) => Some(n + 1),
            _ => None,
        };
        longest = longest.max(run.unwrap_or(0));
    }
    let hashes = "#".repeat((longest + 1).max(4));
    format!("r{hashes}\"{text}\"{hashes}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = include_str!("../../../runbooks/src/knowledge_api.rs");

    #[test]
    fn copies_differ_and_are_deterministic() {
        let a = synthesize(TEMPLATE, 1);
        let b = synthesize(TEMPLATE, 2);
        assert_eq!(a.source, synthesize(TEMPLATE, 1).source);
        assert_ne!(a.source, b.source);
        assert!(a.source.contains("feature: svc_0001,"));
        assert_eq!(a.source.matches(&format!("title: \"{}\"", a.title)).count(), 1);
        assert!(!a.source.contains("feature: knowledge_api") && !a.source.contains("mks"));
    }

    #[test]
    fn copies_pass_the_macro_checks() {
        for i in [0, 1, 7, 42, 999] {
            let tokens = super::super::expansion::invocation(&synthesize(TEMPLATE, i).source).unwrap();
            if let Err(errors) = runbook_macros_core::analyse(tokens) {
                panic!("copy {i}: {}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "));
            }
        }
    }

    #[test]
    fn ids_are_renamed_outside_strings_only() {
        let s = rename_idents(r##"cpu "cpu" r#"cpu"# high_cpu // cpu"##, &|w| (w == "cpu").then(|| "x".to_string()));
        assert_eq!(s, r##"x "cpu" r#"cpu"# high_cpu // cpu"##);
    }

    #[test]
    fn thresholds_keep_their_order() {
        assert_eq!(
            scale_numbers(" normal < 70%, warning 70%..85%, critical > 85%;", 110),
            " normal < 77%, warning 77%..93%, critical > 93%;"
        );
        assert_eq!(scale_numbers(" normal == 0/day, warning 1..3/day;", 105), " normal == 0/day, warning 1..3/day;");
    }

    #[test]
    fn raw_strings_outlast_their_content() {
        assert_eq!(raw_string("a"), "r####\"a\"####");
        assert_eq!(raw_string("x \"#####y"), "r######\"x \"#####y\"######");
    }
}
