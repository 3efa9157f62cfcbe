//! The value of each top-level key and the body of each section.

use quote::ToTokens;
use syn::parse::ParseStream;
use syn::{LitInt, LitStr, Token};

use super::steps::{attrs, body, step, step_list};
use super::values::{band, date, duration, name, text};
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
        _ => unreachable_key(key)?,
    }
    Ok(())
}

/// The body of `key { ... }`.
pub fn section(input: ParseStream, key: &Name, rb: &mut Runbook) -> syn::Result<()> {
    match key.value.as_str() {
        "vars" => rb.vars = Some(vars(input)?),
        "environments" => rb.environments = Some(environments(input)?),
        "architecture" => rb.architecture = Some(architecture(input)?),
        "deploy" => rb.deploy = Some(deploy(input)?),
        "service" => rb.service = Some(service(input)?),
        "monitoring" => rb.monitoring = Some(monitoring(input)?),
        "backup" => rb.backup = Some(steps_inside(input)?),
        "restore" => rb.restore = Some(steps_inside(input)?),
        "logs" => rb.logs = Some(logs(input)?),
        "maintenance" => rb.maintenance = Some(maintenance(input)?),
        "alerts" => rb.alerts = Some(alerts(input)?),
        "troubleshooting" => rb.troubleshooting = Some(troubleshooting(input)?),
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

/// The steps of a section whose braces were already opened.
fn steps_inside(input: ParseStream) -> syn::Result<Vec<StepDef>> {
    let mut steps = Vec::new();
    while !input.is_empty() {
        steps.push(step(input)?);
        comma(input)?;
    }
    Ok(steps)
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
        let value = if input.peek(LitInt) {
            let lit: LitInt = input.parse()?;
            Text { value: lit.to_string(), span: lit.span() }
        } else {
            text(input)?
        };
        vars.push(VarDef { name, value });
        comma(input)?;
    }
    Ok(vars)
}

fn vars(input: ParseStream) -> syn::Result<Vec<VarDef>> {
    var_list(input)
}

/// `production "本番環境" { unit = "app" }`
fn environments(input: ParseStream) -> syn::Result<Vec<EnvDef>> {
    let mut envs = Vec::new();
    while !input.is_empty() {
        let id = name(input)?;
        let label = if input.peek(LitStr) { text(input)? } else { Text { value: id.value.clone(), span: id.span } };
        let content = braces(input)?;
        let vars = var_list(&content)?;
        envs.push(EnvDef { id, label, vars });
        comma(input)?;
    }
    Ok(envs)
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
            content.parse::<Token![:]>()?;
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
fn sub<'a>(input: ParseStream, valid: &[&'a str]) -> syn::Result<(Name, &'a str)> {
    let key = name(input)?;
    match valid.iter().find(|v| **v == key.value) {
        Some(v) => Ok((key, v)),
        None => Err(unknown(&key, "sub-section", valid)),
    }
}

fn set_once<T>(slot: &mut Option<T>, key: &Name, value: T) -> syn::Result<()> {
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
    let mut d = DeployDef::default();
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
    let mut s = ServiceDef::default();
    while !input.is_empty() {
        let (k, _) = sub(input, KEYS)?;
        let title = if input.peek(LitStr) { Some(text(input)?) } else { None };
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
            loop {
                let level = name(&content)?;
                if !["normal", "warning", "critical"].contains(&level.value.as_str()) {
                    return Err(unknown(&level, "threshold level", &["normal", "warning", "critical"]));
                }
                bands.push((level, band(&content)?));
                if !content.peek(Token![,]) {
                    break;
                }
                content.parse::<Token![,]>()?;
            }
            metrics.push(MetricDef { id, title, bands });
            if !content.is_empty() {
                content
                    .parse::<Token![;]>()
                    .map_err(|e| syn::Error::new(e.span(), "expected `;` after a metric's thresholds"))?;
            }
        }
        groups.push(GroupDef { id, title, metrics });
        comma(input)?;
    }
    Ok(groups)
}

/// Log files `id "title": "path", "purpose";` and one `logrotate "file" for "glob" { ... }`.
fn logs(input: ParseStream) -> syn::Result<LogsDef> {
    let mut l = LogsDef::default();
    while !input.is_empty() {
        let id = name(input)?;
        if id.value == "logrotate" && input.peek(LitStr) && !input.peek2(Token![:]) {
            let r = logrotate(input)?;
            if l.rotate.is_some() {
                return Err(syn::Error::new(id.span, "duplicate `logrotate`\nhelp: keep one policy per runbook"));
            }
            l.rotate = Some(r);
            comma(input)?;
            continue;
        }
        let title = text(input)?;
        input.parse::<Token![:]>()?;
        let path = text(input)?;
        input.parse::<Token![,]>()?;
        let purpose = text(input)?;
        l.files.push(LogFileDef { id, title, path, purpose });
        comma(input)?;
    }
    Ok(l)
}

