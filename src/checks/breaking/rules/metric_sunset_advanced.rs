//! The sunset of a metric version moves earlier.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a metric version whose sunset (the day it stops being served) moved
    /// earlier, or that now has a sunset where it had none. The sunset is the version's
    /// own `sunset`, or the earliest `replaces NAME vN sunset DATE` of a version that
    /// replaces it, whichever comes first.
    ///
    /// ## Why it matters
    /// A sunset is a promise to the version's consumers: they plan their move to the new
    /// version by it. Moving it earlier takes time away from dashboards and reports that
    /// still read the old version. It is a warning: tell them.
    ///
    /// ## Example
    /// ```truth
    /// replaces net_revenue v1 sunset 2027-03-31   // baseline
    /// replaces net_revenue v1 sunset 2026-12-31   // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the announced date, or agree the new one with every consumer of the version
    /// (`truthline breaking` lists them) before moving it.
    pub static CODE = ("B045", "metric-sunset-advanced", Warning, Breaking, "The sunset of a metric version moved earlier");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    let (old_sunsets, new_sunsets) = (input.old.sunsets(), input.new.sunsets());
    for p in pairs.metrics.iter().filter(|p| !p.bump) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let m = &input.new.metrics[n];
        let v = m.version().map(|v| format!(" v{v}")).unwrap_or_default();
        let name = format!("{}{v}", m.item.ast.name.text);
        let what = match (old_sunsets[o], new_sunsets[n]) {
            (Some((was, at)), Some((now, here))) if now < was => (
                format!("the sunset of metric `{name}` moved earlier, from {was} to {now}"),
                Some(was),
                now,
                at,
                here,
            ),
            (None, Some((now, here))) => (
                format!("metric `{name}` now has a sunset: {now}"),
                None,
                now,
                input.old.metrics[o].item.ast.name.span,
                here,
            ),
            _ => continue,
        };
        let (message, was, now, at, here) = what;
        out.push(
            Change::on(&CODE, Object::Metric, p, "sunset", message)
                .values(was.map(|d| d.to_string()), now.to_string())
                .spans(Some(at), Some(here))
                .breaks(Breaks::NONE)
                .level(Level::Governance)
                .help("its consumers plan their move by the sunset: agree the new date with them"),
        );
    }
}
