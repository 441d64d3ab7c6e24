//! An event field loses its `@pii` tag or its classification.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;

declare_code! {
    /// ## What it does
    /// Reports a field that is tagged `@pii` in the baseline and not in the current
    /// version, and a field whose `@classification` is removed or lowered (`public` <
    /// `internal` < `confidential`, `sensitive` < `restricted` < `secret`; a level outside
    /// that list counts as lowered whenever it changes).
    ///
    /// ## Why it matters
    /// Masking, access policies, retention and deletion requests are driven by these tags.
    /// Dropping one does not make the data less personal: it makes every downstream copy
    /// of it unprotected, in old and new pipelines alike. It is a governance break.
    ///
    /// ## Example
    /// ```truth
    /// email string @pii   // baseline
    /// email string        // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the tag. If the field really stopped holding personal data, publish a new
    /// version of the event (or acknowledge the change with a reason and an owner).
    pub static CODE = ("B014", "pii-tag-removed", Error, Breaking, "A PII tag or classification was removed from an event field");
}

/// Classification levels in increasing strictness; names on one level are synonyms.
const LEVELS: &[&[&str]] = &[
    &["public"],
    &["internal"],
    &["confidential", "sensitive"],
    &["restricted"],
    &["secret"],
];

fn rank(level: &str) -> Option<usize> {
    LEVELS.iter().position(|names| names.contains(&level))
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else {
                continue;
            };
            let path = format!("fields.{}", new.name);
            if old.pii && !new.pii {
                out.push(
                    Change::on(
                        &CODE,
                        Object::Event,
                        p,
                        path.clone(),
                        format!("field `{}` is no longer tagged `@pii`", new.name),
                    )
                    .values("@pii".to_string(), None)
                    .spans(old.pii_span.or(Some(old.span)), Some(new.span))
                    .breaks(Breaks::BOTH)
                    .level(Level::Governance)
                    .help("keep `@pii`: masking, access and deletion downstream depend on it"),
                );
            }
            let Some(was) = &old.classification else { continue };
            let now = new.classification.as_ref();
            let lowered = match now.map(|c| (rank(&was.value), rank(&c.value))) {
                None => true,
                Some((Some(a), Some(b))) => b < a,
                Some(_) => now.is_some_and(|c| c.value != was.value),
            };
            if !lowered {
                continue;
            }
            let what = match now {
                Some(c) => format!(
                    "field `{}` lowered its classification from `{}` to `{}`",
                    new.name, was.value, c.value
                ),
                None => format!("field `{}` lost its classification `{}`", new.name, was.value),
            };
            out.push(
                Change::on(&CODE, Object::Event, p, path, what)
                    .values(
                        format!("@classification({})", was.value),
                        now.map(|c| format!("@classification({})", c.value)),
                    )
                    .spans(Some(was.span), Some(now.map_or(new.span, |c| c.span)))
                    .breaks(Breaks::BOTH)
                    .level(Level::Governance)
                    .help(format!(
                        "keep `@classification({})`: access policies downstream depend on it",
                        was.value
                    )),
            );
        }
    }
}
