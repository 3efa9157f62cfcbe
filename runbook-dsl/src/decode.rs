//! Reads a runbook's data back into a [`Model`].
//!
//! `runbook!` does not expand to nested struct literals: rustc would have to
//! type-check and const-evaluate thousands of tokens per runbook on every
//! build. It writes the checked runbook as one string literal in the format
//! below (runbook-macros/core/src/expand/wire.rs writes it), which rustc
//! compiles like any other string; this module turns it into a `Model` when a
//! document is rendered.
//!
//! The format is a sequence of values without names, in the order `model`
//! reads them:
//!
//! ```text
//! data   = "rb1;" values
//! str    = <byte length> ":" <bytes>          5:hello
//! opt(T) = "-" | "+" T
//! num    = <decimal> ";"                      42;   0.25;
//! bool   = "0" | "1"
//! list(T)= <count> ";" T...
//! tag    = one ASCII letter or digit, naming an enum variant
//! ```
//!
//! Strings are borrowed from the `'static` data, never copied; lists are
//! allocated once per runbook and kept for the life of the process.

use crate::model::*;
use crate::runbook::Runbook;

/// The first bytes of the data: a macro and a library that disagree on the
/// format must fail loudly, not render garbage.
pub const VERSION: &str = "rb1;";

/// Decodes `rb`'s data. Panics if the data is corrupt, which only a
/// `runbook-macros` of another version than this `runbook-dsl` can cause.
pub(crate) fn model(rb: &Runbook) -> Model {
    let mut r = Reader { data: rb.data, at: 0, source: rb.source, envs: Vec::new() };
    if !rb.data.starts_with(VERSION) {
        r.fail("the data version `rb1;` (runbook!'s expansion is from another version of runbook-macros)");
    }
    r.at = VERSION.len();
    let version = r.str();
    let lang = match r.tag() {
        b'j' => Lang::Ja,
        b'e' => Lang::En,
        _ => r.fail("a language"),
    };
    let summary = r.opt(Reader::str);
    let chat = r.opt(Reader::str);
    let vars = r.list(Reader::var);
    let environments = r.list(|r| Environment { id: r.str(), label: r.str(), vars: r.list(Reader::var) });
    r.envs = environments.iter().map(|e| EnvLabel { id: e.id, label: e.label }).collect();
    let architecture = r.list(|r| Component {
        id: r.str(),
        name: r.str(),
        kind: r.opt(Reader::str),
        version: r.opt(Reader::str),
        role: r.opt(Reader::str),
        link: r.opt(Reader::str),
        optional: r.bool(),
    });
    let deploy = Deploy { precheck: r.steps(), execute: r.steps(), verify: r.steps() };
    let service = Service {
        start: r.step(),
        stop: r.step(),
        restart: r.step(),
        status: r.step(),
        logs: r.opt(Reader::step),
        follow: r.opt(Reader::step),
    };
    let monitoring = r.list(|r| MetricGroup { id: r.str(), title: r.str(), metrics: r.list(Reader::metric) });
    let backup = r.steps();
    let restore = r.steps();
    let logs = Logs {
        files: r.list(|r| LogFile { id: r.str(), title: r.str(), path: r.str(), purpose: r.str() }),
        rotate: Logrotate {
            file: r.str(),
            pattern: r.str(),
            options: r.list(Reader::str),
            postrotate: r.opt(Reader::step),
        },
    };
    let maintenance = Maintenance { daily: r.tasks(), weekly: r.tasks(), monthly: r.tasks() };
    let alerts = r.list(Reader::alert);
    let troubleshooting = r.list(Reader::entry);
    if r.at != r.data.len() {
        r.fail("the end of the data");
    }
    Model {
        feature: rb.feature,
        source: rb.source,
        title: rb.title,
        owner: rb.owner,
        updated: rb.updated,
        review_every_days: rb.review_every_days,
        version,
        lang,
        summary,
        vars,
        environments,
        architecture,
        deploy,
        service,
        monitoring,
        backup,
        restore,
        logs,
        maintenance,
        alerts,
        troubleshooting,
        checklist: rb.checklist,
        contacts: rb.contacts,
        chat,
    }
}

struct Reader {
    data: &'static str,
    at: usize,
    source: &'static str,
    /// The runbook's environments, which variants refer to by index.
    envs: Vec<EnvLabel>,
}

impl Reader {
    fn fail(&self, expected: &str) -> ! {
        panic!(
            "the runbook data of {} is corrupt at byte {}: expected {expected}; \
             runbook-dsl and runbook-macros must be the same version",
            self.source, self.at
        )
    }

    fn tag(&mut self) -> u8 {
        match self.data.as_bytes().get(self.at) {
            Some(b) => {
                self.at += 1;
                *b
            }
            None => self.fail("a tag"),
        }
    }

