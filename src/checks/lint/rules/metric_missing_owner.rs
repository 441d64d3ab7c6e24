//! Every metric version names the team that answers for it.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;

declare_code! {
    /// ## What it does
    /// Reports a metric version without `owner`.
    ///
    /// ## Why it matters
    /// A metric is a promise about what a number means. When two dashboards disagree,
    /// or the definition has to change, somebody must decide; a metric nobody owns is
    /// one whose meaning drifts with whoever edited it last.
    ///
    /// ## Example
    /// ```truth
    /// metric net_revenue v2 {
    ///   intent "Revenue after refunds"
    ///   from revenue_movements
    ///   measure sum(amount)
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric net_revenue v2 {
    ///   owner finance
    ///   intent "Revenue after refunds"
    ///   from revenue_movements
    ///   measure sum(amount)
    /// }
    /// ```
    pub static CODE = ("L020", "metric-missing-owner", Error, Lint, "A metric names no owner");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, x) in m.metrics.iter().enumerate() {
        if x.item.ast.owner.is_none() {
            out.push(
                Diagnostic::new(&CODE, x.item.ast.name.span, format!("{} names no owner", m.describe(&Node::Metric(i))))
                    .with_label_message("no `owner`")
                    .with_help("add `owner <team>`: the team that decides what this number means and answers for it"),
            );
        }
    }
}
