//! The allowed lateness of an event gets shorter.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports an event whose `lateness` window (how late after its event time a record is
    /// still accepted) is shorter than the baseline's, or no longer declared. Durations
    /// are compared by length, so `3d` and `72h` are the same. A longer window, or a
    /// window declared where there was none, is reported as compatible.
    ///
    /// ## Why it matters
    /// Pipelines close a day's numbers once the window has passed and drop or set aside
    /// what arrives later. A shorter window drops records that used to count: totals for
    /// every recent day come out lower, and nothing fails.
    ///
    /// ## Example
    /// ```truth
    /// lateness 3d    // baseline
    /// lateness 12h   // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the window; if late records really stopped, measure it (`expect … late_share
    /// below 0.1%`) before shortening, and tell the consumers listed here.
    pub static CODE = ("B020", "lateness-shortened", Error, Breaking, "The lateness window of an event was shortened");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for p in &pairs.events {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old, new) = (&input.old.events[o].item.ast, &input.new.events[n].item.ast);
        let name = &new.name.text;
        let (breaks, what) = match (&old.lateness, &new.lateness) {
            (None, None) => continue,
            (Some(a), Some(b)) if a.value.millis() == b.value.millis() => continue,
            (Some(a), Some(b)) if b.value.millis() < a.value.millis() => (Breaks::BOTH, format!(
                "event `{name}` shortened its lateness window from {} to {}: records arriving in between are now dropped",
                a.value, b.value
            )),
            (Some(a), Some(b)) => {
                (Breaks::NONE, format!("event `{name}` lengthened its lateness window from {} to {}", a.value, b.value))
            }
            (Some(a), None) => (Breaks::BOTH, format!(
                "event `{name}` no longer declares a lateness window (was {}): late records are no longer accepted",
                a.value
            )),
            (None, Some(b)) => (Breaks::NONE, format!("event `{name}` now declares a lateness window of {}", b.value)),
        };
        out.push(
            Change::on(&CODE, Object::Event, p, "lateness", what)
                .values(old.lateness.as_ref().map(|d| d.value.to_string()), new.lateness.as_ref().map(|d| d.value.to_string()))
                .spans(
                    Some(old.lateness.as_ref().map_or(old.name.span, |d| d.span)),
                    Some(new.lateness.as_ref().map_or(new.name.span, |d| d.span)),
                )
                .breaks(breaks)
                .level(Level::Semantic)
                .help("keep the window until late records are measured to have stopped, and tell the consumers listed here"),
        );
    }
}
