//! A money metric never adds up floating-point columns.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;
use crate::semantic::types::Type;

declare_code! {
    /// ## What it does
    /// Reports a money metric (its `unit` is a currency code) whose measure aggregates a
    /// `float` or `double` column of its source table.
    ///
    /// ## Why it matters
    /// Binary floating point cannot hold 0.10 exactly; summing millions of such amounts
    /// drifts by cents, and a drift of cents is enough to fail a reconciliation with the
    /// ledger, or to pass one that should fail. Money is a `decimal` (`std.money`) or an
    /// integer count of minor units (`std.money_minor`).
    ///
    /// ## Example
    /// ```truth
    /// table payments { columns { amount double } }
    /// metric gross_revenue v1 { from payments  measure sum(amount)  unit EUR }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table payments { columns { amount std.money } }
    /// metric gross_revenue v1 { from payments  measure sum(amount)  unit EUR }
    /// ```
    pub static CODE = ("L030", "money-in-floating-point", Error, Lint, "A money metric adds up floating-point values");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, x) in m.metrics.iter().enumerate() {
        let (true, Some(t), Some(measure), Some(sql)) = (x.is_money(), x.from, &x.measure, &x.item.ast.measure) else {
            continue;
        };
        let table = &m.tables[t];
        let mut floats: Vec<&str> = measure
            .aggregates
            .iter()
            .flat_map(|(_, cols)| cols.iter())
            .filter(|c| table.column(c).is_some_and(|col| matches!(col.ty, Type::Float | Type::Double)))
            .map(String::as_str)
            .collect();
        floats.sort_unstable();
        floats.dedup();
        if floats.is_empty() {
            continue;
        }
        let list = floats.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
        let mut d = Diagnostic::new(
            &CODE,
            sql.span,
            format!("money {} adds up floating-point {list}", m.describe(&Node::Metric(i))),
        )
        .with_label_message("floating-point money");
        for c in &floats {
            if let Some(col) = table.column(c) {
                d = d.with_secondary(col.type_span, format!("`{c}` is declared here"));
            }
        }
        out.push(d.with_help("declare money columns as `std.money` (decimal(18,2)) or `std.money_minor` (long, minor units)"));
    }
}
