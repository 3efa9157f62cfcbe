//! Placeholders: `{name}` resolved against the runbook's vars and each
//! environment's vars; a var may itself use other vars (`vars`).
//!
//! `{{` and `}}` stand for literal braces, as in `format!`, so a shell's
//! `${HOME}` is written `${{HOME}}`.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::ast::Runbook;

pub mod vars;

/// The built-in placeholder that names the environment (`production`, ...).
pub const ENV_VAR: &str = "env";

#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    Lit(&'a str),
    Var(&'a str),
}

/// True if `text` holds a `{` or `}`: only then can it hold a placeholder.
pub fn has_braces(text: &str) -> bool {
    next_brace(text.as_bytes(), 0).is_some()
}

/// The index of the first `{` or `}` in `bytes` from `from` on. Every text of
/// a runbook is searched, several times, and most hold none: eight bytes at
/// a time, with the classic test for a zero byte in a word.
fn next_brace(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w & HIGHS != 0;
    let is_brace = |b: &u8| *b == b'{' || *b == b'}';
    let rest = bytes.get(from..)?;
    let mut words = rest.chunks_exact(8);
    let mut at = from;
    for chunk in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else { break };
        let w = u64::from_ne_bytes(word);
        if zero_byte(w ^ u64::from_ne_bytes([b'{'; 8])) || zero_byte(w ^ u64::from_ne_bytes([b'}'; 8])) {
            return chunk.iter().position(is_brace).map(|i| at + i);
        }
        at += 8;
    }
    words.remainder().iter().position(is_brace).map(|i| at + i)
}

/// Splits a string into literal text and placeholders.
pub fn pieces(s: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    each_piece(s, |p| out.push(p))?;
    Ok(out)
}

/// Calls `f` with each non-empty piece of `s`, in order, without collecting them.
pub fn each_piece<'s>(s: &'s str, mut f: impl FnMut(Piece<'s>)) -> Result<(), String> {
    // Empty literal pieces are left out.
    let mut emit = |p: Piece<'s>| {
        if p != Piece::Lit("") {
            f(p);
        }
    };
    let bytes = s.as_bytes();
    let (mut i, mut lit_start) = (0, 0);
    // From brace to brace: the text between them is literal.
    while let Some(at) = next_brace(bytes, i) {
        i = at;
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                emit(Piece::Lit(&s[lit_start..=i]));
                i += 2;
                lit_start = i;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                emit(Piece::Lit(&s[lit_start..=i]));
                i += 2;
                lit_start = i;
            }
            b'{' => {
                // A byte loop: a name is a few bytes, shorter than a `find` sets up.
                let Some(len) = bytes[i + 1..].iter().position(|&b| b == b'}') else {
                    return Err("a `{` is never closed; write `{{` for a literal brace".into());
                };
                let name = &s[i + 1..i + 1 + len];
                if !is_name(name) {
                    return Err(format!(
                        "`{{{name}}}` is not a placeholder name; write `{{{{` and `}}}}` for literal braces"
                    ));
                }
                emit(Piece::Lit(&s[lit_start..i]));
                emit(Piece::Var(name));
                i += len + 2;
                lit_start = i;
            }
            b'}' => return Err("a lone `}`; write `}}` for a literal brace".into()),
            // Not reached: `next_brace` stops at braces only.
            _ => i += 1,
        }
    }
    emit(Piece::Lit(&s[lit_start..]));
    Ok(())
}

pub(crate) fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The values placeholders resolve to, every var already resolved (see `vars`).
#[derive(Debug, Default)]
pub struct Scope {
    /// The runbook's vars that read no environment's value.
    pub vars: BTreeMap<String, String>,
    pub envs: Vec<EnvScope>,
    /// The runbook's vars that read an environment's value: resolved in each environment's `vars`.
    pub per_env_globals: BTreeSet<String>,
    /// What is wrong with the vars' values, for R6.
    pub var_problems: Vec<vars::VarProblem>,
}

#[derive(Debug)]
pub struct EnvScope {
    pub id: String,
    /// The environment's own vars and the per-environment runbook vars, resolved in it.
    pub vars: BTreeMap<String, String>,
}

/// Where a placeholder name resolves.
#[derive(Debug, PartialEq)]
pub enum Resolution {
    Global,
    /// Defined by every environment, or a var that reads such a value.
    PerEnv,
    /// Defined by some environments only: these lack it.
    Missing(Vec<String>),
    Unknown,
}

impl Scope {
    pub fn new(rb: &Runbook) -> Self {
        let defs = vars::defs(rb);
        let ids: Vec<&str> = rb.environments.iter().flatten().map(|e| e.id.value.as_str()).collect();
        let resolved = vars::resolve(&defs, &ids);
        Scope {
            vars: resolved.global,
            envs: ids.iter().zip(resolved.envs).map(|(id, vars)| EnvScope { id: id.to_string(), vars }).collect(),
            per_env_globals: resolved.per_env_globals,
            var_problems: resolved.problems,
        }
    }

