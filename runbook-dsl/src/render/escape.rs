//! Escaping, in one place: every renderer puts user text into Markdown through here.

/// Prose inside a line (after a label, in a link): Markdown and HTML syntax shown as text.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text, false);
    out
}

/// Prose that starts a paragraph or list item, where a leading `#`, `>`,
/// `- ` or `1. ` would otherwise make structure.
pub fn para(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text, true);
    out
}

/// Appends `text` escaped to `out`. `block`: the text starts a paragraph or
/// list item, where `#`, `>`, `- ` and `1.` would make structure.
pub fn escape_into(out: &mut String, text: &str, block: bool) {
    // Most texts are one line with nothing to escape, and in a block do not
    // start like one (a heading, a quote, a list item): one scan, one copy.
    let plain_start = || {
        let lead = text.trim_start().as_bytes().first();
        !lead.is_some_and(|b| matches!(b, b'#' | b'>' | b'-' | b'+' | b'*' | b'=' | b'0'..=b'9'))
    };
    if (!block || plain_start()) && !text.bytes().any(|b| SPECIAL_OR_EOL[usize::from(b)]) {
        out.push_str(text.trim_end());
        return;
    }
    let start = out.len();
    for (i, line) in lines(text).enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        let line = line.trim_end();
        // A line that would start a block (heading, list, quote) starts with an escape.
        let block_start = block && i == 0 && {
            let lead = line.trim_start();
            lead.starts_with('#')
                || lead.starts_with('>')
                || lead.starts_with("- ")
                || lead.starts_with("+ ")
                || lead.starts_with("* ")
                || lead.starts_with('=')
                || ordered_marker(lead)
        };
        // Most lines hold nothing to escape: copy them whole.
        if !block_start && !line.bytes().any(|b| SPECIAL[usize::from(b)]) {
            out.push_str(line);
            continue;
        }
        let lead = line.trim_start();
        // Up to three spaces may stand before a block marker; escape the marker itself.
        let lead_at = line.len() - lead.len();
        let mut chars = line.char_indices().peekable();
        while let Some((j, c)) = chars.next() {
            let next = chars.peek().map_or(' ', |(_, n)| *n);
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                // Only what could open an HTML tag, comment or entity needs escaping;
                // `< 70%` stays readable.
                '<' if next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?') => out.push_str("&lt;"),
                '&' if next.is_ascii_alphabetic() || next == '#' => out.push_str("&amp;"),
                '>' if j == lead_at && block_start => out.push_str("&gt;"),
                '#' | '-' | '+' | '=' if j == lead_at && block_start => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    if block {
        escape_ordered(out, start);
    }
}

/// The lines of `text`, split at every line ending CommonMark knows: `\n`,
/// `\r\n` and a lone `\r`. A lone `\r` left inside a line would end it in
/// the rendered document, and let the text open a heading or a table row.
fn lines(text: &str) -> Lines<'_> {
    Lines { rest: Some(text) }
}

/// What `lines` returns: like `split('\n')`, for all three line endings.
struct Lines<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.find(['\n', '\r']) {
            None => {
                self.rest = None;
                Some(rest)
            }
            Some(at) => {
                let ending = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
                self.rest = Some(&rest[at + ending..]);
                Some(&rest[..at])
            }
        }
    }
}

/// The bytes that may need an escape inside a line, as a table: this test
/// runs on every byte of every text of every document.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let special = b"\\`*_[]|~<&";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// `SPECIAL` and the two bytes that end a line.
const SPECIAL_OR_EOL: [bool; 256] = {
    let mut table = SPECIAL;
    table[b'\n' as usize] = true;
    table[b'\r' as usize] = true;
    table
};

/// `1. ` or `1) ` (up to nine digits, then a space or the end) starts an ordered list.
fn ordered_marker(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let mut rest = line[digits..].chars();
    (1..=9).contains(&digits)
        && matches!(rest.next(), Some('.') | Some(')'))
        && matches!(rest.next(), None | Some(' ') | Some('\t'))
}

/// Escapes the `.` of a leading `1.` in `out[start..]` so the text is not read as a list item.
fn escape_ordered(out: &mut String, start: usize) {
    let s = &out[start..];
    let lead = s.len() - s.trim_start().len();
    let body = &s[lead..];
    if ordered_marker(body) {
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        out.insert(start + lead + digits, '\\');
    }
}

/// A table cell: inline escaping, and never an empty cell.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    cell_into(&mut out, text);
    out
}

/// Appends `cell(text)` to `out`.
pub fn cell_into(out: &mut String, text: &str) {
    if text.trim().is_empty() {
        out.push('-');
        return;
    }
    // GFM trims a cell; a space the author meant is kept as an entity.
    let inner = text.trim_matches(' ');
    let (lead, trail) =
        (text.len() - text.trim_start_matches(' ').len(), text.len() - text.trim_end_matches(' ').len());
    repeat_into(out, "&#32;", lead);
    escape_into(out, inner, false);
    repeat_into(out, "&#32;", trail);
}

/// Appends `n` in decimal: section and step numbers, thousands per run,
/// without the formatting machinery.
pub fn decimal_into(out: &mut String, n: usize) {
    runbook_model::codec::push_decimal(out, n as u64);
}

/// Appends `s` to `out` `n` times.
pub fn repeat_into(out: &mut String, s: &str, n: usize) {
    for _ in 0..n {
        out.push_str(s);
    }
}

/// An inline code span that survives backticks and pipes in the content.
pub fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    code_into(&mut out, text);
    out
}

