//! Writes a checked runbook as the data string that `runbook_dsl` decodes.
//!
//! The format, and the order of the values, are defined by the reader,
//! runbook-dsl/src/decode.rs: this file writes what that one reads, value for
//! value. The golden docs and the Markdown tests render every shipped runbook
//! through both, so a mismatch fails them.

use std::fmt::Write as _;

use crate::ast::*;
use crate::scope::Scope;

/// Must equal `runbook_dsl::decode::VERSION`.
const VERSION: &str = "rb1;";

pub struct Writer<'a> {
    rb: &'a Runbook,
    scope: &'a Scope,
    out: String,
}

/// The data of `rb`: everything but the fields `expand` passes on their own.
pub fn data(rb: &Runbook, scope: &Scope) -> String {
    let mut w = Writer { rb, scope, out: String::with_capacity(16 * 1024) };
    w.out.push_str(VERSION);
    w.runbook();
    w.out
}

impl Writer<'_> {
    fn str(&mut self, s: &str) {
        self.decimal(s.len());
        self.out.push(':');
        self.out.push_str(s);
    }

    /// A count or index, `42;`.
    fn num(&mut self, n: usize) {
        self.decimal(n);
        self.out.push(';');
    }

    /// A threshold value, `0.25;`.
    fn float(&mut self, v: f64) {
        let _ = write!(self.out, "{v};");
    }

    /// `n` in decimal digits, without the formatting machinery: every string
    /// of the data starts with its length.
    fn decimal(&mut self, mut n: usize) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[at..] {
            self.out.push(char::from(d));
        }
    }

    fn tag(&mut self, t: char) {
        self.out.push(t);
    }

    /// `-`, or `+` and the value.
    fn opt<T>(&mut self, value: Option<T>, write: impl FnOnce(&mut Self, T)) {
        match value {
            Some(v) => {
                self.out.push('+');
                write(self, v);
            }
            None => self.out.push('-'),
        }
    }

    fn opt_str(&mut self, s: Option<&str>) {
        self.opt(s, Self::str);
    }

    /// Descriptive text, read in the primary environment.
    fn prose(&mut self, t: Option<&Text>) {
        let s = t.map(|t| self.scope.substitute(&t.value, None)).unwrap_or_default();
        self.str(&s);
    }

    fn opt_prose(&mut self, t: Option<&Text>) {
        self.opt(t, |w, t| w.prose(Some(t)));
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.num(items.len());
        for item in items {
            each(self, item);
        }
    }

    fn runbook(&mut self) {
        let rb = self.rb;
        self.prose(rb.version.as_ref());
        self.tag(if rb.lang.as_ref().is_some_and(|l| l.value == "ja") { 'j' } else { 'e' });
        self.opt_prose(rb.summary.as_ref());
        self.opt_prose(rb.chat.as_ref());
        self.vars(rb.vars.as_deref().unwrap_or_default());
        self.list(rb.environments.as_deref().unwrap_or_default(), |w, e| {
            w.str(&e.id.value);
            w.str(&e.label.value);
            w.vars(&e.vars);
        });
        self.list(rb.architecture.as_deref().unwrap_or_default(), Self::component);
        let deploy = rb.deploy.as_ref();
        for part in [&deploy.and_then(|d| d.precheck.as_deref()), &deploy.and_then(|d| d.execute.as_deref())] {
            self.steps(part.unwrap_or_default());
        }
        self.steps(deploy.and_then(|d| d.verify.as_deref()).unwrap_or_default());
        self.service();
        self.list(rb.monitoring.as_deref().unwrap_or_default(), Self::group);
        self.steps(rb.backup.as_deref().unwrap_or_default());
        self.steps(rb.restore.as_deref().unwrap_or_default());
        self.logs();
        let maint = rb.maintenance.as_ref();
        for tasks in [maint.and_then(|m| m.daily.as_deref()), maint.and_then(|m| m.weekly.as_deref())] {
            self.list(tasks.unwrap_or_default(), Self::task);
        }
        self.list(maint.and_then(|m| m.monthly.as_deref()).unwrap_or_default(), Self::task);
        self.list(rb.alerts.as_deref().unwrap_or_default(), Self::alert);
        self.list(rb.troubleshooting.as_deref().unwrap_or_default(), Self::entry);
    }

    fn vars(&mut self, vars: &[VarDef]) {
        self.list(vars, |w, v| {
            w.str(&v.name.value);
            w.str(&v.value.value);
        });
    }

    fn component(&mut self, c: &ComponentDef) {
        self.str(c.id.as_ref().map_or("", |i| i.value.as_str()));
        self.prose(c.name.as_ref());
        for t in [&c.kind, &c.version, &c.role, &c.link] {
            self.opt_prose(t.as_ref());
        }
        self.tag(if c.optional { '1' } else { '0' });
    }

    fn steps(&mut self, steps: &[StepDef]) {
        self.list(steps, Self::step);
    }

    fn step(&mut self, s: &StepDef) {
        for t in [&s.title, &s.danger, &s.edit] {
            self.opt_prose(t.as_ref());
        }
        match &s.body {
            StepBody::Lines(lines) => {
                let joined = join(lines);
                if self.scope.env_dependent(&joined) {
                    self.num(self.scope.envs.len());
                    for i in 0..self.scope.envs.len() {
                        self.variant(Some(i), None, &joined);
                    }
                } else {
                    self.num(1);
                    self.variant(None, None, &joined);
                }
            }
            StepBody::PerEnv(list) => {
                self.num(list.len());
                for e in list {
                    let i = self.scope.envs.iter().position(|s| s.id == e.env.value);
                    self.variant(i, e.note.as_ref(), &join(&e.lines));
                }
            }
        }
    }

    fn variant(&mut self, env: Option<usize>, note: Option<&Text>, text: &str) {
        self.opt(env.filter(|i| *i < self.scope.envs.len()), Self::num);
        self.opt(note, |w, n| {
            let n = w.scope.substitute(&n.value, env);
            w.str(&n);
        });
        let text = self.scope.substitute(text, env);
        self.str(&text);
    }

    fn service(&mut self) {
        let commands = self.rb.service.as_ref().map(|s| s.commands.as_slice()).unwrap_or_default();
        let find = |key: &str| commands.iter().find(|(k, _)| k.value == key).map(|(_, s)| s);
        for key in ["start", "stop", "restart", "status"] {
            match find(key) {
                Some(s) => self.step(s),
                // Checked to be present; an empty step keeps the data readable regardless.
                None => self.out.push_str("---0;"),
            }
        }
        for key in ["logs", "follow"] {
            self.opt(find(key), Self::step);
        }
    }

    fn group(&mut self, g: &GroupDef) {
        self.str(&g.id.value);
        self.prose(Some(&g.title));
        self.list(&g.metrics, |w, m| {
            w.str(&m.id.value);
            w.prose(Some(&m.title));
            w.unit(m);
            for level in ["normal", "warning", "critical"] {
                w.opt(m.bands.iter().find(|(l, _)| l.value == level), |w, (_, b)| w.band(b));
            }
        });
    }

    fn unit(&mut self, m: &MetricDef) {
        let quantities = m.bands.iter().flat_map(|(_, b)| match b {
            BandLit::Compare(_, q) => vec![q],
            BandLit::Range(a, b) => vec![a, b],
        });
        match quantities.filter_map(|q| q.unit.clone()).next() {
            None => self.tag('c'),
            Some(UnitLit::Percent) => self.tag('p'),
            Some(UnitLit::Suffix(s)) => self.tag(match s.as_str() {
                "ms" => 'm',
                "s" => 's',
                "min" => 'n',
                "h" => 'h',
                "MB" => 'M',
                _ => 'G',
            }),
            Some(UnitLit::Rate { noun, per }) => {
                self.tag('r');
                self.opt_str(noun.as_deref());
                self.tag(match per.as_str() {
                    "s" => 's',
                    "min" => 'm',
                    "h" => 'h',
                    _ => 'd',
                });
            }
        }
    }

    fn band(&mut self, b: &BandLit) {
        match b {
            BandLit::Compare(op, q) => {
                self.tag(match op {
                    BandOp::Below => 'b',
                    BandOp::AtMost => 'a',
                    BandOp::Exactly => 'e',
                    BandOp::AtLeast => 'A',
                    BandOp::Above => 'o',
                });
                self.float(q.value);
            }
            BandLit::Range(lo, hi) => {
                self.tag('B');
                self.float(lo.value);
                self.float(hi.value);
            }
        }
    }

    fn logs(&mut self) {
        let l = self.rb.logs.as_ref();
        self.list(l.map(|l| l.files.as_slice()).unwrap_or_default(), |w, f| {
            w.str(&f.id.value);
            for t in [&f.title, &f.path, &f.purpose] {
                w.prose(Some(t));
            }
        });
        let r = l.and_then(|l| l.rotate.as_ref());
        self.prose(r.map(|r| &r.file));
        self.prose(r.map(|r| &r.pattern));
        self.list(r.map(|r| r.options.as_slice()).unwrap_or_default(), |w, (name, args)| {
            let mut line = name.value.clone();
            for a in args {
                line.push(' ');
                line.push_str(a);
            }
            w.str(&line);
        });
        self.opt(r.and_then(|r| r.postrotate.as_ref()), Self::step);
    }

    fn task(&mut self, t: &TaskDef) {
        self.str(&t.id.value);
        self.prose(Some(&t.title));
        self.opt_prose(t.cron.as_ref());
        self.opt(t.downtime.as_ref(), |w, d| {
            w.num(if d.unit == "h" { d.amount.saturating_mul(60) } else { d.amount } as usize);
        });
        self.prose(t.owner.as_ref().or(self.rb.owner.as_ref()));
        for steps in [&t.precheck, &t.steps, &t.verify, &t.rollback] {
            self.steps(steps);
        }
    }

    fn alert(&mut self, a: &AlertDef) {
        self.str(&a.id.value);
        self.prose(Some(&a.name));
        self.tag(severity(a));
        match &a.respond {
            Some(Respond::Within(d)) => {
                self.tag(match d.unit.as_str() {
                    "min" => 'm',
                    "h" => 'h',
                    "d" => 'd',
                    _ => 'b',
                });
                self.num(d.amount as usize);
            }
            _ => self.tag('i'),
        }
        self.prose(a.by.as_ref());
        self.opt(a.when.as_ref(), |w, (metric, level)| {
            w.str(&metric.value);
            w.tag(if level.value == "warning" { 'w' } else { 'c' });
        });
        self.opt_str(a.see.as_ref().map(|s| s.value.as_str()));
    }

    fn entry(&mut self, e: &EntryDef) {
        self.str(&e.id.value);
        self.prose(Some(&e.title));
        let (mut symptoms, mut causes, mut diagnose, mut remedy) =
            (Vec::new(), Vec::new(), &[] as &[StepDef], &[] as &[StepDef]);
        for part in &e.parts {
            match (&part.content, part.kind.value.as_str()) {
                (PartContent::Symptoms(list), _) => symptoms.extend(list),
                (PartContent::Causes(list), _) => causes.extend(list),
                (PartContent::Steps(list), "diagnose") => diagnose = list,
                (PartContent::Steps(list), _) => remedy = list,
            }
        }
        self.list(&symptoms, |w, s| match s {
            SymptomDef::Observed(t) => {
                w.tag('o');
                w.prose(Some(t));
            }
            SymptomDef::Output(t) => {
                w.tag('u');
                w.prose(Some(t));
            }
        });
        self.list(&causes, |w, t| w.prose(Some(t)));
        self.steps(diagnose);
        self.steps(remedy);
    }
}

/// The severity tag of an alert, `'0'` to `'3'` for P0 to P3.
pub fn severity(a: &AlertDef) -> char {
    match a.severity.as_ref().map(|s| s.value.as_str()) {
        Some("P0") => '0',
        Some("P1") => '1',
        Some("P2") => '2',
        _ => '3',
    }
}

fn join(lines: &[Text]) -> String {
    lines.iter().map(|t| t.value.as_str()).collect::<Vec<_>>().join("\n")
}
