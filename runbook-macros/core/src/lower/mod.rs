//! Lowering: a checked syntax tree to the model, in one pass.
//!
//! Here, and only here, placeholders are substituted, a step that reads a
//! per-environment value is made once per environment, and defaults are
//! filled in (the owner of a task, the review interval, the language). A
//! value the checks let through but the model has no variant for is an
//! error at its span, never a silent pick: the checks and the model's
//! vocabularies disagree, and the author is told where.

pub(crate) mod members;
mod steps;

use proc_macro2::Span;
use runbook_model::owned::*;
use runbook_model::{AlertProse, Band, Date, Lang, Level, Per, Response, Severity, Vocabulary};

use crate::ast;
use crate::scope::Scope;

type Result<T> = std::result::Result<T, syn::Error>;

/// The interval between reviews when the runbook names none.
const DEFAULT_REVIEW_DAYS: u32 = 90;

/// Lowers a runbook that passed every check.
pub fn lower(rb: &ast::Runbook, scope: &Scope) -> Result<Spec> {
    Lower { rb, scope }.spec()
}

struct Lower<'a> {
    rb: &'a ast::Runbook,
    scope: &'a Scope,
}

/// The error for a value the model cannot hold.
fn unsupported(span: Span, what: &str, value: &str) -> syn::Error {
    syn::Error::new(
        span,
        format!(
            "{what} `{value}` passed the checks but the runbook model has no variant for it (a bug in runbook-macros)"
        ),
    )
}

/// What one unit of `unit` is in the base unit Prometheus uses for its
/// kind: ratios, seconds, bytes (decimal MB and GB), per second.
fn base_factor(unit: &Unit) -> f64 {
    match unit {
        Unit::Count => 1.0,
        Unit::Percent => 0.01,
        Unit::Millis => 0.001,
        Unit::Seconds => 1.0,
        Unit::Minutes => 60.0,
        Unit::Hours => 3600.0,
        Unit::Megabytes => 1e6,
        Unit::Gigabytes => 1e9,
        Unit::Rate { per, .. } => match per {
            Per::Second => 1.0,
            Per::Minute => 1.0 / 60.0,
            Per::Hour => 1.0 / 3600.0,
            Per::Day => 1.0 / 86_400.0,
        },
    }
}

fn vocabulary<T: Vocabulary>(name: &ast::Name, what: &str) -> Result<T> {
    T::from_keyword(&name.value).ok_or_else(|| unsupported(name.span, what, &name.value))
}

