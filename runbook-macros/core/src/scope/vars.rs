//! Vars that use other vars: `unit = "{app}-{worker}"`, where `worker` may
//! be an environment's value. Each var is resolved once, in each context it
//! can be read in (the runbook, or one environment), and every problem of a
//! var's value (an unknown name, a name some environment lacks, a cycle) is
//! recorded against the value that holds the reference, for R6 to report.
//!
//! A var's value is verbatim except for `{name}` references: `{{`, `}}` and
//! a brace around anything but a name (`{.items}`, `{{range .x}}`) are kept
//! as written, so a Go template or a jsonpath needs no doubled braces.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::Span;

use super::{is_name, ENV_VAR};
use crate::ast::Runbook;

/// A piece of a var's value: text kept as written, or a reference.
#[derive(Debug, PartialEq)]
pub enum ValuePiece<'a> {
    Lit(&'a str),
    Ref(&'a str),
}

/// Splits a var's value into verbatim text and `{name}` references; never fails.
pub fn value_pieces(s: &str) -> Vec<ValuePiece<'_>> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let (mut i, mut lit_start) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'{' {
            i += 1;
            continue;
        }
        // `{{` opens a template's action, never a reference: kept whole.
        if bytes.get(i + 1) == Some(&b'{') {
            i += 2;
            continue;
        }
        match s[i + 1..].find('}').map(|len| &s[i + 1..i + 1 + len]) {
            Some(name) if is_name(name) => {
                if lit_start < i {
                    out.push(ValuePiece::Lit(&s[lit_start..i]));
                }
                out.push(ValuePiece::Ref(name));
                i += name.len() + 2;
                lit_start = i;
            }
            _ => i += 1,
        }
    }
    if lit_start < s.len() {
        out.push(ValuePiece::Lit(&s[lit_start..]));
    }
    out
}

impl Def {
    /// The value's pieces: all literal for `raw("...")`.
    pub fn pieces(&self) -> Vec<ValuePiece<'_>> {
        match self.verbatim {
            true => vec![ValuePiece::Lit(&self.raw)],
            false => value_pieces(&self.raw),
        }
    }
}

/// Where a var is declared: the runbook's `vars`, or environment `i`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Home {
    Runbook,
    Env(usize),
}

/// One declared var, as written.
#[derive(Debug)]
pub struct Def {
    pub home: Home,
    pub name: String,
    pub raw: String,
    /// `raw("...")`: the whole value is literal text.
    pub verbatim: bool,
    pub span: Span,
}

/// What is wrong with one var's value.
#[derive(Debug, PartialEq)]
pub enum Problem {
    /// `{name}` names nothing the var can read.
    Unknown { name: String },
    /// `{name}` is an environment's value that these environments lack.
    Missing { name: String, envs: Vec<String> },
    /// The var reaches itself: the names in order, the first repeated last.
    Cycle { path: Vec<String> },
}

/// A problem and the value it is reported on.
#[derive(Debug)]
pub struct VarProblem {
    /// The var whose value holds the reference.
    pub var: String,
    pub span: Span,
    pub problem: Problem,
}

/// Every var, resolved in every context it is read in.
#[derive(Debug, Default)]
pub struct Resolved {
    /// The runbook's vars that read no environment's value, resolved.
    pub global: BTreeMap<String, String>,
    /// The runbook's vars that read an environment's value (directly or through another var).
    pub per_env_globals: BTreeSet<String>,
    /// Per environment: its own vars and the per-environment runbook vars, resolved there.
    pub envs: Vec<BTreeMap<String, String>>,
    pub problems: Vec<VarProblem>,
}

/// The declarations, first one of each name in each home (a duplicate is R2's error).
struct Decls<'a> {
    defs: &'a [Def],
    global: BTreeMap<&'a str, usize>,
    env: Vec<BTreeMap<&'a str, usize>>,
    env_ids: Vec<&'a str>,
}

impl<'a> Decls<'a> {
    /// The definition `{name}` reads from a var declared in `home`, when reading in `ctx`
    /// (`None`: the runbook, where environments' values are not yet known).
    fn lookup(&self, name: &str, ctx: Option<usize>) -> Option<usize> {
        self.global.get(name).or_else(|| ctx.and_then(|i| self.env[i].get(name))).copied()
    }
}

/// Collects the declarations of `rb`, in source order.
pub fn defs(rb: &Runbook) -> Vec<Def> {
    let global = rb.vars.iter().flatten().map(|v| (Home::Runbook, v));
    let env =
        rb.environments.iter().flatten().enumerate().flat_map(|(i, e)| e.vars.iter().map(move |v| (Home::Env(i), v)));
    global
        .chain(env)
        .map(|(home, v)| Def {
            home,
            name: v.name.value.clone(),
            raw: v.value.value.clone(),
            verbatim: v.verbatim,
            span: v.value.span,
        })
        .collect()
}

