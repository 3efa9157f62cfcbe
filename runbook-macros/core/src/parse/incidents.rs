//! The incident sections: alerts and troubleshooting entries.

use syn::parse::ParseStream;
use syn::Token;

use super::sections::steps_inside;
use super::values::{duration, name, peek_string, text};
use super::{braces, comma, unknown};
use crate::ast::*;
use runbook_model::AlertProse;

/// `high_cpu "High CPU": P1, respond 1h, by "SRE", when cpu critical, see high_cpu;`
pub fn alerts(input: ParseStream) -> syn::Result<Vec<AlertDef>> {
    let mut alerts = Vec::new();
    while !input.is_empty() {
        let id = name(input)?;
        let alert_name = text(input)?;
        input.parse::<Token![:]>()?;
        let mut a = AlertDef {
            id,
            name: alert_name,
            severity: None,
            respond: None,
            by: None,
            when: None,
            see: None,
            expr: None,
            hold: None,
            labels: Vec::new(),
            prose: Vec::new(),
        };
        let mut severity = name(input)?;
        // `severity P1`, as in a rule's labels: the severity is written alone.
        if severity.value == "severity" && input.peek(syn::Ident) {
            let level = name(input)?;
            super::recovered(syn::Error::new(
                severity.span,
                format!(
                    "the severity is written alone after `:`\nhelp: write `{} \"{}\": {}, ...`",
                    a.id.value, a.name.value, level.value
                ),
            ));
            severity = level;
        }
        a.severity = Some(severity);
        let mut last = a.severity.as_ref().map_or(a.id.span, |s| s.span);
        let mut ended = false;
        while input.peek(Token![,]) {
            let comma: Token![,] = input.parse()?;
            // `,` where `;` belongs: the next alert's `id "name":` follows.
            if next_alert(input) {
                super::recovered(syn::Error::new(
                    comma.span,
                    format!(
                        "an alert ends with `;`, not `,`\nhelp: write `;` here, at the end of alert `{}`",
                        a.id.value
                    ),
                ));
                ended = true;
                break;
            }
            let key = name(input)?;
            if let Some(help) = rule_word(&key.value) {
                return Err(syn::Error::new(key.span, format!("an alert has no `{}` key\nhelp: {help}", key.value)));
            }
            // `by: "SRE"`, as in the top-level fields: reported, then read on.
            if input.peek(Token![:]) && !input.peek(Token![::]) {
                let colon: Token![:] = input.parse()?;
                super::recovered(syn::Error::new(
                    colon.span,
                    format!(
                        "an alert's fields take no `:`\nhelp: remove it: `{} ...`, as in `by \"SRE\"` and `respond 1h`",
                        key.value
                    ),
                ));
            }
            let dup = match key.value.as_str() {
                "respond" => a.respond.is_some(),
                "by" => a.by.is_some(),
                "when" => a.when.is_some(),
                "see" => a.see.is_some(),
                "expr" => a.expr.is_some(),
                "for" => a.hold.is_some(),
                k => a.prose.iter().any(|(n, _)| n.value == k),
            };
            if dup {
                return Err(syn::Error::new(
                    key.span,
                    format!("duplicate `{}` in alert `{}`\nhelp: keep one", key.value, a.id.value),
                ));
            }
            match key.value.as_str() {
                "respond" => {
                    a.respond = Some(if input.peek(syn::Ident) {
                        let word = name(input)?;
                        if word.value != "immediately" {
                            return Err(syn::Error::new(
                                word.span,
                                "expected `immediately` or a duration\nhelp: write e.g. `respond 1h`, `respond 15min`, `respond 1bd`",
                            ));
                        }
                        last = word.span;
                        Respond::Immediately
                    } else {
                        let d = duration(input)?;
                        last = d.span;
                        Respond::Within(d)
                    })
                }
                "by" => {
                    let by = text(input)?;
                    last = by.span;
                    a.by = Some(by);
                }
                "when" => {
                    let (metric, level) = (name(input)?, name(input)?);
                    last = level.span;
                    a.when = Some((metric, level));
                }
                "see" => {
                    let see = name(input)?;
                    last = see.span;
                    a.see = Some(see);
                }
                "expr" => {
                    let expr = text(input)?;
                    last = expr.span;
                    a.expr = Some(expr);
                }
                "for" => {
                    let d = duration(input)?;
                    last = d.span;
                    a.hold = Some(d);
                }
                "label" => {
                    let label = name(input)?;
                    input.parse::<Token![=]>().map_err(|e| {
                        syn::Error::new(
                            e.span(),
                            format!(
                                "expected `=` after the label name\nhelp: write `label {} = \"value\"`",
                                label.value
                            ),
                        )
                    })?;
                    let value = text(input)?;
                    last = value.span;
                    a.labels.push((label, value));
                }
                k if AlertProse::<()>::KEYS.contains(&k) => {
                    let t = text(input)?;
                    last = t.span;
                    a.prose.push((key, t));
                }
                _ => return Err(unknown(&key, "alert key", &alert_keys())),
            }
        }
        let id = a.id.value.clone();
        alerts.push(a);
        if ended || input.is_empty() || input.peek(Token![;]) {
            let _ = input.parse::<Option<Token![;]>>();
            continue;
        }
        if next_alert(input) {
            // A missing `;`: reported after the alert's last token, the next alert read as written.
            super::recovered(syn::Error::new(
                last,
                format!("expected `;` after this\nhelp: end alert `{id}` with `;`"),
            ));
            continue;
        }
        return Err(syn::Error::new(input.span(), "expected `;` after an alert"));
    }
    Ok(alerts)
}

