//! A consumer does not use a metric version past its sunset.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;

declare_code! {
    /// ## What it does
    /// Reports a consumer's `uses metric <name> v<N>` when that version's sunset (its own
    /// `sunset`, or the one its successor's `replaces` gives) is before today.
    ///
    /// ## Why it matters
    /// A sunset is a promise to consumers: the old definition is served until then, and
    /// not after. A dashboard still reading the version past that date shows a number
    /// the business has stopped standing behind, or breaks the day the version is
    /// removed.
    ///
    /// ## Example
    /// ```truth
    /// consumer board_report { uses metric net_revenue v1 }   // v1's sunset has passed
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// consumer board_report { uses metric net_revenue v2 }
    /// ```
    pub static CODE = ("L027", "consumer-uses-sunset-metric", Error, Lint, "A consumer uses a metric version past its sunset");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    let Some(today) = m.today else { return };
    let sunsets = m.sunsets();
    for (ci, c) in m.consumers.iter().enumerate() {
        for (u, node) in &c.uses {
            let Node::Metric(x) = node else { continue };
            let Some((date, span)) = sunsets[*x] else { continue };
            if date >= today {
                continue;
            }
            let used = &c.item.ast.uses[*u];
            out.push(
                Diagnostic::new(
                    &CODE,
                    used.span,
                    format!("{} uses {}, past its sunset ({date})", m.describe(&Node::Consumer(ci)), m.describe(node)),
                )
                .with_label_message("sunset passed")
                .with_secondary(span, "the sunset")
                .with_note(format!("today is {today}"))
                .with_help("move the consumer to the version that replaced it, or, if the old definition must live on, move the sunset later"),
            );
        }
    }
}
