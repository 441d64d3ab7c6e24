//! Every system belongs to one truth domain.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;

declare_code! {
    /// ## What it does
    /// Reports a system without `domain`: operational, analytical, observational or
    /// experimental.
    ///
    /// ## Why it matters
    /// The four kinds of truth must never be confused: what the product committed to
    /// users, what the business concludes, what was observed, and what happened under a
    /// treatment. Every other boundary rule (who may write where, what may feed a money
    /// metric, where an authority may live) starts from the system's domain.
    ///
    /// ## Example
    /// ```truth
    /// system clickstream { engine kafka owner growth }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// system clickstream { domain observational engine kafka owner growth }
    /// ```
    pub static CODE = ("L040", "system-missing-domain", Error, Lint, "A system declares no truth domain");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for s in &m.systems {
        if s.item.ast.domain.is_none() {
            out.push(
                Diagnostic::new(&CODE, s.item.ast.name.span, format!("system `{}` declares no truth domain", s.item.ast.name.text))
                    .with_help("add `domain operational`, `analytical`, `observational` or `experimental`"),
            );
        }
    }
}
