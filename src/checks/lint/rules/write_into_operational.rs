//! Analytics never writes into an operational system.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Domain;

declare_code! {
    /// ## What it does
    /// Reports a table whose `store` is an operational system: a pipeline that would
    /// write derived data into the place where the product commits its truth.
    ///
    /// ## Why it matters
    /// Analytics observes and derives; it never mutates the authoritative record. A
    /// "fix" written back into production tables is a second team editing history that
    /// finance can no longer reconcile.
    ///
    /// ## Example
    /// ```truth
    /// table orders_fixed {
    ///   layer curated
    ///   store orders_db
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table orders_fixed {
    ///   layer curated
    ///   store warehouse
    /// }
    /// ```
    pub static CODE = ("L002", "write-into-operational", Error, Lint, "A table is written into an operational system");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for t in &m.tables {
        let Some(store) = t.store else { continue };
        let sys = &m.systems[store];
        if sys.domain() != Some(Domain::Operational) {
            continue;
        }
        let at = t.item.ast.store.as_ref().map_or(t.item.ast.name.span, |s| s.span);
        out.push(
            Diagnostic::new(&CODE, at, format!(
                "table `{}` would be written into `{}`, an operational system",
                t.item.ast.name.text, sys.item.ast.name.text
            ))
            .with_label_message("operational store")
            .with_secondary(sys.item.ast.domain.as_ref().map_or(sys.item.ast.name.span, |d| d.span), "declared operational here")
            .with_help("store derived tables in an analytical system (`domain analytical`), and read the operational one through CDC, a replica, snapshots or events"),
        );
    }
}
