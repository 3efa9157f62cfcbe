//! R1, blank texts: a field written with nothing in it (`title: ""`, an
//! alert named `""`, `meaning "  "`) is as missing as one left out, but the
//! documents would show it: an empty heading, a link with no text, an empty
//! cell. Commands have their own rule (`commands.rs`: "empty command"), and
//! so has an empty `danger` reason, whose help names what the command
//! destroys; both are left to it.

use crate::ast::*;
use crate::ctxt::Ctxt;

use super::walk::{self, Kind};

pub fn texts(rb: &Runbook, cx: &mut Ctxt) {
    // The danger reasons, told apart by identity: `commands.rs` reports them.
    let mut dangers: Vec<&Text> = Vec::new();
    walk::all_steps(rb, &mut |step| dangers.extend(&step.danger));
    walk::texts(rb, &mut |text, kind| {
        let blank = text.value.trim().is_empty();
        match kind {
            Kind::Prose | Kind::Output if blank && !dangers.iter().any(|d| std::ptr::eq(*d, text)) => cx.error(
                text.span,
                "this text is empty: the documents would show nothing here",
                "write it, or leave the field out where it is optional",
            ),
            Kind::Prose | Kind::Output | Kind::Command | Kind::Config => {}
        }
    });
}
