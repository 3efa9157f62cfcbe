//! Escaping, in one place: every renderer puts user text into Markdown through here.

/// Prose inside a line (after a label, in a link): Markdown and HTML syntax shown as text.
pub fn inline(text: &str) -> String {
    escape(text, false)
}

/// Prose that starts a paragraph or list item, where a leading `#`, `>`,
/// `- ` or `1. ` would otherwise make structure.
pub fn para(text: &str) -> String {
    escape(text, true)
}

/// `block`: the text starts a paragraph or list item, where `#`, `>`, `- ` and `1.` would make structure.
fn escape(text: &str, block: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        let line = line.trim_end();
        // A line that would start a block (heading, list, quote) starts with an escape.
        let lead = line.trim_start();
        let block_start = block
            && i == 0
            && (lead.starts_with('#')
                || lead.starts_with('>')
                || lead.starts_with("- ")
                || lead.starts_with("+ ")
                || lead.starts_with("* ")
                || lead.starts_with('=')
                || ordered_marker(lead));
        // Ordered markers (`1.`) are escaped at the dot, below.
        let chars: Vec<char> = line.chars().collect();
        // Up to three spaces may stand before a block marker; escape the marker itself.
        let lead_at = chars.iter().take_while(|c| c.is_whitespace()).count();
        for (j, &c) in chars.iter().enumerate() {
            let next = chars.get(j + 1).copied().unwrap_or(' ');
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
        escape_ordered(&out)
    } else {
        out
    }
}

/// `1. ` or `1) ` (up to nine digits, then a space or the end) starts an ordered list.
fn ordered_marker(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let mut rest = line[digits..].chars();
    (1..=9).contains(&digits)
        && matches!(rest.next(), Some('.') | Some(')'))
        && matches!(rest.next(), None | Some(' ') | Some('\t'))
}

/// Escapes the `.` of a leading `1.` so the text is not read as a list item.
fn escape_ordered(s: &str) -> String {
    let lead = s.len() - s.trim_start().len();
    let body = &s[lead..];
    if ordered_marker(body) {
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        format!("{}{}\\{}", &s[..lead], &body[..digits], &body[digits..])
    } else {
        s.to_string()
    }
}

/// A table cell: inline escaping, and never an empty cell.
pub fn cell(text: &str) -> String {
    if text.trim().is_empty() {
        return "-".to_string();
    }
    // GFM trims a cell; a space the author meant is kept as an entity.
    let inner = text.trim_matches(' ');
    let (lead, trail) =
        (text.len() - text.trim_start_matches(' ').len(), text.len() - text.trim_end_matches(' ').len());
    format!("{}{}{}", "&#32;".repeat(lead), escape(inner, false), "&#32;".repeat(trail))
}

/// An inline code span that survives backticks and pipes in the content.
pub fn code(text: &str) -> String {
    let longest = longest_run(text, '`');
    let ticks = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    let body = text.replace('|', "\\|").replace('\n', " ");
    format!("{ticks}{pad}{body}{pad}{ticks}")
}

/// A fenced code block whose fence is longer than any backtick run inside.
pub fn fence(info: &str, content: &str) -> String {
    let ticks = "`".repeat((longest_run(content, '`') + 1).max(3));
    format!("{ticks}{info}\n{content}\n{ticks}")
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for ch in text.chars() {
        cur = if ch == c { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

/// A link target fragment from a DSL id: ASCII, lowercase, `-` for anything else.
pub fn anchor(prefix: &str, id: &str) -> String {
    let id: String = id.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("{prefix}-{id}")
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
    }

    #[test]
    fn anchors_are_ascii() {
        assert_eq!(anchor("ts", "high_cpu"), "ts-high-cpu");
    }
}
