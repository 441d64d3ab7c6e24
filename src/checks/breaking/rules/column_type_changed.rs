//! A column of a table changes type.

use crate::checks::breaking::compat::{classify_column, TypeChange};
use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a column whose type changed. A lossless widening (`int` → `long`,
    /// `decimal(10,2)` → `decimal(18,2)`, `string(20)` → `string`, an enum gaining
    /// values) still holds every old value, but consumers typed for the old column may not
    /// hold the new ones: it breaks readers that have not upgraded (forward). A narrowing
    /// cannot hold the existing data (backward). Any other change breaks both.
    ///
    /// ## Why it matters
    /// A narrowing fails the migration or truncates existing rows; a widening overflows a
    /// consumer's `int` variable or a downstream column still declared with the old type;
    /// a change of kind (`int` → `string`) breaks every comparison and join on the column.
    ///
    /// ## Example
    /// ```truth
    /// amount decimal(18,2)   // baseline
    /// amount decimal(10,2)   // current: narrowed
    /// ```
    ///
    /// ## Use instead
    /// Add a column with the new type, fill both while consumers move, then remove the
    /// old one; or publish a new version of the table.
    pub static CODE = ("B032", "column-type-changed", Error, Breaking, "A column of a table changed type");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, columns) in pairs.table_columns(input.old, input.new) {
        for c in columns {
            let (Some(old), Some(new)) = (c.old, c.new) else {
                continue;
            };
            let (breaks, how) = match classify_column(&old.ty, &new.ty) {
                TypeChange::Same => continue,
                TypeChange::Widened => (Breaks::FORWARD, "widened"),
                TypeChange::Narrowed => (Breaks::BACKWARD, "narrowed"),
                TypeChange::Changed => (Breaks::BOTH, "changed"),
            };
            out.push(
                Change::on(
                    &CODE,
                    Object::Table,
                    p,
                    format!("columns.{}", new.name),
                    format!("column `{}` {how} its type from `{}` to `{}`", new.name, old.ty, new.ty),
                )
                .values(old.ty.to_string(), new.ty.to_string())
                .spans(Some(old.type_span), Some(new.type_span))
                .breaks(breaks)
                .level(Level::Wire)
                .help("add a column with the new type instead, or publish a new version of the table"),
            );
        }
    }
}
