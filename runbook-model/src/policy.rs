//! R13's rules for an alerting policy's literals, as `const fn`s over bytes,
//! defined once: `alerting!` runs them on each literal at expansion, and
//! `runbook_dsl::Alerting::new` and `severity` run them in const evaluation.

/// What is wrong with a base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlFault {
    /// Not `https://` followed by a host.
    NotHttps,
    /// Not ending in `/`, so a path would be glued to the last segment.
    NoSlash,
    /// A space, a quote, `<`, `>`, `\` or a character outside ASCII: the URL
    /// is written into YAML and Markdown as it is.
    Character,
}

/// What is wrong with a severity's rule label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelFault {
    Empty,
    /// A character other than ASCII letters, digits, `_` and `-`: Alertmanager routes
    /// match the label's value, so it is kept to what every matcher takes.
    Character,
}

pub const fn base_url_fault(url: &str) -> Option<UrlFault> {
    let b = url.as_bytes();
    if !matches!(b, [b'h', b't', b't', b'p', b's', b':', b'/', b'/', _, _, ..]) {
        Some(UrlFault::NotHttps)
    } else if b[b.len() - 1] != b'/' {
        Some(UrlFault::NoSlash)
    } else if !all_in(URL_BYTES, b) {
        Some(UrlFault::Character)
    } else {
        None
    }
}

pub const fn label_fault(label: &str) -> Option<LabelFault> {
    if label.is_empty() {
        Some(LabelFault::Empty)
    } else if !all_in(LABEL_BYTES, label.as_bytes()) {
        Some(LabelFault::Character)
    } else {
        None
    }
}

/// True if `b` may be in a rule label.
pub const fn label_byte(b: u8) -> bool {
    b < 128 && LABEL_BYTES >> b & 1 == 1
}

// In const evaluation each comparison is a step of rustc's interpreter: a
// byte's test is one shift into a set of allowed ASCII bytes (bit `b` for
// byte `b`) instead of a chain of comparisons. The test
// `byte_sets_match_their_definitions` rebuilds both from their words.

/// A base URL's bytes: printable ASCII but `"`, `<`, `>` and `\`.
const URL_BYTES: u128 = 0x7fffffff_efffffff_affffffa_00000000;
/// A rule label's bytes: ASCII letters and digits, `_` and `-`.
const LABEL_BYTES: u128 = 0x07fffffe_87fffffe_03ff2000_00000000;

/// True if every byte of `b` is in `set`.
const fn all_in(set: u128, b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        if b[i] >= 128 || set >> b[i] & 1 == 0 {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(allowed: impl Fn(u8) -> bool) -> u128 {
        (0..128u8).filter(|&b| allowed(b)).fold(0, |set, b| set | 1 << b)
    }

    #[test]
    fn byte_sets_match_their_definitions() {
        assert_eq!(URL_BYTES, set(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'\\')));
        assert_eq!(LABEL_BYTES, set(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
        for b in 0..=255u8 {
            assert_eq!(label_byte(b), b.is_ascii_alphanumeric() || b == b'_' || b == b'-', "{b}");
        }
    }

    #[test]
    fn each_fault_is_found() {
        assert_eq!(base_url_fault("https://example.com/r/"), None);
        for (url, fault) in [
            ("http://example.com/", UrlFault::NotHttps),
            ("https://", UrlFault::NotHttps),
            ("", UrlFault::NotHttps),
            ("https://a", UrlFault::NotHttps),
            ("https://ab", UrlFault::NoSlash),
            ("https://a b/", UrlFault::Character),
            ("https://例え.jp/", UrlFault::Character),
            ("https://a\"/", UrlFault::Character),
        ] {
            assert_eq!(base_url_fault(url), Some(fault), "{url}");
        }
        assert_eq!(label_fault("page-1_a"), None);
        assert_eq!(label_fault(""), Some(LabelFault::Empty));
        assert_eq!(label_fault("crit ical"), Some(LabelFault::Character));
        assert_eq!(label_fault("Critical"), None);
    }
}
