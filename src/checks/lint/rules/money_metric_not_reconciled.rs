//! A money metric reconciles with a ledger.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;

declare_code! {
    /// ## What it does
    /// Reports a money metric (one whose `unit` is an ISO 4217 currency code such as
    /// `EUR`) without `reconcile with`, or reconciling with something that is not a
    /// table of a system declared as a `ledger`.
    ///
    /// ## Why it matters
    /// Finance closes the books from the ledger, not from the warehouse. A revenue
    /// number that is never compared with the ledger drifts (a dropped partition, a
    /// double-counted retry, a currency mix-up) until an auditor or the CFO finds the
    /// gap. Reconciling every day with a stated tolerance catches it the next morning.
    ///
    /// ## Example
    /// ```truth
    /// metric gross_revenue v1 {
    ///   measure sum(amount)
    ///   unit EUR
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// system ledger { domain operational  ledger  read via snapshot  tables daily_totals }
    ///
    /// metric gross_revenue v1 {
    ///   measure sum(amount)
    ///   unit EUR
    ///   reconcile with ledger.daily_totals tolerance 0.5%
    /// }
    /// ```
    pub static CODE = ("L025", "money-metric-not-reconciled", Error, Lint, "A money metric does not reconcile with a ledger");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, x) in m.metrics.iter().enumerate() {
        if !x.is_money() {
            continue;
        }
        let what = m.describe(&Node::Metric(i));
        let unit = x.item.ast.unit.as_ref().map(|u| u.value.as_str()).unwrap_or_default();
        let Some(r) = &x.item.ast.reconcile else {
            out.push(
                Diagnostic::new(&CODE, x.item.ast.name.span, format!("{what} counts money ({unit}) but reconciles with nothing"))
                    .with_label_message("no `reconcile with`")
                    .with_help("add `reconcile with <ledger>.<table> tolerance <percent>`, for example `reconcile with ledger.daily_totals tolerance 0.5%`"),
            );
            continue;
        };
        let ledger = match &x.reconcile {
            Some(Node::SystemTable(s, _)) => m.systems[*s].item.ast.ledger.is_some(),
            // An unresolved target is reported by resolution.
            None => continue,
            _ => false,
        };
        if !ledger {
            out.push(
                Diagnostic::new(&CODE, r.target.span, format!("{what} reconciles with `{}`, which is not a ledger", r.target.text))
                    .with_label_message("not a table of a `ledger` system")
                    .with_help("reconcile money with the book finance closes from: a table of a system that declares `ledger`"),
            );
        }
    }
}
