//! A field of an event is renamed with `@renamed_from`.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a field renamed through `@renamed_from(old_name)`. New readers resolve the
    /// old name through the declaration; readers that have not upgraded still look for the
    /// old name. It is compatible when the baseline's field had a default (a nullable one
    /// `default null`), which those readers then fall back to. (An undeclared rename is a removal and an
    /// addition: `field-removed` and `field-added-without-default`.)
    ///
    /// ## Why it matters
    /// A producer on the new schema writes only the new name. An old reader finds no value
    /// under the name it knows and, without a default, fails (a forward break).
    ///
    /// ## Example
    /// ```truth
    /// email string                                     // baseline
    /// customer_email string @renamed_from(email)       // current
    /// ```
    ///
    /// ## Use instead
    /// Upgrade every reader first (the event's `compatibility` then says `backward`), or
    /// give the old field a default in a release before renaming it.
    pub static CODE = ("B012", "field-renamed", Error, Breaking, "A field of an event was renamed");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new), true) = (f.old, f.new, f.renamed) else {
                continue;
            };
            let (breaks, why) = if old.default.is_some() {
                (Breaks::NONE, "readers that have not upgraded read its default instead")
            } else {
                (
                    Breaks::FORWARD,
                    "readers that have not upgraded still look for the old name",
                )
            };
            out.push(
                Change::on(
                    &CODE,
                    Object::Event,
                    p,
                    format!("fields.{}", new.name),
                    format!("field `{}` was renamed to `{}`: {why}", old.name, new.name),
                )
                .values(old.name.clone(), new.name.clone())
                .spans(Some(old.span), Some(new.span))
                .breaks(breaks)
                .level(Level::Wire)
                .help(if breaks == Breaks::NONE {
                    format!(
                        "move every reader of `{}` to `{}`: until then they read its default",
                        old.name, new.name
                    )
                } else {
                    format!(
                        "upgrade every reader of `{}` first, or give it a default in a release before renaming it",
                        old.name
                    )
                }),
            );
        }
    }
}
