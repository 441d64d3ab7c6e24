//! A field of an event changes type.

use crate::checks::breaking::compat::{classify, TypeChange};
use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::semantic::types::Type;

declare_code! {
    /// ## What it does
    /// Reports a field whose type changed between versions, by Avro's resolution rules:
    /// a widening (`int` → `long`, `float` → `double`) breaks readers that have not
    /// upgraded (forward); a narrowing breaks new readers of old data (backward); any
    /// other change (`int` → `string`, scalar → list) breaks both. Precision, scale,
    /// lengths and enum symbols are reported by their own rules.
    ///
    /// ## Why it matters
    /// A reader decodes with its own schema; a value it cannot promote is a failed read
    /// or, in lenient decoders, a silently wrong number.
    ///
    /// ## Example
    /// ```truth
    /// quantity int      // baseline
    /// quantity string   // current
    /// ```
    ///
    /// ## Use instead
    /// Add a new field with the new type, fill both during the migration, and retire the
    /// old one later; or publish a new version of the event.
    pub static CODE = ("B004", "field-type-changed", Error, Breaking, "A field of an event changed type");
}

/// Unions, and structs, lists and maps on both sides, are compared inside: resolution
/// reports the nested field, item or branch that changed, and the union rules the
/// branches, rather than this rule the whole type.
fn descends(a: &Type, b: &Type) -> bool {
    matches!(a, Type::Union(_))
        || matches!(b, Type::Union(_))
        || matches!(
            (a, b),
            (Type::Struct { .. } | Type::Ref(_), Type::Struct { .. } | Type::Ref(_))
                | (Type::List(..), Type::List(..))
                | (Type::Map(..), Type::Map(..))
        )
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else { continue };
            if descends(&old.ty, &new.ty) {
                continue;
            }
            let (breaks, how) = match classify(&old.ty, &new.ty) {
                TypeChange::Same => continue,
                TypeChange::Widened => (Breaks::FORWARD, "widened"),
                TypeChange::Narrowed => (Breaks::BACKWARD, "narrowed"),
                TypeChange::Changed => (Breaks::BOTH, "changed"),
            };
            out.push(
                Change::on(&CODE, Object::Event, p, format!("fields.{}", new.name), format!(
                    "field `{}` {how} its type from `{}` to `{}`",
                    new.name, old.ty, new.ty
                ))
                .values(old.ty.to_string(), new.ty.to_string())
                .spans(Some(old.type_span), Some(new.type_span))
                .breaks(breaks)
                .level(Level::Wire)
                .help("add a field with the new type instead, or publish a new version of the event"),
            );
        }
    }
}
