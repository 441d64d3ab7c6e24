//! The logical parameters of an event field's type change.

use crate::checks::breaking::compat::{logical_change, parts};
use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a field whose type keeps its shape but changes a logical parameter: decimal
    /// precision or scale, timestamp or time precision, fixed size. It looks inside lists,
    /// maps and structs too (`fields.lines[].amount`). Default parameters count as written:
    /// `timestamp` is `timestamp(6)`.
    ///
    /// Who it breaks follows Avro's resolution: two decimals match only with the same
    /// precision and scale, and fixed types only with the same size, so those break old
    /// and new readers. A time or timestamp of another unit is the same Avro `int` or
    /// `long`, which the specification resolves: the change is reported as a warning (a
    /// `long` promotes, an `int` read from a `long` does not, and then it breaks).
    ///
    /// ## Why it matters
    /// The bytes on the wire are read through these parameters: a decimal read with
    /// another scale is off by powers of ten, a microsecond timestamp read as milliseconds
    /// lands in another century, a fixed value of another size does not decode.
    ///
    /// ## Example
    /// ```truth
    /// amount decimal(18,2)   // baseline
    /// amount decimal(18,4)   // current
    /// ```
    ///
    /// ## Use instead
    /// Add a field with the new type (`amount_precise decimal(18,4)`), fill both during the
    /// migration, then retire the old one; or publish a new version of the event.
    pub static CODE = ("B009", "logical-type-changed", Warning, Breaking, "The precision, scale or size of an event field's type changed");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else {
                continue;
            };
            for (at, a, b) in parts(&old.ty, &new.ty) {
                let Some((was, now)) = logical_change(a, b) else {
                    continue;
                };
                let field = format!("{}{at}", new.name);
                out.push(
                    Change::on(&CODE, Object::Event, p, format!("fields.{field}"), format!(
                        "field `{field}` changed its logical type from `{was}` to `{now}`"
                    ))
                    .values(was, now)
                    .spans(Some(old.type_span), Some(new.type_span))
                    .breaks(Breaks::BOTH)
                    .level(Level::Wire)
                    .help("add a field with the new type and fill both during the migration, or publish a new version of the event"),
                );
            }
        }
    }
}
