//! The query that computes a table changes.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a table whose `transform` query changed, compared by normalized syntax
    /// tree (layout, comments and keyword case never count), or was removed. Adding a
    /// transform where there was none is reported as compatible.
    ///
    /// ## Why it matters
    /// A query decides which rows a table holds: a new `WHERE`, another `JOIN` or
    /// `GROUP BY` changes every number computed from it, while every column keeps its
    /// name and type and no schema check notices.
    ///
    /// ## Example
    /// ```truth
    /// transform """SELECT … FROM payments"""                             // baseline
    /// transform """SELECT … FROM payments WHERE status = 'captured'"""   // current
    /// ```
    ///
    /// ## Use instead
    /// Publish the new logic as a new version of the table (`table revenue_movements v2`)
    /// and move its consumers deliberately, or acknowledge the change with a reason.
    pub static CODE = ("B046", "transform-changed", Error, Breaking, "The query that computes a table changed");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, _) in pairs.table_columns(input.old, input.new) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old_t, new_t) = (&input.old.tables[o], &input.new.tables[n]);
        let table = &new_t.item.ast.name.text;
        let (old_q, new_q) = (old_t.transform.as_ref(), new_t.transform.as_ref());
        let (old_s, new_s) = (old_t.item.ast.transform.as_ref(), new_t.item.ast.transform.as_ref());
        let change = match (old_q, new_q) {
            (Some(a), Some(b)) if a.normalized == b.normalized => continue,
            (None, None) => continue,
            (Some(a), Some(b)) => Change::on(
                &CODE,
                Object::Table,
                p,
                "transform",
                format!("the transform of table `{table}` changed: its rows may differ"),
            )
            .values(a.normalized.clone(), b.normalized.clone())
            .spans(old_s.map(|s| s.span), new_s.map(|s| s.span))
            .breaks(Breaks::BOTH),
            (Some(a), None) => Change::on(
                &CODE,
                Object::Table,
                p,
                "transform",
                format!("table `{table}` no longer declares the query that computes it"),
            )
            .values(a.normalized.clone(), None)
            .spans(old_s.map(|s| s.span), Some(new_t.item.ast.name.span))
            .breaks(Breaks::BOTH),
            (None, Some(b)) => Change::on(
                &CODE,
                Object::Table,
                p,
                "transform",
                format!("table `{table}` now declares the query that computes it"),
            )
            .values(None, b.normalized.clone())
            .spans(Some(old_t.item.ast.name.span), new_s.map(|s| s.span))
            .breaks(Breaks::NONE),
        };
        out.push(change.level(Level::Semantic).help(
            "its consumers now read other rows: publish the new logic as a new version of the table, or acknowledge the change",
        ));
    }
}
