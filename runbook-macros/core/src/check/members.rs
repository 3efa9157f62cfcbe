//! R6 for members: a member set's members define the same values, a step
//! runs on a declared set or member, and a member's `{value}` is used only
//! in the commands of a step that runs per member.

use std::collections::BTreeSet;

use crate::ast::*;
use crate::ctxt::Ctxt;
use crate::scope::{Resolution, Scope};
use crate::suggest::nearest;

use super::walk;

/// The member sets, and the body lines of the steps that run on one of them.
pub struct Members<'a> {
    sets: &'a [MemberSetDef],
    /// Each per-member step's body lines, with the set it runs on (`None`
    /// when its `each(...)` or `on(...)` names none: reported there, once).
    lines: Vec<(*const Text, Option<&'a str>)>,
}

impl<'a> Members<'a> {
    pub fn new(rb: &'a Runbook) -> Self {
        let sets = rb.members.as_deref().unwrap_or_default();
        let mut lines = Vec::new();
        walk::all_steps(rb, &mut |step| {
            let Some(r) = &step.members else { return };
            let set = set_of(sets, r);
            lines.extend(walk::body_lines(&step.body).into_iter().map(|t| (t as *const Text, set)));
        });
        Members { sets, lines }
    }

    /// The set whose members define `name`.
    pub fn set_with(&self, name: &str) -> Option<&'a str> {
        self.sets
            .iter()
            .find(|s| s.members.iter().any(|m| m.vars.iter().any(|v| v.name.value == name)))
            .map(|s| s.id.value.as_str())
    }

    /// True when `name` is a member's value, or `text` a command of a step
    /// whose members are unknown: then `check_use` decides, not the vars.
    pub fn decides(&self, text: &Text, name: &str) -> bool {
        self.set_with(name).is_some() || matches!(self.runs_on(text), Some(None))
    }

    /// The set a per-member step's command runs on: `Some(None)` when the
    /// step names an unknown one, `None` when the text is no such command.
    fn runs_on(&self, text: &Text) -> Option<Option<&'a str>> {
        self.lines.iter().find(|(t, _)| std::ptr::eq(*t, text)).map(|(_, set)| *set)
    }

    /// Reports `{name}`, a member's value, unless `text` is a command of a
    /// step that runs on the set that defines it. A step whose `each(...)`
    /// or `on(...)` names no declared set was reported there, and only there.
    pub fn check_use(&self, text: &Text, name: &str, cx: &mut Ctxt) {
        let runs_on = self.runs_on(text);
        if let Some(None) = runs_on {
            return;
        }
        let Some(owner) = self.set_with(name) else { return };
        match runs_on.flatten() {
            Some(set) if set == owner => {}
            Some(set) => cx.error(
                text.span,
                format!("`{{{name}}}` is a value of the members of `{owner}`, but this step runs on `{set}`"),
                format!("define `{name}` for the members of `{set}`, or run the step with `each({owner})`"),
            ),
            None => cx.error(
                text.span,
                format!("`{{{name}}}` is a value of each member of `{owner}`, but this text is not a per-member command"),
                format!(
                    "add `each({owner})` to the step to run its command once per member; titles, conditions and expected output are shown once"
                ),
            ),
        }
    }
}

/// The id of the set a step's `each(...)` or `on(...)` names, when declared.
fn set_of<'a>(sets: &'a [MemberSetDef], r: &MembersRef) -> Option<&'a str> {
    match r {
        MembersRef::Each(set) | MembersRef::InTurn(set) => {
            sets.iter().find(|s| s.id.value == set.value).map(|s| s.id.value.as_str())
        }
        MembersRef::On(member) => {
            sets.iter().find(|s| s.members.iter().any(|m| m.id.value == member.value)).map(|s| s.id.value.as_str())
        }
    }
}

