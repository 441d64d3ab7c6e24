//! A nullable field of an event becomes required.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a field that was nullable (`T?`) in the baseline and is required (`T`) in
    /// the current version. Nullability inside nested structs is judged by
    /// `field-type-changed`.
    ///
    /// ## Why it matters
    /// Data written before the change holds nulls in the field. A reader on the new schema
    /// has no place for them and the read fails (a backward break); a default does not
    /// help, because the value is there and it is null.
    ///
    /// ## Example
    /// ```truth
    /// coupon string?   // baseline
    /// coupon string    // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the field nullable and make sure it is filled where it is produced, or publish
    /// a new version of the event.
    pub static CODE = ("B005", "field-made-required", Error, Breaking, "A nullable field of an event became required");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else {
                continue;
            };
            if !old.nullable || new.nullable {
                continue;
            }
            out.push(
                Change::on(
                    &CODE,
                    Object::Event,
                    p,
                    format!("fields.{}", new.name),
                    format!(
                        "field `{}` was made required: data written before the change holds nulls",
                        new.name
                    ),
                )
                .values(format!("{}?", old.ty), new.ty.to_string())
                .spans(Some(old.type_span), Some(new.type_span))
                .breaks(Breaks::BACKWARD)
                .level(Level::Wire)
                .help(
                    "keep it nullable (`T?`) and fill it where it is produced, or publish a new version of the event",
                ),
            );
        }
    }
}
