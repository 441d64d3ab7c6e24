//! A field appears in an event.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a field that the current version of an event has and the baseline does
    /// not. It is backward-incompatible when the field is required and has no default.
    ///
    /// ## Why it matters
    /// A reader on the new schema reading data written before the change finds no value
    /// for the field; with a default (or `null` for a nullable field) it fills the gap,
    /// without one the read fails.
    ///
    /// ## Example
    /// ```truth
    /// fields { order_id string  channel string }   // channel is new and required
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// fields { order_id string  channel string default "web" }
    /// ```
    pub static CODE = ("B003", "field-added-without-default", Error, Breaking, "A required field without a default was added to an event");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (None, Some(new)) = (f.old, f.new) else { continue };
            let optional = new.nullable || new.default.is_some();
            let (breaks, what) = if optional {
                (Breaks::NONE, format!("field `{}` was added", new.name))
            } else {
                (Breaks::BACKWARD, format!("required field `{}` was added without a default", new.name))
            };
            out.push(
                Change::on(&CODE, Object::Event, p, format!("fields.{}", new.name), what)
                    .values(None, format!("{} {}", new.name, new.ty))
                    .spans(None, Some(new.span))
                    .breaks(breaks)
                    .level(Level::Wire)
                    .help("give it a `default`, or make it nullable (`T?`)"),
            );
        }
    }
}
