//! Collects every diagnostic of one invocation, so that all are reported together.

use proc_macro2::Span;

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

    /// The errors in source order, so that the first one reported is the
    /// first one in the file; errors at one place keep the rules' order.
    pub fn into_errors(mut self) -> Vec<syn::Error> {
        self.errors.sort_by_key(|e| {
            let at = e.span().start();
            (at.line, at.column)
        });
        self.errors
    }
}