    /// The text up to `end`, which is consumed too.
    fn until(&mut self, end: u8, what: &str) -> &'static str {
        let rest = &self.data.as_bytes()[self.at..];
        match rest.iter().position(|b| *b == end) {
            Some(n) => {
                let text = &self.data[self.at..self.at + n];
                self.at += n + 1;
                text
            }
            None => self.fail(what),
        }
    }

    fn num<T: std::str::FromStr>(&mut self) -> T {
        let at = self.at;
        let text = self.until(b';', "a number");
        text.parse().unwrap_or_else(|_| {
            self.at = at;
            self.fail("a number")
        })
    }

    fn str(&mut self) -> &'static str {
        let at = self.at;
        let len: usize = self.until(b':', "a string length").parse().unwrap_or_else(|_| {
            self.at = at;
            self.fail("a string length")
        });
        match self.data.get(self.at..self.at + len) {
            Some(s) => {
                self.at += len;
                s
            }
            None => self.fail("a string of the recorded length"),
        }
    }

    fn bool(&mut self) -> bool {
        match self.tag() {
            b'0' => false,
            b'1' => true,
            _ => self.fail("0 or 1"),
        }
    }

    fn opt<T>(&mut self, read: impl FnOnce(&mut Reader) -> T) -> Option<T> {
        match self.tag() {
            b'-' => None,
            b'+' => Some(read(self)),
            _ => self.fail("`-` or `+`"),
        }
    }

    fn list<T>(&mut self, mut read: impl FnMut(&mut Reader) -> T) -> &'static [T] {
        let n: usize = self.num();
        if n > self.data.len() {
            self.fail("a list length");
        }
        let items: Vec<T> = (0..n).map(|_| read(self)).collect();
        items.leak()
    }

    fn var(&mut self) -> Var {
        Var { name: self.str(), value: self.str() }
    }

    fn steps(&mut self) -> &'static [Step] {
        self.list(Reader::step)
    }

    fn step(&mut self) -> Step {
        Step {
            title: self.opt(Reader::str),
            danger: self.opt(Reader::str),
            edit: self.opt(Reader::str),
            variants: self.list(|r| Variant {
                env: r.opt(|r| {
                    let i: usize = r.num();
                    r.envs.get(i).copied().unwrap_or_else(|| r.fail("an environment index"))
                }),
                note: r.opt(Reader::str),
                text: r.str(),
            }),
        }
    }

    fn metric(&mut self) -> Metric {
        Metric {
            id: self.str(),
            title: self.str(),
            unit: self.unit(),
            normal: self.opt(Reader::band),
            warning: self.opt(Reader::band),
            critical: self.opt(Reader::band),
        }
    }

    fn unit(&mut self) -> Unit {
        match self.tag() {
            b'c' => Unit::Count,
            b'p' => Unit::Percent,
            b'm' => Unit::Millis,
            b's' => Unit::Seconds,
            b'n' => Unit::Minutes,
            b'h' => Unit::Hours,
            b'M' => Unit::Megabytes,
            b'G' => Unit::Gigabytes,
            b'r' => Unit::Rate {
                noun: self.opt(Reader::str),
                per: match self.tag() {
                    b's' => Per::Second,
                    b'm' => Per::Minute,
                    b'h' => Per::Hour,
                    b'd' => Per::Day,
                    _ => self.fail("a rate period"),
                },
            },
            _ => self.fail("a unit"),
        }
    }

    fn band(&mut self) -> Band {
        match self.tag() {
            b'b' => Band::Below { value: self.num() },
            b'a' => Band::AtMost { value: self.num() },
            b'e' => Band::Exactly { value: self.num() },
            b'B' => Band::Between { low: self.num(), high: self.num() },
            b'A' => Band::AtLeast { value: self.num() },
            b'o' => Band::Above { value: self.num() },
            _ => self.fail("a band"),
        }
    }

    fn tasks(&mut self) -> &'static [Task] {
        self.list(|r| Task {
            id: r.str(),
            title: r.str(),
            cron: r.opt(Reader::str),
            downtime_minutes: r.opt(Reader::num),
            owner: r.str(),
            precheck: r.steps(),
            steps: r.steps(),
            verify: r.steps(),
            rollback: r.steps(),
        })
    }

    fn alert(&mut self) -> Alert {
        Alert {
            id: self.str(),
            name: self.str(),
            severity: match self.tag() {
                b'0' => Severity::P0,
                b'1' => Severity::P1,
                b'2' => Severity::P2,
                b'3' => Severity::P3,
                _ => self.fail("a severity"),
            },
            respond: match self.tag() {
                b'i' => Response::Immediately,
                b'm' => Response::Minutes(self.num()),
                b'h' => Response::Hours(self.num()),
                b'd' => Response::Days(self.num()),
                b'b' => Response::BusinessDays(self.num()),
                _ => self.fail("a response time"),
            },
            responder: self.str(),
            when: self.opt(|r| Condition {
                metric: r.str(),
                level: match r.tag() {
                    b'w' => Level::Warning,
                    b'c' => Level::Critical,
                    _ => r.fail("a level"),
                },
            }),
            see: self.opt(Reader::str),
        }
    }

    fn entry(&mut self) -> Entry {
        Entry {
            id: self.str(),
            title: self.str(),
            symptoms: self.list(|r| match r.tag() {
                b'o' => Symptom::Observed(r.str()),
                b'u' => Symptom::Output(r.str()),
                _ => r.fail("a symptom"),
            }),
            causes: self.list(Reader::str),
            diagnose: self.steps(),
            remedy: self.steps(),
        }
    }
}
