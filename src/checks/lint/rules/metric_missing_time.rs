//! Every metric version says how it sits in time: which column, which grain, which zone.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;

declare_code! {
    /// ## What it does
    /// Reports a metric version without `time`, or whose `time` names no `grain` or no
    /// `timezone`.
    ///
    /// ## Why it matters
    /// "Revenue on Monday" means nothing until three questions are answered: Monday by
    /// which timestamp (the payment, the booking, the load into the warehouse), summed
    /// per what period, and Monday where. Two teams answering differently report two
    /// numbers for the same day, and both are right by their own SQL.
    ///
    /// ## Example
    /// ```truth
    /// metric net_revenue v2 {
    ///   measure sum(amount)
    ///   time booked_at
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric net_revenue v2 {
    ///   measure sum(amount)
    ///   time booked_at grain day timezone "UTC" lateness 7d
    /// }
    /// ```
    pub static CODE = ("L022", "metric-missing-time", Error, Lint, "A metric does not say how it sits in time");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, x) in m.metrics.iter().enumerate() {
        let what = m.describe(&Node::Metric(i));
        let Some(t) = &x.item.ast.time else {
            out.push(
                Diagnostic::new(&CODE, x.item.ast.name.span, format!("{what} declares no time semantics"))
                    .with_label_message("no `time`")
                    .with_help("add `time <column> grain <hour|day|week|month|quarter|year> timezone \"<zone>\"`"),
            );
            continue;
        };
        let missing: Vec<&str> = [(t.grain.is_none(), "grain"), (t.timezone.is_none(), "timezone")]
            .into_iter()
            .filter_map(|(absent, word)| absent.then_some(word))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let list = missing.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(" or ");
        out.push(
            Diagnostic::new(&CODE, t.span, format!("the time of {what} names no {list}"))
                .with_label_message(format!("no {list}"))
                .with_help(format!(
                    "complete it, for example `time {} grain day timezone \"UTC\"`: a day means a different set of rows in every zone",
                    t.column.text
                )),
        );
    }
}
