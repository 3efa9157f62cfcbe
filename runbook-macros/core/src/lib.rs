//! The engine behind `runbook!`, as plain functions on `proc_macro2` tokens,
//! so that tests and the benchmark can call it outside a compiler. The
//! `runbook-macros` crate is the thin proc-macro front for it; users reach
//! the macro through `runbook_dsl::runbook!`, which documents the grammar.
//!
//! Four stages, four places: `parse` turns tokens into the syntax tree of
//! `ast`, `check` runs every rule and collects all errors, `lower` turns the
//! checked tree into the model (`runbook_model::owned::Spec`), `expand`
//! embeds it in the `runbook_dsl::Runbook` value.

mod alerting;
mod ast;
mod check;
mod contacts;
mod ctxt;
mod expand;
mod lower;
mod parse;
mod scope;
mod suggest;

pub use alerting::alerting_tokens;
pub use contacts::contacts_tokens;
use proc_macro2::TokenStream;
use quote::quote;

/// Parses, checks and expands a runbook; returns every error found.
pub fn analyse(tokens: TokenStream) -> Result<TokenStream, Vec<syn::Error>> {
    analyse_with_parts(tokens).map_err(|(errors, _)| errors)
}

/// Like `analyse`, and on error also returns the shared parts the runbook
/// names (`contacts: X`), so that the placeholder expansion still uses them.
fn analyse_with_parts(tokens: TokenStream) -> Result<TokenStream, (Vec<syn::Error>, Vec<TokenStream>)> {
    let (rb, parse_errors) = parse::parse(tokens);
    let scope = scope::Scope::new(&rb);
    let mut cx = ctxt::Ctxt::default();
    parse_errors.into_iter().for_each(|e| cx.push(e));
    check::check(&rb, &scope, &mut cx);
    if cx.is_empty() {
        match lower::lower(&rb, &scope).and_then(|spec| expand::expand(&rb, &spec)) {
            Ok(tokens) => return Ok(tokens),
            Err(e) => cx.push(e),
        }
    }
    Err((cx.into_errors(), rb.checklist.into_iter().chain(rb.contacts).collect()))
}

/// The expansion: the runbook value, or the errors followed by a placeholder
/// value of the right type, so that one mistake does not cascade.
pub fn runbook_tokens(tokens: TokenStream) -> TokenStream {
    match analyse_with_parts(tokens) {
        Ok(value) => value,
        Err((errors, parts)) => {
            let errors = errors.iter().map(syn::Error::to_compile_error);
            // Naming the shared parts keeps rustc checking them, and their imports used.
            quote! {{ #(#errors)* #(let _ = &#parts;)* ::runbook_dsl::__private::PLACEHOLDER }}
        }
    }
}
