//! `expect TABLE { … }`: the expectations in the order written, then the waivers.

use super::entries::{range, waivers};
use super::layout::Node;
use super::text::{literals, names, word};
use super::Cx;
use crate::syntax::ast::*;

impl Cx<'_> {
    pub fn expect(&self, d: &Decl, x: &Expect) -> Node {
        let mut items: Vec<Node> = x.expectations.iter().map(|e| self.expectation(e)).collect();
        items.extend(waivers(&x.waivers));
        self.block_decl(d, format!("expect {}", x.target.text), x.target.span.end, items)
    }

    fn expectation(&self, e: &Expectation) -> Node {
        let (start, end) = range(e.span);
        let severity = e
            .severity
            .as_ref()
            .map(|s| format!(" severity {}", s.value.as_str()))
            .unwrap_or_default();
        let text = match &e.kind {
            ExpectationKind::Freshness { column, within } => {
                format!("freshness {} within {}", column.text, within.value)
            }
            ExpectationKind::Volume { cadence, bound } => {
                let bound = match bound {
                    VolumeBound::Between { min, max } => {
                        format!("between {} and {}", min.value, max.value)
                    }
                    VolumeBound::Sigma { sigma } => format!("within {} sigma", sigma.value),
                };
                format!("volume {} {bound}", word(&cadence.value))
            }
            ExpectationKind::Unique { columns } => format!("unique {}", names(columns)),
            ExpectationKind::NotNull { columns } => format!("not_null {}", names(columns)),
            ExpectationKind::Accepted { column, values } => {
                format!("accepted {} in ({})", column.text, literals(values))
            }
            ExpectationKind::References { column, target } => {
                format!("references {} -> {}", column.text, target.text)
            }
            ExpectationKind::Reconcile {
                column,
                target,
                tolerance,
            } => {
                format!(
                    "reconcile {} with {} tolerance {}%",
                    column.text, target.text, tolerance.value
                )
            }
            ExpectationKind::LateShare { below } => format!("late_share below {}%", below.value),
            // The SQL runs to the end of its line: the severity comes before it.
            ExpectationKind::Check { name, sql } => {
                return Node::leaf(
                    start,
                    end,
                    format!("check {}{severity}: {}", name.text, self.sql(sql).0),
                )
            }
        };
        Node::leaf(start, end, text + &severity)
    }
}
