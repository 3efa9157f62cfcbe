//! A step that runs once per member: a line that names the set and its
//! members, then one block per member under the member's name, each block
//! complete (every value of that member substituted) and safe to paste.
//! A group of steps that runs in turn (`each(set) { ... }`) is shown the
//! same way, all of the group's steps under each member's name.

use std::borrow::Cow;

use super::escape;
use super::labels::Labels;
use super::md::Md;
use super::steps::{self, step_text, Numbering, Titled};
use crate::model::{MemberLabel, PerMember, Step, Variant};

/// The set of the in-turn group a step belongs to.
fn in_turn_set(step: &Step) -> Option<&'static str> {
    match step.members {
        Some(PerMember::InTurn(set)) => Some(set),
        Some(PerMember::Each(_) | PerMember::On { .. }) | None => None,
    }
}

/// True when some of `steps` run in turn on each member.
pub fn has_in_turn(steps: &[Titled]) -> bool {
    steps.iter().any(|t| in_turn_set(t.step).is_some())
}

/// Steps among which a group runs in turn: the steps around it as usual,
/// the group once per member. Numbers run on across them.
pub fn in_turn(md: &mut Md, list: &[Titled], l: &Labels, numbering: Numbering) {
    let mut i = 0;
    while i < list.len() {
        let group = in_turn_set(list[i].step);
        let end = i + list[i..].iter().take_while(|t| in_turn_set(t.step) == group).count();
        let numbered: Vec<Titled> = list[i..end]
            .iter()
            .enumerate()
            .map(|(k, t)| Titled {
                title: match (numbering, &t.title) {
                    (Numbering::Plain, Some(title)) => Some(Cow::Owned(fmt!("{}. {title}", i + k + 1))),
                    (_, title) => title.clone(),
                },
                step: t.step,
            })
            .collect();
        match group {
            None => {
                if i > 0 {
                    once(md, l);
                }
                steps::titled(md, &numbered, l, Numbering::None);
            }
            Some(set) => group_blocks(md, set, &numbered, l),
        }
        i = end;
    }
}

/// One in-turn group: its line, then all its steps under each member.
fn group_blocks(md: &mut Md, set: &str, group: &[Titled], l: &Labels) {
    let members = members_of(group.iter().flat_map(|t| t.step.variants.iter()));
    header(md, l.in_turn, set, &members);
    for m in members {
        md.raw(member_heading(l, m));
        // Each step with this member's variants only (contiguous, as lowered), run once here.
        let own: Vec<Step> = group
            .iter()
            .map(|t| {
                let v = t.step.variants;
                let start = v.iter().position(|x| x.member.is_some_and(|x| x.id == m.id)).unwrap_or(v.len());
                let len = v[start..].iter().take_while(|x| x.member.is_some_and(|x| x.id == m.id)).count();
                Step { variants: &v[start..start + len], members: None, ..*t.step }
            })
            .collect();
        let titled: Vec<Titled> =
            group.iter().zip(&own).map(|(t, step)| Titled { title: t.title.clone(), step }).collect();
        steps::titled(md, &titled, l, Numbering::None);
    }
}

/// The line above a step that runs once after steps that ran per member.
pub fn once(md: &mut Md, l: &Labels) {
    // A colon, so that the line is not a bold paragraph (MD036) standing for a heading.
    md.raw(fmt!("**{}**:", escape::inline(l.once)));
}

/// The members `variants` name, in order of first appearance.
fn members_of<'v>(variants: impl Iterator<Item = &'v Variant>) -> Vec<MemberLabel> {
    let mut members: Vec<MemberLabel> = Vec::new();
    for m in variants.filter_map(|v| v.member) {
        if !members.iter().any(|x| x.id == m.id) {
            members.push(m);
        }
    }
    members
}

/// `**For each member of** `etcd`: etcd-1, etcd-2`.
fn header(md: &mut Md, label: &str, set: &str, members: &[MemberLabel]) {
    let names: Vec<String> = members.iter().map(|m| escape::inline(m.label)).collect();
    md.raw(fmt!("**{}** {}: {}", escape::inline(label), escape::code(set), names.join(", ")));
}

/// Renders a per-member step's `variants` (one environment's, or all of
/// them when they are the same everywhere) into `md`.
pub fn blocks<'v>(
    md: &mut Md,
    step: &Step,
    on: PerMember,
    variants: impl Iterator<Item = &'v Variant>,
    head: Option<(Option<usize>, &str)>,
    l: &Labels,
) {
    let variants: Vec<&Variant> = variants.collect();
    let members = members_of(variants.iter().copied());
    let (label, set) = match on {
        PerMember::Each(set) => (l.for_each_member, set),
        PerMember::On { set, .. } => (l.on_member, set),
        // Rendered by `in_turn`; a lone one reads as a step per member.
        PerMember::InTurn(set) => (l.in_turn, set),
    };
    header(md, label, set, &members);
    let mut block = String::with_capacity(512);
    for m in members {
        md.raw(member_heading(l, m));
        block.clear();
        step_text(
            &mut block,
            step,
            variants.iter().copied().filter(|v| v.member.is_some_and(|x| x.id == m.id)),
            head,
            l,
        );
        md.code("bash", &block);
        // After each member's block: what that member should print.
        if let Some(output) = step.expect {
            steps::expected(md, l, output);
        }
    }
}

/// The line above one member's block: `Member: **etcd-1**`.
pub fn member_heading(l: &Labels, m: MemberLabel) -> String {
    fmt!("{}: **{}**", escape::inline(l.member), escape::inline(m.label))
}
