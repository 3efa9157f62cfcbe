//! YAML scalars for the rule files: every string double-quoted, so that no
//! value (a PromQL `{`, a `: ` in prose, a leading `*`, `yes`) can change
//! the document's structure or type.

/// Appends `text` to `out` as a double-quoted YAML scalar.
///
/// YAML's double-quoted style reads the JSON escapes; everything printable
/// stays as it is (Japanese prose stays readable), and every line break and
/// control character is escaped, so a scalar is always one line.
pub fn quoted_into(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // C0 and C1 controls, DEL, the BOM and the Unicode line and
            // paragraph separators, which YAML would read as breaks or
            // refuse: written as escapes.
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}') => {
                use std::fmt::Write as _;
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `text` as a double-quoted YAML scalar.
pub fn quoted(text: &str) -> String {
    let mut out = String::new();
    quoted_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn structure_and_breaks_are_escaped() {
        assert_eq!(quoted(r#"up{job="api"} == 0"#), r#""up{job=\"api\"} == 0""#);
        assert_eq!(quoted("a: b\n- c\r\u{2028}d\u{7}"), r#""a: b\n- c\r\u2028d\u0007""#);
        assert_eq!(quoted("CPU使用率が85%以上"), "\"CPU使用率が85%以上\"");
        assert_eq!(quoted(r"C:\path"), r#""C:\\path""#);
    }
}
