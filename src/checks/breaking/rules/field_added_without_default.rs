//! A field appears in an event.

use crate::checks::breaking::pair::{default_removed_in_place, Pairs};
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
            if new.default.is_none() && default_removed_in_place(p, input.old, &new.name).is_some() {
                // `field-default-removed` reports it: the field is old, its default is new news.
                continue;
            }
            // Old data lacks the field: a reader needs its default, and a nullable field has
            // one only when it declares `default null` (Avro's rule).
            let (breaks, what) = match (new.default.is_some(), new.nullable) {
                (true, _) => (Breaks::NONE, format!("field `{}` was added", new.name)),
                (false, true) => (
                    Breaks::BACKWARD,
                    format!("nullable field `{}` was added without a default (`default null`)", new.name),
                ),
                (false, false) => (Breaks::BACKWARD, format!("required field `{}` was added without a default", new.name)),
            };
            out.push(
                Change::on(&CODE, Object::Event, p, format!("fields.{}", new.name), what)
                    .values(None, format!("{} {}{}", new.name, new.ty, if new.nullable && !new.ty.holds_null() { "?" } else { "" }))
                    .spans(None, Some(new.span))
                    .breaks(breaks)
                    .level(Level::Wire)
                    .help("give it a `default` (a nullable field `default null`)"),
            );
        }
    }
}
