//! A type 2 history names the columns that bound each version.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;

declare_code! {
    /// ## What it does
    /// Reports a `history scd2` entry that does not name all three of its columns:
    /// `valid_from`, `valid_to` and `current`.
    ///
    /// ## Why it matters
    /// A slowly changing dimension of type 2 keeps one row per version of an entity. Only
    /// the validity columns say which version was true on a given day and which one is
    /// true now; without them the history cannot answer "as of" questions, and a join to
    /// it returns every version at once.
    ///
    /// ## Example
    /// ```truth
    /// table orders_history {
    ///   layer curated
    ///   include std.scd2_validity
    ///   history scd2 valid_from valid_from
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table orders_history {
    ///   layer curated
    ///   include std.scd2_validity
    ///   history scd2 valid_from valid_from valid_to valid_to current is_current
    /// }
    /// ```
    pub static CODE = ("L012", "scd2-missing-validity-columns", Error, Lint, "A type 2 history does not name its validity columns");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for t in &m.tables {
        let Some(h) = &t.item.ast.history else { continue };
        let missing: Vec<String> = [("valid_from", &h.valid_from), ("valid_to", &h.valid_to), ("current", &h.current)]
            .into_iter()
            .filter(|(_, c)| c.is_none())
            .map(|(role, _)| format!("`{role}`"))
            .collect();
        let list = match missing.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => continue,
        };
        out.push(
            Diagnostic::new(&CODE, h.span, format!(
                "table `{}` keeps a type 2 history but does not name its {list} column{}",
                t.item.ast.name.text,
                if missing.len() == 1 { "" } else { "s" }
            ))
            .with_label_message(format!("missing {list}"))
            .with_help("name all three: `history scd2 valid_from <column> valid_to <column> current <column>`; `include std.scd2_validity` declares `valid_from`, `valid_to` and `is_current`"),
        );
    }
}
