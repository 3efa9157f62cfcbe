//! Markdown renderers: one file per document, sharing the escaping, step and
//! diagram helpers. Renderers are pure: the same runbook gives the same bytes.

/// `format!` through a buffer kept per thread, so that the `String` it
/// returns is allocated once, at its final size. `format!` starts from a
/// guess and grows: its reallocations were a quarter of the render time.
macro_rules! fmt {
    ($($arg:tt)*) => {
        $crate::render::formatted(format_args!($($arg)*))
    };
}

/// The concatenation of string parts, allocated once at its size: what
/// `fmt!` of `{}`s alone gives, without the formatting machinery
/// (`core::fmt` was an eighth of the render's instructions).
macro_rules! cat {
    ($($part:expr),+ $(,)?) => {
        $crate::render::concat(&[$(::core::convert::AsRef::<str>::as_ref(&$part)),+])
    };
}

/// What `cat!` returns.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// What `fmt!` returns.
pub(crate) fn formatted(args: std::fmt::Arguments<'_>) -> String {
    use std::fmt::Write as _;
    thread_local! {
        static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUFFER.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut buffer) => {
            buffer.clear();
            let _ = buffer.write_fmt(args);
            buffer.as_str().to_owned()
        }
        // An argument that formats with `fmt!` itself.
        Err(_) => std::fmt::format(args),
    })
}

mod contacts;
mod diagram;
pub mod escape;
mod index;
pub(crate) mod labels;
mod logrotate;
mod maintenance;
mod md;
mod members;
mod mermaid;
mod operations;
pub mod paths;
pub mod rules;
mod steps;
mod troubleshooting;
mod yaml;

pub use paths::Kind;

use crate::marker;
use crate::model::Model;
use crate::runbook::{self, Runbook};

/// One generated file: where it goes and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Relative to the output root, `/`-separated.
    pub path: String,
    /// The complete file: generated-file marker, then the body.
    pub contents: String,
}

/// The body of one document of `m`, without the marker.
pub fn body(m: &Model, kind: Kind) -> String {
    match kind {
        Kind::Operations => operations::render(m),
        Kind::Troubleshooting => troubleshooting::render(m),
        Kind::Maintenance => maintenance::render(m),
    }
}

/// One document of `rb`, opening with the marker that names its source and input hash.
pub fn document(rb: &Runbook, kind: Kind) -> Document {
    Document { path: paths::path(rb.feature, kind), contents: contents(rb, kind, rb.input_hash()) }
}

/// The contents of `document(rb, kind)`, for a caller that has computed
/// `input = rb.input_hash()` already (the doc writer, to compare markers).
pub(crate) fn contents(rb: &Runbook, kind: Kind, input: u64) -> String {
    marker::wrap_as(kind.syntax(), rb.source, input, &body(rb.model_for(input), kind))
}

/// The three documents of `rb`.
pub fn documents(rb: &Runbook) -> [Document; 3] {
    Kind::ALL.map(|kind| document(rb, kind))
}

/// The index of all features, `runbook/README.md`. Its marker names the
/// registry. It needs no runbook's model: one row is a runbook's plain fields.
pub fn index(runbooks: &[&Runbook], registry: &str) -> Document {
    let contents = marker::wrap(registry, runbook::index_hash(runbooks, registry), &index::render(runbooks));
    Document { path: index::PATH.to_string(), contents }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    #[test]
    fn cat_joins_every_kind_of_string_at_its_size() {
        let owned = String::from("b");
        let joined = cat!("a", owned, Cow::Borrowed("c"), &String::from("d"), "");
        assert_eq!(joined, "abcd");
        assert_eq!(joined.capacity(), 4, "allocated once, at its size");
        assert_eq!(fmt!("{}{}", "a", 1), "a1");
    }
}
