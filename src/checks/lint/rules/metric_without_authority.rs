//! Every metric traces back, through its lineage, to the authority of a business concept.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;

declare_code! {
    /// ## What it does
    /// Follows each metric's lineage upstream (its `from` table, that table's sources,
    /// and so on) and reports the metric when the walk never reaches a concept's
    /// authority: neither the authoritative table itself (through CDC or a snapshot) nor
    /// an event published by the system that holds an authority.
    ///
    /// ## Why it matters
    /// A number is only as true as the record it comes from. A metric computed from a
    /// clickstream, a spreadsheet upload or a table whose sources are not declared cannot
    /// be checked against what the business actually committed to, and will drift from
    /// it without anyone noticing.
    ///
    /// ## Example
    /// ```truth
    /// concept payment { authority payments_svc.payments  identifier payment_id }
    /// table page_views { layer curated  source events page_viewed }
    /// metric revenue v1 { from page_views  measure sum(amount) }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// concept payment { authority payments_svc.payments  identifier payment_id }
    /// event order_paid v1 { from payments_svc … }
    /// table payments { layer curated  source events order_paid }
    /// metric revenue v1 { from payments  measure sum(amount) }
    /// ```
    pub static CODE = ("L024", "metric-without-authority", Error, Lint, "A metric does not trace back to a concept's authority");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    let holds_authority = |sys: usize| m.concepts.iter().any(|c| c.authorities.iter().any(|(s, _)| *s == sys));
    for (i, x) in m.metrics.iter().enumerate() {
        // A metric without a resolvable source is reported where `from` is resolved.
        if x.from.is_none() {
            continue;
        }
        let traced = m.ancestors(&Node::Metric(i)).iter().any(|n| match n {
            Node::SystemTable(s, t) => m.is_authority(*s, t),
            Node::Event(e) => m.events[*e].producer.is_some_and(holds_authority),
            _ => false,
        });
        if !traced {
            out.push(
                Diagnostic::new(
                    &CODE,
                    x.item.ast.name.span,
                    format!("{} does not trace back to the authority of any concept", m.describe(&Node::Metric(i))),
                )
                .with_label_message("its lineage reaches no authority")
                .with_help(
                    "declare the sources of its tables down to an event or a CDC or snapshot source of the authoritative table; \
                     if that source is not a concept's authority yet, declare the concept",
                ),
            );
        }
    }
}
