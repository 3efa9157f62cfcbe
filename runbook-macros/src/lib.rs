//! The `runbook!` proc macro. Users reach it through `runbook_dsl::runbook!`,
//! which documents the grammar; the parse, check and expand stages live in
//! `runbook-macros-core` so that they can be tested and measured as functions.

/// Declares a feature's runbook; see `runbook_dsl::runbook!` for the grammar.
#[proc_macro]
pub fn runbook(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    runbook_macros_core::runbook_tokens(input.into()).into()
}
