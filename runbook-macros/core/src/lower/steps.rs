//! Steps: the one place a step becomes one variant per environment.

use std::borrow::Cow;

use super::{Lower, Result};
use crate::ast;
use runbook_model::owned::{EnvLabel, Service, Step, Variant};
use runbook_model::Form;

impl Lower<'_> {
    pub(super) fn steps(&self, steps: &[ast::StepDef]) -> Result<Vec<Step>> {
        steps.iter().map(|s| self.step(s)).collect()
    }

    /// A step: the same text everywhere, or, when it reads a per-environment
    /// value or is written per environment, one variant per environment.
    pub(super) fn step(&self, s: &ast::StepDef) -> Result<Step> {
        let variants = match &s.body {
            ast::StepBody::Lines(lines) => {
                let joined = join(lines);
                if self.scope.env_dependent(&joined) {
                    (0..self.scope.envs.len()).map(|i| self.variant(Some(i), None, Cow::Borrowed(&joined))).collect()
                } else {
                    vec![self.variant(None, None, joined)]
                }
            }
            ast::StepBody::PerEnv(list) => list
                .iter()
                .map(|e| {
                    let i = self.scope.envs.iter().position(|s| s.id == e.env.value).ok_or_else(|| {
                        syn::Error::new(e.env.span, format!("environment `{}` is not declared", e.env.value))
                    })?;
                    Ok(self.variant(Some(i), e.note.as_ref(), join(&e.lines)))
                })
                .collect::<Result<_>>()?,
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
            variants,
        })
    }

    /// A variant; `text` is moved into it when nothing is substituted.
    fn variant(&self, env: Option<usize>, note: Option<&ast::Text>, text: Cow<'_, str>) -> Variant {
        let label = env.and_then(|i| self.rb.environments.as_deref().unwrap_or_default().get(i));
        Variant {
            env: label.map(|e| EnvLabel { id: e.id.value.clone(), label: e.label.value.clone() }),
            note: note.map(|n| self.scope.substitute(&n.value, env).into_owned()),
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
