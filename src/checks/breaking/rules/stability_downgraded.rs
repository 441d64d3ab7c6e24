//! An event's declared stability goes down.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::syntax::ast::Stability;

declare_code! {
    /// ## What it does
    /// Reports an event whose `stability` is lower than in the baseline, in the order
    /// `stable` > `beta` > `experimental` > `deprecated`. It is a warning: nothing fails
    /// to read, but consumers were promised something else.
    ///
    /// ## Why it matters
    /// Teams build on an event because it is `stable`. A downgrade says the schema may now
    /// change without notice, or (`deprecated`) that it is going away; consumers need to
    /// hear it in review, not when the event stops.
    ///
    /// ## Example
    /// ```truth
    /// stability stable       // baseline
    /// stability deprecated   // current
    /// ```
    ///
    /// ## Use instead
    /// Announce it to the consumers the report lists, and name the replacement in the
    /// event's documentation (`/// Replaced by order_paid v4`).
    pub static CODE = ("B015", "stability-downgraded", Warning, Breaking, "An event's stability was downgraded");
}

fn word(s: Stability) -> &'static str {
    match s {
        Stability::Stable => "stable",
        Stability::Beta => "beta",
        Stability::Experimental => "experimental",
        Stability::Deprecated => "deprecated",
    }
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for p in &pairs.events {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old, new) = (&input.old.events[o].item.ast, &input.new.events[n].item.ast);
        let (Some(was), Some(now)) = (&old.stability, &new.stability) else {
            continue;
        };
        if now.value >= was.value {
            continue;
        }
        out.push(
            Change::on(
                &CODE,
                Object::Event,
                p,
                "stability",
                format!(
                    "event `{}` was downgraded from `{}` to `{}`",
                    new.name.text,
                    word(was.value),
                    word(now.value)
                ),
            )
            .values(word(was.value).to_string(), word(now.value).to_string())
            .spans(Some(was.span), Some(now.span))
            .breaks(Breaks::NONE)
            .level(Level::Governance)
            .help("tell the consumers listed here, and document what replaces it"),
        );
    }
}
