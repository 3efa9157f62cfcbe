//! The project's hashes, none for anything an adversary chooses: [`words`]
//! for whole texts (a document's body, a runbook's data), [`Fnv`] for the
//! input hash built from a sequence of values (and the renderer's code hash
//! in runbook-dsl's build script).

/// A hash of a whole text, eight bytes at a time: the body hash of every
/// generated document (hashed when written and whenever it is read) and the
/// macro's hash of a runbook's data. Enough to notice an edit, and fast.
///
/// It takes the text eight bytes at a time; each step is a bijection of the
/// state for a given word, so a change within one word always changes the
/// hash, and any other change does but with odds of 2^-64. The length goes
/// in first, which tells apart texts that differ only by trailing zero bytes.
pub fn words(text: &str) -> u64 {
    bytes(text.as_bytes())
}

/// [`words`] of any bytes: the doc writer fingerprints files that may not be text.
pub fn bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = 0x243f_6a88_85a3_08d3 ^ (bytes.len() as u64).wrapping_mul(K);
    let mut step = |word: [u8; 8]| {
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K);
        h ^= h >> 32;
    };
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        step(word);
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    step(last);
    // MurmurHash3's finaliser: every input bit reaches every output bit.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// FNV-1a over a sequence of values.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv::new()
    }
}

impl Fnv {
    pub const fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn bytes(self, bytes: &[u8]) -> Fnv {
        Fnv(bytes.iter().fold(self.0, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)))
    }

    /// A string with its length first, so that `("ab", "c")` and `("a", "bc")` differ.
    pub fn str(self, s: &str) -> Fnv {
        self.u64(s.len() as u64).bytes(s.as_bytes())
    }

    pub fn u64(self, n: u64) -> Fnv {
        self.bytes(&n.to_le_bytes())
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Fnv;

    #[test]
    fn known_values_and_length_prefixes() {
        // The FNV-1a test vectors: "" and "a".
        assert_eq!(Fnv::new().bytes(b"").finish(), 0xcbf2_9ce4_8422_2325);
        assert_eq!(Fnv::new().bytes(b"a").finish(), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(Fnv::new().str("ab").str("c").finish(), Fnv::new().str("a").str("bc").finish());
    }
}
