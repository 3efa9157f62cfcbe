//! Steps as fenced `bash` blocks: `# n. title` comment lines, as in the
//! specification, one block per run of steps; a dangerous step gets its own
//! block behind a `> [!CAUTION]` callout that carries its reason.

use std::borrow::Cow;

use super::escape;
use super::labels::Labels;
use super::md::Md;
use crate::model::{Step, Variant};

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

/// Renders steps under the given titles.
pub fn titled(md: &mut Md, steps: &[Titled], l: &Labels, numbering: Numbering) {
    let mut block: Vec<String> = Vec::new();
    for (i, t) in steps.iter().enumerate() {
        if let Some(why) = t.step.danger {
            flush(md, &mut block);
            md.raw(caution(l, why));
        }
        let head = t.title.as_deref().map(|title| match numbering {
            Numbering::Plain => format!("{}. {title}", i + 1),
            Numbering::None => title.to_string(),
        });
        block.push(step_text(t.step, head.as_deref(), l));
        if t.step.danger.is_some() {
            flush(md, &mut block);
        }
    }
    flush(md, &mut block);
}

fn caution(l: &Labels, why: &str) -> String {
    format!("> [!CAUTION]\n> **{}**: {}", escape::inline(l.danger), escape::inline(why))
}

fn flush(md: &mut Md, block: &mut Vec<String>) {
    if !block.is_empty() {
        md.code("bash", &block.join("\n\n"));
        block.clear();
    }
}

/// The comment-headed text of one step, every environment's variant included.
pub fn step_text(step: &Step, head: Option<&str>, l: &Labels) -> String {
    let mut parts = Vec::new();
    for v in step.variants {
        let mut lines = Vec::new();
        let which = variant_label(v, l);
        // A line break in a title would end the comment and turn the rest into a command.
        let which = which.map(|w| one_line(&w));
        let head = head.map(one_line);
        match (head.as_deref(), &which) {
            (Some(head), _) => {
                let suffix = which.as_deref().map(|w| l.paren(w)).unwrap_or_default();
                lines.push(format!("# {head}{suffix}"));
            }
            (None, Some(which)) => lines.push(format!("# {which}")),
            (None, None) => {}
        }
        match step.edit {
            Some(file) => {
                lines.push(format!("# {}: {}", one_line(file), l.edit_file));
                lines.extend(v.text.lines().map(|line| format!("#   {line}")));
            }
            None => lines.push(v.text.to_string()),
        }
        parts.push(lines.join("\n"));
    }
    parts.join("\n\n")
}

/// `本番環境` or `本番環境（グレースフルリスタート）`: which variant this is.
fn variant_label(v: &Variant, l: &Labels) -> Option<String> {
    match (v.env, v.note) {
        (Some(env), Some(note)) => Some(format!("{}{}", env.label, l.paren(note))),
        (Some(env), None) => Some(env.label.to_string()),
        (None, Some(note)) => Some(note.to_string()),
        (None, None) => None,
    }
}

/// Text for a comment line: line breaks become spaces.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}