/// True when an alert's `id "name":` follows.
fn next_alert(input: ParseStream) -> bool {
    // `by "SRE"` is a key with its value, not the head of an alert; nor is
    // `description "..."`, a rule's word written where a key goes.
    super::values::peek_head(input).is_some_and(|id| {
        let word = id.to_string();
        !ALERT_KEYS.iter().chain(AlertProse::<()>::KEYS).any(|k| word == *k) && rule_word(&word).is_none()
    })
}

/// What to write instead of a Prometheus rule's own word used as an alert
/// key: the rule is derived from the alert, so these have their place.
fn rule_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "description" | "annotations" | "annotation" => {
            "the rule's description is built from the alert's words: write `meaning \"...\"` and `impact \"...\"`"
        }
        "summary" => "the rule's summary is the alert's title, the string after its id: `high_cpu \"High CPU\": ...`",
        "runbook_url" | "runbook" => {
            "each rule's `runbook_url` is the alert's row in the operations document, under the base URL of the \
             alerting policy: remove it"
        }
        "severity" => "the severity is written alone right after `:`: `high_cpu \"High CPU\": P1, ...`",
        "expression" | "query" | "promql" => "write the condition as `expr \"PROMQL\"`, or `when <metric> <level>`",
        "duration" | "hold" | "pending" => "write how long it holds as `for 5min`",
        _ => return None,
    })
}

/// The keys an alert's fields are written with: those parsed here, then
/// the model's prose fields, parsed alike (`<key> "text"`).
const ALERT_KEYS: &[&str] = &["respond", "by", "when", "see", "expr", "for", "label"];

/// Every alert key, for an unknown key's help.
fn alert_keys() -> Vec<&'static str> {
    ALERT_KEYS.iter().chain(AlertProse::<()>::KEYS).copied().collect()
}

/// `id "title" { symptom { .. } causes { .. } diagnose { .. } remedy { .. } }`
pub fn troubleshooting(input: ParseStream) -> syn::Result<Vec<EntryDef>> {
    const PARTS: &[&str] = &["symptom", "causes", "diagnose", "remedy"];
    let mut entries = Vec::new();
    while !input.is_empty() {
        let id = name(input)?;
        let title = text(input)?;
        let content = braces(input)?;
        let mut parts = Vec::new();
        while !content.is_empty() {
            let kind = name(&content)?;
            let inner = braces(&content)?;
            let part = match kind.value.as_str() {
                "symptom" => PartContent::Symptoms(symptoms(&inner)?),
                "causes" => PartContent::Causes(texts(&inner)?),
                "diagnose" | "remedy" => PartContent::Steps(steps_inside(&inner)?),
                _ => return Err(unknown(&kind, "troubleshooting part", PARTS)),
            };
            parts.push(EntryPart { kind, content: part });
            comma(&content)?;
        }
        entries.push(EntryDef { id, title, parts });
        comma(input)?;
    }
    Ok(entries)
}

/// Observations as strings, verbatim output as `output "..."`.
fn symptoms(input: ParseStream) -> syn::Result<Vec<SymptomDef>> {
    let mut out = Vec::new();
    while !input.is_empty() {
        if peek_string(input) {
            out.push(SymptomDef::Observed(text(input)?));
        } else {
            let key = name(input)?;
            if key.value != "output" {
                return Err(unknown(&key, "symptom form", &["output"]));
            }
            out.push(SymptomDef::Output(text(input)?));
        }
        comma(input)?;
    }
    Ok(out)
}

fn texts(input: ParseStream) -> syn::Result<Vec<Text>> {
    let mut out = Vec::new();
    while !input.is_empty() {
        out.push(text(input)?);
        comma(input)?;
    }
    Ok(out)
}
