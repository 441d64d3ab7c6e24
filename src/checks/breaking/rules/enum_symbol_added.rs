//! An enum of an event field gains symbols.

use crate::checks::breaking::compat::{parts, symbols_missing};
use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::semantic::types::Type;

declare_code! {
    /// ## What it does
    /// Reports symbols that an enum field has in the current version and not in the
    /// baseline, including enums inside lists, maps and structs. It is compatible when the
    /// baseline's enum declares a default symbol (`@enum_default(other)`), which readers
    /// that have not upgraded fall back to.
    ///
    /// ## Why it matters
    /// A producer on the new schema writes the new symbol; a reader on the old schema does
    /// not know it and, without a default symbol, fails to read the record (a forward
    /// break), or in lenient decoders maps it to something else.
    ///
    /// ## Example
    /// ```truth
    /// channel enum(web, ios)            // baseline
    /// channel enum(web, ios, android)   // current
    /// ```
    ///
    /// ## Use instead
    /// Declare a default symbol first and let every reader upgrade to it, then add
    /// symbols freely:
    /// ```truth
    /// channel enum(web, ios, other) @enum_default(other)
    /// ```
    pub static CODE = ("B010", "enum-symbol-added", Error, Breaking, "An enum of an event field gained a symbol");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else {
                continue;
            };
            for (at, a, b) in parts(&old.ty, &new.ty) {
                let (Type::Enum { symbols: was, default, .. }, Type::Enum { symbols: now, .. }) = (a, b) else {
                    continue;
                };
                let added: Vec<String> = symbols_missing(now, was)
                    .into_iter()
                    .map(|s| format!("`{s}`"))
                    .collect();
                if added.is_empty() {
                    continue;
                }
                let field = format!("{}{at}", new.name);
                let plural = if added.len() == 1 { "" } else { "s" };
                let (breaks, why) = match default {
                    Some(d) => (Breaks::NONE, format!("readers that have not upgraded read it as `{d}`")),
                    None => (
                        Breaks::FORWARD,
                        "readers that have not upgraded cannot read it".to_string(),
                    ),
                };
                out.push(
                    Change::on(
                        &CODE,
                        Object::Event,
                        p,
                        format!("fields.{field}"),
                        format!("enum field `{field}` gained symbol{plural} {}: {why}", added.join(", ")),
                    )
                    .values(a.to_string(), b.to_string())
                    .spans(Some(old.type_span), Some(new.type_span))
                    .breaks(breaks)
                    .level(Level::Wire)
                    .help(
                        "declare a default symbol (`@enum_default(other)`) and upgrade readers before adding symbols",
                    ),
                );
            }
        }
    }
}
