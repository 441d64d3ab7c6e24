//! A record, enum or fixed type inside an event is renamed without an alias.

use crate::checks::breaking::compat::parts;
use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::semantic::types::Type;

declare_code! {
    /// ## What it does
    /// Reports a named type of an event field (a `struct`, or an enum or fixed type
    /// declared with `type`) whose name changed between versions, when the reader does
    /// not list the other name in `@aliases(…)`. A change of namespace alone is no
    /// change: Avro compares names without their namespace.
    ///
    /// ## Why it matters
    /// Avro resolves records, enums and fixed types by name. A reader whose type has
    /// another name, and no alias for the writer's, fails on every value.
    ///
    /// ## Example
    /// ```truth
    /// struct address { line1 string }          // baseline
    /// struct postal_address { line1 string }   // current
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// struct postal_address @aliases(address) { line1 string }
    /// ```
    pub static CODE = ("B022", "named-type-renamed", Error, Breaking, "A record, enum or fixed type was renamed without an alias");
}

fn name(t: &Type) -> Option<&str> {
    match t {
        Type::Struct { name: Some(n), .. } | Type::Enum { name: Some(n), .. } | Type::Fixed { name: Some(n), .. } => {
            Some(n.rsplit('.').next().unwrap_or(n))
        }
        _ => None,
    }
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else { continue };
            for (at, a, b) in parts(&old.ty, &new.ty) {
                let (Some(was), Some(now)) = (name(a), name(b)) else { continue };
                if was == now || std::mem::discriminant(a) != std::mem::discriminant(b) {
                    continue;
                }
                let field = format!("{}{at}", new.name);
                out.push(
                    Change::on(
                        &CODE,
                        Object::Event,
                        p,
                        format!("fields.{field}"),
                        format!("the type of `{field}` was renamed from `{was}` to `{now}`"),
                    )
                    .values(was.to_string(), now.to_string())
                    .spans(Some(old.type_span), Some(new.type_span))
                    // Settled by resolution: an alias on either reader makes it readable.
                    .breaks(Breaks::BOTH)
                    .level(Level::Wire)
                    .help(format!("keep the name, or declare the earlier one: `@aliases({was})` on `{now}`")),
                );
            }
        }
    }
}
