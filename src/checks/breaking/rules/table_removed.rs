//! A table (or its last version) disappears.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a table that the baseline declares and the current project does not: the
    /// name is gone, or its only version was removed without a newer one.
    ///
    /// ## Why it matters
    /// Every query, model, dashboard and export that reads the table fails at once;
    /// nothing writes it any more, so nothing can read it either.
    ///
    /// ## Example
    /// The baseline declares `table refunds { … }`; the change deletes it.
    ///
    /// ## Use instead
    /// Keep the table until its consumers have moved (list them with `truthline
    /// breaking`), or publish its replacement as a new version (`table refunds v2`) and
    /// remove the old one with an acknowledgement.
    pub static CODE = ("B030", "table-removed", Error, Breaking, "A table was removed");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for p in pairs.tables.iter().filter(|p| p.new.is_none()) {
        let Some(o) = p.old else { continue };
        let t = &input.old.tables[o].item.ast;
        let v = t.version.as_ref().map(|v| format!(" v{}", v.value)).unwrap_or_default();
        out.push(
            Change::on(
                &CODE,
                Object::Table,
                p,
                "",
                format!("table `{}{v}` was removed", t.name.text),
            )
            .values(format!("{}{v}", t.name.text), None)
            .spans(Some(t.name.span), None)
            .breaks(Breaks::BOTH)
            .level(Level::Wire)
            .help("keep the table until its consumers have moved, or acknowledge the removal"),
        );
    }
}
