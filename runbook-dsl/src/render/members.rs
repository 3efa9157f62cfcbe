//! A step that runs once per member: a line that names the set and its
//! members, then one block per member under the member's name, each block
//! complete (every value of that member substituted) and safe to paste.

use super::escape;
use super::labels::Labels;
use super::md::Md;
use super::steps::step_text;
use crate::model::{MemberLabel, PerMember, Step, Variant};

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
    let mut members: Vec<MemberLabel> = Vec::new();
    for m in variants.iter().filter_map(|v| v.member) {
        if !members.iter().any(|x| x.id == m.id) {
            members.push(m);
        }
    }
    let (label, set) = match on {
        PerMember::Each(set) => (l.for_each_member, set),
        PerMember::On { set, .. } => (l.on_member, set),
    };
    let names: Vec<String> = members.iter().map(|m| escape::inline(m.label)).collect();
    md.raw(fmt!("**{}** {}: {}", escape::inline(label), escape::code(set), names.join(", ")));
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
    }
}

/// The line above one member's block: `Member: **etcd-1**`.
pub fn member_heading(l: &Labels, m: MemberLabel) -> String {
    fmt!("{}: **{}**", escape::inline(l.member), escape::inline(m.label))
}
