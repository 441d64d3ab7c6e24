//! A union of an event field lost a branch.

use crate::checks::breaking::compat::union_branches;
use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports branches that a union (`union<…>`, or `T?`, the union of `null` and `T`)
    /// of an event field has in the old definition and not in the new, at any depth. Branches
    /// are told apart by name for named types and by kind otherwise; their order is no
    /// change. Whether it breaks new readers of old data (backward) is settled by Avro's resolution,
    /// so a branch that promotes to another (`int` into `long`) is no break.
    ///
    /// ## Why it matters
    /// Data written before the change may hold the removed branch; a reader whose union lacks it fails on such a value: a backward break. A writer type that promotes to a remaining branch (`int` to `long`) still reads.
    ///
    /// ## Example
    /// ```truth
    /// payload union<string, long, double>     // baseline
    /// payload union<string, long>             // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the branch and stop writing it until the data that holds it is gone, or publish a new version.
    pub static CODE = ("B023", "union-branch-removed", Error, Breaking, "A union of an event field lost a branch");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else { continue };
            for (at, a, b, lost, _) in union_branches((&old.ty, old.nullable), (&new.ty, new.nullable)) {
                if lost.is_empty() {
                    continue;
                }
                let field = format!("{}{at}", new.name);
                let shown: Vec<String> = lost.iter().map(|k| format!("`{k}`")).collect();
                out.push(
                    Change::on(
                        &CODE,
                        Object::Event,
                        p,
                        format!("fields.{field}"),
                        format!("the union of `{field}` lost {}", shown.join(", ")),
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
