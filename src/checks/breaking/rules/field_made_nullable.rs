//! A required field of an event becomes nullable.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a field that was required (`T`) in the baseline and is nullable (`T?`) in
    /// the current version. Nullability inside nested structs is judged by
    /// `field-type-changed`.
    ///
    /// ## Why it matters
    /// New readers read old data fine, but readers that have not upgraded were promised a
    /// value and now receive nulls from producers on the new schema: their reads fail, or
    /// their code meets a null it never handled (a forward break).
    ///
    /// ## Example
    /// ```truth
    /// email string    // baseline
    /// email string?   // current
    /// ```
    ///
    /// ## Use instead
    /// Upgrade every reader to handle the null first (the event's `compatibility` then
    /// says `backward`), or add a new nullable field and keep filling the required one.
    pub static CODE = ("B006", "field-made-nullable", Error, Breaking, "A required field of an event became nullable");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else {
                continue;
            };
            if old.nullable || !new.nullable {
                continue;
            }
            out.push(
                Change::on(
                    &CODE,
                    Object::Event,
                    p,
                    format!("fields.{}", new.name),
                    format!(
                        "field `{}` was made nullable: readers that have not upgraded now receive nulls",
                        new.name
                    ),
                )
                .values(old.ty.to_string(), format!("{}?", new.ty))
                .spans(Some(old.type_span), Some(new.type_span))
                .breaks(Breaks::FORWARD)
                .level(Level::Wire)
                .help(
                    "upgrade every reader to handle nulls first, or add a new nullable field beside the required one",
                ),
            );
        }
    }
}
