//! An event field loses its default value.

use super::field_default_changed::show;
use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::syntax::ast::Literal;

declare_code! {
    /// ## What it does
    /// Reports a field that has a `default` in the baseline and none in the current
    /// version. A nullable field still defaults to null, so for it the change is reported
    /// as compatible.
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
            let (Some(old), Some(new)) = (f.old, f.new) else {
                continue;
            };
            let (Some(was), None) = (&old.default, &new.default) else {
                continue;
            };
            let (breaks, what) = match (new.nullable, was) {
                (true, Literal::Null) => continue,
                (true, _) => (
                    Breaks::NONE,
                    format!(
                        "field `{}` lost its default `{}`: it now defaults to null",
                        new.name,
                        show(was)
                    ),
                ),
                (false, _) => (
                    Breaks::BACKWARD,
                    format!("field `{}` lost its default `{}`", new.name, show(was)),
                ),
            };
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
