//! The value of each top-level key and the body of each section.

use quote::ToTokens;
use syn::parse::ParseStream;
use syn::{LitInt, Token};

pub use super::steps::steps_inside;
use super::steps::{attrs, body, step_list};
use super::values::{band, date, duration, name, peek_string, text};
use super::{braces, comma, unknown};
use crate::ast::*;

/// The value after `key:`.
pub fn field(input: ParseStream, key: &Name, rb: &mut Runbook) -> syn::Result<()> {
    match key.value.as_str() {
        "feature" => rb.feature = Some(name(input)?),
        "title" => rb.title = Some(text(input)?),
        "owner" => rb.owner = Some(text(input)?),
        "version" => rb.version = Some(text(input)?),
        "summary" => rb.summary = Some(text(input)?),
        "chat" => rb.chat = Some(text(input)?),
        "updated" => rb.updated = Some(date(input)?),
        "review_every" => rb.review_every = Some(duration(input)?),
        "lang" => rb.lang = Some(name(input)?),
        "checklist" => rb.checklist = Some(path(input)?),
        "contacts" => rb.contacts = Some(path(input)?),
        "alerting" => rb.alerting = Some(path(input)?),
        _ => unreachable_key(key)?,
    }
    Ok(())
}

/// The body of `key { ... }`.
pub fn section(input: ParseStream, key: &Name, rb: &mut Runbook) -> syn::Result<()> {
    match key.value.as_str() {
        "vars" => rb.vars = Some(var_list(input)?),
        "environments" => rb.environments = Some(environments(input)?),
        "members" => rb.members = Some(members(input)?),
        "architecture" => rb.architecture = Some(architecture(input)?),
        "deploy" => rb.deploy = Some(deploy(input)?),
        "service" => rb.service = Some(service(input)?),
        "monitoring" => rb.monitoring = Some(monitoring(input)?),
        "backup" => {
            rb.backup_none = super::absent::whole(input, "backup")?;
            rb.backup = Some(steps_inside(input)?);
        }
        "restore" => {
            rb.restore_none = super::absent::whole(input, "restore")?;
            rb.restore = Some(steps_inside(input)?);
        }
        "logs" => rb.logs = Some(super::upkeep::logs(input)?),
        "maintenance" => rb.maintenance = Some(super::upkeep::maintenance(input)?),
        "alerts" => rb.alerts = Some(super::incidents::alerts(input)?),
        "troubleshooting" => rb.troubleshooting = Some(super::incidents::troubleshooting(input)?),
        _ => unreachable_key(key)?,
    }
    Ok(())
}

fn unreachable_key(key: &Name) -> syn::Result<()> {
    Err(syn::Error::new(key.span, format!("`{}` is not handled here", key.value)))
}

/// A shared part: a path to a const, checked by rustc.
fn path(input: ParseStream) -> syn::Result<proc_macro2::TokenStream> {
    let path: syn::Path = input.parse().map_err(|e| {
        syn::Error::new(e.span(), "expected the path of a shared const, e.g. `crate::common::PLATFORM_CONTACTS`")
    })?;
    Ok(path.into_token_stream())
}

/// `name = "value"` or `name = 9100`, comma-separated.
fn var_list(input: ParseStream) -> syn::Result<Vec<VarDef>> {
    let mut vars = Vec::new();
    while !input.is_empty() {
        let name = name(input)?;
        input.parse::<Token![=]>().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("expected `=` after `{}`\nhelp: write `{} = \"value\"`", name.value, name.value),
            )
        })?;
        // `raw("...")`: braces a tool needs as they are (a jsonpath's `{end}`).
        let verbatim = input.peek(syn::Ident) && input.peek2(syn::token::Paren) && {
            let fork = input.fork();
            fork.parse::<syn::Ident>().is_ok_and(|i| i == "raw")
        };
        let value = if verbatim {
            input.parse::<syn::Ident>()?;
            let inner;
            syn::parenthesized!(inner in input);
            let t = text(&inner)?;
            if !inner.is_empty() {
                return Err(syn::Error::new(
                    inner.span(),
                    "`raw(...)` holds one string\nhelp: write `name = raw(\"{range .items[*]}{.metadata.name}{end}\")`",
                ));
            }
            t
        } else if input.peek(LitInt) {
            let lit: LitInt = input.parse()?;
            if !lit.suffix().is_empty() {
                return Err(syn::Error::new(
                    lit.span(),
                    "a number var takes no suffix\nhelp: write e.g. `port = 9100`, or a string",
                ));
            }
            Text { value: lit.base10_digits().to_string(), span: lit.span() }
        } else {
            text(input)?
        };
        vars.push(VarDef { name, value, verbatim });
        comma(input)?;
    }
    Ok(vars)
}

