//! A raw table keeps the classification of the event fields it lands.

use crate::checks::lint::Facts;
use crate::declare_code;
use crate::diagnostics::Diagnostic;
use crate::lineage::classify::rank;
use crate::semantic::model::Node;
use crate::syntax::ast::Layer;

declare_code! {
    /// ## What it does
    /// Reports a column of a `layer raw` table, declared on the table, that lands an
    /// event field tagged `@pii` or `@classification(…)` without the same tag (or with a
    /// lower level).
    ///
    /// ## Why it matters
    /// Warehouse access policies, masking and retention are driven by the tags on the
    /// table. Lineage still knows the column is personal, but a policy engine reading
    /// the table's contract does not: the raw landing is where most copies of personal
    /// data sit.
    ///
    /// ## Example
    /// ```truth
    /// event order_paid v3 { fields { customer_email string? @pii } }
    /// table raw_order_paid {
    ///   layer raw
    ///   source event order_paid v3
    ///   columns { customer_email string? }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// columns { customer_email string? @pii }
    /// ```
    pub static CODE = ("L042", "raw-landing-drops-classification", Error, Lint, "A raw table drops a classification its event carried");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for t in &m.tables {
        if t.layer() != Some(Layer::Raw) || t.item.ast.columns.is_none() {
            continue;
        }
        for s in &t.sources {
            let Node::Event(e) = s else { continue };
            let event = &m.events[*e];
            for c in &t.columns {
                let Some(f) = event.field(&c.name) else { continue };
                let level = |x: &crate::semantic::model::Column| {
                    x.classification.as_ref().map(|l| rank(&l.value).unwrap_or(usize::MAX))
                };
                let dropped_pii = f.pii && !c.pii;
                let dropped_level = match (level(f), level(c)) {
                    (Some(_), None) => true,
                    (Some(a), Some(b)) => b < a,
                    _ => false,
                };
                if !dropped_pii && !dropped_level {
                    continue;
                }
                let mut tags = Vec::new();
                if f.pii {
                    tags.push("@pii".to_string());
                }
                if let Some(l) = &f.classification {
                    tags.push(format!("@classification({})", l.value));
                }
                let tags = tags.join(" ");
                let mut d = Diagnostic::new(
                    &CODE,
                    c.span,
                    format!(
                        "column `{}` of raw table `{}` lands {}'s `{}`, tagged `{tags}`, without that tag",
                        c.name,
                        t.item.ast.name.text,
                        m.describe(s),
                        f.name
                    ),
                )
                .with_label_message("classification dropped")
                .with_help(format!("tag the column as its field is: `{} {} {tags}`", c.name, c.ty));
                if let Some(p) = f.pii_span.or(f.classification.as_ref().map(|l| l.span)) {
                    d = d.with_secondary(p, "tagged here");
                }
                out.push(d);
            }
        }
    }
}