/// The sets themselves, and every step's `each(...)` and `on(...)`.
pub fn check(rb: &Runbook, scope: &Scope, cx: &mut Ctxt) {
    let sets = rb.members.as_deref().unwrap_or_default();
    let mut ids = BTreeSet::new();
    for set in sets {
        if !ids.insert(set.id.value.as_str()) {
            cx.error(
                set.id.span,
                format!("duplicate member set `{}`", set.id.value),
                "rename or remove one of the two",
            );
        }
        if set.members.is_empty() {
            cx.error(
                set.id.span,
                format!("member set `{}` has no member", set.id.value),
                format!("declare its members: `{} {{ node1 \"node-1\" {{ ip = \"10.0.0.11\" }} }}`", set.id.value),
            );
        }
        // Every member has the values of the first, and no other.
        let first: BTreeSet<&str> =
            set.members.first().map(|m| m.vars.iter().map(|v| v.name.value.as_str()).collect()).unwrap_or_default();
        for (i, m) in set.members.iter().enumerate() {
            if !ids.insert(m.id.value.as_str()) {
                cx.error(
                    m.id.span,
                    format!("duplicate member `{}`", m.id.value),
                    "member ids are unique across every set, so that `on(...)` names one: rename one of the two",
                );
            }
            let mut own = BTreeSet::new();
            for v in &m.vars {
                if !own.insert(v.name.value.as_str()) {
                    cx.error(
                        v.name.span,
                        format!("duplicate value `{}` of member `{}`", v.name.value, m.id.value),
                        "keep one",
                    );
                }
                if scope.resolve(&v.name.value) != Resolution::Unknown {
                    cx.error(
                        v.name.span,
                        format!("member value `{}` has the name of a var or an environment's value", v.name.value),
                        format!(
                            "rename it (e.g. `member_{}`), so that `{{{}}}` means one thing",
                            v.name.value, v.name.value
                        ),
                    );
                }
            }
            let Some(reference) = set.members.first().filter(|_| i > 0) else { continue };
            let missing: Vec<&str> = first.iter().copied().filter(|n| !own.contains(n)).collect();
            if !missing.is_empty() {
                cx.error(
                    m.id.span,
                    format!(
                        "member `{}` of `{}` has no {}, which `{}` has",
                        m.id.value,
                        set.id.value,
                        missing.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                        reference.id.value,
                    ),
                    format!(
                        "give every member of `{}` the same values: add {} to `{}`",
                        set.id.value,
                        missing.iter().map(|n| format!("`{n} = \"...\"`")).collect::<Vec<_>>().join(", "),
                        m.id.value
                    ),
                );
            }
            for v in m.vars.iter().filter(|v| !first.contains(v.name.value.as_str())) {
                cx.error(
                    v.name.span,
                    format!(
                        "member `{}` of `{}` has `{}`, which `{}` has not",
                        m.id.value, set.id.value, v.name.value, reference.id.value
                    ),
                    format!(
                        "give every member of `{}` the same values: add `{}` to `{}`, or remove it here",
                        set.id.value, v.name.value, reference.id.value
                    ),
                );
            }
        }
    }
    let set_ids: Vec<&str> = sets.iter().map(|s| s.id.value.as_str()).collect();
    let member_ids: Vec<&str> = sets.iter().flat_map(|s| &s.members).map(|m| m.id.value.as_str()).collect();
    let mut reported: Vec<String> = Vec::new();
    walk::all_steps(rb, &mut |step| {
        let Some(r) = &step.members else { return };
        let keyword = match r {
            MembersRef::Each(_) | MembersRef::InTurn(_) => "each",
            MembersRef::On(_) => "on",
        };
        if !step.form.is_command() {
            cx.error(
                r.name().span,
                format!("`{keyword}(...)` runs a command per member; a prose or link step is read once"),
                "remove it, or make the step a command",
            );
        }
        let (name, valid, other, other_kw) = match r {
            MembersRef::Each(n) | MembersRef::InTurn(n) => (n, &set_ids, &member_ids, "on"),
            MembersRef::On(n) => (n, &member_ids, &set_ids, "each"),
        };
        if valid.contains(&name.value.as_str()) {
            return;
        }
        // A group's steps share its `each(...)`: reported once.
        if let MembersRef::InTurn(n) = r {
            if reported.contains(&n.value) {
                return;
            }
            reported.push(n.value.clone());
        }
        let what = if keyword == "each" { "member set" } else { "member" };
        let help = if other.contains(&name.value.as_str()) {
            let other_what = if keyword == "each" { "a member" } else { "a member set" };
            format!("`{}` is {other_what}: write `{other_kw}({})`", name.value, name.value)
        } else if let Some(near) = nearest(&name.value, valid) {
            format!("did you mean `{keyword}({near})`?")
        } else if sets.is_empty() {
            format!("declare it: `members {{ {} {{ node1 \"node-1\" {{ ip = \"10.0.0.11\" }} }} }}`", name.value)
        } else {
            format!("declared {what}s: {}", valid.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", "))
        };
        cx.error(name.span, format!("unknown {what} `{}`", name.value), help);
    });
}

/// The members a step runs on (none for a step that runs once), so that the
/// rules read its commands as each member's block shows them.
pub fn of<'a>(rb: &'a Runbook, step: &StepDef) -> Vec<&'a MemberDef> {
    let sets = rb.members.as_deref().unwrap_or_default();
    match &step.members {
        None => Vec::new(),
        Some(MembersRef::Each(set) | MembersRef::InTurn(set)) => {
            sets.iter().filter(|s| s.id.value == set.value).flat_map(|s| &s.members).collect()
        }
        Some(MembersRef::On(member)) => {
            sets.iter().flat_map(|s| &s.members).filter(|m| m.id.value == member.value).take(1).collect()
        }
    }
}

/// Every member's values, for the rules that read every value.
pub fn values(rb: &Runbook) -> impl Iterator<Item = &VarDef> {
    rb.members.iter().flatten().flat_map(|s| &s.members).flat_map(|m| &m.vars)
}
