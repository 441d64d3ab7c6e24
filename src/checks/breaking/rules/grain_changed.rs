//! The grain of a table changes.

use crate::checks::breaking::pair::{current_name, Pairs};
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::span::Spanned;
use crate::syntax::ast::Name;

declare_code! {
    /// ## What it does
    /// Reports a table whose `grain` (what one row is) changed or was removed. Columns
    /// are compared as a set under their current names, so reordering or renaming with
    /// `@renamed_from` is not a change. Declaring a grain where there was none is
    /// reported as compatible.
    ///
    /// ## Why it matters
    /// Every aggregate over the table assumes one row per grain. From one row per order
    /// to one row per order line, `count(*)` counts lines and `sum(order_total)` counts
    /// each order once per line: the numbers double count without any query failing.
    ///
    /// ## Example
    /// ```truth
    /// grain order_id            // baseline
    /// grain order_id, line_no   // current
    /// ```
    ///
    /// ## Use instead
    /// Publish the new grain as a new table or a new version (`table order_lines`,
    /// `table orders v2`) and move consumers and metrics to it deliberately.
    pub static CODE = ("B035", "grain-changed", Error, Breaking, "The grain of a table changed");
}

fn written(g: &Spanned<Vec<Name>>) -> String {
    g.value.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(", ")
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, columns) in pairs.table_columns(input.old, input.new) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old_t, new_t) = (&input.old.tables[o].item.ast, &input.new.tables[n].item.ast);
        let table = &new_t.name.text;
        let change = match (old_t.grain.as_ref(), new_t.grain.as_ref()) {
            (None, None) => continue,
            (Some(og), Some(ng)) => {
                let mut was: Vec<&str> = og.value.iter().map(|c| current_name(&columns, &c.text)).collect();
                let mut now: Vec<&str> = ng.value.iter().map(|c| c.text.as_str()).collect();
                was.sort_unstable();
                now.sort_unstable();
                was.dedup();
                now.dedup();
                if was == now {
                    continue;
                }
                Change::on(
                    &CODE,
                    Object::Table,
                    p,
                    "grain",
                    format!(
                        "the grain of table `{table}` changed from `{}` to `{}`",
                        written(og),
                        written(ng)
                    ),
                )
                .values(written(og), written(ng))
                .spans(Some(og.span), Some(ng.span))
                .breaks(Breaks::BOTH)
            }
            (Some(og), None) => Change::on(
                &CODE,
                Object::Table,
                p,
                "grain",
                format!("table `{table}` no longer declares its grain `{}`", written(og)),
            )
            .values(written(og), None)
            .spans(Some(og.span), Some(new_t.name.span))
            .breaks(Breaks::BOTH),
            (None, Some(ng)) => Change::on(
                &CODE,
                Object::Table,
                p,
                "grain",
                format!("table `{table}` now declares the grain `{}`", written(ng)),
            )
            .values(None, written(ng))
            .spans(Some(old_t.name.span), Some(ng.span))
            .breaks(Breaks::NONE),
        };
        out.push(
            change.level(Level::Semantic).help(
                "aggregates over the table now count differently: publish the new grain as a new table or version",
            ),
        );
    }
}
