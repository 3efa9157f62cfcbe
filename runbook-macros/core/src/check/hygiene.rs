//! R10, text hygiene: the command shown is the command that runs. A
//! character that looks like ASCII but is not (a full-width space typed with
//! an IME, curly quotes pasted from a wiki, an en dash for `--`), or one that
//! cannot be seen at all (zero-width and bidirectional characters, control
//! characters), is an error whose `help:` shows the command in ASCII.
//!
//! Look-alikes count outside shell quotes only: inside `"..."` a curly
//! apostrophe or a full-width space is text the command prints, as written.
//! Invisible characters count everywhere, in commands and configuration
//! lines; so does a Cyrillic or Greek letter drawn like a Latin one inside a
//! word that holds Latin letters (`nginх`), which nobody types on purpose.

use crate::ast::*;
use crate::ctxt::Ctxt;

use super::walk::{self, Kind};

pub fn scan(rb: &Runbook, cx: &mut Ctxt) {
    let envs = rb.environments.iter().flatten().flat_map(|e| &e.vars);
    for v in rb.vars.iter().flatten().chain(envs).chain(super::members::values(rb)) {
        check(&v.value, true, cx);
    }
    walk::texts(rb, &mut |text, kind| match kind {
        Kind::Command => check(text, true, cx),
        Kind::Config => check(text, false, cx),
        Kind::Prose | Kind::Output => {}
    });
}

fn check(text: &Text, command: bool, cx: &mut Ctxt) {
    // Most commands are plain ASCII without control characters: one pass over the bytes.
    if !text.value.bytes().any(|b| b >= 0x7f || (b < 0x20 && b != b'\n' && b != b'\t')) {
        return;
    }
    let Some((at, c, what)) = first_suspicious(&text.value, command) else { return };
    // A few characters either side, the character itself named by its code.
    let before: Vec<char> = text.value[..at].chars().rev().take(10).collect();
    let after: String = text.value[at + c.len_utf8()..].chars().take(10).collect();
    let near = format!(
        "{}{{U+{:04X}}}{}",
        before.iter().rev().collect::<String>().escape_debug(),
        u32::from(c),
        after.escape_debug()
    );
    cx.error(
        text.span,
        format!("{what} (U+{:04X}) at `{near}`: the command shown is not the command that runs", u32::from(c)),
        format!("write it in ASCII: `{}`", ascii_form(&text.value, command)),
    );
}

/// What `c` is, and its ASCII form (empty: remove it), when it is invisible.
fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' => "a zero-width character",
        '\u{200C}' | '\u{200D}' => "a zero-width joiner",
        '\u{00AD}' => "a soft hyphen",
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            "a bidirectional control character"
        }
        '\u{2028}' | '\u{2029}' | '\u{0085}' => "a Unicode line separator",
        '\r' => "a carriage return",
        '\0' => "a NUL character",
        c if c.is_control() && c != '\n' && c != '\t' => "a control character",
        '\u{2061}'..='\u{2064}' => "an invisible operator",
        _ => return None,
    })
}

/// What `c` is and the ASCII it looks like, when it is a look-alike.
fn look_alike(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '\u{3000}' => ("a full-width space", " "),
        '\u{00A0}' | '\u{202F}' => ("a no-break space", " "),
        '\u{2000}'..='\u{200A}' | '\u{205F}' => ("a typographic space", " "),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => ("a curly quote", "'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => ("a curly quote", "\""),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => ("a dash that is not `-`", "-"),
        // A word processor turns `--` into an en or em dash.
        '\u{2013}' | '\u{2014}' | '\u{2015}' => ("a dash that is not `-`", "--"),
        '\u{2026}' => ("an ellipsis character", "..."),
        '\u{FF01}'..='\u{FF5E}' => ("a full-width character", FULL_WIDTH[(u32::from(c) - 0xFF01) as usize]),
        _ => return None,
    })
}

/// The ASCII forms of U+FF01..=U+FF5E, in order: `！` is `!`, `ａ` is `a`.
const FULL_WIDTH: [&str; 94] = {
    const ALL: &str =
        "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    let mut out = [""; 94];
    let mut i = 0;
    while i < 94 {
        // Each is one ASCII byte of ALL.
        let (_, tail) = ALL.as_bytes().split_at(i);
        let (one, _) = tail.split_at(1);
        out[i] = match std::str::from_utf8(one) {
            Ok(s) => s,
            Err(_) => "",
        };
        i += 1;
    }
    out
};

/// The first character that is not what it looks like: its offset, itself and what it is.
fn first_suspicious(text: &str, command: bool) -> Option<(usize, char, &'static str)> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        if let Some(what) = invisible(c) {
            return Some((at, c, what));
        }
        if latin_look_alike(c).is_some() && in_latin_word(text, at, c) {
            return Some((at, c, "a Cyrillic or Greek letter in a Latin word"));
        }
        if command && quote.is_none() && !escaped {
            if let Some((what, _)) = look_alike(c) {
                return Some((at, c, what));
            }
        }
        (quote, escaped) = step_quote(quote, escaped, c);
    }
    None
}