/// Resolves every var of `defs` for environments `env_ids`.
pub fn resolve(defs: &[Def], env_ids: &[&str]) -> Resolved {
    let mut decls =
        Decls { defs, global: BTreeMap::new(), env: vec![BTreeMap::new(); env_ids.len()], env_ids: env_ids.to_vec() };
    for (i, d) in defs.iter().enumerate() {
        let map = match d.home {
            Home::Runbook => &mut decls.global,
            Home::Env(e) => &mut decls.env[e],
        };
        map.entry(d.name.as_str()).or_insert(i);
    }
    let mut out = Resolved { envs: vec![BTreeMap::new(); env_ids.len()], ..Resolved::default() };
    problems(&decls, &mut out.problems);
    let cyclic: BTreeSet<usize> = cycles(&decls, &mut out.problems);
    for (name, &i) in &decls.global {
        if reaches_env(&decls, i, &mut BTreeSet::new()) && !env_ids.is_empty() {
            out.per_env_globals.insert((*name).to_string());
        } else {
            out.global.insert((*name).to_string(), value(&decls, i, None, &cyclic, 0));
        }
    }
    for (e, own) in decls.env.iter().enumerate() {
        let per_env = out.per_env_globals.iter().filter_map(|g| decls.global.get(g.as_str()));
        for &i in own.values().chain(per_env) {
            let v = value(&decls, i, Some(e), &cyclic, 0);
            out.envs[e].insert(defs[i].name.clone(), v);
        }
    }
    out
}

/// True when var `i` reads an environment's value, directly or through other vars.
fn reaches_env(decls: &Decls, i: usize, seen: &mut BTreeSet<usize>) -> bool {
    if !seen.insert(i) {
        return false;
    }
    decls.defs[i].pieces().iter().any(|p| match p {
        ValuePiece::Lit(_) => false,
        ValuePiece::Ref(name) => match decls.global.get(name) {
            Some(&j) => reaches_env(decls, j, seen),
            None => decls.env.iter().any(|e| e.contains_key(name)) || *name == ENV_VAR,
        },
    })
}

/// The unknown and missing names of each var's value, each reported once per value.
fn problems(decls: &Decls, out: &mut Vec<VarProblem>) {
    let n_envs = decls.env.len();
    for d in decls.defs {
        let mut reported = BTreeSet::new();
        for p in d.pieces() {
            let ValuePiece::Ref(name) = p else { continue };
            if decls.global.contains_key(name) || !reported.insert(name) {
                continue;
            }
            let problem = match d.home {
                Home::Env(e) if decls.env[e].contains_key(name) || name == ENV_VAR => continue,
                Home::Env(_) => match decls.env.iter().any(|e| e.contains_key(name)) {
                    true => {
                        Problem::Missing { name: name.to_string(), envs: vec![decls.env_ids[env_of(d)].to_string()] }
                    }
                    false => Problem::Unknown { name: name.to_string() },
                },
                Home::Runbook if name == ENV_VAR && n_envs > 0 => continue,
                Home::Runbook => {
                    let lacking: Vec<String> = (0..n_envs)
                        .filter(|&e| !decls.env[e].contains_key(name))
                        .map(|e| decls.env_ids[e].to_string())
                        .collect();
                    match lacking.len() {
                        0 => continue,
                        l if l == n_envs => Problem::Unknown { name: name.to_string() },
                        _ => Problem::Missing { name: name.to_string(), envs: lacking },
                    }
                }
            };
            out.push(VarProblem { var: d.name.clone(), span: d.span, problem });
        }
    }
}

fn env_of(d: &Def) -> usize {
    match d.home {
        Home::Env(e) => e,
        Home::Runbook => 0,
    }
}

/// Every cycle, reported once on the value of its first var in source order;
/// returns the vars on a cycle, which resolve to their text as written.
fn cycles(decls: &Decls, out: &mut Vec<VarProblem>) -> BTreeSet<usize> {
    let mut on_cycle = BTreeSet::new();
    let mut reported: BTreeSet<Vec<usize>> = BTreeSet::new();
    // A cycle through an environment's vars exists only in that environment.
    let contexts = std::iter::once(None).chain((0..decls.env.len()).map(Some));
    for ctx in contexts {
        for start in 0..decls.defs.len() {
            let visible = match decls.defs[start].home {
                Home::Runbook => decls.global.get(decls.defs[start].name.as_str()) == Some(&start),
                Home::Env(e) => Some(e) == ctx && decls.env[e].get(decls.defs[start].name.as_str()) == Some(&start),
            };
            if !visible {
                continue;
            }
            let mut path = vec![start];
            if let Some(cycle) = find_cycle(decls, ctx, &mut path) {
                let mut key = cycle.clone();
                key.sort_unstable();
                on_cycle.extend(cycle.iter().copied());
                // Reported at its first var in source order, once.
                if key[0] == start && reported.insert(key) {
                    let mut names: Vec<String> = cycle.iter().map(|&i| decls.defs[i].name.clone()).collect();
                    names.push(decls.defs[start].name.clone());
                    let d = &decls.defs[start];
                    out.push(VarProblem { var: d.name.clone(), span: d.span, problem: Problem::Cycle { path: names } });
                }
            }
        }
    }
    on_cycle
}

