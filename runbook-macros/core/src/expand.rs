//! Syntax tree to `runbook_dsl` values: static data with every placeholder substituted.
//!
//! Expansion runs only on a runbook that passed every check, so it does not
//! report errors; it emits absolute paths into `::runbook_dsl::__private`.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::ast::*;
use crate::scope::Scope;

struct Expander<'a> {
    rb: &'a Runbook,
    scope: &'a Scope,
}

pub fn expand(rb: &Runbook, scope: &Scope) -> TokenStream {
    let x = Expander { rb, scope };
    let feature = rb.feature.as_ref().map(|f| f.value.clone()).unwrap_or_default();
    let title = x.prose(rb.title.as_ref());
    let owner = x.prose(rb.owner.as_ref());
    let version = x.prose(rb.version.as_ref());
    let summary = x.opt(rb.summary.as_ref());
    let chat = x.opt(rb.chat.as_ref());
    let (y, m, d) = rb.updated.map(|d| (d.year as u16, d.month as u8, d.day as u8)).unwrap_or((2000, 1, 1));
    let review =
        rb.review_every.as_ref().map_or(90, |r| if r.unit == "w" { r.amount.saturating_mul(7) } else { r.amount });
    let lang = match rb.lang.as_ref().map(|l| l.value.as_str()) {
        Some("ja") => quote!(Ja),
        _ => quote!(En),
    };
    let vars = x.vars(rb.vars.iter().flatten());
    let envs = rb.environments.iter().flatten().map(|e| {
        let (id, label, vars) = (&e.id.value, &e.label.value, x.vars(e.vars.iter()));
        quote!(__p::Environment { id: #id, label: #label, vars: #vars })
    });
    let architecture = rb.architecture.iter().flatten().map(|c| x.component(c));
    let deploy = rb.deploy.as_ref();
    let precheck = x.steps(deploy.and_then(|d| d.precheck.as_deref()));
    let execute = x.steps(deploy.and_then(|d| d.execute.as_deref()));
    let verify = x.steps(deploy.and_then(|d| d.verify.as_deref()));
    let service = x.service();
    let monitoring = rb.monitoring.iter().flatten().map(|g| x.group(g));
    let backup = x.steps(rb.backup.as_deref());
    let restore = x.steps(rb.restore.as_deref());
    let logs = x.logs();
    let maint = rb.maintenance.as_ref();
    let daily = x.tasks(maint.and_then(|m| m.daily.as_deref()));
    let weekly = x.tasks(maint.and_then(|m| m.weekly.as_deref()));
    let monthly = x.tasks(maint.and_then(|m| m.monthly.as_deref()));
    let alerts = rb.alerts.iter().flatten().map(|a| x.alert(a));
    let entries = rb.troubleshooting.iter().flatten().map(|e| x.entry(e));
    let checklist = rb.checklist.clone().unwrap_or_else(|| quote!(__p::Checklist { title: "", items: &[] }));
    let contacts =
        rb.contacts.clone().unwrap_or_else(|| quote!(__p::Contacts { escalation: &[], emergency: &[], chat: None }));
    // R9 on a shared const: evaluated by rustc, reported at the `contacts:` path.
    let contacts_check = {
        let span =
            rb.contacts.as_ref().and_then(|t| t.clone().into_iter().next()).map_or_else(Span::call_site, |t| t.span());
        quote_spanned!(span=> const _: () = ::runbook_dsl::__private::check_contacts(&#contacts);)
    };
    let env_consts = x.scope.envs.iter().enumerate().map(|(i, e)| {
        let (name, id, label) = (env_const(i), &e.id, &e.label);
        quote!(const #name: __p::EnvLabel = __p::EnvLabel { id: #id, label: #label };)
    });
    // Short names keep the expansion small: rustc re-expands every runbook on
    // every build, and type-checks every token of it.
    quote! {{
        use ::runbook_dsl::__private as __p;
        use ::core::option::Option::{None, Some};
        #(#env_consts)*
        #contacts_check
        __p::Runbook {
            feature: #feature,
            source: ::core::file!(),
            title: #title,
            owner: #owner,
            updated: __p::Date { year: #y, month: #m, day: #d },
            review_every_days: #review,
            version: #version,
            lang: __p::Lang::#lang,
            summary: #summary,
            vars: #vars,
            environments: &[#(#envs),*],
            architecture: &[#(#architecture),*],
            deploy: __p::Deploy { precheck: #precheck, execute: #execute, verify: #verify },
            service: #service,
            monitoring: &[#(#monitoring),*],
            backup: #backup,
            restore: #restore,
            logs: #logs,
            maintenance: __p::Maintenance { daily: #daily, weekly: #weekly, monthly: #monthly },
            alerts: &[#(#alerts),*],
            troubleshooting: &[#(#entries),*],
            checklist: #checklist,
            contacts: #contacts,
            chat: #chat,
        }
    }}
}

impl Expander<'_> {
    /// Descriptive text, read in the primary environment.
    fn prose(&self, t: Option<&Text>) -> Literal {
        lit(&t.map(|t| self.scope.substitute(&t.value, None)).unwrap_or_default())
    }

    fn opt(&self, t: Option<&Text>) -> TokenStream {
        match t {
            Some(t) => {
                let s = self.prose(Some(t));
                quote!(Some(#s))
            }
            None => quote!(None),
        }
    }

    fn vars<'v>(&self, vars: impl Iterator<Item = &'v VarDef>) -> TokenStream {
        let vars = vars.map(|v| {
            let (name, value) = (&v.name.value, &v.value.value);
            quote!(__p::Var { name: #name, value: #value })
        });
        quote!(&[#(#vars),*])
    }

    fn component(&self, c: &ComponentDef) -> TokenStream {
        let id = c.id.as_ref().map(|i| i.value.clone()).unwrap_or_default();
        let name = self.prose(c.name.as_ref());
        let (kind, version, role, link) = (
            self.opt(c.kind.as_ref()),
            self.opt(c.version.as_ref()),
            self.opt(c.role.as_ref()),
            self.opt(c.link.as_ref()),
        );
        let optional = c.optional;
        quote!(__p::Component { id: #id, name: #name, kind: #kind, version: #version, role: #role, link: #link, optional: #optional })
    }

    fn steps(&self, list: Option<&[StepDef]>) -> TokenStream {
        let steps = list.unwrap_or_default().iter().map(|s| self.step(s));
        quote!(&[#(#steps),*])
    }

    fn step(&self, s: &StepDef) -> TokenStream {
        let title = self.opt(s.title.as_ref());
        let danger = self.opt(s.danger.as_ref());
        let edit = self.opt(s.edit.as_ref());
        let variants: Vec<TokenStream> = match &s.body {
            StepBody::Lines(lines) => {
                let joined = join(lines);
                if self.scope.env_dependent(&joined) {
                    (0..self.scope.envs.len()).map(|i| self.variant(Some(i), None, &joined)).collect()
                } else {
                    vec![self.variant(None, None, &joined)]
                }
            }
            StepBody::PerEnv(list) => list
                .iter()
                .map(|e| {
                    let i = self.scope.envs.iter().position(|s| s.id == e.env.value);
                    self.variant(i, e.note.as_ref(), &join(&e.lines))
                })
                .collect(),
        };
        quote!(__p::step(#title, #danger, #edit, &[#(#variants),*]))
    }

    fn variant(&self, env: Option<usize>, note: Option<&Text>, text: &str) -> TokenStream {
        // Environment labels are consts declared once at the top of the expansion.
        let label = match env.filter(|i| *i < self.scope.envs.len()) {
            Some(i) => {
                let name = env_const(i);
                quote!(Some(#name))
            }
            None => quote!(None),
        };
        let note = match note {
            Some(n) => {
                let n = lit(&self.scope.substitute(&n.value, env));
                quote!(Some(#n))
            }
            None => quote!(None),
        };
        let text = lit(&self.scope.substitute(text, env));
        quote!(__p::variant(#label, #note, #text))
    }

    fn service(&self) -> TokenStream {
        let find = |key: &str| {
            self.rb
                .service
                .as_ref()
                .and_then(|s| s.commands.iter().find(|(k, _)| k.value == key))
                .map(|(_, s)| self.step(s))
        };
        let required = |key: &str| {
            find(key).unwrap_or_else(|| quote!(__p::Step { title: None, danger: None, edit: None, variants: &[] }))
        };
        let optional = |key: &str| match find(key) {
            Some(s) => quote!(Some(#s)),
            None => quote!(None),
        };
        let (start, stop, restart, status) =
            (required("start"), required("stop"), required("restart"), required("status"));
        let (logs, follow) = (optional("logs"), optional("follow"));
        quote!(__p::Service { start: #start, stop: #stop, restart: #restart, status: #status, logs: #logs, follow: #follow })
    }

    fn group(&self, g: &GroupDef) -> TokenStream {
        let (id, title) = (&g.id.value, self.prose(Some(&g.title)));
        let metrics = g.metrics.iter().map(|m| {
            let (id, title) = (&m.id.value, self.prose(Some(&m.title)));
            let unit = unit(m);
            let band = |level: &str| match m.bands.iter().find(|(l, _)| l.value == level) {
                Some((_, b)) => {
                    let b = band(b);
                    quote!(Some(#b))
                }
                None => quote!(None),
            };
            let (normal, warning, critical) = (band("normal"), band("warning"), band("critical"));
            quote!(__p::Metric { id: #id, title: #title, unit: #unit, normal: #normal, warning: #warning, critical: #critical })
        });
        quote!(__p::MetricGroup { id: #id, title: #title, metrics: &[#(#metrics),*] })
    }

    fn logs(&self) -> TokenStream {
        let l = self.rb.logs.as_ref();
        let files = l.into_iter().flat_map(|l| &l.files).map(|f| {
            let id = &f.id.value;
            let (title, path, purpose) =
                (self.prose(Some(&f.title)), self.prose(Some(&f.path)), self.prose(Some(&f.purpose)));
            quote!(__p::LogFile { id: #id, title: #title, path: #path, purpose: #purpose })
        });
        let r = l.and_then(|l| l.rotate.as_ref());
        let file = self.prose(r.map(|r| &r.file));
        let pattern = self.prose(r.map(|r| &r.pattern));
        let options = r.into_iter().flat_map(|r| &r.options).map(|(name, args)| {
            let mut line = name.value.clone();
            for a in args {
                line.push(' ');
                line.push_str(a);
            }
            line
        });
        let postrotate = match r.and_then(|r| r.postrotate.as_ref()) {
            Some(s) => {
                let s = self.step(s);
                quote!(Some(#s))
            }
            None => quote!(None),
        };
        quote!(__p::Logs {
            files: &[#(#files),*],
            rotate: __p::Logrotate { file: #file, pattern: #pattern, options: &[#(#options),*], postrotate: #postrotate },
        })
    }

    fn tasks(&self, list: Option<&[TaskDef]>) -> TokenStream {
        let tasks = list.unwrap_or_default().iter().map(|t| {
            let id = &t.id.value;
            let title = self.prose(Some(&t.title));
            let cron = self.opt(t.cron.as_ref());
            let downtime = match &t.downtime {
                Some(d) => {
                    let minutes = if d.unit == "h" { d.amount.saturating_mul(60) } else { d.amount };
                    quote!(Some(#minutes))
                }
                None => quote!(None),
            };
            let owner = self.prose(t.owner.as_ref().or(self.rb.owner.as_ref()));
            let (precheck, steps, verify, rollback) = (
                self.steps(Some(&t.precheck)),
                self.steps(Some(&t.steps)),
                self.steps(Some(&t.verify)),
                self.steps(Some(&t.rollback)),
            );
            quote!(__p::Task {
                id: #id, title: #title, cron: #cron, downtime_minutes: #downtime, owner: #owner,
                precheck: #precheck, steps: #steps, verify: #verify, rollback: #rollback,
            })
        });
        quote!(&[#(#tasks),*])
    }

    fn alert(&self, a: &AlertDef) -> TokenStream {
        let id = &a.id.value;
        let name = self.prose(Some(&a.name));
        let severity = match a.severity.as_ref().map(|s| s.value.as_str()) {
            Some("P0") => quote!(P0),
            Some("P1") => quote!(P1),
            Some("P2") => quote!(P2),
            _ => quote!(P3),
        };
        let respond = match &a.respond {
            Some(Respond::Within(d)) => {
                let n = d.amount;
                match d.unit.as_str() {
                    "min" => quote!(Minutes(#n)),
                    "h" => quote!(Hours(#n)),
                    "d" => quote!(Days(#n)),
                    _ => quote!(BusinessDays(#n)),
                }
            }
            _ => quote!(Immediately),
        };
        let by = self.prose(a.by.as_ref());
        let when = match &a.when {
            Some((metric, level)) => {
                let metric = &metric.value;
                let level = if level.value == "warning" { quote!(Warning) } else { quote!(Critical) };
                quote!(Some(__p::Condition { metric: #metric, level: __p::Level::#level }))
            }
            None => quote!(None),
        };
        let see = match &a.see {
            Some(s) => {
                let s = &s.value;
                quote!(Some(#s))
            }
            None => quote!(None),
        };
        quote!(__p::Alert { id: #id, name: #name, severity: __p::Severity::#severity, respond: __p::Response::#respond, responder: #by, when: #when, see: #see })
    }

    fn entry(&self, e: &EntryDef) -> TokenStream {
        let id = &e.id.value;
        let title = self.prose(Some(&e.title));
        let (mut symptoms, mut causes, mut diagnose, mut remedy) = (Vec::new(), Vec::new(), quote!(&[]), quote!(&[]));
        for part in &e.parts {
            match (&part.content, part.kind.value.as_str()) {
                (PartContent::Symptoms(list), _) => {
                    for s in list {
                        symptoms.push(match s {
                            SymptomDef::Observed(t) => {
                                let t = self.prose(Some(t));
                                quote!(__p::Symptom::Observed(#t))
                            }
                            SymptomDef::Output(t) => {
                                let t = self.prose(Some(t));
                                quote!(__p::Symptom::Output(#t))
                            }
                        });
                    }
                }
                (PartContent::Causes(list), _) => causes.extend(list.iter().map(|t| self.prose(Some(t)))),
                (PartContent::Steps(list), "diagnose") => diagnose = self.steps(Some(list)),
                (PartContent::Steps(list), _) => remedy = self.steps(Some(list)),
            }
        }
        quote!(__p::Entry { id: #id, title: #title, symptoms: &[#(#symptoms),*], causes: &[#(#causes),*], diagnose: #diagnose, remedy: #remedy })
    }
}

/// A string literal token. `Literal::string` escapes every non-ASCII character
/// through Unicode's printable tables, which dominated expansion time for
/// Japanese runbooks; only quotes, backslashes and control characters need it.
fn lit(s: &str) -> Literal {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out.parse().unwrap_or_else(|_| Literal::string(s))
}

/// The name of the const that holds environment `i`'s label.
fn env_const(i: usize) -> proc_macro2::Ident {
    proc_macro2::Ident::new(&format!("__ENV{i}"), Span::call_site())
}

fn join(lines: &[Text]) -> String {
    lines.iter().map(|t| t.value.as_str()).collect::<Vec<_>>().join("\n")
}

fn unit(m: &MetricDef) -> TokenStream {
    let first = m.bands.iter().flat_map(|(_, b)| match b {
        BandLit::Compare(_, q) => vec![q],
        BandLit::Range(a, b) => vec![a, b],
    });
    let unit = first.filter_map(|q| q.unit.clone()).next();
    match unit {
        None => quote!(__p::Unit::Count),
        Some(UnitLit::Percent) => quote!(__p::Unit::Percent),
        Some(UnitLit::Suffix(s)) => match s.as_str() {
            "ms" => quote!(__p::Unit::Millis),
            "s" => quote!(__p::Unit::Seconds),
            "min" => quote!(__p::Unit::Minutes),
            "h" => quote!(__p::Unit::Hours),
            "MB" => quote!(__p::Unit::Megabytes),
            _ => quote!(__p::Unit::Gigabytes),
        },
        Some(UnitLit::Rate { noun, per }) => {
            let noun = match noun {
                Some(n) => quote!(Some(#n)),
                None => quote!(None),
            };
            let per = match per.as_str() {
                "s" => quote!(Second),
                "min" => quote!(Minute),
                "h" => quote!(Hour),
                _ => quote!(Day),
            };
            quote!(__p::Unit::Rate { noun: #noun, per: __p::Per::#per })
        }
    }
}

fn band(b: &BandLit) -> TokenStream {
    match b {
        BandLit::Compare(op, q) => {
            let v = q.value;
            match op {
                BandOp::Below => quote!(__p::Band::Below { value: #v }),
                BandOp::AtMost => quote!(__p::Band::AtMost { value: #v }),
                BandOp::Exactly => quote!(__p::Band::Exactly { value: #v }),
                BandOp::AtLeast => quote!(__p::Band::AtLeast { value: #v }),
                BandOp::Above => quote!(__p::Band::Above { value: #v }),
            }
        }
        BandLit::Range(lo, hi) => {
            let (lo, hi) = (lo.value, hi.value);
            quote!(__p::Band::Between { low: #lo, high: #hi })
        }
    }
}
