//! Random models for the codec's round-trip property test (feature `arbitrary`).
//!
//! `model!` implements [`Arbitrary`] for every type of the declaration; an
//! enum picks each of its variants in turn by tag, and the generator records
//! which ones it made, so that a test can check that it covered them all.

use std::collections::{BTreeMap, BTreeSet};

/// A value made from a generator.
pub trait Arbitrary {
    fn arbitrary(g: &mut Gen) -> Self;
}

/// A small deterministic generator (xorshift64*) with a record of the enum variants it made.
#[derive(Debug)]
pub struct Gen {
    state: u64,
    /// Tags made, by enum name.
    pub seen: BTreeMap<&'static str, BTreeSet<u8>>,
    /// Every optional field made (`Struct.field`): whether it was seen `None`, `Some`.
    pub options: BTreeMap<&'static str, [bool; 2]>,
    /// The field being made.
    at: &'static str,
    /// The environments of the model being made, which variants pick from.
    envs: Vec<(String, String)>,
}

/// Strings that stress the format: its own delimiters, digits, multi-byte text.
const TEXTS: &[&str] = &[
    "",
    "a",
    "3:abc",
    "+-;:",
    "日本語のテキスト",
    "line\nbreak \"quoted\" r#\"raw\"#",
    "🚒 {not a placeholder}",
    "sudo systemctl restart mirai-knowledge-app",
];

const FLOATS: &[f64] = &[0.0, -0.0, 0.25, 70.0, 85.5, 1e-3, 12_345.678_9, -5.0, 1e21, f64::MAX];

impl Gen {
    pub fn new(seed: u64) -> Gen {
        Gen {
            state: seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1,
            seen: BTreeMap::new(),
            options: BTreeMap::new(),
            at: "",
            envs: Vec::new(),
        }
    }

    fn next(&mut self) -> u64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Starts a new model: its variants name its own environments.
    pub fn begin(&mut self) {
        self.envs.clear();
    }

    /// The value of the field `name` (`Struct.field`).
    pub fn field<T: Arbitrary>(&mut self, name: &'static str) -> T {
        self.at = name;
        T::arbitrary(self)
    }

    /// One of `tags`, recorded under `name`.
    pub fn variant(&mut self, name: &'static str, tags: &[u8]) -> u8 {
        let tag = tags[self.below(tags.len())];
        self.seen.entry(name).or_default().insert(tag);
        tag
    }
}

impl Arbitrary for String {
    fn arbitrary(g: &mut Gen) -> Self {
        TEXTS[g.below(TEXTS.len())].to_string()
    }
}

impl Arbitrary for f64 {
    fn arbitrary(g: &mut Gen) -> Self {
        FLOATS[g.below(FLOATS.len())]
    }
}

impl Arbitrary for bool {
    fn arbitrary(g: &mut Gen) -> Self {
        g.below(2) == 1
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl Arbitrary for $t {
            fn arbitrary(g: &mut Gen) -> Self {
                match g.below(3) {
                    0 => 0,
                    1 => <$t>::MAX,
                    _ => (g.next() % u64::from(<$t>::MAX)) as $t,
                }
            }
        }
    )*};
}
unsigned!(u8, u16, u32);

impl<T: Arbitrary> Arbitrary for Option<T> {
    fn arbitrary(g: &mut Gen) -> Self {
        let some = g.below(2) == 1;
        g.options.entry(g.at).or_default()[usize::from(some)] = true;
        some.then(|| T::arbitrary(g))
    }
}

/// Lists of zero to three items: nested lists stay small.
impl<T: Arbitrary> Arbitrary for Vec<T> {
    fn arbitrary(g: &mut Gen) -> Self {
        let n = g.below(4);
        (0..n).map(|_| T::arbitrary(g)).collect()
    }
}

impl Arbitrary for crate::owned::Environment {
    fn arbitrary(g: &mut Gen) -> Self {
        let env = crate::owned::Environment {
            id: g.field("Environment.id"),
            label: g.field("Environment.label"),
            vars: g.field("Environment.vars"),
        };
        g.envs.push((env.id.clone(), env.label.clone()));
        env
    }
}

/// One of the model's environments; a made-up one when it has none, which
/// the encoder rejects (the test counts those models and makes others).
impl Arbitrary for crate::owned::EnvLabel {
    fn arbitrary(g: &mut Gen) -> Self {
        let (id, label) = match g.envs.len() {
            0 => ("undeclared".to_string(), String::new()),
            n => {
                let i = g.below(n);
                g.envs[i].clone()
            }
        };
        crate::owned::EnvLabel { id, label }
    }
}
