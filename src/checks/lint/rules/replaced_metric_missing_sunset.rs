//! A metric version that replaces another says when the old one stops being served.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;

declare_code! {
    /// ## What it does
    /// Reports `replaces <metric> v<N>` when neither the replacing clause nor the
    /// replaced version gives a `sunset` date.
    ///
    /// ## Why it matters
    /// A new definition of a metric starts a migration: every dashboard and export on
    /// the old version has to move. Without a date, the old version is served forever,
    /// two numbers for the same question live side by side, and nobody can plan the
    /// move or remove the old code.
    ///
    /// ## Example
    /// ```truth
    /// metric net_revenue v2 {
    ///   replaces net_revenue v1
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric net_revenue v2 {
    ///   replaces net_revenue v1 sunset 2027-03-31
    /// }
    /// ```
    pub static CODE = ("L026", "replaced-metric-missing-sunset", Error, Lint, "A replaced metric version has no sunset");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for x in &m.metrics {
        let (Some(r), Some(old)) = (&x.item.ast.replaces, x.replaces) else { continue };
        if r.sunset.is_some() || m.metrics[old].item.ast.sunset.is_some() {
            continue;
        }
        out.push(
            Diagnostic::new(
                &CODE,
                r.span,
                format!("`{} v{}` is replaced, but no sunset says when it stops being served", r.name.text, r.version.value),
            )
            .with_label_message("no `sunset`")
            .with_secondary(m.metrics[old].item.ast.name.span, "the replaced version")
            .with_help(format!(
                "add the date its consumers must have moved by: `replaces {} v{} sunset YYYY-MM-DD`",
                r.name.text, r.version.value
            )),
        );
    }
}
