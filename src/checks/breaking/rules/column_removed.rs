//! A column of a table disappears.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a column that a table has in the baseline and not in the current project
    /// (and that no column declares `@renamed_from`).
    ///
    /// ## Why it matters
    /// Consumers' queries name their columns: every `select`, join or export that still
    /// reads the column fails as soon as the table is rebuilt without it, and a backfill
    /// of old data into the new table has nowhere to put it. Unlike an event field, a
    /// dropped column breaks in both directions, whatever the table's mode.
    ///
    /// ## Example
    /// ```truth
    /// columns { payment_id string  coupon string? }   // baseline
    /// columns { payment_id string }                   // current
    /// ```
    ///
    /// ## Use instead
    /// Move every consumer off the column first (their `uses table … (columns)` list
    /// shows who reads it), then remove it; to rename, declare `@renamed_from(old)`.
    pub static CODE = ("B031", "column-removed", Error, Breaking, "A column was removed from a table");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, columns) in pairs.table_columns(input.old, input.new) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old_t, new_t) = (&input.old.tables[o], &input.new.tables[n]);
        if !old_t.columns_known || !new_t.columns_known {
            continue;
        }
        let block = new_t
            .item
            .ast
            .columns
            .as_ref()
            .map_or(new_t.item.ast.name.span, |c| c.span);
        for c in columns {
            let (Some(old), None) = (c.old, c.new) else { continue };
            let table = &new_t.item.ast.name.text;
            out.push(
                Change::on(
                    &CODE,
                    Object::Table,
                    p,
                    format!("columns.{}", old.name),
                    format!("column `{}` was removed from table `{table}`", old.name),
                )
                .values(
                    format!("{} {}{}", old.name, old.ty, if old.nullable { "?" } else { "" }),
                    None,
                )
                .spans(Some(old.span), Some(block))
                .breaks(Breaks::BOTH)
                .level(Level::Wire)
                .help("move its consumers off the column first; to rename it, declare `@renamed_from`"),
            );
        }
    }
}