    pub fn resolve(&self, name: &str) -> Resolution {
        if self.vars.contains_key(name) {
            return Resolution::Global;
        }
        // Its problems, if any, are reported on its value.
        if self.per_env_globals.contains(name) {
            return Resolution::PerEnv;
        }
        if name == ENV_VAR && !self.envs.is_empty() {
            return Resolution::PerEnv;
        }
        let lacking: Vec<String> =
            self.envs.iter().filter(|e| !e.vars.contains_key(name)).map(|e| e.id.clone()).collect();
        if self.envs.is_empty() || lacking.len() == self.envs.len() {
            Resolution::Unknown
        } else if lacking.is_empty() {
            Resolution::PerEnv
        } else {
            Resolution::Missing(lacking)
        }
    }

    /// Every name a placeholder may use, for "did you mean".
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.vars.keys().map(String::as_str).collect();
        for env in &self.envs {
            names.extend(env.vars.keys().map(String::as_str).filter(|n| !self.per_env_globals.contains(*n)));
        }
        names.extend(self.per_env_globals.iter().map(String::as_str));
        if !self.envs.is_empty() {
            names.push(ENV_VAR);
        }
        names.sort_unstable();
        names.dedup();
        names
    }
    /// True when the text reads a per-environment value.
    pub fn env_dependent(&self, text: &str) -> bool {
        let mut dependent = false;
        if has_braces(text) {
            let _ = each_piece(text, |p| {
                dependent |= matches!(p, Piece::Var(name) if self.resolve(name) != Resolution::Global);
            });
        }
        dependent
    }

    /// The text with placeholders substituted, in environment `env` (index into `envs`).
    /// Descriptive text passes `None` and reads the first (primary) environment.
    pub fn substitute<'t>(&self, text: &'t str, env: Option<usize>) -> Cow<'t, str> {
        // Most texts hold no placeholder at all: they are shown as written.
        if !has_braces(text) {
            return Cow::Borrowed(text);
        }
        let env = self.envs.get(env.unwrap_or(0));
        let mut out = String::with_capacity(text.len() + 32);
        let split = each_piece(text, |piece| match piece {
            Piece::Lit(s) => out.push_str(s),
            Piece::Var(name) => {
                let value = self.vars.get(name).map(String::as_str).or_else(|| {
                    let env = env?;
                    if name == ENV_VAR && !env.vars.contains_key(name) {
                        return Some(env.id.as_str());
                    }
                    env.vars.get(name).map(String::as_str)
                });
                match value {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
            }
        });
        if split.is_err() {
            return Cow::Borrowed(text);
        }
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::{has_braces, pieces, Piece};

    #[test]
    fn braces_are_found_at_every_offset_and_nowhere_else() {
        let lead = "本番 systemctl status app-0000 ";
        for brace in ["{", "}", ""] {
            for at in 0..lead.len() + 1 {
                let Some((before, after)) = lead.split_at_checked(at) else { continue };
                let text = format!("{before}{brace}{after}");
                assert_eq!(has_braces(&text), !brace.is_empty(), "{text:?}");
            }
        }
        // Bytes one away from a brace, and high bytes that borrow in the word test.
        for text in [
            "zzzz|||||zzz~~~",
            "\x7c\x7e\x7a\x7b",
            "\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}{",
            "ÿÿÿÿÿÿÿÿÿ",
            "\u{7f}\u{80}z|~z|~",
        ] {
            assert_eq!(has_braces(text), text.bytes().any(|b| b == b'{' || b == b'}'), "{text:?}");
        }
    }

    #[test]
    fn splits_placeholders_and_escapes() {
        assert_eq!(
            pieces("df -h {root} ${{HOME}}").unwrap(),
            vec![Piece::Lit("df -h "), Piece::Var("root"), Piece::Lit(" ${"), Piece::Lit("HOME}")]
        );
        // Longer than a word of eight bytes between the braces, and a brace in the last bytes.
        assert_eq!(
            pieces("sudo journalctl -u {unit} --since today | grep -c {{error}} > /tmp/{unit}").unwrap(),
            vec![
                Piece::Lit("sudo journalctl -u "),
                Piece::Var("unit"),
                Piece::Lit(" --since today | grep -c {"),
                Piece::Lit("error}"),
                Piece::Lit(" > /tmp/"),
                Piece::Var("unit"),
            ]
        );
        assert!(pieces("a long text that ends with an open brace {").is_err());
        assert!(pieces("a long text that ends with a lone brace }").is_err());
    }

    #[test]
    fn rejects_stray_braces() {
        assert!(pieces("awk '{print $1}'").is_err());
        assert!(pieces("a } b").is_err());
        assert!(pieces("{open").is_err());
    }
}
