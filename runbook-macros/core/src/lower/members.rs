//! Members: the sets a per-member step runs on, and each member's values
//! substituted into its own variant before the runbook's placeholders.

use std::borrow::Cow;

use super::Lower;
use crate::ast;
use runbook_model::owned::{Member, MemberSet, Var};

impl Lower<'_> {
    pub(super) fn member_sets(&self) -> Vec<MemberSet> {
        self.rb
            .members
            .iter()
            .flatten()
            .map(|set| MemberSet {
                id: set.id.value.clone(),
                members: set
                    .members
                    .iter()
                    .map(|m| Member {
                        id: m.id.value.clone(),
                        label: self.prose(&m.label),
                        vars: m
                            .vars
                            .iter()
                            .map(|v| Var { name: v.name.value.clone(), value: v.value.value.clone() })
                            .collect(),
                    })
                    .collect(),
            })
            .collect()
    }
}

/// `text` with the member's `{name}`s replaced by its values, their braces
/// doubled so that the runbook's substitution that follows keeps them
/// verbatim; every other placeholder and `{{`/`}}` is left as written.
pub(crate) fn substitute<'t>(text: &'t str, member: &ast::MemberDef) -> Cow<'t, str> {
    if !crate::scope::has_braces(text) || member.vars.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        // An escaped brace stays escaped.
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..2]);
            rest = &tail[2..];
            continue;
        }
        let value = tail.strip_prefix('{').and_then(|t| {
            let name = &t[..t.find('}')?];
            member.vars.iter().find(|v| v.name.value == name).map(|v| (name.len() + 2, &v.value.value))
        });
        match value {
            Some((len, value)) => {
                out.push_str(&value.replace('{', "{{").replace('}', "}}"));
                rest = &tail[len..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}
