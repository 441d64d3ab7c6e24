//! An event (or its last version) disappears.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports an event that the baseline declares and the current project does not: the
    /// name is gone, or its only version was removed without a newer one.
    ///
    /// ## Why it matters
    /// Producers stop writing it and consumers stop finding it; every pipeline that reads
    /// the topic breaks at once, in both directions.
    ///
    /// ## Example
    /// The baseline declares `event refund_issued v1`; the change deletes it.
    ///
    /// ## Use instead
    /// Keep the event and mark it `stability deprecated` until its consumers have moved,
    /// then remove it with an acknowledgement.
    pub static CODE = ("B001", "event-removed", Error, Breaking, "An event was removed");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for p in pairs.events.iter().filter(|p| p.new.is_none()) {
        let Some(o) = p.old else { continue };
        let e = &input.old.events[o];
        let v = e.version().map(|v| format!(" v{v}")).unwrap_or_default();
        out.push(
            Change::on(&CODE, Object::Event, p, "", format!("event `{}{v}` was removed", e.item.ast.name.text))
                .values(format!("{}{v}", e.item.ast.name.text), None)
                .spans(Some(e.item.ast.name.span), None)
                .breaks(Breaks::BOTH)
                .level(Level::Wire)
                .help("keep it with `stability deprecated` until its consumers have moved, or acknowledge the removal"),
        );
    }
}
