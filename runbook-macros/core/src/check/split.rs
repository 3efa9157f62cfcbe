//! Splits a command into simple commands and their words as written, quotes
//! kept, with the here-document each one reads; and reads a word the way the
//! shell will (`unquote`), or tells whether it expands at run time
//! (`expands`). Every separator is ASCII, so the split works on bytes and
//! every word is borrowed from the command.

use std::borrow::Cow;

/// One simple command: its words as written and the here-document bodies it reads.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Simple<'a> {
    pub words: Vec<&'a str>,
    pub heredocs: Vec<&'a str>,
}

/// The simple commands of `cmd`, split at newlines, `;`, `|`, `&`, parentheses
/// and backticks outside quotes. A here-document's body is not split: it is
/// data for the command that reads it (`psql <<SQL`, `bash -s <<EOF`).
pub fn simple_commands<'a>(cmd: &'a str) -> Vec<Simple<'a>> {
    let b = cmd.as_bytes();
    let mut out: Vec<Simple<'a>> = vec![Simple::default()];
    // Here-documents opened on the current line: (command index, delimiter, strip tabs).
    let mut pending: Vec<(usize, String, bool)> = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    let end_word = |out: &mut Vec<Simple<'a>>, start: &mut Option<usize>, at: usize| {
        if let Some(s) = start.take() {
            if let Some(last) = out.last_mut() {
                last.words.push(&cmd[s..at]);
            }
        }
    };
    while i < b.len() {
        match b[i] {
            b'\'' => {
                start.get_or_insert(i);
                i = b[i + 1..].iter().position(|&c| c == b'\'').map_or(b.len(), |n| i + n + 2);
                continue;
            }
            b'"' => {
                start.get_or_insert(i);
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(b.len());
                continue;
            }
            b'\\' if b.get(i + 1) == Some(&b'\n') => {
                // A line continuation: the word ends, the command goes on.
                end_word(&mut out, &mut start, i);
                i += 2;
                continue;
            }
            b'\\' => {
                start.get_or_insert(i);
                i += 2;
                continue;
            }
            // `<<` opens a here-document; `<<<` is a here-string, a word like any other.
            b'<' if b.get(i + 1) == Some(&b'<') && b.get(i + 2) != Some(&b'<') && (i == 0 || b[i - 1] != b'<') => {
                end_word(&mut out, &mut start, i);
                let (delimiter, strip, after) = heredoc_delimiter(cmd, i + 2);
                if !delimiter.is_empty() {
                    pending.push((out.len() - 1, delimiter, strip));
                }
                // The operator and its delimiter stay words, so that the command reads as written.
                if let Some(last) = out.last_mut() {
                    last.words.push(&cmd[i..after]);
                }
                i = after;
                continue;
            }
            b' ' | b'\t' | b'\r' => end_word(&mut out, &mut start, i),
            // `>&2`, `2>&1` and `&>` are redirections, not separators.
            b'&' if (i > 0 && b[i - 1] == b'>') || b.get(i + 1) == Some(&b'>') => {
                start.get_or_insert(i);
            }
            b'\n' | b';' | b'|' | b'&' | b'(' | b')' | b'`' => {
                end_word(&mut out, &mut start, i);
                if b[i] == b'\n' && !pending.is_empty() {
                    i = read_heredocs(cmd, i + 1, &mut pending, &mut out);
                    out.push(Simple::default());
                    continue;
                }
                out.push(Simple::default());
            }
            _ => {
                start.get_or_insert(i);
            }
        }
        i += 1;
    }
    end_word(&mut out, &mut start, b.len());
    // A here-document whose body never started (no line break) reads nothing.
    out.retain(|c| !c.words.is_empty());
    out
}

/// The delimiter of a here-document whose operator ends at `at` (after `<<`),
/// whether `<<-` strips tabs, and where the delimiter word ends.
fn heredoc_delimiter(cmd: &str, at: usize) -> (String, bool, usize) {
    let b = cmd.as_bytes();
    let mut i = at;
    let strip = b.get(i) == Some(&b'-');
    if strip {
        i += 1;
    }
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    let word_start = i;
    while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b';' | b'|' | b'&' | b')' | b'<' | b'>') {
        i += 1;
    }
    let delimiter: String = cmd[word_start..i].chars().filter(|c| !matches!(c, '\'' | '"' | '\\')).collect();
    (delimiter, strip, i)
}