/// A cycle back to `path[0]` from the last var of `path`, depth first.
fn find_cycle(decls: &Decls, ctx: Option<usize>, path: &mut Vec<usize>) -> Option<Vec<usize>> {
    let last = *path.last()?;
    for p in decls.defs[last].pieces() {
        let ValuePiece::Ref(name) = p else { continue };
        let Some(next) = decls.lookup(name, ctx) else { continue };
        if next == path[0] {
            return Some(path.clone());
        }
        if path.contains(&next) {
            continue;
        }
        path.push(next);
        if let Some(c) = find_cycle(decls, ctx, path) {
            return Some(c);
        }
        path.pop();
    }
    None
}

/// Var `i`'s value in context `ctx`, every reference substituted. A var on a
/// cycle, or a name that does not resolve, keeps its text as written: the
/// runbook then fails R6, and nothing is lowered.
fn value(decls: &Decls, i: usize, ctx: Option<usize>, cyclic: &BTreeSet<usize>, depth: usize) -> String {
    let raw = &decls.defs[i].raw;
    if cyclic.contains(&i) || depth > decls.defs.len() {
        return raw.clone();
    }
    let mut out = String::with_capacity(raw.len());
    for p in decls.defs[i].pieces() {
        match p {
            ValuePiece::Lit(s) => out.push_str(s),
            ValuePiece::Ref(name) => match (decls.lookup(name, ctx), ctx) {
                (Some(j), _) => out.push_str(&value(decls, j, ctx, cyclic, depth + 1)),
                (None, Some(e)) if name == ENV_VAR => out.push_str(decls.env_ids[e]),
                (None, _) => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(home: Home, name: &str, raw: &str) -> Def {
        Def { home, name: name.into(), raw: raw.into(), verbatim: false, span: Span::call_site() }
    }

    #[test]
    fn braces_that_are_not_a_reference_stay() {
        use ValuePiece::*;
        assert_eq!(
            value_pieces("{{range .items}}{{.metadata.name}} {{end}}"),
            [Lit("{{range .items}}{{.metadata.name}} {{end}}")]
        );
        assert_eq!(value_pieces("{.status.phase}"), [Lit("{.status.phase}")]);
        assert_eq!(value_pieces("{app}-{worker}.service"), [Ref("app"), Lit("-"), Ref("worker"), Lit(".service")]);
        assert_eq!(value_pieces("{{.Name}} {app}"), [Lit("{{.Name}} "), Ref("app")]);
    }

    #[test]
    fn a_var_reading_an_environment_value_is_per_environment() {
        let defs = [
            def(Home::Runbook, "app", "orders"),
            def(Home::Runbook, "unit", "{app}-{worker}"),
            def(Home::Runbook, "svc", "{unit}.service"),
            def(Home::Env(0), "worker", "a"),
            def(Home::Env(1), "worker", "b"),
            def(Home::Env(1), "log", "/var/log/{svc}/{env}"),
        ];
        let r = resolve(&defs, &["prod", "stage"]);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.global.get("app").map(String::as_str), Some("orders"));
        assert_eq!(r.per_env_globals.iter().map(String::as_str).collect::<Vec<_>>(), ["svc", "unit"]);
        assert_eq!(r.envs[0]["svc"], "orders-a.service");
        assert_eq!(r.envs[1]["log"], "/var/log/orders-b.service/stage");
    }

    #[test]
    fn cycles_unknown_and_missing_names_are_problems() {
        let defs = [
            def(Home::Runbook, "a", "{b}"),
            def(Home::Runbook, "b", "x{a}"),
            def(Home::Runbook, "c", "{nope}"),
            def(Home::Runbook, "d", "{only_prod}"),
            def(Home::Env(0), "only_prod", "1"),
        ];
        let r = resolve(&defs, &["prod", "stage"]);
        let found: Vec<&Problem> = r.problems.iter().map(|p| &p.problem).collect();
        assert!(found.contains(&&Problem::Cycle { path: vec!["a".into(), "b".into(), "a".into()] }), "{found:?}");
        assert!(found.contains(&&Problem::Unknown { name: "nope".into() }), "{found:?}");
        assert!(
            found.contains(&&Problem::Missing { name: "only_prod".into(), envs: vec!["stage".into()] }),
            "{found:?}"
        );
        assert_eq!(found.len(), 3, "{found:?}");
    }
}
