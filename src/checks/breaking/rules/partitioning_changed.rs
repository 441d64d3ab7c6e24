//! The partitioning of a table changes.

use crate::checks::breaking::pair::{current_name, Pairs};
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::syntax::ast::Partition;

declare_code! {
    /// ## What it does
    /// Reports a table whose `partition by` changed, was added or was removed. A
    /// partition column renamed with `@renamed_from` is not a change.
    ///
    /// ## Why it matters
    /// No query fails, but consumers' filters are written to prune partitions: on
    /// another partitioning they scan the whole table, cost more and run slower;
    /// incremental jobs and retention that drop or rebuild partitions by the old column
    /// now touch the wrong rows. It is a warning: check the jobs that depend on it.
    ///
    /// ## Example
    /// ```truth
    /// partition by day(paid_at)     // baseline
    /// partition by day(ingested_at) // current
    /// ```
    ///
    /// ## Use instead
    /// Tell the owners of the table's incremental jobs and heavy consumers before the
    /// change; repartitioning is usually a rebuild, best done as a new version.
    pub static CODE = ("B036", "partitioning-changed", Warning, Breaking, "The partitioning of a table changed");
}

fn written(p: &Partition) -> String {
    match &p.transform {
        Some(t) => format!("{}({})", t.text, p.column.text),
        None => p.column.text.clone(),
    }
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, columns) in pairs.table_columns(input.old, input.new) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old_t, new_t) = (&input.old.tables[o].item.ast, &input.new.tables[n].item.ast);
        let table = &new_t.name.text;
        let change = match (old_t.partition.as_ref(), new_t.partition.as_ref()) {
            (None, None) => continue,
            (Some(op), Some(np)) => {
                let same_transform = op.transform.as_ref().map(|t| t.text.to_ascii_lowercase())
                    == np.transform.as_ref().map(|t| t.text.to_ascii_lowercase());
                if same_transform && current_name(&columns, &op.column.text) == np.column.text {
                    continue;
                }
                Change::on(
                    &CODE,
                    Object::Table,
                    p,
                    "partition",
                    format!(
                        "table `{table}` is now partitioned by `{}` instead of `{}`",
                        written(np),
                        written(op)
                    ),
                )
                .values(written(op), written(np))
                .spans(Some(op.span), Some(np.span))
            }
            (Some(op), None) => Change::on(
                &CODE,
                Object::Table,
                p,
                "partition",
                format!("table `{table}` is no longer partitioned by `{}`", written(op)),
            )
            .values(written(op), None)
            .spans(Some(op.span), Some(new_t.name.span)),
            (None, Some(np)) => Change::on(
                &CODE,
                Object::Table,
                p,
                "partition",
                format!("table `{table}` is now partitioned by `{}`", written(np)),
            )
            .values(None, written(np))
            .spans(Some(old_t.name.span), Some(np.span)),
        };
        out.push(
            change
                .breaks(Breaks::NONE)
                .level(Level::Semantic)
                .help("consumers' partition filters and incremental jobs depend on it: tell their owners, or rebuild as a new version"),
        );
    }
}