/// Reads the bodies of the pending here-documents from `from` on, in order;
/// returns where the text after the last delimiter line starts.
fn read_heredocs<'a>(
    cmd: &'a str,
    from: usize,
    pending: &mut Vec<(usize, String, bool)>,
    out: &mut [Simple<'a>],
) -> usize {
    let mut pos = from;
    for (owner, delimiter, strip) in pending.drain(..) {
        let body_start = pos;
        let mut body_end = cmd.len();
        let mut next = cmd.len();
        for line in cmd[body_start..].split_inclusive('\n') {
            let text = line.trim_end_matches('\n');
            let text = if strip { text.trim_start_matches('\t') } else { text };
            if text == delimiter {
                body_end = pos;
                next = pos + line.len();
                break;
            }
            pos += line.len();
        }
        if let Some(simple) = out.get_mut(owner) {
            simple.heredocs.push(&cmd[body_start..body_end]);
        }
        pos = next;
    }
    pos
}

/// The word as the shell passes it on: quotes removed, escapes resolved.
/// Borrowed when the word has neither.
pub fn unquote(word: &str) -> Cow<'_, str> {
    if !word.bytes().any(|b| matches!(b, b'\'' | b'"' | b'\\')) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    let mut quote: Option<char> = None;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => match chars.peek() {
                Some(&n @ ('"' | '\\' | '$' | '`')) => {
                    out.push(n);
                    chars.next();
                }
                Some('\n') => {
                    chars.next();
                }
                _ => out.push('\\'),
            },
            (Some(_), c) => out.push(c),
            (None, '\'' | '"') => quote = Some(c),
            (None, '\\') => {
                if let Some(n) = chars.next() {
                    if n != '\n' {
                        out.push(n);
                    }
                }
            }
            (None, c) => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(cmd: &str) -> Vec<Vec<&str>> {
        simple_commands(cmd).into_iter().map(|s| s.words).collect()
    }

    #[test]
    fn splits_at_separators_outside_quotes() {
        assert_eq!(
            words("sudo rm -rf '/tmp/x y' && kill -9 $(pgrep a)"),
            vec![vec!["sudo", "rm", "-rf", "'/tmp/x y'"], vec!["kill", "-9", "$"], vec!["pgrep", "a"]]
        );
        assert_eq!(words("echo \"a; b | c\" >&2"), vec![vec!["echo", "\"a; b | c\"", ">&2"]]);
        assert_eq!(words("echo x>&2"), vec![vec!["echo", "x>&2"]]);
        assert_eq!(words("cmd 2>&1 | tee x"), vec![vec!["cmd", "2>&1"], vec!["tee", "x"]]);
        assert_eq!(words("tar -czf x \\\n  /data"), vec![vec!["tar", "-czf", "x", "/data"]]);
    }

    #[test]
    fn here_documents_are_data_of_their_command() {
        let s = simple_commands("psql -d db <<'SQL'\nDROP TABLE x;\nSQL\necho done");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, vec!["psql", "-d", "db", "<<'SQL'"]);
        assert_eq!(s[0].heredocs, vec!["DROP TABLE x;\n"]);
        assert_eq!(s[1].words, vec!["echo", "done"]);
        let tabs = simple_commands("cat <<-EOF > f\n\tline\n\tEOF\nls");
        assert_eq!(tabs[0].heredocs, vec!["\tline\n"]);
        assert_eq!(tabs[1].words, vec!["ls"]);
        // Without its delimiter line, the body runs to the end.
        assert_eq!(simple_commands("cat <<EOF\nrest")[0].heredocs, vec!["rest"]);
    }

    #[test]
    fn unquotes_as_the_shell_does() {
        assert_eq!(unquote("plain"), "plain");
        assert_eq!(unquote("'a b'\"c\\\"d\"e\\ f"), "a bc\"de f");
        assert_eq!(unquote("\"x\\ny\""), "x\\ny");
    }
}
