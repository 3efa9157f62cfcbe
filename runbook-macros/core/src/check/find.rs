//! Substring search for the short texts the rules scan. `str::find` and
//! `match_indices` build a Two-Way searcher on every call, which costs more
//! than scanning a 60-byte command byte by byte; the secret and command
//! rules search every text for a dozen words.

/// The byte offsets where `needle` starts in `hay`. `needle` is ASCII, so
/// every offset is a character boundary of `hay`.
pub fn indices<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let first = needle.first().copied();
    (0..(hay.len() + 1).saturating_sub(needle.len()))
        .filter(move |&i| Some(hay[i]) == first && hay[i..].starts_with(needle))
}

pub fn contains(hay: &str, needle: &str) -> bool {
    indices(hay, needle).next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence() {
        assert_eq!(indices("abcabc", "bc").collect::<Vec<_>>(), vec![1, 4]);
        assert_eq!(indices("ab", "abc").count(), 0);
        assert_eq!(indices("日本 AKIA", "AKIA").collect::<Vec<_>>(), vec![7]);
        assert!(contains("x--password y", "--pass"));
        assert!(!contains("", "a"));
    }
}
