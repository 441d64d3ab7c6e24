//! A concept names the identifier of its instances.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;

declare_code! {
    /// ## What it does
    /// Reports a concept without `identifier`.
    ///
    /// ## Why it matters
    /// The identifier is how every system, event and table agrees it is talking about the
    /// same order. Without it, copies cannot be joined back to the authority, counts of
    /// "distinct orders" depend on who wrote the query, and reconciliation has nothing to
    /// match rows on.
    ///
    /// ## Example
    /// ```truth
    /// concept order {
    ///   authority orders_db.orders
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// concept order {
    ///   authority orders_db.orders
    ///   identifier order_id
    /// }
    /// ```
    pub static CODE = ("L016", "concept-missing-identifier", Error, Lint, "A concept declares no identifier");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for c in &m.concepts {
        let ast = &c.item.ast;
        if ast.identifier.is_some() {
            continue;
        }
        out.push(
            Diagnostic::new(&CODE, ast.name.span, format!("concept `{}` declares no identifier", ast.name.text))
                .with_label_message("no `identifier`")
                .with_help(format!(
                    "add `identifier <column>`: the column that names one `{0}` everywhere, such as `{0}_id`",
                    ast.name.text
                )),
        );
    }
}
