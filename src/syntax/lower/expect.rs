//! `expect TABLE { … }`

use super::{Lower, P};
use crate::diagnostics::Severity;
use crate::span::Spanned;
use crate::syntax::ast::*;
use crate::syntax::keywords::Block;
use crate::syntax::parser::Rule;

impl Lower<'_> {
    pub fn expect(&mut self, p: P<'_>) -> Expect {
        let (target, _, entries) = self.header(p);
        let mut out = Expect {
            target,
            expectations: Vec::new(),
            waivers: Vec::new(),
        };
        for c in entries {
            if !self.entry_ok(&c, Block::Expect) {
                continue;
            }
            match c.as_rule() {
                Rule::expectation => out.expectations.extend(self.expectation(c)),
                Rule::waiver => out.waivers.push(self.waiver(c)),
                _ => {}
            }
        }
        out
    }

    fn expectation(&mut self, p: P<'_>) -> Option<Expectation> {
        let span = self.span(&p);
        let mut kind = None;
        let mut severity = None;
        for c in p.into_inner() {
            if c.as_rule() == Rule::severity {
                severity = self.severity(c);
            } else {
                // A custom check carries its severity inside, before the SQL.
                if let Some(sev) = c.clone().into_inner().find(|x| x.as_rule() == Rule::severity) {
                    severity = self.severity(sev);
                }
                kind = self.expectation_kind(c);
            }
        }
        Some(Expectation {
            kind: kind?,
            severity,
            span,
        })
    }

    fn severity(&self, p: P<'_>) -> Option<Spanned<Severity>> {
        p.into_inner().next().map(|l| {
            let s = match l.as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                _ => Severity::Info,
            };
            Spanned::new(s, self.span(&l))
        })
    }

    fn expectation_kind(&mut self, p: P<'_>) -> Option<ExpectationKind> {
        let rule = p.as_rule();
        let kids: Vec<P<'_>> = p.into_inner().filter(|k| k.as_rule() != Rule::severity).collect();
        let name_at = |lw: &Self, i: usize| kids.get(i).map(|k| lw.name(k.clone()));
        Some(match rule {
            Rule::exp_freshness => ExpectationKind::Freshness {
                column: name_at(self, 0)?,
                within: self.duration(kids.get(1)?.clone())?,
            },
            Rule::exp_volume => {
                let c = kids.first()?;
                let cadence = Spanned::new(super::decls::cadence(c.as_str()), self.span(c));
                let b = kids.get(1)?.clone();
                let nums: Vec<Spanned<String>> = b
                    .clone()
                    .into_inner()
                    .map(|n| Spanned::new(n.as_str().to_string(), self.span(&n)))
                    .collect();
                let bound = match (b.as_rule(), nums.as_slice()) {
                    (Rule::volume_between, [min, max]) => VolumeBound::Between {
                        min: min.clone(),
                        max: max.clone(),
                    },
                    (_, [sigma, ..]) => VolumeBound::Sigma { sigma: sigma.clone() },
                    _ => return None,
                };
                ExpectationKind::Volume { cadence, bound }
            }
            Rule::exp_unique => ExpectationKind::Unique {
                columns: self.names(kids.first()?.clone()),
            },
            Rule::exp_not_null => ExpectationKind::NotNull {
                columns: self.names(kids.first()?.clone()),
            },
            Rule::exp_accepted => {
                let column = name_at(self, 0)?;
                let values = kids[1..].iter().filter_map(|l| self.literal(l.clone())).collect();
                ExpectationKind::Accepted { column, values }
            }
            Rule::exp_references => ExpectationKind::References {
                column: name_at(self, 0)?,
                target: name_at(self, 1)?,
            },
            Rule::exp_reconcile => ExpectationKind::Reconcile {
                column: name_at(self, 0)?,
                target: name_at(self, 1)?,
                tolerance: self.percent(kids.get(2)?.clone()),
            },
            Rule::exp_late_share => ExpectationKind::LateShare {
                below: self.percent(kids.first()?.clone()),
            },
            Rule::exp_check => ExpectationKind::Check {
                name: name_at(self, 0)?,
                sql: self.sql(kids.get(1)?.clone()),
            },
            _ => return None,
        })
    }
}
