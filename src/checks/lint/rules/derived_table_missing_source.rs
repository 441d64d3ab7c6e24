//! Curated and mart tables say what they are built from.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Layer;

declare_code! {
    /// ## What it does
    /// Reports a `layer curated` or `layer mart` table without any `source`.
    ///
    /// ## Why it matters
    /// Curated tables and marts are derived: rebuilt from raw landing or from each other,
    /// never edited by hand. Without a source their lineage stops, so no metric built on
    /// them can be traced back to the authority of its facts, and no breaking change
    /// upstream shows that it reaches them.
    ///
    /// ## Example
    /// ```truth
    /// table payments {
    ///   layer curated
    ///   grain payment_id
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table payments {
    ///   layer curated
    ///   source tables raw_order_paid
    ///   grain payment_id
    /// }
    /// ```
    pub static CODE = ("L019", "derived-table-missing-source", Error, Lint, "A curated or mart table has no source");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for t in &m.tables {
        let layer = match t.layer() {
            Some(Layer::Curated) => "curated",
            Some(Layer::Mart) => "mart",
            _ => continue,
        };
        if !t.item.ast.sources.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(&CODE, t.item.ast.name.span, format!("{layer} table `{}` names no source", t.item.ast.name.text))
                .with_label_message("no `source`")
                .with_help("add `source tables <table>` (or `source event <event>`): what the table is rebuilt from"),
        );
    }
}
