//! The key of a table changes.

use crate::checks::breaking::pair::{current_name, Pairs};
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::span::Spanned;
use crate::syntax::ast::Name;

declare_code! {
    /// ## What it does
    /// Reports a table whose `key` (the columns that identify a row) changed or was
    /// removed. Columns are compared as a set under their current names, so reordering
    /// the key or renaming a key column with `@renamed_from` is not a change. Declaring a
    /// key where there was none is reported as compatible.
    ///
    /// ## Why it matters
    /// Consumers merge, deduplicate, join and upsert on the key. With another key the
    /// same row is identified differently: merges duplicate or overwrite rows, joins fan
    /// out, and incremental loads lose their place. The data still reads, but means
    /// something else, for old and new readers alike.
    ///
    /// ## Example
    /// ```truth
    /// key payment_id            // baseline
    /// key order_id              // current
    /// ```
    ///
    /// ## Use instead
    /// Publish a new version of the table with the new key (`table payments v2`) and
    /// move consumers to it.
    pub static CODE = ("B034", "table-key-changed", Error, Breaking, "The key of a table changed");
}

fn written(k: &Spanned<Vec<Name>>) -> String {
    k.value.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(", ")
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, columns) in pairs.table_columns(input.old, input.new) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old_t, new_t) = (&input.old.tables[o].item.ast, &input.new.tables[n].item.ast);
        let table = &new_t.name.text;
        let change = match (old_t.key.as_ref(), new_t.key.as_ref()) {
            (None, None) => continue,
            (Some(ok), Some(nk)) => {
                let mut was: Vec<&str> = ok.value.iter().map(|c| current_name(&columns, &c.text)).collect();
                let mut now: Vec<&str> = nk.value.iter().map(|c| c.text.as_str()).collect();
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
                    "key",
                    format!(
                        "the key of table `{table}` changed from `{}` to `{}`",
                        written(ok),
                        written(nk)
                    ),
                )
                .values(written(ok), written(nk))
                .spans(Some(ok.span), Some(nk.span))
                .breaks(Breaks::BOTH)
            }
            (Some(ok), None) => Change::on(
                &CODE,
                Object::Table,
                p,
                "key",
                format!("table `{table}` no longer declares its key `{}`", written(ok)),
            )
            .values(written(ok), None)
            .spans(Some(ok.span), Some(new_t.name.span))
            .breaks(Breaks::BOTH),
            (None, Some(nk)) => Change::on(
                &CODE,
                Object::Table,
                p,
                "key",
                format!("table `{table}` now declares the key `{}`", written(nk)),
            )
            .values(None, written(nk))
            .spans(Some(old_t.name.span), Some(nk.span))
            .breaks(Breaks::NONE),
        };
        out.push(
            change
                .level(Level::Semantic)
                .help("publish a new version of the table with the new key, and move consumers to it"),
        );
    }
}
