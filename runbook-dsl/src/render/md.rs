//! A Markdown document built block by block, with exactly one blank line between blocks.

use super::escape;

#[derive(Debug, Default)]
pub struct Md {
    /// The document so far: blocks are appended, not collected and joined.
    out: String,
    /// The number of the last numbered section, and of its last subsection.
    section: usize,
    subsection: usize,
    /// A buffer a renderer fills before it becomes a block (a code block's
    /// steps), kept from block to block: one allocation per document, not
    /// one per block.
    scratch: String,
}

impl Md {
    /// Starts a block: a blank line after the previous one.
    fn block(&mut self) -> &mut String {
        if self.out.is_empty() {
            self.out.reserve(16 * 1024);
        } else {
            self.out.push_str("\n\n");
        }
        &mut self.out
    }

    /// A heading; `anchor` adds a stable `<a id>` that links can target.
    pub fn heading(&mut self, level: usize, text: &str, anchor: Option<&str>) {
        self.numbered_heading(level, &[], text, anchor);
    }

    /// A heading whose text follows its number, `1.2 text` for `[1, 2]`.
    fn numbered_heading(&mut self, level: usize, number: &[usize], text: &str, anchor: Option<&str>) {
        let out = self.block();
        escape::repeat_into(out, "#", level);
        out.push(' ');
        if let Some(id) = anchor {
            out.push_str("<a id=\"");
            out.push_str(id);
            out.push_str("\"></a>");
        }
        for (i, n) in number.iter().enumerate() {
            if i > 0 {
                out.push('.');
            }
            escape::decimal_into(out, *n);
        }
        match number {
            [] => {}
            [_] => out.push_str(". "),
            _ => out.push(' '),
        }
        let space = out.len() - 1;
        escape::escape_into(out, text, false);
        // Escaping trims the end of each line: the number's space too, when
        // the first line is blank.
        if !number.is_empty() && text.split(['\n', '\r']).next().unwrap_or_default().trim_end().is_empty() {
            out.remove(space);
        }
        // A trailing `#` would be read as a closing sequence and dropped.
        if out.ends_with('#') {
            out.insert(out.len() - 1, '\\');
        }
    }

    /// A numbered section, `## N. text`: numbers are counted, never written.
    pub fn section(&mut self, text: &str, anchor: Option<&str>) {
        self.section += 1;
        self.subsection = 0;
        self.numbered_heading(2, &[self.section], text, anchor);
    }

    /// A numbered subsection of the current section, `### N.M text`.
    pub fn subsection(&mut self, text: &str, anchor: Option<&str>) {
        self.subsection += 1;
        self.numbered_heading(3, &[self.section, self.subsection], text, anchor);
    }

    /// Markdown written by a renderer, already escaped.
    pub fn raw(&mut self, block: impl AsRef<str>) {
        self.block().push_str(block.as_ref());
    }

    /// A bulleted list of already-escaped items.
    pub fn list(&mut self, items: impl IntoIterator<Item = String>) {
        self.items(items, |out, _| out.push_str("- "));
    }

    /// A numbered list of already-escaped items.
    pub fn numbered(&mut self, items: impl IntoIterator<Item = String>) {
        self.items(items, |out, i| {
            escape::decimal_into(out, i + 1);
            out.push_str(". ");
        });
    }

    /// One block of items, each on its line behind its `marker`; none for no items.
    fn items(&mut self, items: impl IntoIterator<Item = String>, marker: impl Fn(&mut String, usize)) {
        let mut items = items.into_iter().peekable();
        if items.peek().is_none() {
            return;
        }
        let out = self.block();
        for (i, item) in items.enumerate() {
            if i > 0 {
                out.push('\n');
            }
            marker(out, i);
            out.push_str(&item);
        }
    }

    /// A table; header and cells are plain text, escaped here (cells already
    /// escaped by the caller pass through `Cell::Md`).
    pub fn table(&mut self, head: &[&str], rows: Vec<Vec<Cell>>) {
        let out = self.block();
        out.push('|');
        for h in head {
            out.push(' ');
            escape::cell_into(out, h);
            out.push_str(" |");
        }
        out.push_str("\n|");
        for _ in head {
            out.push_str(" --- |");
        }
        for r in rows {
            out.push_str("\n|");
            for c in r {
                out.push(' ');
                match c {
                    Cell::Text(t) => escape::cell_into(out, &t),
                    Cell::Md(m) => out.push_str(&m),
                }
                out.push_str(" |");
            }
        }
    }

    /// The scratch buffer, empty; give it back with [`Md::give_back`].
    pub fn take_scratch(&mut self) -> String {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        scratch
    }

    pub fn give_back(&mut self, scratch: String) {
        self.scratch = scratch;
    }

    pub fn code(&mut self, info: &str, content: &str) {
        escape::fence_into(self.block(), info, content);
    }

    pub fn finish(mut self) -> String {
        self.out.push('\n');
        self.out
    }
}

/// A table cell: plain text to escape, or Markdown already escaped (a link).
#[derive(Debug)]
pub enum Cell {
    Text(String),
    Md(String),
}

/// `[text](target)` with the text escaped and the target percent-encoded
/// where it could end the link or open another (`)`, `<`, a space, a quote,
/// a line break): a target is one link, whatever it holds.
pub fn link(text: &str, target: &str) -> String {
    let mut out = String::with_capacity(text.len() + target.len() + 4);
    out.push('[');
    escape::escape_into(&mut out, text, false);
    out.push_str("](");
    for b in target.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(char::from(b)),
            b'-' | b'.' | b'_' | b'~' | b'/' | b'?' | b'#' | b'@' | b':' | b'=' | b'&' | b'+' | b'%' | b',' | b';' => {
                out.push(char::from(b))
            }
            _ => {
                use std::fmt::Write as _;
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out.push(')');
    out
}

#[cfg(test)]
mod tests {
    use super::link;
    use super::Md;

    #[test]
    fn numbered_headings_read_as_the_number_and_the_text() {
        let mut md = Md::default();
        md.section("Overview", None);
        md.subsection("System", Some("system"));
        md.subsection("", None);
        md.subsection("\nsecond line", None);
        md.section("Ends with #", None);
        assert_eq!(
            md.finish(),
            "## 1. Overview\n\n### <a id=\"system\"></a>1.1 System\n\n### 1.2\n\n### 1.3<br>second line\n\n## 2. Ends with \\#\n"
        );
    }

    #[test]
    fn a_link_target_cannot_close_the_link_or_open_another() {
        let hostile = "a@b.example)[x](javascript:alert(1)";
        let out = link("mail", &format!("mailto:{hostile}"));
        assert_eq!(out.matches('(').count(), 1, "{out}");
        assert_eq!(out.matches(')').count(), 1, "{out}");
        assert!(out.ends_with("%29)") && !out.contains("](javascript"), "{out}");
        assert_eq!(link("x", "mailto:ops@example.com"), "[x](mailto:ops@example.com)");
        assert_eq!(link("x", "../runbook/a_b.md#alert-x"), "[x](../runbook/a_b.md#alert-x)");
    }
}
