//! An event says which field holds the time it happened.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;
use crate::semantic::types::Type;

declare_code! {
    /// ## What it does
    /// Reports an event without `event_time`.
    ///
    /// ## Why it matters
    /// An event reaches the warehouse some time after it happened. Placed by the time it
    /// was processed, a payment captured at 23:59 on the last day of the month counts in
    /// the next one, and every late batch moves numbers between days. The event time is
    /// the field that puts each fact in the period it belongs to.
    ///
    /// ## Example
    /// ```truth
    /// event order_paid v3 {
    ///   fields {
    ///     order_id  string
    ///     paid_at   timestamp
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// event order_paid v3 {
    ///   event_time paid_at
    ///   fields {
    ///     order_id  string
    ///     paid_at   timestamp
    ///   }
    /// }
    /// ```
    pub static CODE = ("L008", "event-missing-event-time", Error, Lint, "An event does not name its event-time field");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, e) in m.events.iter().enumerate() {
        if e.item.ast.event_time.is_some() {
            continue;
        }
        let stamps: Vec<&str> =
            e.fields.iter().filter(|c| matches!(c.ty, Type::Timestamp { .. })).map(|c| c.name.as_str()).collect();
        let help = match stamps.as_slice() {
            [one] => format!("add `event_time {one}` if `{one}` is when the fact happened"),
            [] => "add `event_time <field>`: the timestamp field that says when the fact happened".to_string(),
            many => {
                let listed: Vec<String> = many.iter().map(|f| format!("`{f}`")).collect();
                format!("add `event_time <field>`: whichever of {} says when the fact happened", listed.join(", "))
            }
        };
        out.push(
            Diagnostic::new(&CODE, e.item.ast.name.span, format!("{} declares no event time", m.describe(&Node::Event(i))))
                .with_label_message("no `event_time`")
                .with_help(help),
        );
    }
}
