//! Raw landing tables declare how long they keep data.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Layer;

declare_code! {
    /// ## What it does
    /// Reports a `layer raw` table without a `retention`.
    ///
    /// ## Why it matters
    /// Raw landing keeps every delivered record, including personal data. Without a
    /// declared retention it grows forever, costs grow with it, and erasure requests
    /// cannot be honoured by design.
    ///
    /// ## Example
    /// ```truth
    /// table raw_order_paid {
    ///   layer raw
    ///   source event order_paid v3
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table raw_order_paid {
    ///   layer raw
    ///   source event order_paid v3
    ///   retention 400d
    /// }
    /// ```
    pub static CODE = ("L003", "raw-missing-retention", Error, Lint, "A raw landing table has no retention");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for t in &m.tables {
        if t.layer() == Some(Layer::Raw) && t.item.ast.retention.is_none() {
            out.push(
                Diagnostic::new(&CODE, t.item.ast.name.span, format!("raw table `{}` declares no retention", t.item.ast.name.text))
                    .with_help("add `retention <duration>`, for example `retention 400d`"),
            );
        }
    }
}
