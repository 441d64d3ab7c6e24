//! A metric, or a metric version, disappears.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a metric that the baseline declares and the current project does not: the
    /// name is gone, or its only version was removed. A version that a newer one replaced
    /// may be removed once its sunset has come (reported as compatible); removed before
    /// its sunset, or without one, it is reported as breaking.
    ///
    /// ## Why it matters
    /// Every dashboard, report and export that reads the metric loses it at once. A
    /// sunset is the promise that lets consumers of an old version move on their own
    /// schedule; removing the version earlier breaks that promise.
    ///
    /// ## Example
    /// ```truth
    /// metric net_revenue v1 { … sunset 2027-03-31 }   // baseline; removed before that date
    /// ```
    ///
    /// ## Use instead
    /// Give the version a `sunset` (or `replaces … sunset` on its successor), keep it until
    /// that date while its consumers move, then remove it.
    pub static CODE = ("B041", "metric-removed", Error, Breaking, "A metric was removed");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    let today = input.settings.today.or(input.new.today);
    let sunset = input.old.sunsets();
    let removed = pairs.metrics.iter().filter(|p| p.new.is_none()).map(|p| (p, false));
    for (p, retired) in removed.chain(pairs.retired_metrics.iter().map(|p| (p, true))) {
        let Some(o) = p.old else { continue };
        let m = &input.old.metrics[o];
        let v = m.version().map(|v| format!(" v{v}")).unwrap_or_default();
        let name = format!("{}{v}", m.item.ast.name.text);
        // The version that replaced it, for a retired one.
        let successor = input
            .new
            .metrics
            .iter()
            .filter(|x| {
                x.item.ns == m.item.ns && x.item.ast.name.text == m.item.ast.name.text && x.version() > m.version()
            })
            .min_by_key(|x| x.version());
        let (breaks, message, help) = match (retired, sunset[o]) {
            (false, _) => (
                Breaks::BOTH,
                format!("metric `{name}` was removed"),
                "keep it, with a `sunset`, until its consumers have moved".to_string(),
            ),
            (true, Some((d, _))) if today.is_some_and(|t| t >= d) => (
                Breaks::NONE,
                format!("metric `{name}` was retired after its sunset ({d})"),
                "nothing to do: its sunset has come".to_string(),
            ),
            (true, Some((d, _))) => (
                Breaks::BOTH,
                format!("metric `{name}` was removed before its sunset ({d})"),
                format!("keep it until {d}: its consumers move by that date"),
            ),
            (true, None) => (
                Breaks::BOTH,
                format!("metric `{name}` was removed without a sunset"),
                "give it a `sunset` (or `replaces … sunset` on its successor) and remove it once that date has come"
                    .to_string(),
            ),
        };
        out.push(
            Change::on(&CODE, Object::Metric, p, "", message)
                .values(name, None)
                .spans(Some(m.item.ast.name.span), successor.map(|s| s.item.ast.name.span))
                .breaks(breaks)
                .level(Level::Wire)
                .help(help),
        );
    }
}