fn logrotate(input: ParseStream) -> syn::Result<RotateDef> {
    let file = text(input)?;
    input.parse::<Token![for]>().map_err(|e| {
        syn::Error::new(e.span(), "expected `for \"<log glob>\"`\nhelp: write `logrotate \"/etc/logrotate.d/app\" for \"/var/log/app/*.log\" { ... }`")
    })?;
    let pattern = text(input)?;
    let content = braces(input)?;
    let mut options = Vec::new();
    let mut postrotate = None;
    while !content.is_empty() {
        let directive = name(&content)?;
        if directive.value == "postrotate" {
            content.parse::<Token![=>]>()?;
            let mut step = StepDef::empty();
            attrs(&content, &mut step)?;
            step.body = body(&content)?;
            postrotate = Some(step);
        } else {
            let mut args = Vec::new();
            while !content.is_empty() && !content.peek(Token![;]) && !content.peek(Token![,]) {
                if content.peek(LitStr) {
                    args.push(content.parse::<LitStr>()?.value());
                } else {
                    args.push(content.parse::<proc_macro2::TokenTree>()?.to_string());
                }
            }
            options.push((directive, args));
        }
        comma(&content)?;
    }
    Ok(RotateDef { file, pattern, options, postrotate })
}

/// `daily { ... } weekly { ... } monthly { ... }`
fn maintenance(input: ParseStream) -> syn::Result<MaintenanceDef> {
    let mut m = MaintenanceDef::default();
    while !input.is_empty() {
        let (k, which) = sub(input, &["daily", "weekly", "monthly"])?;
        let content = braces(input)?;
        let mut tasks = Vec::new();
        while !content.is_empty() {
            tasks.push(task(&content)?);
            comma(&content)?;
        }
        let slot = match which {
            "daily" => &mut m.daily,
            "weekly" => &mut m.weekly,
            _ => &mut m.monthly,
        };
        set_once(slot, &k, tasks)?;
        comma(input)?;
    }
    Ok(m)
}

/// `id "title" cron("0 3 * * *") downtime(30min) owner("DBA") danger("why") => "command"`
/// or the same head followed by `{ precheck {..} steps {..} verify {..} rollback {..} }`.
fn task(input: ParseStream) -> syn::Result<TaskDef> {
    let id = name(input)?;
    let title = text(input)?;
    let mut t = TaskDef {
        id,
        title,
        cron: None,
        downtime: None,
        owner: None,
        precheck: Vec::new(),
        steps: Vec::new(),
        verify: Vec::new(),
        rollback: Vec::new(),
    };
    let mut step = StepDef::empty();
    while input.peek(syn::Ident) && input.peek2(syn::token::Paren) {
        let fork = input.fork();
        let key = name(&fork)?;
        match key.value.as_str() {
            "cron" | "owner" | "downtime" => {
                let key = name(input)?;
                let content;
                syn::parenthesized!(content in input);
                match key.value.as_str() {
                    "cron" => t.cron = Some(text(&content)?),
                    "owner" => t.owner = Some(text(&content)?),
                    _ => t.downtime = Some(duration(&content)?),
                }
            }
            "danger" | "edit" => attrs(input, &mut step)?,
            _ => return Err(unknown(&key, "task attribute", &["cron", "downtime", "owner", "danger", "edit"])),
        }
    }
    if input.peek(Token![=>]) {
        input.parse::<Token![=>]>()?;
        step.body = body(input)?;
        t.steps.push(step);
        return Ok(t);
    }
    let content = braces(input).map_err(|e| {
        syn::Error::new(e.span(), "expected `=> \"command\"` or `{ steps { ... } }` after the task's title")
    })?;
    while !content.is_empty() {
        let (k, which) = sub(&content, &["precheck", "steps", "verify", "rollback"])?;
        let steps = step_list(&content)?;
        let slot = match which {
            "precheck" => &mut t.precheck,
            "steps" => &mut t.steps,
            "verify" => &mut t.verify,
            _ => &mut t.rollback,
        };
        if !slot.is_empty() {
            return Err(syn::Error::new(k.span, format!("duplicate `{}`\nhelp: merge the two into one", k.value)));
        }
        *slot = steps;
        comma(&content)?;
    }
    Ok(t)
}

/// `high_cpu "High CPU": P1, respond 1h, by "SRE", when cpu critical, see high_cpu;`
fn alerts(input: ParseStream) -> syn::Result<Vec<AlertDef>> {
    const KEYS: &[&str] = &["respond", "by", "when", "see"];
    let mut alerts = Vec::new();
    while !input.is_empty() {
        let id = name(input)?;
        let alert_name = text(input)?;
        input.parse::<Token![:]>()?;
        let mut a = AlertDef { id, name: alert_name, severity: None, respond: None, by: None, when: None, see: None };
        a.severity = Some(name(input)?);
        while input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
            let key = name(input)?;
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
                        Respond::Immediately
                    } else {
                        Respond::Within(duration(input)?)
                    })
                }
                "by" => a.by = Some(text(input)?),
                "when" => a.when = Some((name(input)?, name(input)?)),
                "see" => a.see = Some(name(input)?),
                _ => return Err(unknown(&key, "alert key", KEYS)),
            }
        }
        alerts.push(a);
        if !input.is_empty() {
            input.parse::<Token![;]>().map_err(|e| syn::Error::new(e.span(), "expected `;` after an alert"))?;
        }
    }
    Ok(alerts)
}

/// `id "title" { symptom { .. } causes { .. } diagnose { .. } remedy { .. } }`
fn troubleshooting(input: ParseStream) -> syn::Result<Vec<EntryDef>> {
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
        if input.peek(LitStr) {
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
