//! R5: each entry reads symptom -> causes -> diagnose -> remedy, and none is empty.

use crate::ast::*;
use crate::ctxt::Ctxt;

const ORDER: [&str; 4] = ["symptom", "causes", "diagnose", "remedy"];

pub fn order(rb: &Runbook, cx: &mut Ctxt) {
    for entry in rb.troubleshooting.iter().flatten() {
        let mut last: Option<usize> = None;
        for part in &entry.parts {
            let Some(pos) = ORDER.iter().position(|k| *k == part.kind.value) else { continue };
            match last {
                Some(prev) if pos == prev => {
                    cx.error(
                        part.kind.span,
                        format!("duplicate `{}` in entry `{}`", part.kind.value, entry.id.value),
                        "merge the two into one",
                    );
                }
                Some(prev) if pos < prev => {
                    cx.error(
                        part.kind.span,
                        format!("`{}` comes after `{}` in entry `{}`", part.kind.value, ORDER[prev], entry.id.value),
                        "write the parts in the order symptom, causes, diagnose, remedy",
                    );
                }
                _ => last = Some(pos),
            }
            let empty = match &part.content {
                PartContent::Symptoms(v) => v.is_empty(),
                PartContent::Causes(v) => v.is_empty(),
                PartContent::Steps(v) => v.is_empty(),
            };
            if empty {
                cx.error(
                    part.kind.span,
                    format!("`{}` of entry `{}` is empty", part.kind.value, entry.id.value),
                    "write at least one item",
                );
            }
        }
        for kind in ORDER {
            if !entry.parts.iter().any(|p| p.kind.value == kind) {
                cx.error(
                    entry.id.span,
                    format!("entry `{}` has no `{kind}`", entry.id.value),
                    format!("add `{kind} {{ ... }}`; entries go symptom, causes, diagnose, remedy"),
                );
            }
        }
    }
}
