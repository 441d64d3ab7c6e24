//! The delivery guarantee of an event changes.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::syntax::ast::Delivery;

declare_code! {
    /// ## What it does
    /// Reports an event whose `delivery` guarantee differs from the baseline's, or that no
    /// longer declares one. Moving to `exactly_once`, or declaring a guarantee where there
    /// was none, is reported as compatible.
    ///
    /// ## Why it matters
    /// Consumers are built for a guarantee. From `exactly_once` or `at_most_once` to
    /// `at_least_once`, redeliveries appear and are counted twice wherever nobody
    /// deduplicates; to `at_most_once`, events may be lost and totals come out short.
    /// Every record still reads, so nothing fails but the numbers.
    ///
    /// ## Example
    /// ```truth
    /// delivery exactly_once    // baseline
    /// delivery at_least_once   // current
    /// ```
    ///
    /// ## Use instead
    /// Declare a `dedupe` key and make sure every consumer deduplicates on it before the
    /// change, or publish a new version of the event.
    pub static CODE = ("B018", "delivery-changed", Error, Breaking, "The delivery guarantee of an event changed");
}

fn word(d: Delivery) -> &'static str {
    match d {
        Delivery::AtLeastOnce => "at_least_once",
        Delivery::AtMostOnce => "at_most_once",
        Delivery::ExactlyOnce => "exactly_once",
    }
}

fn consequence(to: Delivery) -> &'static str {
    match to {
        Delivery::AtLeastOnce => "consumers may now receive the same event twice",
        Delivery::AtMostOnce => "consumers may now miss events",
        Delivery::ExactlyOnce => "each event now arrives once",
    }
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for p in &pairs.events {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old, new) = (&input.old.events[o].item.ast, &input.new.events[n].item.ast);
        let name = &new.name.text;
        let (breaks, what) = match (&old.delivery, &new.delivery) {
            (Some(a), Some(b)) if a.value == b.value => continue,
            (None, None) => continue,
            (Some(a), Some(b)) => {
                let breaks = if b.value == Delivery::ExactlyOnce {
                    Breaks::NONE
                } else {
                    Breaks::BOTH
                };
                let what = format!(
                    "event `{name}` changed its delivery from `{}` to `{}`: {}",
                    word(a.value),
                    word(b.value),
                    consequence(b.value)
                );
                (breaks, what)
            }
            (Some(a), None) => (
                Breaks::BOTH,
                format!(
                    "event `{name}` no longer declares its delivery (was `{}`): consumers cannot rely on it",
                    word(a.value)
                ),
            ),
            (None, Some(b)) => (
                Breaks::NONE,
                format!("event `{name}` now declares delivery `{}`", word(b.value)),
            ),
        };
        out.push(
            Change::on(&CODE, Object::Event, p, "delivery", what)
                .values(old.delivery.as_ref().map(|d| word(d.value).to_string()), new.delivery.as_ref().map(|d| word(d.value).to_string()))
                .spans(
                    Some(old.delivery.as_ref().map_or(old.name.span, |d| d.span)),
                    Some(new.delivery.as_ref().map_or(new.name.span, |d| d.span)),
                )
                .breaks(breaks)
                .level(Level::Semantic)
                .help("declare a `dedupe` key and have every consumer deduplicate on it first, or publish a new version of the event"),
        );
    }
}
