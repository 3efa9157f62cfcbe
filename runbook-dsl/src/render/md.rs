//! A Markdown document built block by block, with exactly one blank line between blocks.

use super::escape;

#[derive(Debug, Default)]
pub struct Md {
    blocks: Vec<String>,
}

impl Md {
    /// A heading; `anchor` adds a stable `<a id>` that links can target.
    pub fn heading(&mut self, level: usize, text: &str, anchor: Option<&str>) {
        let hashes = "#".repeat(level);
        // A trailing `#` would be read as a closing sequence and dropped.
        let mut text = escape::inline(text);
        if text.ends_with('#') {
            text.insert(text.len() - 1, '\\');
        }
        match anchor {
            Some(id) => self.blocks.push(format!("{hashes} <a id=\"{id}\"></a>{text}")),
            None => self.blocks.push(format!("{hashes} {text}")),
        }
    }

    /// Markdown written by a renderer, already escaped.
    pub fn raw(&mut self, block: impl Into<String>) {
        self.blocks.push(block.into());
    }

    /// A bulleted list of already-escaped items.
    pub fn list(&mut self, items: impl IntoIterator<Item = String>) {
        let lines: Vec<String> = items.into_iter().map(|i| format!("- {i}")).collect();
        if !lines.is_empty() {
            self.blocks.push(lines.join("\n"));
        }
    }

    /// A numbered list of already-escaped items.
    pub fn numbered(&mut self, items: impl IntoIterator<Item = String>) {
        let lines: Vec<String> = items.into_iter().enumerate().map(|(i, t)| format!("{}. {t}", i + 1)).collect();
        if !lines.is_empty() {
            self.blocks.push(lines.join("\n"));
        }
    }

    /// A table; header and cells are plain text, escaped here (cells already
    /// escaped by the caller pass through `Cell::Md`).
    pub fn table(&mut self, head: &[&str], rows: Vec<Vec<Cell>>) {
        let mut out = String::new();
        out.push_str(&row(head.iter().map(|h| escape::cell(h))));
        out.push('\n');
        out.push_str(&row(head.iter().map(|_| "---".to_string())));
        for r in rows {
            out.push('\n');
            out.push_str(&row(r.into_iter().map(|c| match c {
                Cell::Text(t) => escape::cell(&t),
                Cell::Md(m) => m,
            })));
        }
        self.blocks.push(out);
    }

    pub fn code(&mut self, info: &str, content: &str) {
        self.blocks.push(escape::fence(info, content));
    }

    pub fn finish(self) -> String {
        let mut s = self.blocks.join("\n\n");
        s.push('\n');
        s
    }
}

/// A table cell: plain text to escape, or Markdown already escaped (a link).
#[derive(Debug)]
pub enum Cell {
    Text(String),
    Md(String),
}

fn row(cells: impl Iterator<Item = String>) -> String {
    let cells: Vec<String> = cells.collect();
    format!("| {} |", cells.join(" | "))
}

/// `[text](target)` with the text escaped.
pub fn link(text: &str, target: &str) -> String {
    format!("[{}]({target})", escape::inline(text))
}
