//! Collects every diagnostic of one invocation, so that all are reported together.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{ParseStream, Parser};

#[derive(Debug, Default)]
pub struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    /// Records an error at `span` with a `help:` line that says how to fix it.
    pub fn error(&mut self, span: Span, message: impl std::fmt::Display, help: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, format!("{message}\nhelp: {help}")));
    }

    /// Records an error that already carries its message.
    pub fn push(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The errors in source order (with the `source-order` feature, which the
    /// proc macro turns on), so that the first one reported is the first one
    /// in the file; errors at one place keep the rules' order.
    pub fn into_errors(mut self) -> Vec<syn::Error> {
        self.errors.sort_by_key(|e| position(e.span()));
        self.errors
    }
}

/// The stages of a value macro (`contacts!`, `alerting!`): parse, then
/// check, both into one `Ctxt`, then the expansion; or, with any error, every
/// error followed by `fallback`, a value of the right type, so that the
/// consts that name it do not cascade into errors of their own.
pub fn value_macro<T: Default>(
    tokens: TokenStream,
    parse: impl FnOnce(ParseStream, &mut Ctxt) -> syn::Result<T>,
    check: impl FnOnce(&T, &mut Ctxt),
    expand: impl FnOnce(&T) -> TokenStream,
    fallback: TokenStream,
) -> TokenStream {
    let mut cx = Ctxt::default();
    let input = match (|stream: ParseStream| parse(stream, &mut cx)).parse2(tokens) {
        Ok(input) => input,
        Err(e) => {
            cx.push(e);
            T::default()
        }
    };
    if cx.is_empty() {
        check(&input, &mut cx);
    }
    if !cx.is_empty() {
        let errors = cx.into_errors().into_iter().map(|e| e.to_compile_error());
        return quote! {{ #(#errors)* #fallback }};
    }
    expand(&input)
}

/// Where a span starts, with the `source-order` feature; without it every
/// error sorts alike, so that they stay in the rules' order.
#[cfg(feature = "source-order")]
fn position(span: Span) -> (usize, usize) {
    let at = span.start();
    (at.line, at.column)
}

#[cfg(not(feature = "source-order"))]
fn position(_: Span) -> (usize, usize) {
    (0, 0)
}
