//! An event field loses its default value.

use super::field_default_changed::show;
use crate::checks::breaking::pair::{default_removed_in_place, Pairs};
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a field that has a `default` in the baseline and none in the current
    /// version (a nullable field included: without `default null` it has no default).
    /// A default is read only where the writer lacks the field, so the change breaks
    /// nothing while every version compared has the field; it is a backward break under
    /// a transitive mode when an earlier version lacks it.
    ///
    /// ## Why it matters
    /// The default is what lets a reader on the new schema read data written without the
    /// field, such as events from before the field was added. Without it those reads fail
    /// (a backward break).
    ///
    /// ## Example
    /// ```truth
    /// is_test bool default false   // baseline
    /// is_test bool                 // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the default; producers can still write every value explicitly.
    pub static CODE = ("B008", "field-default-removed", Error, Breaking, "The default value of an event field was removed");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            // Against an earlier version that lacks the field (a transitive mode), the
            // default removed from the version edited in place is what readers miss.
            if let (None, Some(new)) = (f.old, f.new) {
                if let (Some(was), None) = (default_removed_in_place(p, input.old, &new.name), &new.default) {
                    out.push(
                        Change::on(
                            &CODE,
                            Object::Event,
                            p,
                            format!("fields.{}", new.name),
                            format!(
                                "field `{}` lost its default `{}`, which readers need for data of earlier versions written without it",
                                new.name,
                                show(was)
                            ),
                        )
                        .values(show(was), None)
                        .spans(None, Some(new.span))
                        .breaks(Breaks::BACKWARD)
                        .level(Level::Wire)
                        .help(format!("keep `default {}`", show(was))),
                    );
                }
                continue;
            }
            let (Some(old), Some(new)) = (f.old, f.new) else {
                continue;
            };
            let (Some(was), None) = (&old.default, &new.default) else {
                continue;
            };
            // Who it breaks is settled by resolution: a default is read only where the
            // writer lacks the field, so with the field on both sides nobody needs it; under
            // a transitive mode an earlier version without the field does.
            let what = format!("field `{}` lost its default `{}`", new.name, show(was));
            let breaks = Breaks::BACKWARD;
            out.push(
                Change::on(&CODE, Object::Event, p, format!("fields.{}", new.name), what)
                    .values(show(was), None)
                    .spans(old.default_span.or(Some(old.span)), Some(new.span))
                    .breaks(breaks)
                    .level(Level::Wire)
                    .help(format!(
                        "keep `default {}`: readers need it for data written without the field",
                        show(was)
                    )),
            );
        }
    }
}
