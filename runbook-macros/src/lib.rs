//! The `runbook!` macro. Users reach it through `runbook_dsl::runbook!`,
//! which documents the grammar.
//!
//! Three stages, three places: `parse` turns tokens into the syntax tree of
//! `ast`, `check` runs every rule and collects all errors, `expand` writes the
//! `runbook_dsl::Runbook` value.

mod ast;
mod check;
mod ctxt;
mod expand;
mod parse;
mod scope;
mod suggest;

use proc_macro2::TokenStream;
use quote::quote;

/// Declares a feature's runbook; see `runbook_dsl::runbook!` for the grammar.
#[proc_macro]
pub fn runbook(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    runbook_tokens(input.into()).into()
}

/// Parses and checks a runbook; returns every error found.
fn analyse(tokens: TokenStream) -> Result<TokenStream, Vec<syn::Error>> {
    let (rb, parse_errors) = parse::parse(tokens);
    let scope = scope::Scope::new(&rb);
    let mut cx = ctxt::Ctxt::default();
    parse_errors.into_iter().for_each(|e| cx.push(e));
    check::check(&rb, &scope, &mut cx);
    if cx.is_empty() {
        Ok(expand::expand(&rb, &scope))
    } else {
        Err(cx.into_errors())
    }
}

/// The expansion: the runbook value, or the errors followed by a placeholder
/// value of the right type, so that one mistake does not cascade.
fn runbook_tokens(tokens: TokenStream) -> TokenStream {
    match analyse(tokens) {
        Ok(value) => value,
        Err(errors) => {
            let errors = errors.iter().map(syn::Error::to_compile_error);
            quote! {{ #(#errors)* ::runbook_dsl::__private::PLACEHOLDER }}
        }
    }
}
