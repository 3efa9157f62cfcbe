//! Steps as fenced `bash` blocks: `# n. title` comment lines, as in the
//! specification, one block per run of steps; a dangerous step gets its own
//! block behind a `> [!CAUTION]` callout that carries its reason.
//!
//! Environments: a step the same everywhere is shown once; a run of steps
//! that differ per environment is shown once per environment, each in its
//! own `<details>`, the first environment's open and the others' collapsed,
//! so the document grows with what differs, not with every step, and no
//! block mixes environments.

use std::borrow::Cow;

use super::escape;
use super::labels::Labels;
use super::md::{link, Md};
use crate::model::{EnvLabel, Form, Step, Variant};

/// How the comment line above each step reads.
#[derive(Debug, Clone, Copy)]
pub enum Numbering {
    /// `# 1. title`
    Plain,
    /// `# title` only.
    None,
}

/// A step with the title it is shown under (a renderer may add to it).
#[derive(Debug)]
pub struct Titled<'a> {
    pub title: Option<Cow<'a, str>>,
    pub step: &'a Step,
}

impl<'a> From<&'a Step> for Titled<'a> {
    fn from(step: &'a Step) -> Self {
        Titled { title: step.title.map(Cow::Borrowed), step }
    }
}

/// Renders `steps` into `md`.
pub fn steps(md: &mut Md, steps: &[Step], l: &Labels, numbering: Numbering) {
    let list: Vec<Titled> = steps.iter().map(Titled::from).collect();
    titled(md, &list, l, numbering);
}

/// Renders steps under the given titles: runs of steps the same everywhere
/// once, runs that differ per environment once per environment (see
/// `per_environment`), so that pasting a block never runs a command in the
/// wrong environment. Step numbers count through the whole list.
pub fn titled(md: &mut Md, steps: &[Titled], l: &Labels, numbering: Numbering) {
    if super::members::has_in_turn(steps) {
        super::members::in_turn(md, steps, l, numbering);
        return;
    }
    let mut start = 0;
    while let Some(first) = steps.get(start) {
        let differs = differs(first.step);
        let len = steps[start..].iter().take_while(|t| self::differs(t.step) == differs).count();
        let part = &steps[start..start + len];
        // A part that follows a per-member step opens with "once" if it runs once.
        let after = start > 0 && steps[start - 1].step.members.is_some();
        if differs {
            let envs = environments(part.iter().map(|t| t.step));
            per_environment(md, l, &envs, |md, env| run(md, part, (start, after), l, numbering, Some(env.id)));
        } else {
            run(md, part, (start, after), l, numbering, None);
        }
        start += len;
    }
}

/// True when the step's text differs per environment.
fn differs(step: &Step) -> bool {
    step.variants.iter().any(|v| v.env.is_some())
}

/// Renders `part` once per environment, each in its own `<details>` under
/// the environment's name: the first one open, the others collapsed.
/// With one environment there is nothing to choose from: no `<details>`.
pub fn per_environment(md: &mut Md, l: &Labels, envs: &[EnvLabel], mut part: impl FnMut(&mut Md, EnvLabel)) {
    if let [only] = envs {
        return part(md, *only);
    }
    for (i, env) in envs.iter().enumerate() {
        md.raw(details_open(l, *env, i == 0));
        part(md, *env);
        md.raw("</details>");
    }
}

/// `<details>` and its summary, "Environment: label", as HTML: the summary
/// is not Markdown, so its text is escaped for HTML and kept on one line.
fn details_open(l: &Labels, env: EnvLabel, open: bool) -> String {
    let mut out = String::with_capacity(64 + env.label.len());
    out.push_str(if open { "<details open><summary>" } else { "<details><summary>" });
    escape::html_into(&mut out, l.environment);
    out.push_str(": ");
    escape::html_into(&mut out, &one_line(env.label));
    out.push_str("</summary>");
    out
}

/// The environments the steps' variants name, in order of first appearance.
pub fn environments<'a>(steps: impl Iterator<Item = &'a Step>) -> Vec<EnvLabel> {
    let mut envs: Vec<EnvLabel> = Vec::new();
    for v in steps.flat_map(|s| s.variants) {
        if let Some(e) = v.env {
            if !envs.iter().any(|x| x.id == e.id) {
                envs.push(e);
            }
        }
    }
    envs
}

