//! A field of an event disappears.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a field of an event that the baseline has and the current version does
    /// not (and that no field declares `@renamed_from`).
    ///
    /// ## Why it matters
    /// New readers simply ignore the old field (backward compatible), but readers that
    /// have not upgraded expect it in new data: unless it had a default or was nullable
    /// there, they fail (a forward break).
    ///
    /// ## Example
    /// ```truth
    /// fields { order_id string  coupon string }   // baseline
    /// fields { order_id string }                   // current
    /// ```
    ///
    /// ## Use instead
    /// Make it nullable first (`coupon string?`), let every reader upgrade, then remove it;
    /// or publish a new version of the event.
    pub static CODE = ("B002", "field-removed", Error, Breaking, "A field was removed from an event");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        let new_event = p.new.map(|n| &input.new.events[n]);
        for f in fields {
            let (Some(old), None) = (f.old, f.new) else { continue };
            // A reader that has not upgraded needs the field's default; a nullable field
            // has one only when it declares `default null` (Avro's rule).
            let breaks = if old.default.is_some() { Breaks::NONE } else { Breaks::FORWARD };
            out.push(
                Change::on(&CODE, Object::Event, p, format!("fields.{}", old.name), format!("field `{}` was removed", old.name))
                    .values(format!("{} {}{}", old.name, old.ty, if old.nullable && !old.ty.holds_null() { "?" } else { "" }), None)
                    .spans(Some(old.span), new_event.and_then(|e| e.item.ast.fields.as_ref().map(|f| f.span)))
                    .breaks(breaks)
                    .level(Level::Wire)
                    .help("readers that have not upgraded still expect it: give it a default first (`default null` on a nullable field), or publish a new version"),
            );
        }
    }
}
