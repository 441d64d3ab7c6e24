//! Observational or experimental data never feeds a money metric.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;
use crate::syntax::ast::Domain;

declare_code! {
    /// ## What it does
    /// Follows the lineage of each money metric (its `unit` is a currency code) upstream
    /// and reports it when any source belongs to an `observational` or `experimental`
    /// system: a clickstream, logs, an experiment's exposures.
    ///
    /// ## Why it matters
    /// Observations are sampled, blocked by ad blockers, retried and lost on flaky
    /// networks; exposures describe a treatment, not a sale. Money computed from them
    /// can never be reconciled with the ledger. When the join is deliberate (revenue per
    /// experiment arm, say), waive this finding on the metric with the reason.
    ///
    /// ## Example
    /// ```truth
    /// system clickstream { domain observational … }
    /// table checkout_clicks { source events checkout_clicked … }
    /// metric revenue v1 { from checkout_clicks  unit EUR … }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric revenue v1 { from payments  unit EUR … }   // payments come from the payment service
    /// ```
    pub static CODE = ("L028", "observational-feeds-money-metric", Error, Lint, "Observational or experimental data feeds a money metric");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, x) in m.metrics.iter().enumerate() {
        if !x.is_money() {
            continue;
        }
        let tainted: Vec<usize> = m
            .ancestors(&Node::Metric(i))
            .into_iter()
            .filter_map(|n| match n {
                Node::System(s) if matches!(m.systems[s].domain(), Some(Domain::Observational | Domain::Experimental)) => {
                    Some(s)
                }
                _ => None,
            })
            .collect();
        let Some(first) = tainted.first() else { continue };
        let domain = |s: usize| match m.systems[s].domain() {
            Some(Domain::Experimental) => "experimental",
            _ => "observational",
        };
        let mut d = Diagnostic::new(
            &CODE,
            x.item.ast.name.span,
            format!(
                "money {} is computed from {} data ({})",
                m.describe(&Node::Metric(i)),
                domain(*first),
                m.describe(&Node::System(*first))
            ),
        )
        .with_label_message("counts money");
        for s in &tainted {
            d = d.with_secondary(m.systems[*s].item.ast.name.span, format!("{} truth", domain(*s)));
        }
        out.push(d.with_help(
            "compute money from the operational record (its events, CDC or snapshots); if the join is deliberate, \
             `waive observational-feeds-money-metric \"<why>\"` on the metric",
        ));
    }
}
