//! The model of a checked runbook, defined once.
//!
//! `runbook!` parses and checks a runbook, lowers it to [`owned::Spec`] and
//! embeds it with [`codec::encode`]; at run time `runbook_dsl` decodes it
//! into [`Spec`], which every output reads. Both types, and the encoder and
//! decoder, are generated from the one declaration in `model.rs`, so a
//! field or variant cannot be written by one side and missed by the other.
//!
//! This crate has no dependencies: the proc macro and every runbook crate
//! build it, and it must stay cheap.

#[macro_use]
mod declare;
#[cfg(feature = "arbitrary")]
pub mod arbitrary;
pub mod codec;
pub mod contacts;
mod date;
pub mod hash;
mod model;
pub mod policy;
mod vocab;
pub mod walk;

pub use model::*;
pub use vocab::Vocabulary;
