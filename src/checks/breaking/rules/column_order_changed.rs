//! The columns of a table change order.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a table whose existing columns are in another order, or where a new column
    /// was inserted before existing ones (a new column after the last existing one moves
    /// nothing). Removed columns are left out: `column-removed` reports them.
    ///
    /// ## Why it matters
    /// Readers that go by name do not notice. Positional readers do: `select *` into a
    /// fixed layout, `insert into t select …` and `insert … values` without a column
    /// list, CSV exports read by column number. They now put values into the wrong
    /// columns, silently when the types agree. It is a warning, as most readers go by
    /// name.
    ///
    /// ## Example
    /// ```truth
    /// columns { payment_id string  amount std.money  currency std.currency_code }  // baseline
    /// columns { payment_id string  currency std.currency_code  amount std.money }  // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the existing order and add new columns at the end.
    pub static CODE = ("B037", "column-order-changed", Warning, Breaking, "The columns of a table changed order");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, columns) in pairs.table_columns(input.old, input.new) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old_t, new_t) = (&input.old.tables[o], &input.new.tables[n]);
        if !old_t.columns_known || !new_t.columns_known {
            continue;
        }
        // Kept columns in baseline order, each with its current name.
        let mut before: Vec<_> = columns.iter().filter_map(|m| Some((m.old?, m.new?))).collect();
        before.sort_by_key(|(old, _)| old_t.columns.iter().position(|c| c.name == old.name));
        // Current columns in order, without new columns after the last kept one.
        let kept = |name: &str| before.iter().any(|(_, new)| new.name == name);
        let last = new_t.columns.iter().rposition(|c| kept(&c.name)).map_or(0, |i| i + 1);
        let after: Vec<_> = new_t.columns[..last].iter().collect();
        let Some(i) = before.iter().zip(&after).position(|((_, was), now)| was.name != now.name) else { continue };
        let (old_col, moved) = before[i];
        let now = after[i];
        let list = |cols: &[crate::semantic::model::Column]| cols.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ");
        let table = &new_t.item.ast.name.text;
        let what = if kept(&now.name) {
            format!("the columns of table `{table}` changed order: `{}` now comes before `{}`", now.name, moved.name)
        } else {
            format!("new column `{}` was inserted before `{}` in table `{table}`, moving the columns after it", now.name, moved.name)
        };
        out.push(
            Change::on(&CODE, Object::Table, p, "columns", what)
            .values(list(&old_t.columns), list(&new_t.columns))
            .spans(Some(old_col.span), Some(now.span))
            .breaks(Breaks::NONE)
            .level(Level::Wire)
            .help("positional readers (`select *`, `insert` without a column list) now misplace values: keep the order and add new columns at the end"),
        );
    }
}
