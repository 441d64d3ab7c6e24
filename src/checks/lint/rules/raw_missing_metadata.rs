//! Raw landing tables carry the standard metadata columns.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Layer;

/// The columns every raw landing table carries, as `std.raw_metadata` declares them.
const METADATA: [&str; 4] = ["ingested_at", "source", "schema_version", "partition"];

declare_code! {
    /// ## What it does
    /// Reports a `layer raw` table that lacks any of the metadata columns `ingested_at`,
    /// `source`, `schema_version` and `partition`.
    ///
    /// ## Why it matters
    /// Those columns make every landed row traceable: when it arrived, where it came
    /// from, which schema it was written with and which load it belongs to. Without them
    /// a bad load cannot be found, old rows cannot be parsed with their own schema, and
    /// a partition cannot be replayed.
    ///
    /// ## Example
    /// ```truth
    /// table raw_order_paid {
    ///   layer raw
    ///   source event order_paid v3
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table raw_order_paid {
    ///   layer raw
    ///   source event order_paid v3
    ///   include std.raw_metadata
    /// }
    /// ```
    pub static CODE = ("L006", "raw-missing-metadata", Error, Lint, "A raw landing table lacks the metadata columns");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for t in &m.tables {
        if t.layer() != Some(Layer::Raw) {
            continue;
        }
        let missing: Vec<String> =
            METADATA.iter().filter(|c| t.column(c).is_none()).map(|c| format!("`{c}`")).collect();
        if missing.is_empty() {
            continue;
        }
        let what = if missing.len() == 1 { "column" } else { "columns" };
        out.push(
            Diagnostic::new(&CODE, t.item.ast.name.span, format!(
                "raw table `{}` lacks the metadata {what} {}",
                t.item.ast.name.text,
                join(&missing)
            ))
            .with_label_message(format!("missing {}", join(&missing)))
            .with_help(
                "add `include std.raw_metadata`: it declares all four (`ingested_at`, `source`, `schema_version`, `partition`)",
            ),
        );
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
