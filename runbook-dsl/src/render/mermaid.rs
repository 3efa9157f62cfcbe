//! Mermaid flowcharts, which GitHub and GitLab draw: the request path and the
//! alert-response flow, from the same model as the box diagrams.

use crate::model::Component;

/// A node label in double quotes; Mermaid's own entities for quotes and angle brackets.
fn label(text: &str) -> String {
    cat!("\"", clean(text), "\"")
}

/// User text made safe inside a label: no quote, no tag, one line.
fn clean(text: &str) -> String {
    text.replace('"', "#quot;").replace('<', "#lt;").replace('>', "#gt;").replace('\n', " ")
}

/// A node id Mermaid accepts from a DSL id.
fn id(prefix: &str, raw: &str) -> String {
    let cleaned: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    cat!(prefix, "_", cleaned)
}

/// The request path top to bottom; optional components stand apart, dashed.
pub fn architecture(components: &[Component], optional: &str) -> String {
    let mut lines = vec!["flowchart TD".to_string()];
    let node = |c: &Component| {
        let mut text = clean(c.name);
        if let Some(v) = c.version {
            text.push(' ');
            text.push_str(&clean(v));
        }
        if let Some(role) = c.role {
            text.push_str("<br/>");
            text.push_str(&clean(role));
        }
        if c.optional {
            text.push_str(&cat!(" (", clean(optional), ")"));
        }
        cat!(id("c", c.id), "[\"", text, "\"]")
    };
    for c in components {
        lines.push(cat!("    ", node(c)));
    }
    let path: Vec<&Component> = components.iter().filter(|c| !c.optional).collect();
    for pair in path.windows(2) {
        let arrow = match pair[0].link {
            Some(l) => cat!("-->|", label(l), "|"),
            None => "-->".to_string(),
        };
        lines.push(cat!("    ", id("c", pair[0].id), " ", arrow, " ", id("c", pair[1].id)));
    }
    for c in components.iter().filter(|c| c.optional) {
        lines.push(fmt!("    style {} stroke-dasharray: 5 5", id("c", c.id)));
    }
    lines.join("\n")
}

/// The alert-response flow: `steps` are [fires, assess, decision, ticket, first response, fix, report].
pub fn alert_flow(steps: &[&str; 7], yes: &str, no: &str, guide: &str) -> String {
    let [fires, assess, decide, ticket, first, fix, report] = *steps;
    [
        "flowchart TD".to_string(),
        fmt!("    fires[{}] --> assess[{}] --> decide{{{}}}", label(fires), label(assess), label(decide)),
        fmt!("    decide -->|{}| ticket[{}]", label(no), label(ticket)),
        fmt!(
            "    decide -->|{}| first[{}] --> fix[{}] --> report[{}]",
            label(yes),
            label(first),
            label(fix),
            label(report)
        ),
        fmt!("    guide[{}] -.- first", label(guide)),
    ]
    .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_quoted_and_ids_safe() {
        assert_eq!(label("a \"b\""), "\"a #quot;b#quot;\"");
        assert_eq!(id("c", "my-app"), "c_my_app");
    }

    #[test]
    fn alert_flow_branches_on_severity() {
        let f = alert_flow(&["fire", "assess", "P0/P1?", "ticket", "first", "fix", "report"], "YES", "NO", "guide");
        assert!(f.contains("decide -->|\"NO\"| ticket"));
        assert!(f.contains("decide -->|\"YES\"| first"));
    }
}
