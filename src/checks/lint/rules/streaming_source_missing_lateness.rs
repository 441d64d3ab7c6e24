//! An event that feeds a metric says how late it may arrive.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;
use std::collections::BTreeMap;

declare_code! {
    /// ## What it does
    /// Reports an event without `lateness` when a metric is computed from it, directly
    /// or through the tables built from it.
    ///
    /// ## Why it matters
    /// Events arrive late: a phone comes back online, a batch of refunds is approved a
    /// week later. Without a declared lateness nobody knows when a day of the metric is
    /// final, so either late events are dropped and the metric undercounts, or yesterday's
    /// number keeps changing after it was reported.
    ///
    /// ## Example
    /// ```truth
    /// event order_paid v3 {
    ///   event_time paid_at
    ///   fields {
    ///     paid_at  timestamp
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// event order_paid v3 {
    ///   event_time paid_at
    ///   lateness 3d
    ///   fields {
    ///     paid_at  timestamp
    ///   }
    /// }
    /// ```
    pub static CODE = ("L013", "streaming-source-missing-lateness", Error, Lint, "An event that feeds a metric declares no lateness");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    // Each event without lateness, with the metrics computed from it.
    let mut fed: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..m.metrics.len() {
        for n in m.ancestors(&Node::Metric(i)) {
            if let Node::Event(e) = n {
                if m.events[e].item.ast.lateness.is_none() {
                    fed.entry(e).or_default().push(i);
                }
            }
        }
    }
    for (e, metrics) in fed {
        let feeds = match metrics.as_slice() {
            [one] => m.describe(&Node::Metric(*one)),
            _ => format!("{} metrics", metrics.len()),
        };
        let mut d = Diagnostic::new(&CODE, m.events[e].item.ast.name.span, format!(
            "{} feeds {feeds} but declares no lateness",
            m.describe(&Node::Event(e))
        ))
        .with_label_message("no `lateness`");
        for x in metrics {
            d = d.with_secondary(m.metrics[x].item.ast.name.span, "computed from this event");
        }
        out.push(d.with_help(
            "add `lateness <duration>`: how long after its event time an event may still arrive, for example `lateness 3d`",
        ));
    }
}
