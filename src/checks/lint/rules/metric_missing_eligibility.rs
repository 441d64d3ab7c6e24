//! Every metric version says which rows count.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;

declare_code! {
    /// ## What it does
    /// Reports a metric version without a `where` eligibility filter.
    ///
    /// ## Why it matters
    /// Most disagreements about a number are about which rows count, not how they are
    /// added: test accounts, failed payments, internal users, fraud. A metric without a
    /// filter either counts all of them or relies on its source having removed them,
    /// which nobody can see. When every row really counts, say so with `where true`.
    ///
    /// ## Example
    /// ```truth
    /// metric gross_revenue v1 {
    ///   from payments
    ///   measure sum(amount)
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric gross_revenue v1 {
    ///   from payments
    ///   measure sum(amount)
    ///   where status = 'captured' and not is_test
    /// }
    /// ```
    pub static CODE = ("L023", "metric-missing-eligibility", Error, Lint, "A metric does not say which rows count");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, x) in m.metrics.iter().enumerate() {
        if x.item.ast.filter.is_none() {
            out.push(
                Diagnostic::new(
                    &CODE,
                    x.item.ast.name.span,
                    format!("{} does not say which rows count", m.describe(&Node::Metric(i))),
                )
                .with_label_message("no `where`")
                .with_help("add `where <condition>` (test data, failed or cancelled rows?); write `where true` when every row counts"),
            );
        }
    }
}
