//! How a table is materialized changes.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::syntax::ast::Materialization;

declare_code! {
    /// ## What it does
    /// Reports a table whose `materialized` entry changed (`view`, `table`,
    /// `incremental`), was added or was removed.
    ///
    /// ## Why it matters
    /// The rows stay the same, but not when they are computed: a view is as fresh as its
    /// sources and costs on every read; a table is a snapshot of its last build; an
    /// incremental table keeps rows its sources have since changed or deleted unless
    /// they are merged again. Consumers' freshness, cost and permissions change (a view
    /// needs read access to its sources). It is a warning.
    ///
    /// ## Example
    /// ```truth
    /// materialized view          // baseline
    /// materialized incremental   // current
    /// ```
    ///
    /// ## Use instead
    /// Check the table's freshness expectation and its consumers' schedules, and say so
    /// in the change's description.
    pub static CODE = ("B038", "materialization-changed", Warning, Breaking, "How a table is materialized changed");
}

fn word(m: Materialization) -> &'static str {
    match m {
        Materialization::View => "view",
        Materialization::Table => "table",
        Materialization::Incremental => "incremental",
    }
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for p in &pairs.tables {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old_t, new_t) = (&input.old.tables[o].item.ast, &input.new.tables[n].item.ast);
        let (was, now) = (old_t.materialized.as_ref(), new_t.materialized.as_ref());
        if was.map(|m| m.value) == now.map(|m| m.value) {
            continue;
        }
        let table = &new_t.name.text;
        let message = match (was, now) {
            (Some(w), Some(n)) => format!(
                "table `{table}` is now materialized as `{}` instead of `{}`",
                word(n.value),
                word(w.value)
            ),
            (Some(w), None) => format!(
                "table `{table}` no longer declares how it is materialized (was `{}`)",
                word(w.value)
            ),
            (None, Some(n)) => format!("table `{table}` is now materialized as `{}`", word(n.value)),
            (None, None) => continue,
        };
        out.push(
            Change::on(&CODE, Object::Table, p, "materialized", message)
            .values(was.map(|m| word(m.value).to_string()), now.map(|m| word(m.value).to_string()))
            .spans(Some(was.map_or(old_t.name.span, |m| m.span)), Some(now.map_or(new_t.name.span, |m| m.span)))
            .breaks(Breaks::NONE)
            .level(Level::Semantic)
            .help("consumers' freshness and cost change: check the table's freshness expectation and its consumers' schedules"),
        );
    }
}
