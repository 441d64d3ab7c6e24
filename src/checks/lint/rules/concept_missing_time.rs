//! A concept says which time it is placed by.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;

declare_code! {
    /// ## What it does
    /// Reports a concept without `time`: the column that places it in time, and whether
    /// that is event time, effective time or processing time.
    ///
    /// ## Why it matters
    /// "Orders in March" means different numbers depending on the clock: when the order
    /// was placed, when a change took effect, or when the warehouse loaded it. Left
    /// unsaid, each metric picks its own clock and they stop agreeing at every month's
    /// edge.
    ///
    /// ## Example
    /// ```truth
    /// concept order {
    ///   authority orders_db.orders
    ///   identifier order_id
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// concept order {
    ///   authority orders_db.orders
    ///   identifier order_id
    ///   time placed_at as event
    /// }
    /// ```
    pub static CODE = ("L017", "concept-missing-time", Warning, Lint, "A concept declares no time semantics");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for c in &m.concepts {
        let ast = &c.item.ast;
        if ast.time.is_some() {
            continue;
        }
        out.push(
            Diagnostic::new(&CODE, ast.name.span, format!("concept `{}` declares no time semantics", ast.name.text))
                .with_label_message("no `time`")
                .with_help("add `time <column> as event|effective|processing`, for example `time placed_at as event`"),
        );
    }
}
