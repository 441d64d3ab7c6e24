//! The event-time field of an event changes.

use crate::checks::breaking::pair::{baseline_name, Pairs};
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports an event whose `event_time` names another field than the baseline's (a
    /// declared rename of the same field is no change), or that no longer declares one.
    /// Declaring an event time where there was none is reported as compatible.
    ///
    /// ## Why it matters
    /// Event time decides the day, hour or window every record is counted in, and how late
    /// a record is. Switching from when a payment was captured to when it was requested
    /// moves records across days and reconciliations, with every read succeeding.
    ///
    /// ## Example
    /// ```truth
    /// event_time paid_at        // baseline
    /// event_time requested_at   // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the event time and add the other timestamp as a field, or publish a new
    /// version of the event.
    pub static CODE = ("B019", "event-time-changed", Error, Breaking, "The event-time field of an event changed");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old, new) = (&input.old.events[o].item.ast, &input.new.events[n].item.ast);
        let was = old.event_time.as_ref().map(|t| t.text.as_str());
        let now = new.event_time.as_ref().map(|t| baseline_name(&fields, &t.text));
        if was == now {
            continue;
        }
        let name = &new.name.text;
        let (breaks, what) = match (&old.event_time, &new.event_time) {
            (None, Some(b)) => (
                Breaks::NONE,
                format!("event `{name}` now declares event time `{}`", b.text),
            ),
            (Some(a), None) => (
                Breaks::BOTH,
                format!("event `{name}` no longer declares its event time (was `{}`)", a.text),
            ),
            (Some(a), Some(b)) => (
                Breaks::BOTH,
                format!(
                    "event `{name}` changed its event time from `{}` to `{}`: records move to other days and windows",
                    a.text, b.text
                ),
            ),
            (None, None) => continue,
        };
        out.push(
            Change::on(&CODE, Object::Event, p, "event_time", what)
                .values(old.event_time.as_ref().map(|t| t.text.clone()), new.event_time.as_ref().map(|t| t.text.clone()))
                .spans(
                    Some(old.event_time.as_ref().map_or(old.name.span, |t| t.span)),
                    Some(new.event_time.as_ref().map_or(new.name.span, |t| t.span)),
                )
                .breaks(breaks)
                .level(Level::Semantic)
                .help("keep the event time and carry the other timestamp as a field, or publish a new version of the event"),
        );
    }
}