/// The Latin letter a Cyrillic or Greek one is drawn like (`с` and `c`).
fn latin_look_alike(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'һ' => 'h',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'Е' | 'Ε' => 'E',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Н' | 'Η' => 'H',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'С' => 'C',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'Ζ' => 'Z',
        'Ν' => 'N',
        'Υ' => 'Y',
        'ο' => 'o',
        'ν' => 'v',
        _ => return None,
    })
}

/// The word around the character at `at` also holds an ASCII letter:
/// `nginх` mixes scripts, which nobody types on purpose; `Готово` does not.
fn in_latin_word(text: &str, at: usize, c: char) -> bool {
    let part = |ch: char| ch.is_alphanumeric() || matches!(ch, '_' | '-' | '.');
    let before = text[..at].chars().rev().take_while(|ch| part(*ch));
    let after = text[at + c.len_utf8()..].chars().take_while(|ch| part(*ch));
    before.chain(after).any(|ch| ch.is_ascii_alphabetic())
}

/// The shell's quoting state after `c`.
fn step_quote(quote: Option<char>, escaped: bool, c: char) -> (Option<char>, bool) {
    match (quote, c) {
        _ if escaped => (quote, false),
        (Some('\''), '\'') => (None, false),
        (Some('\''), _) => (quote, false),
        (Some('"'), '"') => (None, false),
        (_, '\\') => (quote, true),
        (None, '\'' | '"') => (Some(c), false),
        _ => (quote, false),
    }
}

/// The text with look-alikes replaced by their ASCII forms and invisible characters removed.
pub(super) fn ascii_form(text: &str, command: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    let mut escaped = false;
    // A quote opened by a curly quote is closed by its curly partner.
    let mut curly = false;
    for (at, c) in text.char_indices() {
        if let Some(latin) = latin_look_alike(c).filter(|_| in_latin_word(text, at, c)) {
            out.push(latin);
            continue;
        }
        if invisible(c).is_some() {
            // A Unicode line separator was meant as a line break.
            if matches!(c, '\u{2028}' | '\u{2029}' | '\u{0085}') {
                out.push('\n');
            }
            continue;
        }
        let ascii = match look_alike(c) {
            Some((_, ascii)) if command && quote.is_none() && !escaped => ascii,
            Some((_, ascii)) if command && curly && quote.is_some_and(|q| ascii.starts_with(q)) => ascii,
            _ => {
                out.push(c);
                (quote, escaped) = step_quote(quote, escaped, c);
                curly &= quote.is_some();
                continue;
            }
        };
        out.push_str(ascii);
        for a in ascii.chars() {
            (quote, escaped) = step_quote(quote, escaped, a);
        }
        curly = quote.is_some() && matches!(ascii, "'" | "\"");
    }
    let short: String = out.chars().take(100).collect::<String>().replace('\n', "\\n");
    if short.chars().count() < out.chars().count() {
        format!("{short} ...")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::{ascii_form, first_suspicious};

    #[test]
    fn finds_what_is_not_ascii_where_it_matters() {
        for (cmd, what) in [
            ("grep\u{3000}error /var/log/app.log", "a full-width space"),
            ("psql -c \u{201C}SELECT 1\u{201D}", "a curly quote"),
            ("systemctl restart app\u{200B}", "a zero-width character"),
            ("ls \u{202E}gol.txt", "a bidirectional control character"),
            ("echo a\0b", "a NUL character"),
            ("kubectl get pods \u{2013}all-namespaces", "a dash that is not `-`"),
            ("ｓｙｓｔｅｍｃｔｌ status app", "a full-width character"),
            ("sudo systemctl restart nginх", "a Cyrillic or Greek letter in a Latin word"),
            ("echo \"Рostgres is down\"", "a Cyrillic or Greek letter in a Latin word"),
            ("echo \"done\u{200D}\"", "a zero-width joiner"),
        ] {
            assert_eq!(first_suspicious(cmd, true).map(|(_, _, w)| w), Some(what), "{cmd}");
        }
    }

    #[test]
    fn quoted_text_is_printed_as_written() {
        for cmd in [
            "echo \"バックアップ\u{3000}完了\"",
            "echo 'Don\u{2019}t panic'",
            "logger \"ｏｋ\"",
            "grep エラー /var/log/app.log",
            "echo \"Сервер nginx перезапущен\"",
            "logger Готово",
        ] {
            assert_eq!(first_suspicious(cmd, true), None, "{cmd}");
        }
        // Configuration lines may hold any printable text.
        assert_eq!(first_suspicious("message = ‘hello’", false), None);
    }

    #[test]
    fn the_ascii_form_is_what_was_meant() {
        assert_eq!(ascii_form("grep\u{3000}error \u{2018}x\u{2019}", true), "grep error 'x'");
        assert_eq!(ascii_form("kubectl get pods \u{2014}all-namespaces", true), "kubectl get pods --all-namespaces");
        assert_eq!(ascii_form("ｓｙｓｔｅｍｃｔｌ status app\u{200B}", true), "systemctl status app");
        assert_eq!(ascii_form("systemctl restart nginх # Сервер", true), "systemctl restart nginx # Сервер");
        assert_eq!(
            ascii_form("psql -c \u{201C}SELECT \u{2018}a\u{2019}\u{201D}", true),
            "psql -c \"SELECT \u{2018}a\u{2019}\""
        );
    }
}
