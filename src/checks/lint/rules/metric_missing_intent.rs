//! Every metric version says, in words, the question it answers.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;

declare_code! {
    /// ## What it does
    /// Reports a metric version without `intent`, or with an empty one.
    ///
    /// ## Why it matters
    /// SQL says how a number is computed, not what it is for. Without a sentence of
    /// intent, a reviewer cannot tell a bug from a deliberate choice (are test orders
    /// excluded on purpose?), and a product manager reading the docs cannot tell which
    /// of two revenue metrics answers their question.
    ///
    /// ## Example
    /// ```truth
    /// metric net_revenue v2 {
    ///   owner finance
    ///   measure sum(amount)
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric net_revenue v2 {
    ///   owner finance
    ///   intent "Revenue after refunds, recognized on the day money moved"
    ///   measure sum(amount)
    /// }
    /// ```
    pub static CODE = ("L021", "metric-missing-intent", Error, Lint, "A metric does not state its intent");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, x) in m.metrics.iter().enumerate() {
        let what = m.describe(&Node::Metric(i));
        let d = match &x.item.ast.intent {
            None => Diagnostic::new(&CODE, x.item.ast.name.span, format!("{what} does not state its intent"))
                .with_label_message("no `intent`"),
            Some(s) if s.value.trim().is_empty() => {
                Diagnostic::new(&CODE, s.span, format!("{what} has an empty intent")).with_label_message("empty")
            }
            Some(_) => continue,
        };
        out.push(d.with_help("add `intent \"…\"`: one sentence on the question this number answers and what it counts"));
    }
}
