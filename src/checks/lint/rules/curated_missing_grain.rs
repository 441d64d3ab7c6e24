//! Curated and mart tables say what one row is.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Layer;

declare_code! {
    /// ## What it does
    /// Reports a `layer curated` or `layer mart` table without `grain`.
    ///
    /// ## Why it matters
    /// The grain is what one row is: one payment, one order per day. Without it nobody
    /// can tell whether summing a column counts each payment once or once per refund, and
    /// every join is a guess at a fan-out.
    ///
    /// ## Example
    /// ```truth
    /// table payments {
    ///   layer curated
    ///   source tables raw_order_paid
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table payments {
    ///   layer curated
    ///   source tables raw_order_paid
    ///   grain payment_id
    /// }
    /// ```
    pub static CODE = ("L010", "curated-missing-grain", Error, Lint, "A curated or mart table declares no grain");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for t in &m.tables {
        let layer = match t.layer() {
            Some(Layer::Curated) => "curated",
            Some(Layer::Mart) => "mart",
            _ => continue,
        };
        if t.item.ast.grain.is_some() {
            continue;
        }
        let help = match &t.item.ast.key {
            Some(k) => {
                let cols: Vec<&str> = k.value.iter().map(|n| n.text.as_str()).collect();
                format!("add `grain {}` if one row is one value of the key, or the columns that make one row", cols.join(", "))
            }
            None => "add `grain <columns>`: the columns that make one row, for example `grain payment_id`".to_string(),
        };
        out.push(
            Diagnostic::new(&CODE, t.item.ast.name.span, format!("{layer} table `{}` declares no grain", t.item.ast.name.text))
                .with_label_message("no `grain`")
                .with_help(help),
        );
    }
}
