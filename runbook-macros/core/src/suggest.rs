//! "Did you mean": the valid name nearest to a typo.

/// The candidate within edit distance 2 (or a third of the word) of `typo`, if any.
pub fn nearest<'a>(typo: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (typo.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (distance(typo, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn finds_close_names_only() {
        assert_eq!(nearest("titel", &["title", "owner"]), Some("title"));
        assert_eq!(nearest("troubleshoting", &["troubleshooting", "alerts"]), Some("troubleshooting"));
        assert_eq!(nearest("zzz", &["title", "owner"]), None);
    }
}
