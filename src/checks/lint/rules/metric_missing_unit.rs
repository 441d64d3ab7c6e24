//! Every metric version names its unit.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;

declare_code! {
    /// ## What it does
    /// Reports a metric version without `unit`.
    ///
    /// ## Why it matters
    /// A number without a unit invites the wrong comparison: cents against euros, users
    /// against sessions, a ratio read as a percentage. The unit is also how truthline
    /// knows a metric counts money (a currency code such as `EUR`), and so which metrics
    /// must reconcile with a ledger.
    ///
    /// ## Example
    /// ```truth
    /// metric paying_customers v1 { measure count(distinct user_id) }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric paying_customers v1 { measure count(distinct user_id)  unit count }
    /// ```
    pub static CODE = ("L029", "metric-missing-unit", Warning, Lint, "A metric names no unit");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, x) in m.metrics.iter().enumerate() {
        if x.item.ast.unit.is_none() {
            out.push(
                Diagnostic::new(&CODE, x.item.ast.name.span, format!("{} names no unit", m.describe(&Node::Metric(i))))
                    .with_label_message("no `unit`")
                    .with_help("add `unit <unit>`: a currency code (`EUR`) for money, or `count`, `ratio`, `seconds`…"),
            );
        }
    }
}
