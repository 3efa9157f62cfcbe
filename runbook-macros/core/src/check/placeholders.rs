//! R6: every `{placeholder}` resolves to a var, or to a var of every environment.

use crate::ast::*;
use crate::ctxt::Ctxt;
use crate::scope::{has_braces, pieces, Piece, Resolution, Scope, ENV_VAR};
use crate::suggest::nearest;

use super::walk::{self, Kind};

pub fn resolve(rb: &Runbook, scope: &Scope, cx: &mut Ctxt) {
    let names = scope.names();
    // A `vars` or `environments` that failed to parse was reported; its names are unknown, not missing.
    let failed = |key: &str, parsed: bool| !parsed && rb.seen.iter().any(|n| n.value == key);
    let scope_known = !failed("vars", rb.vars.is_some()) && !failed("environments", rb.environments.is_some());
    let members = super::members::Members::new(rb);
    walk::texts(rb, &mut |text, kind: Kind| {
        // Without a brace there is nothing to resolve, and nothing to split.
        if !has_braces(&text.value) {
            return;
        }
        match pieces(&text.value) {
            Err(msg) => {
                // `{db-host}` for a var written `db-host`, which is read as `db_host`.
                let help = match hyphenated(&text.value).filter(|n| scope.resolve(n) != Resolution::Unknown) {
                    Some(name) => format!("write `{{{name}}}`: names are written with `_`"),
                    // `awk '{print $7}'`, a jsonpath: show the text with its braces doubled.
                    None => match literal_group(&text.value) {
                        Some(inner) => format!(
                            "write `{{{{{inner}}}}}` for the braces as they are (`{{{{` and `}}}}` are literal braces, `{{name}}` a placeholder), or keep a long template in a var written `raw(\"...\")`"
                        ),
                        None => "placeholders are `{name}`; `{{` and `}}` are literal braces (a shell's `${HOME}` is `${{HOME}}`)".to_string(),
                    },
                };
                cx.error(text.span, msg, help)
            }
            Ok(list) => {
                // `${unit}` in a command: the shell gets `$` and the value (`$auth`),
                // a variable that is not set. Meant was the value, or the shell's variable.
                if matches!(kind, Kind::Command | Kind::Config) {
                    for pair in list.windows(2) {
                        if let [Piece::Lit(before), Piece::Var(name)] = pair {
                            if before.ends_with('$') && scope.resolve(name) != Resolution::Unknown {
                                cx.error(
                                    text.span,
                                    format!("`${{{name}}}` puts a `$` before the value of the var `{name}`: the shell reads a variable named after the value"),
                                    format!("write `{{{name}}}` for the var's value, or `${{{{{name}}}}}` for the shell's `${{{name}}}`"),
                                );
                            }
                        }
                    }
                }
                for piece in list {
                    let Piece::Var(name) = piece else { continue };
                    match scope.resolve(name) {
                    Resolution::Global => {}
                    // Prose and output are shown once; only commands and edits are shown per environment.
                    Resolution::PerEnv if matches!(kind, Kind::Prose | Kind::Output) => cx.error(
                        text.span,
                        format!("`{{{name}}}` differs per environment, but this text is shown once"),
                        format!("use `{{{name}}}` in commands only, or write the value here; a var in `vars` is the same everywhere"),
                    ),
                    Resolution::PerEnv => {}
                    Resolution::Missing(envs) => cx.error(
                        text.span,
                        format!(
                            "placeholder `{{{name}}}` is not defined in environment {}",
                            envs.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
                        ),
                        format!("define `{name}` in every environment, or once in `vars`"),
                    ),
                    // A member's value: known in the commands of a step that runs per member.
                    Resolution::Unknown if members.decides(text, name) => members.check_use(text, name, cx),
                    Resolution::Unknown if !scope_known => {}
                    Resolution::Unknown => {
                        let same_but_case = names.iter().find(|n| n.eq_ignore_ascii_case(name));
                        let help = match same_but_case.copied().or_else(|| nearest(name, &names)) {
                            Some(near) if near == ENV_VAR => {
                                format!("did you mean `{{{ENV_VAR}}}`, the built-in that names the environment?")
                            }
                            Some(near) => format!("did you mean `{{{near}}}`?"),
                            None if builtin_env(name) && scope.envs.is_empty() => format!(
                                "`{{{ENV_VAR}}}` is the built-in that names the environment; it needs an `environments {{ ... }}` section"
                            ),
                            None if builtin_env(name) => {
                                format!("did you mean `{{{ENV_VAR}}}`, the built-in that names the environment?")
                            }
                            None if name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') => {
                                format!("for a shell variable write `${{{{{name}}}}}` or `${name}`; for a placeholder define `{name}` in `vars`")
                            }
                            None => format!("define `{name}` in `vars {{ ... }}` or in every environment"),
                        };
                        cx.error(text.span, format!("unknown placeholder `{{{name}}}`"), help);
                    }
                }
                }
            }
        }
    });
    var_problems(scope, cx);
    // A per-environment body must name real environments.
    let env_ids: Vec<&str> = scope.envs.iter().map(|e| e.id.as_str()).collect();
    if !scope_known {
        return;
    }
    walk::all_steps(rb, &mut |step| {
        if let StepBody::PerEnv(list) = &step.body {
            let mut seen = Vec::new();
            for e in list {
                if !env_ids.contains(&e.env.value.as_str()) {
                    cx.push(crate::parse::unknown(&e.env, "environment", &env_ids));
                } else if seen.contains(&e.env.value) {
                    cx.error(
                        e.env.span,
                        format!("environment `{}` appears twice in this step", e.env.value),
                        "keep one",
                    );
                }
                seen.push(e.env.value.clone());
            }
            let missing: Vec<&str> = env_ids.iter().copied().filter(|id| !seen.iter().any(|s| s == id)).collect();
            // A misspelt environment was reported above; do not report it missing too.
            let misspelt = list.iter().any(|e| !env_ids.contains(&e.env.value.as_str()));
            if let (false, false, Some(first)) = (missing.is_empty(), misspelt, list.first()) {
                cx.error(
                    first.env.span,
                    format!(
                        "this step has no command for environment {}",
                        missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                    ),
                    "give every environment its command, so that no environment's docs miss the step",
                );
            }
        }
    });
}

