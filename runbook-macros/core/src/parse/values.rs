//! Leaf values: strings, names, dates, durations and threshold quantities.

use std::fmt::Write as _;

use proc_macro2::Span;
use quote::ToTokens as _;
use syn::ext::IdentExt as _;
use syn::parse::ParseStream;
use syn::{Ident, Lit, Token};

use crate::ast::{BandLit, BandOp, DateLit, Duration, Name, Quantity, Text, UnitLit};

/// A string literal, dedented so that multi-line commands read as written.
pub fn text(input: ParseStream) -> syn::Result<Text> {
    let (value, span) = string(input)?;
    // A single line is kept as it is: no second copy.
    let value = if value.contains('\n') { dedent(&value) } else { value };
    Ok(Text { value, span })
}

/// A string literal's value, as written.
///
/// Read from the token's text rather than through `syn::LitStr`, which
/// validates and unescapes a literal again on every peek, parse and
/// `value()`: three times per string, most of the parse time of a runbook.
pub fn string(input: ParseStream) -> syn::Result<(String, Span)> {
    input.step(|cursor| {
        if let Some((lit, rest)) = cursor.literal() {
            // The literal's text goes into one buffer reused for every literal.
            let value = REPR.with(|repr| {
                let mut repr = repr.borrow_mut();
                repr.clear();
                let _ = write!(repr, "{lit}");
                string_value(&repr)
            });
            if let Some(value) = value {
                return Ok(((value, lit.span()), rest));
            }
        }
        // The help quotes what was written, when it is a word or a number.
        let written =
            cursor.ident().map(|(i, _)| i.to_string()).or_else(|| cursor.literal().map(|(l, _)| l.to_string()));
        let help = match written {
            Some(w) => format!("write it in double quotes: `\"{}\"`", w.trim_matches('\'')),
            None => "write the value in double quotes, e.g. `\"...\"`".to_string(),
        };
        Err(cursor.error(format!("expected a string literal\nhelp: {help}")))
    })
}

thread_local! {
    static REPR: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// True if the next token is a string literal (not a byte or C string).
pub fn peek_string(input: ParseStream) -> bool {
    is_string(input.cursor())
}

pub fn is_string(cursor: syn::buffer::Cursor) -> bool {
    cursor.literal().is_some_and(|(lit, _)| {
        // The first two bytes of the literal's text tell; formatting stops there.
        let mut head = Head::default();
        let _ = std::fmt::write(&mut head, format_args!("{lit}"));
        let head = &head.bytes[..head.len];
        head.starts_with(b"\"") || head == b"r\"" || head == b"r#"
    })
}

/// The identifier of an `id "title"` head that comes next, if one does:
/// without parsing, so that a look ahead at every `,` costs little.
pub fn peek_head(input: ParseStream) -> Option<Ident> {
    let (ident, rest) = input.cursor().ident()?;
    is_string(rest).then_some(ident)
}

/// A `fmt::Write` that keeps the first two bytes written, then refuses more.
#[derive(Default)]
struct Head {
    bytes: [u8; 2],
    len: usize,
}

impl std::fmt::Write for Head {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for &b in s.as_bytes() {
            if self.len == self.bytes.len() {
                return Err(std::fmt::Error);
            }
            self.bytes[self.len] = b;
            self.len += 1;
        }
        Ok(())
    }
}

/// The value of a string literal from its source text, `"..."` or
/// `r#"..."#`, ignoring a suffix; `None` for any other literal, or for an
/// escape rustc would not have accepted either.
fn string_value(repr: &str) -> Option<String> {
    if let Some(rest) = repr.strip_prefix('r') {
        let body = rest.trim_start_matches('#');
        let hashes = rest.len() - body.len();
        let body = body.strip_prefix('"')?;
        let end = body.rfind(&format!("\"{}", "#".repeat(hashes)))?;
        return Some(body[..end].to_string());
    }
    let body = repr.strip_prefix('"')?;
    // A suffix is an identifier: the last quote closes the literal, and it
    // is the last byte unless there is a suffix (a search only then).
    let body = match body.strip_suffix('"') {
        Some(body) => body,
        None => &body[..body.rfind('"')?],
    };
    if !body.contains('\\') {
        return Some(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            c @ ('\\' | '\'' | '"') => out.push(c),
            'x' => {
                let hex: String = [chars.next()?, chars.next()?].iter().collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok().filter(|b| b.is_ascii())?));
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let mut hex = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        '_' => {}
                        c if hex.len() < 6 => hex.push(c),
                        _ => return None,
                    }
                }
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            // A line continuation: the line break and the next line's indentation vanish.
            '\n' | '\r' => while chars.next_if(|c| matches!(c, ' ' | '\t' | '\n' | '\r')).is_some() {},
            _ => return None,
        }
    }
    Some(out)
}

