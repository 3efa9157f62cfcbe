//! The codec's round trip: random models covering every variant of every
//! enum and both states of every optional field are encoded, decoded and
//! compared value for value (their `Debug` forms, which print every field and
//! every float exactly, are equal only if every value survived). Data of
//! another version, or cut short, fails loudly.

use runbook_model::arbitrary::{Arbitrary, Gen};
use runbook_model::codec::{decode, encode, VERSION};
use runbook_model::{owned, Spec, ENUM_TAGS};

const MODELS: u64 = 2_000;

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[test]
fn every_model_survives_encoding_and_decoding() {
    let mut g = Gen::new(7);
    let mut rejected = 0;
    for i in 0..MODELS {
        g.begin();
        let spec = owned::Spec::arbitrary(&mut g);
        // A model whose variant names an environment it does not declare
        // cannot be written: lowering never makes one.
        let Ok(data) = encode(&spec) else {
            rejected += 1;
            continue;
        };
        let data = leak(data);
        let back: Spec = decode(data, "generated.rs");
        assert_eq!(format!("{spec:#?}"), format!("{back:#?}"), "model {i}, data {data:?}");
    }
    assert!(rejected < MODELS / 2, "{rejected} of {MODELS} models named an undeclared environment");
    for (name, tags) in ENUM_TAGS {
        let seen = g.seen.get(name).cloned().unwrap_or_default();
        let missing: Vec<char> = tags.iter().filter(|t| !seen.contains(t)).map(|t| char::from(*t)).collect();
        assert!(missing.is_empty(), "{name}: variants never generated: {missing:?}");
    }
    // The model has 22 optional fields (21 in structs, a rate's noun).
    assert!(g.options.len() >= 22, "optional fields reached: {:?}", g.options.keys());
    for (field, [none, some]) in &g.options {
        assert!(*none && *some, "{field}: None {none}, Some {some}");
    }
}

#[test]
fn another_version_or_corrupt_data_fails_loudly_naming_the_source() {
    let good = (1..)
        .find_map(|seed| {
            let mut g = Gen::new(seed);
            encode(&owned::Spec::arbitrary(&mut g)).ok()
        })
        .expect("a model that encodes");
    let body = &good[VERSION.len()..];
    let cases = [
        String::new(),
        format!("rb1;{body}"),
        // Data that stops one character early (a character, not a byte: the data is UTF-8).
        good[..good.char_indices().last().map_or(0, |(at, _)| at)].to_string(),
        format!("{good}x"),
        format!("{VERSION}9999999:{body}"),
        // Lengths the hand-written decimal reader must refuse: too large for
        // any integer, not digits, no digits, no terminator.
        format!("{VERSION}99999999999999999999999:{body}"),
        format!("{VERSION}+5:{body}"),
        format!("{VERSION}:{body}"),
        format!("{VERSION}12"),
    ];
    for data in cases {
        let data = leak(data);
        let panic = std::panic::catch_unwind(|| decode::<Spec>(data, "runbooks/src/a.rs")).expect_err(data);
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(message.contains("runbooks/src/a.rs") && message.contains("corrupt"), "{data:?}: {message}");
    }
}