/// `production "本番環境" { unit = "app" }`
fn environments(input: ParseStream) -> syn::Result<Vec<EnvDef>> {
    let mut envs = Vec::new();
    while !input.is_empty() {
        let id = name(input)?;
        let label = if peek_string(input) { text(input)? } else { Text { value: id.value.clone(), span: id.span } };
        let content = braces(input)?;
        let vars = var_list(&content)?;
        envs.push(EnvDef { id, label, vars });
        comma(input)?;
    }
    Ok(envs)
}

/// `etcd { etcd1 "etcd-1" { ip = "10.0.0.11" } etcd2 "etcd-2" { ... } }`
fn members(input: ParseStream) -> syn::Result<Vec<MemberSetDef>> {
    let mut sets = Vec::new();
    while !input.is_empty() {
        let id = name(input)?;
        let content = braces(input).map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("expected `{{` after the member set `{}`\nhelp: write `{} {{ node1 \"node-1\" {{ ip = \"10.0.0.11\" }} }}`", id.value, id.value),
            )
        })?;
        let mut members = Vec::new();
        while !content.is_empty() {
            let id = name(&content)?;
            let label =
                if peek_string(&content) { text(&content)? } else { Text { value: id.value.clone(), span: id.span } };
            let values = braces(&content)?;
            members.push(MemberDef { id, label, vars: var_list(&values)? });
            comma(&content)?;
        }
        sets.push(MemberSetDef { id, members });
        comma(input)?;
    }
    Ok(sets)
}

/// `nginx { name: "Nginx", kind: "Web Server", version: "1.24+", role: "...", link: "HTTPS", optional }`
fn architecture(input: ParseStream) -> syn::Result<Vec<ComponentDef>> {
    const KEYS: &[&str] = &["name", "kind", "version", "role", "link", "optional"];
    let mut components = Vec::new();
    while !input.is_empty() {
        let id = name(input)?;
        let content = braces(input)?;
        let mut c = ComponentDef { id: Some(id), ..ComponentDef::default() };
        while !content.is_empty() {
            let key = name(&content)?;
            if key.value == "optional" {
                // `optional: true`: the flag written as a field.
                if content.peek(Token![:]) || content.peek(Token![=]) {
                    return Err(syn::Error::new(
                        key.span,
                        "`optional` is a flag, written alone\nhelp: write `optional` (and leave it out for a required component)",
                    ));
                }
                c.optional = true;
                comma(&content)?;
                continue;
            }
            let slot = match key.value.as_str() {
                "name" => &mut c.name,
                "kind" => &mut c.kind,
                "version" => &mut c.version,
                "role" => &mut c.role,
                "link" => &mut c.link,
                _ => return Err(unknown(&key, "component key", KEYS)),
            };
            content.parse::<Token![:]>().map_err(|e| {
                let help = format!("a component's fields are written `{}: \"...\"`", key.value);
                syn::Error::new(e.span(), format!("expected `:` after `{}`\nhelp: {help}", key.value))
            })?;
            if slot.is_some() {
                return Err(syn::Error::new(key.span, format!("duplicate key `{}`\nhelp: keep one", key.value)));
            }
            *slot = Some(text(&content)?);
            comma(&content)?;
        }
        components.push(c);
        comma(input)?;
    }
    Ok(components)
}

/// A sub-section key inside a section: `precheck { ... }`.
pub fn sub<'a>(input: ParseStream, valid: &[&'a str]) -> syn::Result<(Name, &'a str)> {
    let key = name(input)?;
    match valid.iter().find(|v| **v == key.value) {
        Some(v) => Ok((key, v)),
        None => Err(unknown(&key, "sub-section", valid)),
    }
}

pub fn set_once<T>(slot: &mut Option<T>, key: &Name, value: T) -> syn::Result<()> {
    if slot.is_some() {
        return Err(syn::Error::new(
            key.span,
            format!("duplicate sub-section `{}`\nhelp: merge the two into one", key.value),
        ));
    }
    *slot = Some(value);
    Ok(())
}

/// `precheck { ... } execute { ... } verify { ... }`
fn deploy(input: ParseStream) -> syn::Result<DeployDef> {
    let mut d = DeployDef { none: super::absent::whole(input, "deploy")?, ..DeployDef::default() };
    while !input.is_empty() {
        let (k, which) = sub(input, &["precheck", "execute", "verify"])?;
        let steps = step_list(input)?;
        let slot = match which {
            "precheck" => &mut d.precheck,
            "execute" => &mut d.execute,
            _ => &mut d.verify,
        };
        set_once(slot, &k, steps)?;
        comma(input)?;
    }
    Ok(d)
}

