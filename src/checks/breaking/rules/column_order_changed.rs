//! The columns of a table change order.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::semantic::model::{Column, Model, Node, Table};

declare_code! {
    /// ## What it does
    /// Reports a table whose existing columns are in another order, or where a new column
    /// was inserted before existing ones (a new column after the last existing one moves
    /// nothing). Removed columns are left out: `column-removed` reports them. Columns
    /// from `include` sets always follow the table's own columns (or its source event's
    /// fields), so a column added at the end of those is not reported either.
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

/// How many leading columns of a table are its own (its `columns` block, or the fields of
/// its one source event); the rest come from `include` sets, which always follow them.
fn own(model: &Model, t: &Table) -> usize {
    let outer = match &t.item.ast.columns {
        Some(c) => Some(c.span),
        None => t.sources.iter().find_map(|s| match s {
            Node::Event(e) => Some(model.events[*e].item.span),
            _ => None,
        }),
    };
    outer.map_or(t.columns.len(), |o| {
        t.columns.iter().take_while(|c| o.contains(c.span)).count()
    })
}

/// The first place where the current columns differ from the kept baseline columns, in
/// one part of the table (its own columns, or its included ones): the baseline column
/// there, its current self, and the current column that took its place.
fn first_move<'a>(
    was: &[&'a Column],
    now: &[&'a Column],
    current: &dyn Fn(&str) -> Option<&'a Column>,
) -> Option<(&'a Column, &'a Column, &'a Column)> {
    // Kept columns of this part, in baseline order, with their current selves.
    let before: Vec<(&Column, &Column)> = was
        .iter()
        .filter_map(|c| Some((*c, current(&c.name)?)))
        .filter(|(_, n)| now.iter().any(|x| std::ptr::eq(*x, *n)))
        .collect();
    let kept = |c: &Column| before.iter().any(|(_, n)| std::ptr::eq(*n, c));
    // Current columns of this part, without new columns after the last kept one.
    let last = now.iter().rposition(|c| kept(c)).map_or(0, |i| i + 1);
    let i = before
        .iter()
        .zip(&now[..last])
        .position(|((_, a), b)| !std::ptr::eq(*a, *b))?;
    Some((before[i].0, before[i].1, now[i]))
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, columns) in pairs.table_columns(input.old, input.new) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old_t, new_t) = (&input.old.tables[o], &input.new.tables[n]);
        if !old_t.columns_known || !new_t.columns_known {
            continue;
        }
        let current = |name: &str| {
            columns
                .iter()
                .find(|m| m.old.is_some_and(|c| c.name == name))
                .and_then(|m| m.new)
        };
        let (ko, kn) = (own(input.old, old_t), own(input.new, new_t));
        let was: Vec<&Column> = old_t.columns.iter().collect();
        let now: Vec<&Column> = new_t.columns.iter().collect();
        let found =
            first_move(&was[..ko], &now[..kn], &current).or_else(|| first_move(&was[ko..], &now[kn..], &current));
        let Some((old_col, moved, took)) = found else { continue };
        let list = |cols: &[Column]| cols.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ");
        let table = &new_t.item.ast.name.text;
        let moved_up = columns
            .iter()
            .any(|m| m.old.is_some() && m.new.is_some_and(|c| std::ptr::eq(c, took)));
        let what = if moved_up {
            format!(
                "the columns of table `{table}` changed order: `{}` now comes before `{}`",
                took.name, moved.name
            )
        } else {
            format!(
                "new column `{}` was inserted before `{}` in table `{table}`, moving the columns after it",
                took.name, moved.name
            )
        };
        out.push(
            Change::on(&CODE, Object::Table, p, "columns", what)
                .values(list(&old_t.columns), list(&new_t.columns))
                .spans(Some(old_col.span), Some(took.span))
                .breaks(Breaks::NONE)
                .level(Level::Wire)
                .help("positional readers (`select *`, `insert` without a column list) now misplace values: keep the order and add new columns at the end"),
        );
    }
}
