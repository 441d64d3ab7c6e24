//! An event names the entity its events are ordered by.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;

declare_code! {
    /// ## What it does
    /// Reports an event without `key`.
    ///
    /// ## Why it matters
    /// Brokers keep events in order only within a partition, and the key decides the
    /// partition. Without one, the events of one order can arrive as "refunded" before
    /// "paid", and every reader that rebuilds state from them gets it wrong.
    ///
    /// ## Example
    /// ```truth
    /// event order_paid v3 {
    ///   fields {
    ///     order_id  string
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// event order_paid v3 {
    ///   key order_id
    ///   fields {
    ///     order_id  string
    ///   }
    /// }
    /// ```
    pub static CODE = ("L009", "event-missing-key", Error, Lint, "An event declares no key for per-entity ordering");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, e) in m.events.iter().enumerate() {
        if e.item.ast.key.is_some() {
            continue;
        }
        out.push(
            Diagnostic::new(&CODE, e.item.ast.name.span, format!("{} declares no key", m.describe(&Node::Event(i))))
                .with_label_message("no `key`")
                .with_help("add `key <field>`: the entity whose events must stay in order, such as `order_id`"),
        );
    }
}
