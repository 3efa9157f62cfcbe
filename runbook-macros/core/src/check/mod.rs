//! Every compile-time rule, run over the whole syntax tree.
//!
//! Each rule lives in its own file and reports into one `Ctxt`, so that an
//! author sees every problem of a runbook in one build. The order below is
//! the order of DESIGN.md's R1-R12.

mod absent;
mod alerts;
mod blank;
mod commands;
mod effects;
mod forms;
mod hygiene;
mod logs;
mod members;
mod placeholders;
mod required;
mod rules;
mod schedule;
mod secrets;
mod shell;
mod split;
mod templates;
#[cfg(test)]
mod text_fuzz;
mod thresholds;
mod troubleshooting;
mod values;
pub mod walk;

use crate::ast::Runbook;
use crate::ctxt::Ctxt;
use crate::scope::Scope;

pub fn check(rb: &Runbook, scope: &Scope, cx: &mut Ctxt) {
    // R1: a runbook without its sections is the failure the tool exists to prevent.
    required::fields_and_sections(rb, cx);
    // R1: a section declared absent says why, so the document keeps its structure and its reader.
    absent::reasons(rb, cx);
    // R1: a field written blank is as missing as one left out, and would show as nothing.
    blank::texts(rb, cx);
    // R2: a second definition would silently win over the first.
    required::unique_ids(rb, cx);
    // R3, R4: file names and dates must be usable as they are.
    values::feature_slug(rb, cx);
    values::ids(rb, cx);
    values::dates_and_durations(rb, cx);
    values::enums(rb, cx);
    // R5: on-call reads symptom first and acts last.
    troubleshooting::order(rb, cx);
    // R6: a command with an unresolved `{name}` would not run.
    placeholders::resolve(rb, scope, cx);
    // R6: `{{` is one brace in a command, so a pasted Go template would not work.
    templates::go_templates(rb, cx);
    members::check(rb, scope, cx);
    // R12: logrotate rotates files; a runbook without a log file has nothing for it.
    logs::sources(rb, cx);
    // R7: contradicting thresholds make an alert meaningless.
    thresholds::bands(rb, cx);
    // R8: every alert must lead to its fix.
    alerts::references(rb, cx);
    // R14: an alert is a rule; what the rule needs must be there and well formed.
    rules::alerts(rb, cx);
    // R9 is checked by rustc: contacts are shared consts that can only be
    // built with the checking `Contacts::new` (see runbook_dsl's validate.rs).
    // R10: a command in the docs must be a command that works.
    commands::lint(rb, scope, cx);
    // R10: prose and links are read, not run: titled, and links only https.
    forms::steps(rb, cx);
    // R10: what the docs show is what runs, character for character.
    hygiene::scan(rb, cx);
    // R11: the docs are committed and widely read; a secret there is leaked.
    secrets::scan(rb, cx);
    // R12: what the docs tell an operator to install must be accepted.
    schedule::cron_and_logrotate(rb, cx);
}
