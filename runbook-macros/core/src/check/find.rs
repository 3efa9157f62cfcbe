//! Substring search for the short texts the rules scan. `str::find` and
//! `match_indices` build a Two-Way searcher on every call, which costs more
//! than scanning a 60-byte command byte by byte; the secret and command
//! rules search every text for a dozen words.

/// The byte offsets where `needle` (not empty) starts in `hay`.
pub fn indices<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    // Candidates are found with `str::find(char)`, which runs `memchr`.
    let first = needle.chars().next().unwrap_or('\0');
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(n) = hay.get(from..)?.find(first) {
            let at = from + n;
            from = at + first.len_utf8();
            if hay[at..].starts_with(needle) {
                return Some(at);
            }
        }
        None
    })
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
