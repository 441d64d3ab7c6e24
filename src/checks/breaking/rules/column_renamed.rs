//! A column of a table is renamed.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a table column renamed through `@renamed_from(old_name)`, written on the
    /// column or inherited from the event field a table lands (the generated DDL renames
    /// the column either way).
    ///
    /// ## Why it matters
    /// An event reader resolves a declared rename; SQL does not. Every query, dashboard and
    /// export that selects the old column name fails after the rename. Readers the
    /// contracts know are listed: consumers that `uses table t (…)` the column (or the
    /// whole table), and metrics that read it.
    ///
    /// ## Example
    /// ```truth
    /// email           string               // baseline
    /// customer_email  string @renamed_from(email)
    /// ```
    ///
    /// ## Use instead
    /// Add the new column beside the old one, move the readers, then drop the old one; or
    /// publish a new version of the table; or acknowledge the rename once every reader
    /// has moved.
    pub static CODE = ("B047", "column-renamed", Error, Breaking, "A column of a table was renamed");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, columns) in pairs.table_columns(input.old, input.new) {
        let Some(n) = p.new else { continue };
        let table = &input.new.tables[n].item.ast.name.text;
        for c in columns {
            let (Some(old), Some(new), true) = (c.old, c.new, c.renamed) else {
                continue;
            };
            out.push(
                Change::on(
                    &CODE,
                    Object::Table,
                    p,
                    format!("columns.{}", new.name),
                    format!(
                        "column `{}` of table `{table}` was renamed `{}`: every SQL reader of `{}` breaks",
                        old.name, new.name, old.name
                    ),
                )
                .values(old.name.clone(), new.name.clone())
                .spans(Some(old.span), Some(new.span))
                .breaks(Breaks::BOTH)
                .level(Level::Wire)
                .help(format!(
                    "move every reader of `{}` to `{}` first (a view keeping the old name helps), or acknowledge the rename",
                    old.name, new.name
                )),
            );
        }
    }
}
