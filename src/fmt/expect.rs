//! `expect TABLE { … }`: the expectations in the order written, then the waivers.

use super::layout::{Node, Seg};
use super::text::{literals, names, word};
use super::{range, waivers, Cx};
use crate::syntax::ast::*;

impl Cx<'_> {
    pub fn expect(&self, d: &Decl, x: &Expect) -> Node {
        let mut items: Vec<Node> = x.expectations.iter().map(|e| self.expectation(e)).collect();
        items.extend(waivers(&x.waivers));
        self.block_decl(d, format!("expect {}", x.target.text), x.target.span.end, items)
    }

    fn expectation(&self, e: &Expectation) -> Node {
        let (start, end) = range(e.span);
        let mut n = Node::new(start, end);
        let mut sql_line = false;
        let text = match &e.kind {
            ExpectationKind::Freshness { column, within } => format!("freshness {} within {}", column.text, within.value),
            ExpectationKind::Volume { cadence, bound } => {
                let bound = match bound {
                    VolumeBound::Between { min, max } => format!("between {} and {}", min.value, max.value),
                    VolumeBound::Sigma { sigma } => format!("within {} sigma", sigma.value),
                };
                format!("volume {} {bound}", word(&cadence.value))
            }
            ExpectationKind::Unique { columns } => format!("unique {}", names(columns)),
            ExpectationKind::NotNull { columns } => format!("not_null {}", names(columns)),
            ExpectationKind::Accepted { column, values } => format!("accepted {} in ({})", column.text, literals(values)),
            ExpectationKind::References { column, target } => format!("references {} -> {}", column.text, target.text),
            ExpectationKind::Reconcile { column, target, tolerance } => {
                format!("reconcile {} with {} tolerance {}%", column.text, target.text, tolerance.value)
            }
            ExpectationKind::LateShare { below } => format!("late_share below {}%", below.value),
            ExpectationKind::Check { name, sql } => {
                sql_line = !sql.block;
                format!("check {}: {}", name.text, self.sql(sql).0)
            }
        };
        n.push(text);
        if let Some(s) = &e.severity {
            // A one-line SQL fragment runs to the end of its line, so what follows it
            // goes on the next one.
            if sql_line {
                n.segs.push(Seg::Break);
            } else {
                n.push(" ");
            }
            n.push(format!("severity {}", s.value.as_str()));
        }
        n
    }
}
