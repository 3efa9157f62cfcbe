//! The source keywords of the closed vocabularies, each written once in an
//! exhaustive match: a new variant does not build until it has a keyword.
//! The macro engine lowers through these, and the catalog writes them.

use crate::{owned, Date, Lang, Level, Per, Severity, Unit};

/// A unit-only enum: every variant, in declaration order, and its keyword.
pub trait Vocabulary: Sized + Copy + 'static {
    /// Every variant, in declaration order (a unit test compares it with the tags).
    const ALL: &'static [Self];
    /// The keyword the source writes.
    fn keyword(self) -> &'static str;
    /// The variant the source keyword `word` names.
    fn from_keyword(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.keyword() == word)
    }
}

impl Vocabulary for Lang {
    const ALL: &'static [Self] = &[Lang::Ja, Lang::En];
    fn keyword(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

impl Vocabulary for Per {
    const ALL: &'static [Self] = &[Per::Second, Per::Minute, Per::Hour, Per::Day];
    fn keyword(self) -> &'static str {
        match self {
            Per::Second => "s",
            Per::Minute => "min",
            Per::Hour => "h",
            Per::Day => "day",
        }
    }
}

impl Vocabulary for Severity {
    const ALL: &'static [Self] = &[Severity::P0, Severity::P1, Severity::P2, Severity::P3];
    fn keyword(self) -> &'static str {
        match self {
            Severity::P0 => "P0",
            Severity::P1 => "P1",
            Severity::P2 => "P2",
            Severity::P3 => "P3",
        }
    }
}

impl Vocabulary for Level {
    const ALL: &'static [Self] = &[Level::Warning, Level::Critical];
    fn keyword(self) -> &'static str {
        match self {
            Level::Warning => "warning",
            Level::Critical => "critical",
        }
    }
}

impl Unit {
    /// The suffix the source writes after a threshold (`70%`, `2s`); `None`
    /// for a count and for a rate, which is written `noun/period`.
    pub fn suffix(&self) -> Option<&'static str> {
        match self {
            Unit::Count | Unit::Rate { .. } => None,
            Unit::Percent => Some("%"),
            Unit::Millis => Some("ms"),
            Unit::Seconds => Some("s"),
            Unit::Minutes => Some("min"),
            Unit::Hours => Some("h"),
            Unit::Megabytes => Some("MB"),
            Unit::Gigabytes => Some("GB"),
        }
    }
}

impl owned::Unit {
    /// Every unit a threshold's suffix can name.
    const SUFFIXED: [owned::Unit; 7] = [
        owned::Unit::Percent,
        owned::Unit::Millis,
        owned::Unit::Seconds,
        owned::Unit::Minutes,
        owned::Unit::Hours,
        owned::Unit::Megabytes,
        owned::Unit::Gigabytes,
    ];

    /// The unit the suffix `s` names (`"ms"`), the inverse of [`Unit::suffix`].
    pub fn from_suffix(s: &str) -> Option<owned::Unit> {
        Self::SUFFIXED.into_iter().find(|u| u.borrowed().suffix() == Some(s))
    }

    /// The same unit-like variant on the borrowed side (a rate has no suffix).
    fn borrowed(&self) -> Unit {
        match self {
            owned::Unit::Count => Unit::Count,
            owned::Unit::Percent => Unit::Percent,
            owned::Unit::Millis => Unit::Millis,
            owned::Unit::Seconds => Unit::Seconds,
            owned::Unit::Minutes => Unit::Minutes,
            owned::Unit::Hours => Unit::Hours,
            owned::Unit::Megabytes => Unit::Megabytes,
            owned::Unit::Gigabytes => Unit::Gigabytes,
            owned::Unit::Rate { per, .. } => Unit::Rate { noun: None, per: *per },
        }
    }
}

impl Severity {
    /// The position in `[P0, P1, P2, P3]`, for per-severity counts.
    pub const fn index(self) -> usize {
        match self {
            Severity::P0 => 0,
            Severity::P1 => 1,
            Severity::P2 => 2,
            Severity::P3 => 3,
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.keyword())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{encode, Encode};

    /// `ALL` lists every variant once, in the order of the tags.
    fn complete<T: Vocabulary + Encode>(tags: &[u8]) {
        let written: Vec<u8> =
            T::ALL.iter().map(|v| encode(v).expect("encodes").as_bytes()[crate::codec::VERSION.len()]).collect();
        assert_eq!(written, tags, "{}", std::any::type_name::<T>());
        for v in T::ALL {
            assert_eq!(T::from_keyword(v.keyword()).map(|w| w.keyword()), Some(v.keyword()));
        }
    }

    #[test]
    fn every_vocabulary_lists_every_variant() {
        complete::<Lang>(Lang::TAGS);
        complete::<Per>(Per::TAGS);
        complete::<Severity>(Severity::TAGS);
        complete::<Level>(Level::TAGS);
        assert_eq!(Severity::ALL.iter().map(|s| s.index()).collect::<Vec<_>>(), [0, 1, 2, 3]);
        // Every suffixed unit, and only those, reads back from its suffix.
        // Every unit but a count and a rate has a suffix that reads back to it.
        let tag = |u: &owned::Unit| encode(u).expect("encodes").as_bytes()[crate::codec::VERSION.len()];
        let rate = owned::Unit::Rate { noun: None, per: Per::Second };
        let mut suffixed: Vec<u8> = owned::Unit::SUFFIXED.iter().map(tag).collect();
        suffixed.extend([tag(&owned::Unit::Count), tag(&rate)]);
        suffixed.sort_unstable();
        let mut all = owned::Unit::TAGS.to_vec();
        all.sort_unstable();
        assert_eq!(suffixed, all, "SUFFIXED lists every unit with a suffix");
        for u in owned::Unit::SUFFIXED {
            let suffix = u.borrowed().suffix().expect("a suffix");
            assert_eq!(owned::Unit::from_suffix(suffix).as_ref(), Some(&u), "{suffix}");
        }
        assert_eq!(owned::Unit::from_suffix("GB"), Some(owned::Unit::Gigabytes));
        assert_eq!(owned::Unit::from_suffix("TB"), None);
    }
}

#[cfg(test)]
mod prose_tests {
    use crate::AlertProse;

    /// The parser and lowering reach prose fields only through `KEYS` and
    /// `slot`, the outputs only through `entries`: the three must name the
    /// same fields in the same order, or a field would be parsed and lost.
    #[test]
    fn keys_slots_and_entries_agree() {
        let keys = AlertProse::<()>::KEYS;
        assert!(keys.starts_with(&["meaning", "impact"]), "{keys:?}");
        let mut prose = AlertProse::<Option<String>>::default();
        for key in keys {
            *prose.slot(key).expect("a slot per key") = Some(format!("{key} text"));
        }
        assert!(prose.slot("no_such_field").is_none() && prose.slot("").is_none());
        let entries: Vec<(&str, Option<String>)> = prose.entries().map(|(k, v)| (k, v.clone())).collect();
        let expected: Vec<(&str, Option<String>)> = keys.iter().map(|k| (*k, Some(format!("{k} text")))).collect();
        assert_eq!(entries, expected);
    }
}