/// Names an author writes for the environment's name: `{environment}`, `{ENV}`, `{stage}`.
fn builtin_env(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "env" | "environment" | "environment_name" | "env_name" | "envname" | "environ" | "stage" | "env_id" | "envs"
    )
}

/// The first `{a-b}` of `text`, as the name `a_b` it stands for.
fn hyphenated(text: &str) -> Option<String> {
    let start = text.find('{')? + 1;
    let len = text[start..].find('}')?;
    let inner = &text[start..start + len];
    let valid = inner.contains('-') && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    valid.then(|| inner.replace('-', "_"))
}

/// A var's value may use other vars and environments' values; what it
/// names must exist, in every environment it is read in, and lead back to
/// no var it started from. Reported on the value that holds the reference.
fn var_problems(scope: &Scope, cx: &mut Ctxt) {
    use crate::scope::vars::Problem;
    for p in &scope.var_problems {
        let var = &p.var;
        match &p.problem {
            Problem::Unknown { name } => {
                let names: Vec<&str> = scope.names().into_iter().filter(|n| n != var).collect();
                let help = match names.iter().find(|n| n.eq_ignore_ascii_case(name)).copied().or_else(|| nearest(name, &names)) {
                    Some(near) => format!("did you mean `{{{near}}}`?"),
                    None if name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') => format!(
                        "a var's value keeps braces as written except `{{name}}` of a var; for a shell variable write `${name}`"
                    ),
                    None => format!("define `{name}` in `vars {{ ... }}` or in every environment"),
                };
                cx.error(
                    p.span,
                    format!("var `{var}` uses `{{{name}}}`, which is not a var or an environment's value"),
                    help,
                )
            }
            Problem::Missing { name, envs } => cx.error(
                p.span,
                format!(
                    "var `{var}` uses `{{{name}}}`, which environment {} does not define",
                    envs.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
                ),
                format!("define `{name}` in every environment, or once in `vars`"),
            ),
            Problem::Cycle { path } => {
                let chain = path.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" -> ");
                let last = path.len().saturating_sub(2);
                cx.error(
                    p.span,
                    format!("var `{var}` uses itself: {chain}"),
                    format!(
                        "write the value of `{}` in full where `{}` uses `{{{}}}`",
                        path[last + 1],
                        path[last],
                        path[last + 1]
                    ),
                )
            }
        }
    }
}

/// The inside of the first `{...}` of `text` that is not a placeholder
/// name (`print $7` in `awk '{print $7}'`), skipping `{{` and `}}`.
fn literal_group(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        let after = &rest[at + 1..];
        if let Some(doubled) = after.strip_prefix('{') {
            rest = doubled;
            continue;
        }
        let inner = &after[..after.find('}')?];
        if !crate::scope::is_name(inner) {
            return Some(inner);
        }
        rest = &after[inner.len() + 1..];
    }
    None
}
