//! Steps: the one place a step becomes one variant per environment (and,
//! for a per-member step, per member).

use std::borrow::Cow;

use super::{Lower, Result};
use crate::ast;
use runbook_model::owned::{EnvLabel, MemberLabel, PerMember, Service, Step, Variant};
use runbook_model::Form;

impl Lower<'_> {
    pub(super) fn steps(&self, steps: &[ast::StepDef]) -> Result<Vec<Step>> {
        steps.iter().map(|s| self.step(s)).collect()
    }

    /// A step: the same text everywhere, or, when it reads a per-environment
    /// value or is written per environment, one variant per environment.
    pub(super) fn step(&self, s: &ast::StepDef) -> Result<Step> {
        let (members, on) = self.members_of(s)?;
        let variants = match members {
            None => self.variants(s, None)?,
            Some(members) => {
                let mut all = Vec::new();
                for m in members {
                    all.extend(self.variants(s, Some(m))?);
                }
                all
            }
        };
        Ok(Step {
            title: self.opt_prose(s.title.as_ref()),
            danger: self.opt_prose(s.danger.as_ref()),
            edit: self.opt_prose(s.edit.as_ref()),
            form: match s.form {
                ast::StepForm::Command => Form::Command,
                ast::StepForm::Prose(_) => Form::Prose,
                ast::StepForm::Link(_) => Form::Link,
            },
            condition: self.opt_prose(s.condition.as_ref()),
            expect: self.opt_prose(s.expect.as_ref()),
            members: on,
            variants,
        })
    }

    /// The members a step runs on, and how it says so; `None` for a step that runs once.
    #[allow(clippy::type_complexity)]
    fn members_of(&self, s: &ast::StepDef) -> Result<(Option<Vec<&ast::MemberDef>>, Option<PerMember>)> {
        let Some(r) = &s.members else { return Ok((None, None)) };
        let sets = self.rb.members.as_deref().unwrap_or_default();
        let name = r.name();
        let unknown = || syn::Error::new(name.span, format!("`{}` is not declared in `members`", name.value));
        match r {
            ast::MembersRef::Each(set) | ast::MembersRef::InTurn(set) => {
                let found = sets.iter().find(|x| x.id.value == set.value).ok_or_else(unknown)?;
                let id = found.id.value.clone();
                let on = match r {
                    ast::MembersRef::InTurn(_) => PerMember::InTurn(id),
                    _ => PerMember::Each(id),
                };
                Ok((Some(found.members.iter().collect()), Some(on)))
            }
            ast::MembersRef::On(member) => {
                let (set, m) = sets
                    .iter()
                    .find_map(|x| x.members.iter().find(|m| m.id.value == member.value).map(|m| (x, m)))
                    .ok_or_else(unknown)?;
                Ok((Some(vec![m]), Some(PerMember::On { set: set.id.value.clone(), member: m.id.value.clone() })))
            }
        }
    }

    /// The variants of a step, on one member or (for `None`) once.
    fn variants(&self, s: &ast::StepDef, member: Option<&ast::MemberDef>) -> Result<Vec<Variant>> {
        let own = |text: Cow<'_, str>| -> String {
            match member {
                Some(m) => super::members::substitute(&text, m).into_owned(),
                None => text.into_owned(),
            }
        };
        Ok(match &s.body {
            ast::StepBody::Lines(lines) => {
                let joined = own(join(lines));
                if self.scope.env_dependent(&joined) {
                    (0..self.scope.envs.len())
                        .map(|i| self.variant(Some(i), member, None, Cow::Borrowed(&joined)))
                        .collect()
                } else {
                    vec![self.variant(None, member, None, Cow::Owned(joined))]
                }
            }
            ast::StepBody::PerEnv(list) => list
                .iter()
                .map(|e| {
                    let i = self.scope.envs.iter().position(|s| s.id == e.env.value).ok_or_else(|| {
                        syn::Error::new(e.env.span, format!("environment `{}` is not declared", e.env.value))
                    })?;
                    Ok(self.variant(Some(i), member, e.note.as_ref(), Cow::Owned(own(join(&e.lines)))))
                })
                .collect::<Result<_>>()?,
        })
    }

    /// A variant; `text` is moved into it when nothing is substituted.
    fn variant(
        &self,
        env: Option<usize>,
        member: Option<&ast::MemberDef>,
        note: Option<&ast::Text>,
        text: Cow<'_, str>,
    ) -> Variant {
        let label = env.and_then(|i| self.rb.environments.as_deref().unwrap_or_default().get(i));
        let note = note.map(|n| match member {
            Some(m) => super::members::substitute(&n.value, m),
            None => Cow::Borrowed(n.value.as_str()),
        });
        Variant {
            env: label.map(|e| EnvLabel { id: e.id.value.clone(), label: e.label.value.clone() }),
            member: member.map(|m| MemberLabel { id: m.id.value.clone(), label: self.prose(&m.label) }),
            note: note.map(|n| self.scope.substitute(&n, env).into_owned()),
            text: match self.scope.substitute(&text, env) {
                Cow::Owned(substituted) => substituted,
                Cow::Borrowed(_) => text.into_owned(),
            },
        }
    }

    /// `None` when service control is declared not applicable.
    pub(super) fn service(&self) -> Result<Option<Service>> {
        if self.rb.service.as_ref().is_some_and(|s| s.none.is_some()) {
            return Ok(None);
        }
        let commands = self.rb.service.as_ref().map(|s| s.commands.as_slice()).unwrap_or_default();
        let find = |key: &str| commands.iter().find(|(k, _)| k.value == key).map(|(_, s)| s);
        let required = |key: &str| -> Result<Step> {
            self.step(find(key).ok_or_else(|| self.missing(&format!("`service.{key}`")))?)
        };
        Ok(Some(Service {
            start: required("start")?,
            stop: required("stop")?,
            restart: required("restart")?,
            status: required("status")?,
            logs: find("logs").map(|s| self.step(s)).transpose()?,
            follow: find("follow").map(|s| self.step(s)).transpose()?,
        }))
    }
}

/// The lines of a step as one text; a single line is borrowed, not copied.
fn join(lines: &[ast::Text]) -> Cow<'_, str> {
    match lines {
        [line] => Cow::Borrowed(&line.value),
        _ => Cow::Owned(lines.iter().map(|t| t.value.as_str()).collect::<Vec<_>>().join("\n")),
    }
}
