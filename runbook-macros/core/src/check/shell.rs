//! A small shell lexer: enough to tell whether quotes, `$(...)`, `${...}`,
//! backticks and brackets are balanced, and to split a command into words
//! for the destructive-command rule. Not a shell parser: it never rejects
//! what bash accepts for balanced input.

use std::borrow::Cow;

/// A balance problem and the byte offset where it starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Unbalanced {
    pub what: String,
    pub at: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Single,
    Double,
    Backtick,
    /// `$(`
    Subst,
    /// `${`
    Param,
    Paren,
    Bracket,
    Brace,
}

impl Open {
    fn describe(self) -> &'static str {
        match self {
            Open::Single => "single quote `'`",
            Open::Double => "double quote `\"`",
            Open::Backtick => "backtick",
            Open::Subst => "`$(`",
            Open::Param => "`${`",
            Open::Paren => "`(`",
            Open::Bracket => "`[`",
            Open::Brace => "`{`",
        }
    }
}

/// Checks that every quote and bracket of `cmd` is closed, in order.
pub fn balance(cmd: &str) -> Result<(), Unbalanced> {
    let bytes = cmd.as_bytes();
    // Only a quote or a bracket can be left open or closed alone, and many
    // commands hold none: one look per byte decides those.
    if !bytes.iter().any(|&b| QUOTE_OR_BRACKET[usize::from(b)]) {
        return Ok(());
    }
    let mut stack: Vec<(Open, usize)> = Vec::new();
    let mut i = 0;
    let mut word_start = true;
    // Whether the command is a `case` statement, asked at its first `)`: most commands have none.
    let mut is_case: Option<bool> = None;
    while i < bytes.len() {
        let c = bytes[i];
        let top = stack.last().map(|(o, _)| *o);
        match top {
            Some(Open::Single) => {
                if c == b'\'' {
                    stack.pop();
                }
                i += 1;
                continue;
            }
            Some(Open::Double) => {
                match c {
                    b'\\' => i += 1,
                    b'"' => {
                        stack.pop();
                    }
                    b'`' => stack.push((Open::Backtick, i)),
                    b'$' if matches!(bytes.get(i + 1), Some(b'(' | b'{')) => open_dollar(&mut stack, bytes, &mut i),
                    _ => {}
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        match c {
            b'\\' => i += 1,
            // A here-document's body is data, not shell: skip to its delimiter line.
            b'<' if bytes.get(i + 1) == Some(&b'<') && bytes.get(i + 2) != Some(&b'<') => {
                i = skip_heredoc(cmd, i);
                word_start = false;
                continue;
            }
            b'#' if word_start => {
                // A comment runs to the end of the line.
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\'' => stack.push((Open::Single, i)),
            b'"' => stack.push((Open::Double, i)),
            b'`' if top == Some(Open::Backtick) => {
                stack.pop();
            }
            b'`' => stack.push((Open::Backtick, i)),
            b'$' if matches!(bytes.get(i + 1), Some(b'(' | b'{')) => open_dollar(&mut stack, bytes, &mut i),
            b'(' => stack.push((Open::Paren, i)),
            b'[' => stack.push((Open::Bracket, i)),
            b'{' => stack.push((Open::Brace, i)),
            b')' => {
                // A `case` pattern ends in a lone `)`.
                let lone = !matches!(top, Some(Open::Subst | Open::Paren));
                if !(lone && *is_case.get_or_insert_with(|| is_case_statement(cmd))) {
                    close(&mut stack, &[Open::Subst, Open::Paren], ")", i)?;
                }
            }
            b']' => close(&mut stack, &[Open::Bracket], "]", i)?,
            b'}' => close(&mut stack, &[Open::Param, Open::Brace], "}", i)?,
            _ => {}
        }
        word_start = matches!(c, b' ' | b'\t' | b'\n' | b';' | b'|' | b'&' | b'(');
        i += 1;
    }
    match stack.first() {
        Some((open, at)) => Err(Unbalanced { what: format!("{} is never closed", open.describe()), at: *at }),
        None => Ok(()),
    }
}

/// True if one of the simple commands of `cmd` is a `case` statement.
fn is_case_statement(cmd: &str) -> bool {
    bare_words(cmd).any(|w| w == "case") && commands(cmd).iter().any(|words| words.first().is_some_and(|w| w == "case"))
}

/// `$(` or `${` at `*i`: opens it and steps over the bracket.
fn open_dollar(stack: &mut Vec<(Open, usize)>, bytes: &[u8], i: &mut usize) {
    let open = if bytes.get(*i + 1) == Some(&b'(') { Open::Subst } else { Open::Param };
    stack.push((open, *i));
    *i += 1;
}

/// The index just past the here-document that starts with `<<` at `at`:
/// past the line that holds only its delimiter, or the end of the text.
fn skip_heredoc(cmd: &str, at: usize) -> usize {
    let rest = &cmd[at + 2..];
    let strip_tabs = rest.starts_with('-');
    let rest = rest.trim_start_matches('-').trim_start();
    let word: String = rest.chars().take_while(|c| !c.is_whitespace() && !matches!(c, ';' | '|' | '&' | ')')).collect();
    let delimiter: String = word.chars().filter(|c| !matches!(c, '\'' | '"' | '\\')).collect();
    let Some(line_end) = cmd[at..].find('\n').map(|n| at + n + 1) else { return cmd.len() };
    let mut pos = line_end;
    for line in cmd[line_end..].split_inclusive('\n') {
        pos += line.len();
        let body = line.trim_end_matches('\n');
        let body = if strip_tabs { body.trim_start_matches('\t') } else { body };
        if !delimiter.is_empty() && body == delimiter {
            return pos;
        }
    }
    // Without a delimiter line bash reads to the end; so do we.
    cmd.len().max(at + 2 + word.len()).min(cmd.len())
}

fn close(stack: &mut Vec<(Open, usize)>, accepts: &[Open], closer: &str, at: usize) -> Result<(), Unbalanced> {
    match stack.last() {
        Some((open, _)) if accepts.contains(open) => {
            stack.pop();
            Ok(())
        }
        Some((open, start)) => {
            Err(Unbalanced { what: format!("`{closer}` closes {} opened earlier", open.describe()), at: *start })
        }
        None => Err(Unbalanced { what: format!("`{closer}` has nothing to close"), at }),
    }
}

/// The runs of `text` between ASCII whitespace, quotes, backslashes and
/// command separators: a cheap look for a word before splitting a command
/// properly. Byte by byte: every separator is ASCII.
pub fn bare_words(text: &str) -> impl Iterator<Item = &str> {
    // Split as bytes, by a table: this runs on every command, several times. A
    // word's bounds are separators, all ASCII, so they are character boundaries.
    let base = text.as_ptr() as usize;
    text.as_bytes().split(|b| SEPARATOR[usize::from(*b)]).filter(|w| !w.is_empty()).map(move |w| {
        let start = w.as_ptr() as usize - base;
        &text[start..start + w.len()]
    })
}

/// The last part of a path, `rm` for `/usr/bin/rm`: the program a word names.
/// A byte search: `rsplit('/')` sets up a pattern searcher per call, which
/// cost more than the rest of the look at a word (this runs on every word
/// of every command).
pub fn basename(word: &str) -> &str {
    match word.bytes().rposition(|b| b == b'/') {
        Some(slash) => &word[slash + 1..],
        None => word,
    }
}

/// The bytes `balance` pairs: quotes, backticks and brackets.
const QUOTE_OR_BRACKET: [bool; 256] = byte_set(b"'\"`()[]{}");

/// The bytes that end a bare word.
const SEPARATOR: [bool; 256] = byte_set(b" \t\n\r;|&()`\"'\\");

/// A table of the bytes in `members`, for a look-up per byte.
const fn byte_set(members: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < members.len() {
        table[members[i] as usize] = true;
        i += 1;
    }
    table
}

/// True if a backslash in `text` escapes anything but a line break: `r\m`
/// runs `rm`, so a look for bare words could miss a program's name.
fn escapes_a_letter(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| b[i] == b'\\' && !matches!(b.get(i + 1), Some(b'\n' | b'\r')))
}

/// False only when no bare word of `text` passes `named` and no backslash
/// could hide one: the cheap look that lets a rule skip splitting `text`.
pub fn may_name(text: &str, named: impl FnMut(&str) -> bool) -> bool {
    escapes_a_letter(text) || bare_words(text).any(named)
}

/// The words of `cmd` with quotes removed, split at whitespace and at `;`, `|`, `&`.
/// Each inner `Vec` is one simple command; a here-document's body is not
/// split (see `split::simple_commands`). A word without quotes or escapes is
/// borrowed from `cmd`: most are, and the rules split every command.
pub fn commands(cmd: &str) -> Vec<Vec<Cow<'_, str>>> {
    super::split::simple_commands(cmd)
        .into_iter()
        .map(|s| s.words.into_iter().map(super::split::unquote).filter(|w| !w.is_empty()).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_balanced_commands() {
        for ok in [
            r#"psql -c "SELECT version();""#,
            "top -H -p $(pgrep -d, -f gunicorn)",
            "echo ${HOME} `date` [x] {a,b}",
            "echo 'it''s' \"a \\\" b\"",
            "awk '$9 >= 500 {print $7}' log # comment with ( and '",
            "tar -czf /b/files_$(date +%Y%m%d).tar.gz \\\n  /data/",
            "cat <<'EOF' > /tmp/x\nit's (fine\nEOF\necho done",
            "case \"$1\" in start) echo go ;; *) echo no ;; esac",
        ] {
            assert_eq!(balance(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn reports_what_is_open_and_where() {
        assert_eq!(balance("echo \"abc").unwrap_err().at, 5);
        assert!(balance("echo $(date").unwrap_err().what.contains("$("));
        assert!(balance("echo ${HOME").unwrap_err().what.contains("${"));
        assert!(balance("echo 'x").unwrap_err().what.contains("single"));
        assert!(balance("echo )").unwrap_err().what.contains("nothing to close"));
        assert!(balance("echo [a)").unwrap_err().what.contains("closes"));
    }

    #[test]
    fn splits_simple_commands() {
        assert_eq!(
            commands("sudo rm -rf '/tmp/x' && kill -9 $(pgrep a)"),
            vec![vec!["sudo", "rm", "-rf", "/tmp/x"], vec!["kill", "-9", "$"], vec!["pgrep", "a"]]
        );
    }
}
