//! An enum of an event field loses symbols.

use crate::checks::breaking::compat::{parts, symbols_missing};
use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::semantic::types::Type;

declare_code! {
    /// ## What it does
    /// Reports symbols that an enum field has in the baseline and not in the current
    /// version, including enums inside lists, maps and structs. It is compatible when the
    /// current enum declares a default symbol (`@enum_default(other)`) that readers on the
    /// new schema read the removed symbols as.
    ///
    /// ## Why it matters
    /// Data written before the change still holds the removed symbol. A reader on the new
    /// schema meets a value it has no symbol for and, without a default symbol, fails (a
    /// backward break).
    ///
    /// ## Example
    /// ```truth
    /// status enum(captured, failed, pending)   // baseline
    /// status enum(captured, failed)            // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the symbol and stop producing it, or declare a default symbol for readers:
    /// ```truth
    /// status enum(captured, failed, unknown) @enum_default(unknown)
    /// ```
    pub static CODE = ("B011", "enum-symbol-removed", Error, Breaking, "An enum of an event field lost a symbol");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else {
                continue;
            };
            for (at, a, b) in parts(&old.ty, &new.ty) {
                let (Type::Enum { symbols: was, .. }, Type::Enum { symbols: now, default, .. }) = (a, b) else {
                    continue;
                };
                let removed: Vec<String> = symbols_missing(was, now)
                    .into_iter()
                    .map(|s| format!("`{s}`"))
                    .collect();
                if removed.is_empty() {
                    continue;
                }
                let field = format!("{}{at}", new.name);
                let plural = if removed.len() == 1 { "" } else { "s" };
                let (breaks, why) = match default {
                    Some(d) => (Breaks::NONE, format!("new readers read old data holding it as `{d}`")),
                    None => (
                        Breaks::BACKWARD,
                        "data written before the change still holds it".to_string(),
                    ),
                };
                out.push(
                    Change::on(&CODE, Object::Event, p, format!("fields.{field}"), format!(
                        "enum field `{field}` lost symbol{plural} {}: {why}",
                        removed.join(", ")
                    ))
                    .values(a.to_string(), b.to_string())
                    .spans(Some(old.type_span), Some(new.type_span))
                    .breaks(breaks)
                    .level(Level::Wire)
                    .help("keep the symbol and stop producing it, or declare a default symbol (`@enum_default(…)`) for readers"),
                );
            }
        }
    }
}
