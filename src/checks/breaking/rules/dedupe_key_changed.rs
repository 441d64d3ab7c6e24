//! The dedupe key of an event changes.

use crate::checks::breaking::pair::{baseline_name, Pairs};
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::span::Spanned;
use crate::syntax::ast::Name;

declare_code! {
    /// ## What it does
    /// Reports an event whose `dedupe` key (the fields a redelivered event repeats)
    /// differs from the baseline's, or that no longer declares one. Field names are
    /// compared through declared renames. Declaring a dedupe key where there was none is
    /// reported as compatible.
    ///
    /// ## Why it matters
    /// Tables built from an at-least-once event drop duplicates on this key. With another
    /// key they drop different records: real events vanish when the new key is coarser,
    /// redeliveries are counted twice when it is finer, and every total moves without a
    /// single failed read.
    ///
    /// ## Example
    /// ```truth
    /// dedupe event_id   // baseline
    /// dedupe order_id   // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the dedupe key stable and publish a new version of the event if its identity
    /// really changes; rebuild the deduplicated tables from it.
    pub static CODE = ("B017", "dedupe-key-changed", Error, Breaking, "The dedupe key of an event changed");
}

fn text(k: &Spanned<Vec<Name>>) -> String {
    k.value.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(", ")
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old, new) = (&input.old.events[o].item.ast, &input.new.events[n].item.ast);
        let was: Option<Vec<&str>> = old
            .dedupe
            .as_ref()
            .map(|k| k.value.iter().map(|x| x.text.as_str()).collect());
        let now: Option<Vec<&str>> = new
            .dedupe
            .as_ref()
            .map(|k| k.value.iter().map(|x| baseline_name(&fields, &x.text)).collect());
        if was == now {
            continue;
        }
        let name = &new.name.text;
        let (breaks, what) = match (&old.dedupe, &new.dedupe) {
            (None, Some(k)) => (
                Breaks::NONE,
                format!("event `{name}` now declares dedupe key `{}`", text(k)),
            ),
            (Some(k), None) => (
                Breaks::BOTH,
                format!(
                    "event `{name}` no longer declares dedupe key `{}`: redeliveries can no longer be recognised",
                    text(k)
                ),
            ),
            (Some(a), Some(b)) => (
                Breaks::BOTH,
                format!(
                "event `{name}` changed its dedupe key from `{}` to `{}`: deduplicated tables keep different records",
                text(a),
                text(b)
            ),
            ),
            (None, None) => continue,
        };
        out.push(
            Change::on(&CODE, Object::Event, p, "dedupe", what)
                .values(old.dedupe.as_ref().map(text), new.dedupe.as_ref().map(text))
                .spans(
                    Some(old.dedupe.as_ref().map_or(old.name.span, |k| k.span)),
                    Some(new.dedupe.as_ref().map_or(new.name.span, |k| k.span)),
                )
                .breaks(breaks)
                .level(Level::Semantic)
                .help("keep the dedupe key, or publish a new version of the event and rebuild the tables deduplicated on it"),
        );
    }
}
