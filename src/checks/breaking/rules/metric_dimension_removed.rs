//! A metric can no longer be sliced by one of its dimensions.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a dimension that a metric version lists in the baseline and not in the
    /// current project.
    ///
    /// ## Why it matters
    /// Consumers group and filter the metric by its dimensions: a dashboard broken down by
    /// `channel` cannot be drawn once `channel` is gone, and a report filtered on it fails
    /// or silently shows the total.
    ///
    /// ## Example
    /// ```truth
    /// dimensions channel, currency   // baseline
    /// dimensions currency            // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the dimension; if the source can no longer provide it, publish a new version
    /// of the metric and move consumers to it.
    pub static CODE = ("B043", "metric-dimension-removed", Error, Breaking, "A dimension was removed from a metric");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    let renames = pairs.renames(input.old, input.new);
    for p in &pairs.metrics {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (mo, mn) = (&input.old.metrics[o].item.ast, &input.new.metrics[n].item.ast);
        // A dimension whose column was renamed (`@renamed_from`) is kept under its new name.
        let renamed = input.old.metrics[o]
            .from
            .zip(input.new.metrics[n].from)
            .and_then(|k| renames.get(&k));
        let current = |d: &str| renamed.and_then(|r| r.get(d)).map_or(d, String::as_str).to_string();
        let Some(was) = &mo.dimensions else { continue };
        let now: Vec<&str> = mn
            .dimensions
            .iter()
            .flat_map(|d| &d.value)
            .map(|d| d.text.as_str())
            .collect();
        let at = mn.dimensions.as_ref().map_or(mn.name.span, |d| d.span);
        let v = mn
            .version
            .as_ref()
            .map(|v| format!(" v{}", v.value))
            .unwrap_or_default();
        for d in was.value.iter().filter(|d| !now.contains(&current(&d.text).as_str())) {
            out.push(
                Change::on(
                    &CODE,
                    Object::Metric,
                    p,
                    format!("dimensions.{}", d.text),
                    format!("metric `{}{v}` can no longer be sliced by `{}`", mn.name.text, d.text),
                )
                .values(d.text.clone(), None)
                .spans(Some(d.span), Some(at))
                .breaks(Breaks::BOTH)
                .level(Level::Wire)
                .help("keep the dimension, or publish a new version of the metric and move consumers to it"),
            );
        }
    }
}