/// One environment's blocks (or the only ones): steps in order, a dangerous
/// step alone in its block behind its callout. A condition, prose, a link
/// and expected output are Markdown around the blocks, never inside them.
/// `offset` is the number of steps before `steps` in the list they are
/// numbered in, and whether the step just before them ran per member.
fn run(md: &mut Md, steps: &[Titled], offset: (usize, bool), l: &Labels, numbering: Numbering, env: Option<&str>) {
    let (offset, mut after_members) = offset;
    // The block being filled: steps separated by a blank line.
    let mut block = md.take_scratch();
    for (i, t) in steps.iter().enumerate() {
        let shown = |v: &&Variant| v.env.is_none_or(|e| Some(e.id) == env);
        if !t.step.variants.iter().any(|v| shown(&v)) {
            continue;
        }
        let step = t.step;
        // A step that runs once after per-member ones says so.
        if std::mem::replace(&mut after_members, step.members.is_some()) && step.members.is_none() {
            flush(md, &mut block);
            super::members::once(md, l);
        }
        let apart = step.form != Form::Command || step.condition.is_some() || step.expect.is_some();
        if apart {
            flush(md, &mut block);
        }
        if let Some(condition) = step.condition {
            md.raw(fmt!("**{}**: {}", escape::inline(l.condition), escape::inline(condition)));
        }
        if let Some(why) = step.danger {
            flush(md, &mut block);
            md.raw(caution(l, why));
        }
        let number = match numbering {
            Numbering::Plain => Some(offset + i + 1),
            Numbering::None => None,
        };
        match step.form {
            Form::Prose | Form::Link => {
                for v in step.variants.iter().filter(shown) {
                    md.raw(read(step, t.title.as_deref(), number, v, l));
                }
            }
            // A step per member: one block per member (see `members`).
            Form::Command if step.members.is_some() => {
                flush(md, &mut block);
                let head = t.title.as_deref().map(|title| (number, title));
                if let Some(on) = step.members {
                    super::members::blocks(md, step, on, step.variants.iter().filter(shown), head, l);
                }
            }
            Form::Command => {
                let head = t.title.as_deref().map(|title| (number, title));
                if !block.is_empty() {
                    block.push_str("\n\n");
                }
                step_text(&mut block, step, step.variants.iter().filter(shown), head, l);
                if step.danger.is_some() || apart {
                    flush(md, &mut block);
                }
            }
        }
        // A per-member step shows its expected output under each member's block.
        let per_member = step.form == Form::Command && step.members.is_some();
        if let (Some(output), false) = (step.expect, per_member) {
            expected(md, l, output);
        }
    }
    flush(md, &mut block);
    md.give_back(block);
}

/// "Expected output:" and the output, as text, never as a command.
pub(super) fn expected(md: &mut Md, l: &Labels, output: &str) {
    md.raw(fmt!("{}:", escape::inline(l.expected_output)));
    md.code("text", output);
}

/// A step to read: `**1. Title**: text`, or `**1.** [Title](url)` for a link.
fn read(step: &Step, title: Option<&str>, number: Option<usize>, v: &Variant, l: &Labels) -> String {
    let mut out = String::new();
    let note = v.note.map(|n| l.paren(&one_line(n))).unwrap_or_default();
    match (step.form, number, title) {
        (Form::Link, Some(n), Some(title)) => {
            out.push_str(&fmt!("**{n}.** {}{}", link(title, v.text), escape::inline(&note)))
        }
        (Form::Link, None, Some(title)) => out.push_str(&fmt!("{}{}", link(title, v.text), escape::inline(&note))),
        (Form::Link, _, None) => out.push_str(&link(v.text, v.text)),
        (_, Some(n), Some(title)) => out.push_str(&fmt!(
            "**{n}. {}{}**: {}",
            escape::inline(title),
            escape::inline(&note),
            escape::inline(v.text)
        )),
        (_, None, Some(title)) => {
            out.push_str(&fmt!("**{}{}**: {}", escape::inline(title), escape::inline(&note), escape::inline(v.text)))
        }
        (_, _, None) => out.push_str(&escape::para(v.text)),
    }
    out
}

fn caution(l: &Labels, why: &str) -> String {
    cat!("> [!CAUTION]\n> **", escape::inline(l.danger), "**: ", escape::inline(why))
}

fn flush(md: &mut Md, block: &mut String) {
    if !block.is_empty() {
        md.code("bash", block);
        block.clear();
    }
}

/// Appends the comment-headed text of one step in one environment to `out`.
pub(super) fn step_text<'v>(
    out: &mut String,
    step: &Step,
    variants: impl Iterator<Item = &'v Variant>,
    head: Option<(Option<usize>, &str)>,
    l: &Labels,
) {
    for (i, v) in variants.enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        // A line break in a title would end the comment and turn the rest into a command.
        match (head, v.note) {
            (Some((number, title)), note) => {
                out.push_str("# ");
                if let Some(n) = number {
                    escape::decimal_into(out, n);
                    out.push_str(". ");
                }
                push_one_line(out, title);
                if let Some(note) = note {
                    out.push_str(&l.paren(&one_line(note)));
                }
                out.push('\n');
            }
            (None, Some(note)) => {
                out.push_str("# ");
                push_one_line(out, note);
                out.push('\n');
            }
            (None, None) => {}
        }
        match step.edit {
            Some(file) => {
                out.push_str("# ");
                push_one_line(out, file);
                out.push_str(": ");
                out.push_str(l.edit_file);
                for line in v.text.lines() {
                    out.push_str("\n#   ");
                    out.push_str(line);
                }
            }
            None => out.push_str(v.text),
        }
    }
}

/// Text for a comment line: line breaks become spaces. Borrowed when
/// `text` is one line already, as most are.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') && !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    push_one_line(&mut out, text);
    Cow::Owned(out)
}

/// Appends `one_line(text)` to `out`.
fn push_one_line(out: &mut String, text: &str) {
    // Two `memchr` scans beat one byte loop looking for either.
    if !text.contains('\n') && !text.contains('\r') {
        out.push_str(text);
        return;
    }
    for (i, part) in text.split(['\r', '\n']).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
}