/// `start => "...", restart => { production "graceful" => "...", development => "..." }, status "title" => "..."`
fn service(input: ParseStream) -> syn::Result<ServiceDef> {
    const KEYS: &[&str] = &["start", "stop", "restart", "status", "logs", "follow"];
    let mut s = ServiceDef { none: super::absent::whole(input, "service")?, ..ServiceDef::default() };
    while !input.is_empty() {
        let (k, _) = sub(input, KEYS)?;
        let title = if peek_string(input) { Some(text(input)?) } else { None };
        input.parse::<Token![=>]>().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("expected `=>` and a command\nhelp: write `{} => \"sudo systemctl {} app\"`", k.value, k.value),
            )
        })?;
        let mut step = StepDef { title, ..StepDef::empty() };
        attrs(input, &mut step)?;
        step.body = body(input)?;
        s.commands.push((k, step));
        comma(input)?;
    }
    Ok(s)
}

const LEVELS: &[&str] = &["normal", "warning", "critical"];

/// True when a metric's `id "title"` follows.
fn next_metric(input: ParseStream) -> bool {
    // A level is followed by its band, never by a string; `query` is followed
    // by its string but is a key of this metric, not the head of the next.
    super::values::peek_head(input).is_some_and(|id| id != "query")
}

/// Where a band ends, for an error that points at the gap after it.
fn band_span(b: &BandLit) -> proc_macro2::Span {
    match b {
        BandLit::Compare(_, q) | BandLit::Range(_, q) => q.span,
    }
}

/// `system "システムリソース" { cpu "CPU使用率": normal < 70%, warning 70%..85%, critical > 85%; }`
fn monitoring(input: ParseStream) -> syn::Result<Vec<GroupDef>> {
    let mut groups = Vec::new();
    while !input.is_empty() {
        let id = name(input)?;
        let title = text(input)?;
        let content = braces(input)?;
        let mut metrics = Vec::new();
        while !content.is_empty() {
            let id = name(&content)?;
            let title = text(&content)?;
            content.parse::<Token![:]>()?;
            let mut bands = Vec::new();
            let mut query = None;
            let mut ended = false;
            loop {
                let level = name(&content)?;
                if level.value == "query" {
                    query = Some(metric_query(&content)?);
                } else if !LEVELS.contains(&level.value.as_str()) {
                    return Err(unknown(&level, "threshold level", &[LEVELS, &["query"]].concat()));
                } else {
                    bands.push((level, band(&content)?));
                }
                if !content.peek(Token![,]) {
                    break;
                }
                let comma: Token![,] = content.parse()?;
                // `,` where `;` belongs: the next metric's `id "title":` follows.
                if next_metric(&content) {
                    super::recovered(syn::Error::new(
                        comma.span,
                        format!("a metric's thresholds end with `;`, not `,`\nhelp: write `;` here, after the thresholds of `{}`", id.value),
                    ));
                    ended = true;
                    break;
                }
            }
            let last = match &query {
                Some((q, unit)) => unit.as_ref().map_or(q.span, |(_, span)| *span),
                None => bands.last().map_or(id.span, |(_, b)| band_span(b)),
            };
            metrics.push(MetricDef { id, title, bands, query });
            if ended || content.is_empty() || content.peek(Token![;]) {
                let _ = content.parse::<Option<Token![;]>>();
                continue;
            }
            if next_metric(&content) {
                // A missing `;`: reported after the last threshold, the next metric read as written.
                let metric = metrics.last().map_or(String::new(), |m| m.id.value.clone());
                super::recovered(syn::Error::new(
                    last,
                    format!("expected `;` after this threshold\nhelp: end the thresholds of `{metric}` with `;`"),
                ));
                continue;
            }
            return Err(syn::Error::new(content.span(), "expected `;` after a metric's thresholds"));
        }
        groups.push(GroupDef { id, title, metrics });
        comma(input)?;
    }
    Ok(groups)
}

/// `"PROMQL"`, then optionally `in` and the unit the query returns when it
/// is not the base unit: `in %`, `in ms`, `in /day`.
fn metric_query(input: ParseStream) -> syn::Result<(Text, Option<(UnitLit, proc_macro2::Span)>)> {
    let promql = text(input)?;
    if !input.peek(Token![in]) {
        return Ok((promql, None));
    }
    let word: Token![in] = input.parse()?;
    let unit = if input.peek(Token![%]) {
        let pct: Token![%] = input.parse()?;
        (UnitLit::Percent, pct.span)
    } else if input.peek(Token![/]) {
        input.parse::<Token![/]>()?;
        let per = name(input)?;
        (UnitLit::Rate { noun: None, per: per.value }, per.span)
    } else {
        let suffix = name(input).map_err(|_| {
            syn::Error::new(
                word.span,
                "expected the unit the query returns after `in`\nhelp: write e.g. `in %`, `in ms` or `in /day`",
            )
        })?;
        (UnitLit::Suffix(suffix.value), suffix.span)
    };
    Ok((promql, Some(unit)))
}
