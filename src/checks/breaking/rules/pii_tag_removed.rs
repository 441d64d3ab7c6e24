//! An event field or a table column loses its `@pii` tag or its classification.

use crate::checks::breaking::pair::{ElemPair, Matched, Pairs};
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::lineage::classify::rank;

declare_code! {
    /// ## What it does
    /// Reports an event field or a table column that is tagged `@pii` in the baseline and
    /// not in the current version, and a field whose `@classification` is removed or lowered (`public` <
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
    pub static CODE = ("B014", "pii-tag-removed", Error, Breaking, "A PII tag or classification was removed from a field or column");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        compare(p, &fields, Object::Event, "fields", "field", out);
    }
    // Warehouse access policies apply to tables: a column loses its protection the same
    // way a field does. A column a table takes from its event is reported once, on the
    // event field.
    for (p, columns) in pairs.table_columns(input.old, input.new) {
        let Some(n) = p.new else { continue };
        let table = &input.new.tables[n];
        let declared: Vec<Matched<'_>> = columns
            .into_iter()
            .filter(|m| m.new.is_some_and(|c| table.declares(c)))
            .collect();
        compare(p, &declared, Object::Table, "columns", "column", out);
    }
}

fn compare(p: &ElemPair, fields: &[Matched<'_>], object: Object, block: &str, word: &str, out: &mut Vec<Change>) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else {
                continue;
            };
            let path = format!("{block}.{}", new.name);
            if old.pii && !new.pii {
                out.push(
                    Change::on(
                        &CODE,
                        object,
                        p,
                        path.clone(),
                        format!("{word} `{}` is no longer tagged `@pii`", new.name),
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
                    "{word} `{}` lowered its classification from `{}` to `{}`",
                    new.name, was.value, c.value
                ),
                None => format!("{word} `{}` lost its classification `{}`", new.name, was.value),
            };
            out.push(
                Change::on(&CODE, object, p, path, what)
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
