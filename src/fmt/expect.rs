//! `expect TABLE { … }`.

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
        let (keyword, text) = match &e.kind {
            ExpectationKind::Freshness { column, within } => {
                ("freshness", format!("{} within {}", column.text, within.value))
            }
            ExpectationKind::Volume { cadence, bound } => {
                let bound = match bound {
                    VolumeBound::Between { min, max } => {
                        format!("between {} and {}", min.value, max.value)
                    }
                    VolumeBound::Sigma { sigma } => format!("within {} sigma", sigma.value),
                };
                ("volume", format!("{} {bound}", word(&cadence.value)))
            }
            ExpectationKind::Unique { columns } => ("unique", names(columns)),
            ExpectationKind::NotNull { columns } => ("not_null", names(columns)),
            ExpectationKind::Accepted { column, values } => {
                ("accepted", format!("{} in ({})", column.text, literals(values)))
            }
            ExpectationKind::References { column, target } => {
                ("references", format!("{} -> {}", column.text, target.text))
            }
            ExpectationKind::Reconcile {
                column,
                target,
                tolerance,
            } => (
                "reconcile",
                format!("{} with {} tolerance {}%", column.text, target.text, tolerance.value),
            ),
            ExpectationKind::LateShare { below } => ("late_share", format!("below {}%", below.value)),
            // The SQL runs to the end of its line: the severity comes before it.
            ExpectationKind::Check { name, sql } => {
                return Node::entry(
                    start,
                    end,
                    "check",
                    format!("{}{severity}: {}", name.text, self.sql(sql).0),
                )
            }
        };
        Node::entry(start, end, keyword, text + &severity)
    }
}
