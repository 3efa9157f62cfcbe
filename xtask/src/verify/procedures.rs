//! Procedures: the commands of one part of a runbook (a deploy phase, a
//! task's steps, an entry's remedy), in one environment, in order, as the
//! on-call engineer pastes them into one shell. A variable set in one step is
//! read in the next, so the tools see the steps as one script; each line of
//! the script knows the step it came from, so a finding still names it.

use runbook_dsl::walk::{self, Located, Place};
use runbook_dsl::{Form, Runbook};

use super::Site;

/// The commands of one procedure in one environment.
#[derive(Debug, Clone)]
pub struct Procedure {
    /// Where the procedure is; every step of it shares this place. A new
    /// axis of the walk (a cluster member) is one more field of `Place`, and
    /// so one more procedure per value.
    pub place: Place,
    /// The environment; `None` when no step of the procedure differs per environment.
    pub env: Option<&'static str>,
    /// Its commands in order: a step the same everywhere has `env: None`.
    pub sites: Vec<Site>,
}

impl Procedure {
    /// The script the tools read: the commands one after the other.
    pub fn script(&self) -> String {
        let mut out = String::new();
        for s in &self.sites {
            out.push_str(s.text);
            out.push('\n');
        }
        out
    }

    /// Its place and environment, as a finding names them: `restore [staging]`.
    pub fn label(&self) -> String {
        match self.env {
            Some(env) => format!("{} [{env}]", self.place.path()),
            None => self.place.path(),
        }
    }

    /// The command a line of the script belongs to, and its line within
    /// that command (both from 1); a line past the end is the last command's.
    pub fn locate(&self, line: u32) -> (usize, u32) {
        let mut first = 1;
        for (i, s) in self.sites.iter().enumerate() {
            let lines = s.text.split('\n').count() as u32;
            if line < first + lines {
                return (i, line.saturating_sub(first) + 1);
            }
            first += lines;
        }
        let last = self.sites.len().saturating_sub(1);
        (last, self.sites.get(last).map_or(1, |s| s.text.split('\n').count() as u32))
    }
}

/// Every procedure of `rb`, in document order: consecutive steps at the same
/// place, once per environment when one of them differs. Prose, links and
/// configuration edits are not commands and are left out.
pub fn procedures(rb: &Runbook) -> Vec<Procedure> {
    let m = rb.model();
    let steps = walk::steps(&m.spec);
    let mut out = Vec::new();
    let mut rest: &[Located] = &steps;
    while let Some(first) = rest.first() {
        let len = rest.iter().take_while(|l| l.place == first.place).count();
        let (group, tail) = rest.split_at(len);
        rest = tail;
        let commands: Vec<&Located> =
            group.iter().filter(|l| l.step.form == Form::Command && l.step.edit.is_none()).collect();
        if commands.is_empty() {
            continue;
        }
        let mut envs: Vec<&'static str> = Vec::new();
        for v in commands.iter().flat_map(|l| l.step.variants) {
            if let Some(e) = v.env.filter(|e| !envs.contains(&e.id)) {
                envs.push(e.id);
            }
        }
        let each: Vec<Option<&'static str>> =
            if envs.is_empty() { vec![None] } else { envs.into_iter().map(Some).collect() };
        for env in each {
            let sites = commands
                .iter()
                .flat_map(|l| {
                    let shown = move |e: Option<&'static str>| e.is_none() || e == env;
                    l.step.variants.iter().filter(move |v| shown(v.env.map(|e| e.id))).map(move |v| Site {
                        feature: m.feature,
                        source: m.source,
                        section: l.place.path(),
                        step: l.step.title.unwrap_or(l.place.fallback_title()).to_string(),
                        env: v.env.map(|e| e.id),
                        text: v.text,
                    })
                })
                .collect();
            out.push(Procedure { place: first.place, env, sites });
        }
    }
    out
}
