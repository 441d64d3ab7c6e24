//! A column appears in a table.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a column that a table has in the current project and not in the
    /// baseline. A nullable column (`T?`) or one with a `default` is compatible. A
    /// required column without a default is backward-incompatible.
    ///
    /// ## Why it matters
    /// Readers select columns by name, so a new column breaks none of them. But the table
    /// already holds rows: a required column has no value for them, so the migration
    /// (`alter table … add column … not null`) fails or a backfill has to invent one, and
    /// writers that still write the old shape (including `insert … values` without a
    /// column list) are refused. That is the table's version of a field added without a
    /// default, and it breaks in the same direction: backward. A column inserted before
    /// existing ones is also reported by `column-order-changed`.
    ///
    /// ## Example
    /// ```truth
    /// columns { payment_id string  channel string }   // channel is new and required
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// columns { payment_id string  channel string? }
    /// columns { payment_id string  channel string default "web" }
    /// ```
    pub static CODE = ("B040", "column-added", Error, Breaking, "A column was added to a table");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, columns) in pairs.table_columns(input.old, input.new) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old_t, new_t) = (&input.old.tables[o], &input.new.tables[n]);
        if !old_t.columns_known || !new_t.columns_known {
            continue;
        }
        let table = &new_t.item.ast.name.text;
        for c in columns {
            let (None, Some(new)) = (c.old, c.new) else { continue };
            let (breaks, what) = if new.nullable || new.default.is_some() {
                (
                    Breaks::NONE,
                    format!("column `{}` was added to table `{table}`", new.name),
                )
            } else {
                (
                    Breaks::BACKWARD,
                    format!(
                        "required column `{}` was added to table `{table}` without a default",
                        new.name
                    ),
                )
            };
            out.push(
                Change::on(&CODE, Object::Table, p, format!("columns.{}", new.name), what)
                    .values(
                        None,
                        format!("{} {}{}", new.name, new.ty, if new.nullable { "?" } else { "" }),
                    )
                    .spans(None, Some(new.span))
                    .breaks(breaks)
                    .level(Level::Wire)
                    .help("existing rows have no value for it: make it nullable (`T?`) or give it a `default`"),
            );
        }
    }
}