/// Appends `code(text)` to `out`.
pub fn code_into(out: &mut String, text: &str) {
    let ticks = if text.contains('`') { longest_run(text, b'`') + 1 } else { 1 };
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    repeat_into(out, "`", ticks);
    out.push_str(pad);
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push_str(pad);
    repeat_into(out, "`", ticks);
}

/// A fenced code block whose fence is longer than any backtick run inside.
pub fn fence(info: &str, content: &str) -> String {
    let mut out = String::with_capacity(content.len() + info.len() + 8);
    fence_into(&mut out, info, content);
    out
}

/// Appends the fenced code block of `fence` to `out`.
pub fn fence_into(out: &mut String, info: &str, content: &str) {
    // `contains(char)` finds a backtick with `memchr`; most code has none.
    let longest = if content.contains('`') { longest_run(content, b'`') } else { 0 };
    let ticks = (longest + 1).max(3);
    out.reserve(content.len() + info.len() + 2 * ticks + 2);
    repeat_into(out, "`", ticks);
    out.push_str(info);
    out.push('\n');
    out.push_str(content);
    out.push('\n');
    repeat_into(out, "`", ticks);
}

/// The longest run of the ASCII byte `c` in `text`.
fn longest_run(text: &str, c: u8) -> usize {
    let (mut best, mut cur) = (0, 0);
    for b in text.bytes() {
        cur = if b == c { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

/// A link target fragment from a DSL id: ASCII, lowercase, `-` for anything else.
pub fn anchor(prefix: &str, id: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + 1 + id.len());
    anchor_into(&mut out, prefix, id);
    out
}

/// Appends `anchor(prefix, id)` to `out`.
pub fn anchor_into(out: &mut String, prefix: &str, id: &str) {
    out.push_str(prefix);
    out.push('-');
    out.extend(id.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }));
}

/// Text as HTML character data (a `<summary>`'s text, which is not Markdown).
pub fn html_into(out: &mut String, text: &str) {
    if !text.bytes().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"')) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_shows_markdown_as_text() {
        assert_eq!(inline("<script>alert(1)</script>"), "&lt;script>alert(1)&lt;/script>");
        assert_eq!(inline("< 70%"), "< 70%");
        assert_eq!(para("> 85%"), "&gt; 85%");
        assert_eq!(para("# not a heading"), "\\# not a heading");
        assert_eq!(para("- not a list"), "\\- not a list");
        assert_eq!(para("1. not a list"), "1\\. not a list");
        assert_eq!(para("1.0"), "1.0");
        assert_eq!(para("  # indented"), "  \\# indented");
        assert_eq!(para("  > quote"), "  &gt; quote");
        assert_eq!(para(" 2. item"), " 2\\. item");
        assert_eq!(inline("#ops-channel"), "#ops-channel");
        assert_eq!(inline("a|b"), "a\\|b");
        assert_eq!(inline("line\nbreak"), "line<br>break");
        assert_eq!(inline("CPU使用率が85%以上 🔥"), "CPU使用率が85%以上 🔥");
        // Any white space before a block marker, an ideographic space too.
        assert_eq!(para("\u{3000}# not a heading"), "\u{3000}\\# not a heading");
        assert_eq!(para("\t- not a list"), "\t\\- not a list");
        assert_eq!(para("plain text  "), "plain text");
        assert_eq!(para("12345 requests"), "12345 requests");
    }

    #[test]
    fn html_text_is_escaped_only_where_needed() {
        let mut out = String::new();
        html_into(&mut out, "staging");
        html_into(&mut out, " & <prod> \"eu\"");
        assert_eq!(out, "staging &amp; &lt;prod&gt; &quot;eu&quot;");
    }

    /// CommonMark ends a line at `\n`, `\r\n` and a lone `\r`: each is a
    /// line break in the text, never a new Markdown line that could open a
    /// heading, a list item or a table row.
    #[test]
    fn every_line_ending_is_a_break_never_a_new_line() {
        for text in ["title\r# injected", "title\r\n# injected", "title\n# injected"] {
            let out = inline(text);
            assert_eq!(out, "title<br># injected", "{text:?}");
            assert!(!out.contains(['\r', '\n']), "{text:?}: {out:?}");
        }
        let cell = cell("a\r| b | c |");
        assert!(!cell.contains('\r') && cell.contains("\\|"), "{cell:?}");
        assert_eq!(code("a\rb"), "`a b`");
        assert_eq!(lines("a\r\n\rb\n").collect::<Vec<_>>(), ["a", "", "b", ""]);
    }

    #[test]
    fn decimals_are_written_whole() {
        for n in [0, 7, 10, 99, 1234, usize::MAX] {
            let mut out = String::from("#");
            decimal_into(&mut out, n);
            assert_eq!(out, format!("#{n}"));
        }
    }

    #[test]
    fn cells_keep_their_edge_spaces() {
        assert_eq!(cell(" a | b  "), "&#32;a \\| b&#32;&#32;");
        assert_eq!(cell("   "), "-");
    }

    #[test]
    fn fences_outgrow_backtick_runs() {
        assert_eq!(fence("bash", "echo `date`"), "```bash\necho `date`\n```");
        assert_eq!(fence("bash", "a ```` b"), "`````bash\na ```` b\n`````");
    }

    #[test]
    fn code_spans_escape_pipes_and_backticks() {
        assert_eq!(code("a | b"), "`a \\| b`");
        assert_eq!(code("x `y` z"), "``x `y` z``");
        assert_eq!(code("`edge"), "`` `edge ``");
        assert_eq!(code("two\nlines"), "`two lines`");
    }

    #[test]
    fn anchors_are_ascii() {
        assert_eq!(anchor("ts", "high_cpu"), "ts-high-cpu");
        assert_eq!(anchor("task", "Ünïcode id"), "task--n-code-id");
    }
}
