//! A consumer with a declared clearance reads only what that clearance covers.

use crate::checks::lint::Facts;
use crate::declare_code;
use crate::diagnostics::Diagnostic;
use crate::lineage::classify::{rank, LEVELS};
use crate::lineage::Col;
use crate::semantic::model::Node;

declare_code! {
    /// ## What it does
    /// Reports a consumer with `clearance LEVEL` that reads a column classified above
    /// that level: declared on the column (`@classification(restricted)`, `@pii`, which
    /// counts as `confidential`) or carried to it along column lineage from a column that
    /// is. Levels, in increasing strictness: `public`, `internal`, `confidential` (or
    /// `sensitive`), `restricted`, `secret`. Also reports a clearance outside that list.
    ///
    /// ## Why it matters
    /// A copy of an email column is as personal as the column it copies. A dashboard
    /// cleared for internal data that reads one leaks it to everyone who can open the
    /// dashboard, and no access policy on the source table stops that.
    ///
    /// ## Example
    /// ```truth
    /// consumer churn_features {
    ///   clearance internal
    ///   uses table users_current (user_id, email)   // email is @pii
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Read a masked column (`sha256(email) AS email_hash` in a curated table), drop the
    /// column from `uses`, or raise the consumer's clearance after review.
    pub static CODE = ("L041", "consumer-clearance-exceeded", Error, Lint, "A consumer reads data classified above its clearance");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let (m, g) = (facts.model, facts.lineage);
    for (ci, c) in m.consumers.iter().enumerate() {
        let Some(clearance) = &c.item.ast.clearance else { continue };
        let Some(allowed) = rank(&clearance.text) else {
            let levels: Vec<&str> = LEVELS.iter().flat_map(|l| l.iter().copied()).collect();
            out.push(
                Diagnostic::new(&CODE, clearance.span, format!("`{}` is not a clearance level", clearance.text))
                    .with_label_message("unknown level")
                    .with_help(format!("use one of {}", levels.join(", "))),
            );
            continue;
        };
        let me = Node::Consumer(ci);
        for (k, target) in &c.uses {
            let Some(u) = c.item.ast.uses.get(*k) else { continue };
            let read: Vec<&Col> = g
                .readers
                .iter()
                .filter(|(col, rs)| col.node == *target && rs.contains(&me))
                .map(|(col, _)| col)
                .collect();
            let over: Vec<(&Col, &crate::lineage::classify::Class)> = read
                .into_iter()
                .filter_map(|col| g.classes.get(col).map(|k| (col, k)))
                .filter(|(_, k)| k.rank() > allowed)
                .collect();
            let Some((first, class)) = over.first() else { continue };
            let names: Vec<String> = over.iter().map(|(c, k)| format!("`{}` ({})", c.name, k.label())).collect();
            let from = if class.origin == **first {
                String::new()
            } else {
                format!("; `{}` comes from `{}`", first.name, g.describe(m, &class.origin))
            };
            out.push(
                Diagnostic::new(
                    &CODE,
                    u.span,
                    format!(
                        "{} is cleared for `{}` but reads {} of {}{from}",
                        m.describe(&me),
                        clearance.text,
                        names.join(", "),
                        m.describe(target)
                    ),
                )
                .with_label_message("reads classified columns")
                .with_secondary(clearance.span, "its clearance")
                .with_help("read a masked or aggregated column instead, drop these columns from `uses`, or raise the clearance after review"),
            );
        }
    }
}