/// Any identifier, keywords included (`type`, `in`, ...). An id written
/// with hyphens (`prod-east`) is reported once and read as `prod_east`, so
/// that every use of it still resolves.
pub fn name(input: ParseStream) -> syn::Result<Name> {
    // A fork: the caller's recovery goes on from the token that failed.
    let ahead = input.fork();
    let ident = Ident::parse_any(input).map_err(|e| match ahead.parse::<syn::LitStr>() {
        // `feature: "orders-api"`: an id written as a string.
        Ok(s) => {
            let id = id_form(&s.value());
            // `daily { "Disk" => ... }`: a title, with more after it, where the id and then the title belong.
            let help = if !(ahead.is_empty() || ahead.peek(Token![,]) || ahead.peek(Token![;])) {
                format!("write the id first, then the title: `{id} {:?}`", s.value())
            } else {
                format!("an id is written without quotes: `{id}`")
            };
            syn::Error::new(s.span(), format!("expected an id, found the string {:?}\nhelp: {help}", s.value()))
        }
        Err(_) => {
            syn::Error::new(e.span(), "expected an id\nhelp: write a name of letters, digits and `_`, e.g. `web_app`")
        }
    })?;
    // `r#type` names `type`; `unraw` would copy the identifier once more.
    let value = ident.to_string();
    let mut value = match value.strip_prefix("r#") {
        Some(bare) => bare.to_string(),
        None => value,
    };
    let mut span = ident.span();
    // Only an id with hyphens needs the form as written, besides its value.
    let mut written: Option<String> = None;
    while input.peek(Token![-]) && (input.peek2(Ident) || input.peek2(syn::LitInt)) {
        input.parse::<Token![-]>()?;
        let part: proc_macro2::TokenTree = input.parse()?;
        let part_text = part.to_string();
        let form = written.get_or_insert_with(|| value.clone());
        form.push('-');
        form.push_str(&part_text);
        value = format!("{value}_{part_text}");
        span = span.join(part.span()).unwrap_or(span);
    }
    if let Some(written) = written.filter(|w| super::first_report_of(w)) {
        super::recovered(syn::Error::new(
            span,
            format!("`{written}` is not an identifier: ids are written with `_`\nhelp: write `{value}`, here and wherever `{written}` is used"),
        ));
    }
    Ok(Name { value, span })
}