impl Lower<'_> {
    /// The span missing-section errors point at.
    fn first_span(&self) -> Span {
        self.rb.first_span.unwrap_or_else(Span::call_site)
    }

    fn missing(&self, what: &str) -> syn::Error {
        syn::Error::new(self.first_span(), format!("{what} is missing but passed the checks (a bug in runbook-macros)"))
    }

    /// Descriptive text, read in the primary environment.
    fn prose(&self, t: &ast::Text) -> String {
        self.scope.substitute(&t.value, None).into_owned()
    }

    fn opt_prose(&self, t: Option<&ast::Text>) -> Option<String> {
        t.map(|t| self.prose(t))
    }

    fn spec(&self) -> Result<Spec> {
        let rb = self.rb;
        let required =
            |t: &Option<ast::Text>, what: &str| t.as_ref().map(|t| self.prose(t)).ok_or_else(|| self.missing(what));
        let updated = rb.updated.ok_or_else(|| self.missing("`updated`"))?;
        let deploy = rb.deploy.as_ref().ok_or_else(|| self.missing("`deploy`"))?;
        let maintenance = rb.maintenance.as_ref().ok_or_else(|| self.missing("`maintenance`"))?;
        let tasks = |list: &Option<Vec<ast::TaskDef>>| -> Result<Vec<Task>> {
            list.iter().flatten().map(|t| self.task(t)).collect()
        };
        Ok(Spec {
            feature: rb.feature.as_ref().map(|f| f.value.clone()).ok_or_else(|| self.missing("`feature`"))?,
            title: required(&rb.title, "`title`")?,
            owner: required(&rb.owner, "`owner`")?,
            updated: Date { year: updated.year as u16, month: updated.month as u8, day: updated.day as u8 },
            review_every_days: self.review_days()?,
            version: required(&rb.version, "`version`")?,
            lang: match &rb.lang {
                Some(name) => vocabulary(name, "language")?,
                None => Lang::En,
            },
            summary: self.opt_prose(rb.summary.as_ref()),
            chat: self.opt_prose(rb.chat.as_ref()),
            vars: self.global_vars(),
            environments: rb
                .environments
                .iter()
                .flatten()
                .enumerate()
                .map(|(i, e)| Environment {
                    id: e.id.value.clone(),
                    label: e.label.value.clone(),
                    vars: self.env_vars(i),
                })
                .collect(),
            architecture: rb.architecture.iter().flatten().map(|c| self.component(c)).collect(),
            deploy: Deploy {
                precheck: self.steps(deploy.precheck.as_deref().unwrap_or_default())?,
                execute: self.steps(deploy.execute.as_deref().unwrap_or_default())?,
                verify: self.steps(deploy.verify.as_deref().unwrap_or_default())?,
            },
            service: self.service()?,
            monitoring: rb.monitoring.iter().flatten().map(|g| self.group(g)).collect::<Result<_>>()?,
            backup: self.steps(rb.backup.as_deref().unwrap_or_default())?,
            restore: self.steps(rb.restore.as_deref().unwrap_or_default())?,
            not_applicable: self.not_applicable(),
            logs: self.logs()?,
            members: self.member_sets(),
            maintenance: Maintenance {
                daily: tasks(&maintenance.daily)?,
                weekly: tasks(&maintenance.weekly)?,
                monthly: tasks(&maintenance.monthly)?,
            },
            alerts: rb.alerts.iter().flatten().map(|a| self.alert(a)).collect::<Result<_>>()?,
            troubleshooting: rb.troubleshooting.iter().flatten().map(|e| self.entry(e)).collect::<Result<_>>()?,
        })
    }

    /// The runbook's vars that read no environment's value, resolved, in source order.
    fn global_vars(&self) -> Vec<Var> {
        let declared = self.rb.vars.iter().flatten();
        declared
            .filter_map(|v| self.scope.vars.get(&v.name.value).map(|value| (v, value)))
            .map(|(v, value)| Var { name: v.name.value.clone(), value: value.clone() })
            .collect()
    }

    /// Environment `i`'s vars resolved in it: its own, then the runbook's
    /// vars that read its values, in source order.
    fn env_vars(&self, i: usize) -> Vec<Var> {
        let Some(env) = self.scope.envs.get(i) else { return Vec::new() };
        let own = self.rb.environments.iter().flatten().nth(i).map(|e| e.vars.as_slice()).unwrap_or_default();
        let per_env = self.rb.vars.iter().flatten().filter(|v| self.scope.per_env_globals.contains(&v.name.value));
        let mut out: Vec<Var> = Vec::new();
        for v in own.iter().chain(per_env) {
            if let (Some(value), false) = (env.vars.get(&v.name.value), out.iter().any(|o| o.name == v.name.value)) {
                out.push(Var { name: v.name.value.clone(), value: value.clone() });
            }
        }
        out
    }

    fn review_days(&self) -> Result<u32> {
        let Some(r) = &self.rb.review_every else { return Ok(DEFAULT_REVIEW_DAYS) };
        match r.unit.as_str() {
            "d" => Ok(r.amount),
            "w" => Ok(r.amount.saturating_mul(7)),
            other => Err(unsupported(r.span, "review interval unit", other)),
        }
    }

    fn component(&self, c: &ast::ComponentDef) -> Component {
        Component {
            id: c.id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
            name: c.name.as_ref().map(|n| self.prose(n)).unwrap_or_default(),
            kind: self.opt_prose(c.kind.as_ref()),
            version: self.opt_prose(c.version.as_ref()),
            role: self.opt_prose(c.role.as_ref()),
            link: self.opt_prose(c.link.as_ref()),
            optional: c.optional,
        }
    }

    fn group(&self, g: &ast::GroupDef) -> Result<MetricGroup> {
        Ok(MetricGroup {
            id: g.id.value.clone(),
            title: self.prose(&g.title),
            metrics: g.metrics.iter().map(|m| self.metric(m)).collect::<Result<_>>()?,
        })
    }

    /// A metric: its unit is the first one its bands write; a metric without one counts.
    fn metric(&self, m: &ast::MetricDef) -> Result<Metric> {
        let quantities = m.bands.iter().flat_map(|(_, b)| match b {
            ast::BandLit::Compare(_, q) => [Some(q), None],
            ast::BandLit::Range(a, b) => [Some(a), Some(b)],
        });
        let unit = match quantities.flatten().find_map(|q| q.unit.as_ref().map(|u| (u, q.span))) {
            None => Unit::Count,
            Some((ast::UnitLit::Percent, _)) => Unit::Percent,
            Some((ast::UnitLit::Suffix(s), span)) => {
                Unit::from_suffix(s).ok_or_else(|| unsupported(span, "unit", s))?
            }
            Some((ast::UnitLit::Rate { noun, per }, span)) => Unit::Rate {
                noun: noun.clone(),
                per: Per::from_keyword(per).ok_or_else(|| unsupported(span, "rate period", per))?,
            },
        };
        let band = |level: &str| -> Result<Option<Band>> {
            Ok(m.bands.iter().find(|(name, _)| name.value == level).map(|(_, b)| band(b)))
        };
        for (name, _) in &m.bands {
            if !["normal", "warning", "critical"].contains(&name.value.as_str()) {
                return Err(unsupported(name.span, "threshold level", &name.value));
            }
        }
        // What one threshold unit is in the unit the query returns: base
        // units (ratios, seconds, bytes, per second) unless `in` says.
        let scale = match &m.query {
            None => 1.0,
            Some((_, None)) => base_factor(&unit),
            Some((_, Some((written, span)))) => {
                let returned = match written {
                    ast::UnitLit::Percent => Unit::Percent,
                    ast::UnitLit::Suffix(s) => Unit::from_suffix(s).ok_or_else(|| unsupported(*span, "unit", s))?,
                    ast::UnitLit::Rate { per, .. } => Unit::Rate {
                        noun: None,
                        per: Per::from_keyword(per).ok_or_else(|| unsupported(*span, "rate period", per))?,
                    },
                };
                base_factor(&unit) / base_factor(&returned)
            }
        };
        Ok(Metric {
            id: m.id.value.clone(),
            title: self.prose(&m.title),
            unit,
            normal: band("normal")?,
            warning: band("warning")?,
            critical: band("critical")?,
            query: m.query.as_ref().map(|(q, _)| q.value.clone()),
            scale,
        })
    }

    fn logs(&self) -> Result<Logs> {
        let l = self.rb.logs.as_ref().ok_or_else(|| self.missing("`logs`"))?;
        let rotate = match (&l.rotate, l.none.as_ref().or(l.rotate_none.as_ref())) {
            (Some(r), _) => Some(self.logrotate(r)?),
            (None, Some(_)) => None,
            (None, None) => return Err(self.missing("`logrotate`")),
        };
        let mut sources = Vec::new();
        for f in &l.files {
            // A source that reads a per-environment value is one row per environment.
            let envs: Vec<Option<usize>> = if self.scope.env_dependent(&f.path.value) {
                (0..self.scope.envs.len()).map(Some).collect()
            } else {
                vec![None]
            };
            for env in envs {
                let label = env.and_then(|i| self.rb.environments.as_deref().unwrap_or_default().get(i));
                let at = self.scope.substitute(&f.path.value, env).into_owned();
                sources.push(Log {
                    id: f.id.value.clone(),
                    title: self.prose(&f.title),
                    env: label.map(|e| EnvLabel { id: e.id.value.clone(), label: e.label.value.clone() }),
                    source: match f.kind {
                        ast::LogKind::File => LogSource::File(at),
                        ast::LogKind::Journald => LogSource::Journald(at),
                        ast::LogKind::Container => LogSource::Container(at),
                    },
                    purpose: self.prose(&f.purpose),
                });
            }
        }
        Ok(Logs { sources, rotate })
    }

    fn logrotate(&self, r: &ast::RotateDef) -> Result<Logrotate> {
        Ok(Logrotate {
            file: self.prose(&r.file),
            pattern: self.prose(&r.pattern),
            options: r
                .options
                .iter()
                .map(|(name, args)| {
                    std::iter::once(name.value.as_str())
                        .chain(args.iter().map(String::as_str))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect(),
            postrotate: r.postrotate.as_ref().map(|p| self.step(p)).transpose()?,
        })
    }

    /// The reasons written in `none("why")`, placeholders substituted like any prose.
    fn not_applicable(&self) -> NotApplicable {
        let rb = self.rb;
        let reason = |none: Option<&ast::NotApplicable>| none.map(|n| self.prose(&n.reason));
        let frequency = |f: fn(&ast::MaintenanceDef) -> &Option<ast::NotApplicable>| {
            reason(rb.maintenance.as_ref().and_then(|m| f(m).as_ref()))
        };
        NotApplicable {
            deploy: reason(rb.deploy.as_ref().and_then(|d| d.none.as_ref())),
            service: reason(rb.service.as_ref().and_then(|s| s.none.as_ref())),
            backup: reason(rb.backup_none.as_ref()),
            restore: reason(rb.restore_none.as_ref()),
            log_files: reason(rb.logs.as_ref().and_then(|l| l.none.as_ref())),
            logrotate: reason(rb.logs.as_ref().and_then(|l| l.none.as_ref().or(l.rotate_none.as_ref()))),
            daily: frequency(|m| &m.daily_none),
            weekly: frequency(|m| &m.weekly_none),
            monthly: frequency(|m| &m.monthly_none),
        }
    }

    fn task(&self, t: &ast::TaskDef) -> Result<Task> {
        let owner = t.owner.as_ref().or(self.rb.owner.as_ref()).ok_or_else(|| self.missing("`owner`"))?;
        Ok(Task {
            id: t.id.value.clone(),
            title: self.prose(&t.title),
            cron: self.opt_prose(t.cron.as_ref()),
            downtime_minutes: match &t.downtime {
                None => None,
                Some(d) => Some(match d.unit.as_str() {
                    "min" => d.amount,
                    "h" => d.amount.saturating_mul(60),
                    other => return Err(unsupported(d.span, "downtime unit", other)),
                }),
            },
            owner: self.prose(owner),
            precheck: self.steps(&t.precheck)?,
            steps: self.steps(&t.steps)?,
            verify: self.steps(&t.verify)?,
            rollback: self.steps(&t.rollback)?,
        })
    }

    fn alert(&self, a: &ast::AlertDef) -> Result<Alert> {
        let severity = a.severity.as_ref().ok_or_else(|| self.missing("an alert's severity"))?;
        Ok(Alert {
            id: a.id.value.clone(),
            name: self.prose(&a.name),
            severity: vocabulary::<Severity>(severity, "severity")?,
            // An omitted `respond` or `by` is the policy's for the severity
            // (checked in `required.rs` and by rustc), resolved at run time.
            respond: match &a.respond {
                None => None,
                Some(ast::Respond::Immediately) => Some(Response::Immediately),
                Some(ast::Respond::Within(d)) => Some(
                    Response::within(&d.unit, d.amount)
                        .ok_or_else(|| unsupported(d.span, "response time unit", &d.unit))?,
                ),
            },
            responder: a.by.as_ref().map(|b| self.prose(b)),
            when: match &a.when {
                None => None,
                Some((metric, level)) => {
                    Some(Condition { metric: metric.value.clone(), level: vocabulary::<Level>(level, "alert level")? })
                }
            },
            see: a.see.as_ref().map(|s| s.value.clone()),
            expr: a.expr.as_ref().map(|e| e.value.clone()),
            hold_seconds: match &a.hold {
                None => 0,
                Some(d) => {
                    let per = match d.unit.as_str() {
                        "s" => 1,
                        "min" => 60,
                        "h" => 3600,
                        "d" => 86_400,
                        other => return Err(unsupported(d.span, "`for` unit", other)),
                    };
                    d.amount.saturating_mul(per)
                }
            },
            labels: a.labels.iter().map(|(k, v)| Var { name: k.value.clone(), value: self.prose(v) }).collect(),
            prose: self.alert_prose(&a.prose)?,
        })
    }

    /// Each `<key> "text"` into the model's field of that name.
    fn alert_prose(&self, written: &[(ast::Name, ast::Text)]) -> Result<AlertProse<Option<String>>> {
        let mut prose = AlertProse::default();
        for (key, text) in written {
            // The parser accepts only the model's keys: a miss is a bug, reported at the key.
            let slot = prose.slot(&key.value).ok_or_else(|| {
                let what = format!("alert field `{}` has no place in the model (a bug in runbook-macros)", key.value);
                syn::Error::new(key.span, what)
            })?;
            *slot = Some(self.prose(text));
        }
        Ok(prose)
    }

    fn entry(&self, e: &ast::EntryDef) -> Result<Entry> {
        let mut entry = Entry {
            id: e.id.value.clone(),
            title: self.prose(&e.title),
            symptoms: Vec::new(),
            causes: Vec::new(),
            diagnose: Vec::new(),
            remedy: Vec::new(),
        };
        for part in &e.parts {
            match (&part.content, part.kind.value.as_str()) {
                (ast::PartContent::Symptoms(list), _) => entry.symptoms.extend(list.iter().map(|s| match s {
                    ast::SymptomDef::Observed(t) => Symptom::Observed(self.prose(t)),
                    ast::SymptomDef::Output(t) => Symptom::Output(self.prose(t)),
                })),
                (ast::PartContent::Causes(list), _) => entry.causes.extend(list.iter().map(|t| self.prose(t))),
                (ast::PartContent::Steps(list), "diagnose") => entry.diagnose = self.steps(list)?,
                (ast::PartContent::Steps(list), "remedy") => entry.remedy = self.steps(list)?,
                (ast::PartContent::Steps(_), other) => {
                    return Err(unsupported(part.kind.span, "troubleshooting part", other))
                }
            }
        }
        Ok(entry)
    }
}

fn band(b: &ast::BandLit) -> Band {
    match b {
        ast::BandLit::Compare(op, q) => {
            let value = q.value;
            match op {
                ast::BandOp::Below => Band::Below { value },
                ast::BandOp::AtMost => Band::AtMost { value },
                ast::BandOp::Exactly => Band::Exactly { value },
                ast::BandOp::AtLeast => Band::AtLeast { value },
                ast::BandOp::Above => Band::Above { value },
            }
        }
        ast::BandLit::Range(low, high) => Band::Between { low: low.value, high: high.value },
    }
}
