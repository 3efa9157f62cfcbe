//! The `runbook!`, `contacts!` and `alerting!` proc macros. Users reach them
//! through `runbook_dsl`, which documents them; the parse, check and expand stages live in
//! `runbook-macros-core` so that they can be tested and measured as functions.

/// Declares a feature's runbook; see `runbook_dsl::runbook!` for the grammar.
#[proc_macro]
pub fn runbook(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    runbook_macros_core::runbook_tokens(input.into()).into()
}

/// A team's contacts, checked literal by literal; see `runbook_dsl::contacts!`.
#[proc_macro]
pub fn contacts(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    runbook_macros_core::contacts_tokens(input.into()).into()
}

/// A team's alerting policy, checked literal by literal; see `runbook_dsl::alerting!`.
#[proc_macro]
pub fn alerting(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    runbook_macros_core::alerting_tokens(input.into()).into()
}
