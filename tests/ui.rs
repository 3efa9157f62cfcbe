//! The compile-time rules, one failing case per rule and sub-rule in
//! `ui/<rule>/<case>.rs`, each with its reviewed `.stderr`; and the edges
//! that must be accepted in `ui/pass/`. Regenerate snapshots with
//! `TRYBUILD=overwrite cargo test -p tests --test ui` and read the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/r*/*.rs");
    t.compile_fail("ui/syntax/*.rs");
    t.pass("ui/pass/*.rs");
}
