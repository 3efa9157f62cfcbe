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

    /// The errors in source order (with the `source-order` feature, which the
    /// proc macro turns on), so that the first one reported is the first one
    /// in the file; errors at one place keep the rules' order.
    pub fn into_errors(mut self) -> Vec<syn::Error> {
        self.errors.sort_by_key(|e| position(e.span()));
        self.errors
    }
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
