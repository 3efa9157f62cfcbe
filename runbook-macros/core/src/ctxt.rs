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

    pub fn into_errors(self) -> Vec<syn::Error> {
        self.errors
    }
}
