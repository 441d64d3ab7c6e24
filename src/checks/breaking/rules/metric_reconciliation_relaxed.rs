//! A metric's reconciliation is removed or loosened.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::syntax::ast::MetricReconcile;

declare_code! {
    /// ## What it does
    /// Reports a metric version whose `reconcile with TARGET tolerance PERCENT` was
    /// removed, or whose tolerance grew. A new target is reported as compatible, for
    /// review.
    ///
    /// ## Why it matters
    /// Reconciliation is what makes a money metric trustworthy: the number agrees with
    /// the ledger within the tolerance, checked every run. Without it, or with a wider
    /// tolerance, the metric can drift from the books and nobody is told.
    ///
    /// ## Example
    /// ```truth
    /// reconcile with ledger.daily_totals tolerance 0.5%   // baseline
    /// reconcile with ledger.daily_totals tolerance 5%     // current
    /// ```
    ///
    /// ## Use instead
    /// Find why the metric disagrees with the ledger and fix the definition or the data;
    /// if a wider tolerance is right, record an acknowledgement with the reason.
    pub static CODE = ("B044", "metric-reconciliation-relaxed", Error, Breaking, "A metric's reconciliation was removed or relaxed");
}

fn written(r: &MetricReconcile) -> String {
    format!("{} tolerance {}%", r.target.text, r.tolerance.value)
}

fn tolerance(r: &MetricReconcile) -> Option<f64> {
    r.tolerance.value.trim().parse().ok()
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for p in &pairs.metrics {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (mo, mn) = (&input.old.metrics[o].item.ast, &input.new.metrics[n].item.ast);
        let Some(was) = &mo.reconcile else { continue };
        let v = mn
            .version
            .as_ref()
            .map(|v| format!(" v{}", v.value))
            .unwrap_or_default();
        let name = format!("{}{v}", mn.name.text);
        let change = match &mn.reconcile {
            None => Change::on(
                &CODE,
                Object::Metric,
                p,
                "reconcile",
                format!("metric `{name}` no longer reconciles with `{}`", was.target.text),
            )
            .values(written(was), None)
            .spans(Some(was.span), Some(mn.name.span))
            .breaks(Breaks::BOTH),
            Some(now) => {
                let grew = matches!((tolerance(was), tolerance(now)), (Some(a), Some(b)) if b > a);
                let (breaks, message) = if grew {
                    (
                        Breaks::BOTH,
                        format!(
                            "metric `{name}` reconciles with a wider tolerance, {}% instead of {}%",
                            now.tolerance.value, was.tolerance.value
                        ),
                    )
                } else if was.target.text != now.target.text {
                    (
                        Breaks::NONE,
                        format!(
                            "metric `{name}` reconciles with `{}` instead of `{}`",
                            now.target.text, was.target.text
                        ),
                    )
                } else {
                    continue;
                };
                Change::on(&CODE, Object::Metric, p, "reconcile", message)
                    .values(written(was), written(now))
                    .spans(
                        Some(if grew { was.tolerance.span } else { was.span }),
                        Some(if grew { now.tolerance.span } else { now.span }),
                    )
                    .breaks(breaks)
            }
        };
        out.push(
            change.level(Level::Governance).help(
                "keep the reconciliation and its tolerance, and fix what makes the metric disagree with the ledger",
            ),
        );
    }
}
