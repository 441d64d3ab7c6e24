//! A union of an event field gained a branch.

use crate::checks::breaking::compat::union_branches;
use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports branches that a union (`union<…>`, or `T?`, the union of `null` and `T`)
    /// of an event field has in the new definition and not in the old, at any depth. Branches
    /// are told apart by name for named types and by kind otherwise; their order is no
    /// change. Whether it breaks readers that have not upgraded (forward) is settled by Avro's resolution,
    /// so a branch that promotes to another (`int` into `long`) is no break.
    ///
    /// ## Why it matters
    /// Data written with the new branch cannot be read by a reader whose union lacks it: a forward break. New readers read old data.
    ///
    /// ## Example
    /// ```truth
    /// payload union<string, long>             // baseline
    /// payload union<string, long, double>     // current
    /// ```
    ///
    /// ## Use instead
    /// Upgrade every reader to the wider union first (readers declared `compatibility forward` fail until then).
    pub static CODE = ("B024", "union-branch-added", Error, Breaking, "A union of an event field gained a branch");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else { continue };
            for (at, a, b, _, gained) in union_branches((&old.ty, old.nullable), (&new.ty, new.nullable)) {
                if gained.is_empty() {
                    continue;
                }
                let field = format!("{}{at}", new.name);
                let shown: Vec<String> = gained.iter().map(|k| format!("`{k}`")).collect();
                out.push(
                    Change::on(
                        &CODE,
                        Object::Event,
                        p,
                        format!("fields.{field}"),
                        format!("the union of `{field}` gained {}", shown.join(", ")),
                    )
                    .values(a.to_string(), b.to_string())
                    .spans(Some(old.type_span), Some(new.type_span))
                    // Settled by resolution, which knows promotions between branches.
                    .breaks(Breaks::BOTH)
                    .level(Level::Wire)
                    .help("keep every branch readers know; add branches only after readers have them"),
                );
            }
        }
    }
}
