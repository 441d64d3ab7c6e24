//! An event delivered at least once declares what identifies a redelivery.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;
use crate::syntax::ast::Delivery;

declare_code! {
    /// ## What it does
    /// Reports an event delivered at least once that declares no `dedupe` key. An event
    /// with no `delivery` entry counts as delivered at least once, since that is what
    /// every broker guarantees by default.
    ///
    /// ## Why it matters
    /// At-least-once delivery means the same event can arrive twice: after a retry, a
    /// rebalance or a replay. Without a field that names the duplicate, every reader
    /// counts it twice, and revenue is overstated by exactly the redeliveries.
    ///
    /// ## Example
    /// ```truth
    /// event order_paid v3 {
    ///   delivery at_least_once
    ///   fields {
    ///     event_id  uuid
    ///     order_id  string
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// event order_paid v3 {
    ///   delivery at_least_once
    ///   dedupe event_id
    ///   fields {
    ///     event_id  uuid
    ///     order_id  string
    ///   }
    /// }
    /// ```
    pub static CODE = ("L007", "event-missing-dedupe", Error, Lint, "An event delivered at least once has no dedupe key");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, e) in m.events.iter().enumerate() {
        let ast = &e.item.ast;
        if ast.dedupe.is_some() {
            continue;
        }
        let what = m.describe(&Node::Event(i));
        let d = match &ast.delivery {
            Some(d) if d.value != Delivery::AtLeastOnce => continue,
            Some(d) => Diagnostic::new(&CODE, d.span, format!("{what} is delivered at least once but declares no dedupe key"))
                .with_label_message("duplicates can arrive"),
            None => Diagnostic::new(&CODE, ast.name.span, format!(
                "{what} declares no dedupe key, and without a `delivery` entry it is delivered at least once"
            ))
            .with_label_message("duplicates can arrive"),
        };
        out.push(d.with_help(
            "add `dedupe <field>`: a field that repeats unchanged when the same event is delivered again, such as `event_id`",
        ));
    }
}
