//! Box-drawing diagrams, as in the specification's templates: the request
//! path and the alert-response flow. Widths count East Asian wide characters
//! as two columns so that boxes line up in a monospace font.

/// Display width of `s` in a monospace terminal font (Unicode's East Asian
/// Width: wide and fullwidth characters take two columns).
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// One box of a vertical chain.
#[derive(Debug)]
pub struct Node<'a> {
    pub label: &'a str,
    /// Shown right of the box: `← note`.
    pub note: Option<&'a str>,
    /// Label of the arrow down to the next box.
    pub edge: Option<&'a str>,
}

/// Boxes stacked top to bottom, joined by arrows, all of one width.
pub fn chain(nodes: &[Node]) -> String {
    let inner = nodes.iter().map(|n| width(n.label) + 4).max().unwrap_or(12).max(12);
    let mid = (inner - 1) / 2;
    let mut lines = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let first = i == 0;
        let last = i + 1 == nodes.len();
        lines.push(border('┌', if first { '─' } else { '▼' }, '┐', inner, mid));
        let mut line = cat!("│", center(node.label, inner), "│");
        if let Some(note) = node.note {
            line.push_str(" ← ");
            line.push_str(note);
        }
        lines.push(line);
        lines.push(border('└', if last { '─' } else { '┬' }, '┘', inner, mid));
        if !last {
            let pad = " ".repeat(mid + 1);
            match node.edge {
                Some(edge) => lines.push(cat!(pad, "│ ", edge)),
                None => lines.push(cat!(pad, "│")),
            }
        }
    }
    lines.join("\n")
}

fn border(left: char, joint: char, right: char, inner: usize, mid: usize) -> String {
    let mut s = String::new();
    s.push(left);
    for i in 0..inner {
        s.push(if i == mid { joint } else { '─' });
    }
    s.push(right);
    s
}

fn center(label: &str, inner: usize) -> String {
    let w = width(label);
    let left = (inner.saturating_sub(w)) / 2;
    let right = inner.saturating_sub(w + left);
    cat!(" ".repeat(left), label, " ".repeat(right))
}

/// The alert-response flow: `steps` are [fires, assess, decision, ticket, first response, fix, report].
pub fn alert_flow(steps: &[&str; 7], yes: &str, no: &str, note: &str) -> String {
    let [fires, assess, decide, ticket, first, fix, report] = *steps;
    let main = [fires, assess, decide, first, fix, report];
    let inner = main.iter().map(|s| width(s) + 4).max().unwrap_or(12).max(12);
    let side = width(ticket) + 4;
    let mid = (inner - 1) / 2;
    let pad = " ".repeat(mid + 1);
    let mut lines = Vec::new();
    let push_box = |lines: &mut Vec<String>, label: &str, first: bool, last: bool, note: Option<&str>| {
        lines.push(border('┌', if first { '─' } else { '▼' }, '┐', inner, mid));
        let mut l = cat!("│", center(label, inner), "│");
        if let Some(n) = note {
            l.push_str(" ← ");
            l.push_str(n);
        }
        lines.push(l);
        lines.push(border('└', if last { '─' } else { '┬' }, '┘', inner, mid));
    };
    push_box(&mut lines, fires, true, false, None);
    lines.push(fmt!("{pad}↓"));
    push_box(&mut lines, assess, false, false, None);
    lines.push(fmt!("{pad}↓"));
    // The decision box with its NO branch to the right.
    let arrow = fmt!("───{no}───→");
    let gap = " ".repeat(width(&arrow));
    lines.push(fmt!("{}{gap}┌{}┐", border('┌', '▼', '┐', inner, mid), "─".repeat(side)));
    lines.push(fmt!("│{}├{arrow}│{}│", center(decide, inner), center(ticket, side)));
    lines.push(fmt!("{}{gap}└{}┘", border('└', '┬', '┘', inner, mid), "─".repeat(side)));
    lines.push(fmt!("{pad}│ {yes}"));
    lines.push(fmt!("{pad}↓"));
    push_box(&mut lines, first, false, false, Some(note));
    lines.push(fmt!("{pad}↓"));
    push_box(&mut lines, fix, false, false, None);
    lines.push(fmt!("{pad}↓"));
    push_box(&mut lines, report, false, true, None);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(width("Nginx"), 5);
        assert_eq!(width("アラート"), 8);
    }

    #[test]
    fn chain_lines_up() {
        let d = chain(&[
            Node { label: "Client", note: None, edge: Some("HTTPS") },
            Node { label: "Nginx", note: Some("proxy"), edge: None },
        ]);
        let lines: Vec<&str> = d.lines().collect();
        assert_eq!(lines[0], "┌────────────┐");
        assert_eq!(lines[1], "│   Client   │");
        assert_eq!(lines[2], "└─────┬──────┘");
        assert_eq!(lines[3], "      │ HTTPS");
        assert_eq!(lines[4], "┌─────▼──────┐");
        assert_eq!(lines[5], "│   Nginx    │ ← proxy");
        // Every box line has the same display width.
        assert!(lines
            .iter()
            .filter(|l| l.starts_with(['┌', '│', '└']))
            .all(|l| width(&l[..l.find(" ←").unwrap_or(l.len())]) == 14));
    }
}
