//! The per-entity ordering key of an event changes.

use crate::checks::breaking::pair::{baseline_name, Pairs};
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::span::Spanned;
use crate::syntax::ast::Name;

declare_code! {
    /// ## What it does
    /// Reports an event whose `key` (the fields that keep one entity's events in order)
    /// differs from the baseline's, or that no longer declares one. Field names are
    /// compared through declared renames: `key customer_id` where `customer_id` is
    /// `@renamed_from(user_id)` is the same key as `key user_id`. Declaring a key where
    /// there was none is reported as compatible.
    ///
    /// ## Why it matters
    /// The key decides the partition an event goes to, and so which events arrive in
    /// order. Every record still reads, but a consumer that folds one entity's events in
    /// order (a balance, an order's latest status) now sees them interleaved with another
    /// grouping, and during the switch-over the same entity is split across partitions.
    ///
    /// ## Example
    /// ```truth
    /// key order_id     // baseline
    /// key payment_id   // current
    /// ```
    ///
    /// ## Use instead
    /// Publish a new version of the event (a new topic) keyed the new way, and move
    /// consumers to it.
    pub static CODE = ("B016", "event-key-changed", Error, Breaking, "The ordering key of an event changed");
}

fn text(k: &Spanned<Vec<Name>>) -> String {
    k.value.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(", ")
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old, new) = (&input.old.events[o].item.ast, &input.new.events[n].item.ast);
        let was: Option<Vec<&str>> = old
            .key
            .as_ref()
            .map(|k| k.value.iter().map(|x| x.text.as_str()).collect());
        let now: Option<Vec<&str>> = new
            .key
            .as_ref()
            .map(|k| k.value.iter().map(|x| baseline_name(&fields, &x.text)).collect());
        if was == now {
            continue;
        }
        let name = &new.name.text;
        let (breaks, what) = match (&old.key, &new.key) {
            (None, Some(k)) => (Breaks::NONE, format!("event `{name}` now declares key `{}`", text(k))),
            (Some(k), None) => (
                Breaks::BOTH,
                format!(
                    "event `{name}` no longer declares key `{}`: its events are no longer ordered per entity",
                    text(k)
                ),
            ),
            (Some(a), Some(b)) => (
                Breaks::BOTH,
                format!(
                    "event `{name}` changed its key from `{}` to `{}`: events are ordered per another entity",
                    text(a),
                    text(b)
                ),
            ),
            (None, None) => continue,
        };
        out.push(
            Change::on(&CODE, Object::Event, p, "key", what)
                .values(old.key.as_ref().map(text), new.key.as_ref().map(text))
                .spans(
                    Some(old.key.as_ref().map_or(old.name.span, |k| k.span)),
                    Some(new.key.as_ref().map_or(new.name.span, |k| k.span)),
                )
                .breaks(breaks)
                .level(Level::Semantic)
                .help("publish a new version of the event keyed the new way, and move consumers to it"),
        );
    }
}