/// The unit a word written apart from its number stands for: `30 min`, `2 hours`.
fn unit_word(word: &str, units: &[(&[&str], &'static str)]) -> Option<&'static str> {
    units.iter().find(|(words, _)| words.contains(&word)).map(|(_, unit)| *unit)
}

const DURATION_WORDS: &[(&[&str], &str)] = &[
    (&["min", "mins", "minute", "minutes"], "min"),
    (&["h", "hr", "hrs", "hour", "hours"], "h"),
    (&["d", "day", "days"], "d"),
    (&["w", "wk", "week", "weeks"], "w"),
    (&["bd", "business_days"], "bd"),
];

const QUANTITY_WORDS: &[(&[&str], &str)] = &[
    (&["ms", "msec", "millisecond", "milliseconds"], "ms"),
    (&["s", "sec", "secs", "second", "seconds"], "s"),
    (&["min", "mins", "minute", "minutes"], "min"),
    (&["h", "hour", "hours"], "h"),
    (&["MB"], "MB"),
    (&["GB"], "GB"),
];

/// A unit word after a number without a suffix: reported with the joined
/// form, and read as if it had been joined.
fn apart_unit(
    input: ParseStream,
    number: &dyn Fn() -> String,
    span: Span,
    units: &[(&[&str], &'static str)],
) -> Option<String> {
    if !input.peek(Ident) {
        return None;
    }
    let fork = input.fork();
    let word = Ident::parse_any(&fork).ok()?;
    // `1000 req/s` is a rate, not a unit written apart.
    if fork.peek(Token![/]) {
        return None;
    }
    let unit = unit_word(&word.to_string(), units)?;
    let _ = Ident::parse_any(input);
    let joined = span.join(word.span()).unwrap_or(span);
    super::recovered(syn::Error::new(
        joined,
        format!("the unit `{word}` is written apart from its number\nhelp: write `{}{unit}`, with no space", number()),
    ));
    Some(unit.to_string())
}

/// `2026-01-31`, lexed by rustc as three integers and two minus signs.
pub fn date(input: ParseStream) -> syn::Result<DateLit> {
    let (year, span) = date_part(input, "year")?;
    input.parse::<Token![-]>().map_err(|e| date_error(e.span()))?;
    let (month, month_span) = date_part(input, "month")?;
    input.parse::<Token![-]>().map_err(|e| date_error(e.span()))?;
    let (day, day_span) = date_part(input, "day")?;
    Ok(DateLit { year, month, day, span, month_span, day_span })
}

fn date_part(input: ParseStream, what: &str) -> syn::Result<(u32, Span)> {
    let lit: syn::LitInt = input.parse().map_err(|e| date_error(e.span()))?;
    if !lit.suffix().is_empty() {
        return Err(date_error(lit.span()));
    }
    let value =
        lit.base10_parse::<u32>().map_err(|_| syn::Error::new(lit.span(), format!("the {what} is too large")))?;
    Ok((value, lit.span()))
}

fn date_error(span: Span) -> syn::Error {
    syn::Error::new(span, "expected a date written YYYY-MM-DD\nhelp: write e.g. `updated: 2026-01-31`")
}

/// An integer with a unit suffix: `90d`, `30min`, `1h`.
pub fn duration(input: ParseStream) -> syn::Result<Duration> {
    let lit: syn::LitInt =
        input.parse().map_err(|e| syn::Error::new(e.span(), "expected a duration such as `90d`, `30min` or `1h`"))?;
    let amount = lit.base10_parse::<u32>().map_err(|_| syn::Error::new(lit.span(), "the duration is too large"))?;
    let mut unit = lit.suffix().to_string();
    if unit.is_empty() {
        unit = apart_unit(input, &|| lit.base10_digits().to_string(), lit.span(), DURATION_WORDS).unwrap_or_default();
    }
    Ok(Duration { amount, unit, span: lit.span() })
}

/// A number with an optional unit: `70%`, `2s`, `100ms`, `3/day`, `1000 req/s`.
pub fn quantity(input: ParseStream) -> syn::Result<Quantity> {
    let lit: Lit =
        input.parse().map_err(|e| syn::Error::new(e.span(), "expected a number such as `70%`, `2s` or `3/day`"))?;
    let mut span = lit.span();
    let (value, suffix) = match &lit {
        Lit::Int(i) => (i.base10_parse::<f64>(), i.suffix().to_string()),
        Lit::Float(f) => (f.base10_parse::<f64>(), f.suffix().to_string()),
        other => return Err(syn::Error::new(other.span(), "expected a number such as `70%`, `2s` or `3/day`")),
    };
    let value = value.map_err(|e| syn::Error::new(span, e.to_string()))?;
    if !value.is_finite() || value.abs() > 1e15 {
        return Err(syn::Error::new(span, "this number is too large for a threshold\nhelp: write a value below 10^15"));
    }
    let unit = if !suffix.is_empty() {
        Some(UnitLit::Suffix(suffix))
    } else if let Some(unit) = apart_unit(input, &|| lit.to_token_stream().to_string(), span, QUANTITY_WORDS) {
        Some(UnitLit::Suffix(unit))
    } else if input.peek(Token![%]) {
        let pct: Token![%] = input.parse()?;
        span = span.join(pct.span).unwrap_or(span);
        Some(UnitLit::Percent)
    } else if input.peek(Token![/]) {
        input.parse::<Token![/]>()?;
        let per = name(input)?;
        span = span.join(per.span).unwrap_or(span);
        Some(UnitLit::Rate { noun: None, per: per.value })
    } else if input.peek(Ident) && input.peek2(Token![/]) {
        let noun = name(input)?;
        input.parse::<Token![/]>()?;
        let per = name(input)?;
        span = span.join(per.span).unwrap_or(span);
        Some(UnitLit::Rate { noun: Some(noun.value), per: per.value })
    } else {
        None
    };
    Ok(Quantity { value, unit, span })
}

/// `< 70%`, `<= 1`, `== 0`, `>= 5`, `> 85%` or `70%..85%`.
pub fn band(input: ParseStream) -> syn::Result<BandLit> {
    let op = if input.peek(Token![<=]) {
        input.parse::<Token![<=]>()?;
        Some(BandOp::AtMost)
    } else if input.peek(Token![>=]) {
        input.parse::<Token![>=]>()?;
        Some(BandOp::AtLeast)
    } else if input.peek(Token![==]) {
        input.parse::<Token![==]>()?;
        Some(BandOp::Exactly)
    } else if input.peek(Token![<]) {
        input.parse::<Token![<]>()?;
        Some(BandOp::Below)
    } else if input.peek(Token![>]) {
        input.parse::<Token![>]>()?;
        Some(BandOp::Above)
    } else {
        None
    };
    if let Some(op) = op {
        return Ok(BandLit::Compare(op, quantity(input)?));
    }
    let low = quantity(input)?;
    // `70%-85%`, `70% ~ 85%`, `70% to 85%`: a range, written another way.
    let dash = input.peek(Token![-]) || input.peek(Token![~]);
    if dash || input.cursor().ident().is_some_and(|(word, _)| word == "to") {
        let span = input.cursor().token_tree().map_or(low.span, |(tree, _)| tree.span());
        return Err(syn::Error::new(span, "a range's bounds are joined with `..`\nhelp: write e.g. `70%..85%`"));
    }
    if !input.peek(Token![..]) {
        return Err(syn::Error::new(low.span, "expected a band: `< 70%`, `70%..85%` or `> 85%`"));
    }
    input.parse::<Token![..]>()?;
    let high = quantity(input)?;
    Ok(BandLit::Range(low, high))
}

/// Strips the source indentation from a multi-line literal.
///
/// A literal that starts with a line break loses it; the lines after the
/// first lose their common indentation; a line that continues a command
/// ending in `\` is indented by two spaces, as shell scripts usually are.
pub fn dedent(raw: &str) -> String {
    if !raw.contains('\n') {
        return raw.to_string();
    }
    let mut lines: Vec<&str> = raw.split('\n').collect();
    let all_indented = lines.first().is_some_and(|l| l.trim().is_empty());
    if all_indented {
        lines.remove(0);
    }
    if lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let skip = usize::from(!all_indented);
    let common = lines
        .iter()
        .skip(skip)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(raw.len());
    let mut continues = false;
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = if i >= skip { line.get(common..).unwrap_or(line) } else { line };
        let line = line.trim_end();
        if continues && i >= skip {
            out.push_str("  ");
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
        continues = line.ends_with('\\');
    }
    out
}

/// The id a string would be: lowercase ASCII letters, digits and `_`.
fn id_form(s: &str) -> String {
    let mut id = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('_') {
            id.push('_');
        }
    }
    let id = id.trim_end_matches('_');
    match id.chars().next() {
        None => "name".into(),
        Some(c) if c.is_ascii_digit() => format!("n{id}"),
        Some(_) => id.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::{dedent, string_value};

    #[test]
    fn a_string_as_an_id() {
        assert_eq!(super::id_form("orders-api"), "orders_api");
        assert_eq!(super::id_form(" Disk usage "), "disk_usage");
        assert_eq!(super::id_form("2fa"), "n2fa");
        assert_eq!(super::id_form("ディスク"), "name");
    }

    /// Every literal form reads as `syn::LitStr::value` reads it.
    #[test]
    fn string_literals_read_as_syn_reads_them() {
        let cases = [
            r#""plain""#,
            r#""日本語 ✓""#,
            r#""a\nb\tc\r\0\\ \' \" end""#,
            r#""\x41\x7f""#,
            r#""\u{1F600}\u{00_e9}""#,
            "\"line one \\\n      line two\"",
            "\"crlf \\\r\n  next\"",
            r#""with suffix"sfx"#,
            r###"r#"raw "quoted" \n"#"###,
            r#"r"raw""#,
            "\"multi\nline\"",
        ];
        for repr in cases {
            let lit: syn::LitStr = syn::parse_str(repr).expect(repr);
            assert_eq!(string_value(repr).as_deref(), Some(lit.value().as_str()), "{repr}");
        }
    }

    #[test]
    fn other_literals_are_not_strings() {
        for repr in ["b\"bytes\"", "c\"c\"", "br\"x\"", "'c'", "12", "1.5"] {
            assert_eq!(string_value(repr), None, "{repr}");
        }
        assert_eq!(string_value(r#""bad \q escape""#), None);
        assert_eq!(string_value(r#""\u{110000}""#), None);
    }

    #[test]
    fn single_line_is_untouched() {
        assert_eq!(dedent("df -h /opt"), "df -h /opt");
    }

    #[test]
    fn continuation_lines_get_two_spaces() {
        let raw = "pg_dump -F c \\\n            -f /backups/x.dump";
        assert_eq!(dedent(raw), "pg_dump -F c \\\n  -f /backups/x.dump");
    }

    #[test]
    fn relative_indentation_is_kept() {
        let raw = "python -c \"\n        try:\n            run()\n        \"";
        assert_eq!(dedent(raw), "python -c \"\ntry:\n    run()\n\"");
    }

    #[test]
    fn leading_newline_dedents_every_line() {
        let raw = "\n        cd /opt\n        git pull\n    ";
        assert_eq!(dedent(raw), "cd /opt\ngit pull");
    }
}
