//! A nullable column of a table becomes required.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a column that was nullable (`T?`) in the baseline and is required (`T`,
    /// `NOT NULL`) in the current project.
    ///
    /// ## Why it matters
    /// The table already holds rows where the column is null. Adding `NOT NULL` to
    /// existing data fails the migration, or forces a backfill that invents values, and
    /// readers of the new definition trust a guarantee the old rows do not keep: a
    /// backward break. A `default` does not help, as it only fills rows written later.
    ///
    /// ## Example
    /// ```truth
    /// coupon string?   // baseline
    /// coupon string    // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the column nullable and check the new rows with an expectation
    /// (`expect t { not_null coupon }`); or backfill it, then publish a new version of
    /// the table.
    pub static CODE = ("B033", "column-made-required", Error, Breaking, "A nullable column of a table was made required");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, columns) in pairs.table_columns(input.old, input.new) {
        for c in columns {
            let (Some(old), Some(new)) = (c.old, c.new) else {
                continue;
            };
            if !old.nullable || new.nullable {
                continue;
            }
            out.push(
                Change::on(&CODE, Object::Table, p, format!("columns.{}", new.name), format!(
                    "column `{}` was nullable and is now required",
                    new.name
                ))
                .values(format!("{}?", old.ty), new.ty.to_string())
                .spans(Some(old.type_span), Some(new.type_span))
                .breaks(Breaks::BACKWARD)
                .level(Level::Wire)
                .help("existing rows hold nulls: keep it nullable and add `not_null` to its `expect` block, or backfill and publish a new version"),
            );
        }
    }
}
