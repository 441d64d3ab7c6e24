//! Every column of a table built from one source is there to be read, or computed.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;
use crate::syntax::ast::Layer;

declare_code! {
    /// ## What it does
    /// Reports a column of a curated or mart table built from one source table, without a
    /// `transform`, when the source has no column of that name (the validity columns of
    /// a `history`, named or by their default names, are computed, and exempt).
    ///
    /// ## Why it matters
    /// Nothing fills such a column: the generated model can only write NULL into it, a
    /// required column then fails to load, and an optional one silently reads as "no
    /// value" in every report. Usually the source lacks a field it should declare, or the
    /// column is misspelt.
    ///
    /// ## Example
    /// ```truth
    /// table raw_users_cdc { columns { user_id string  updated_at timestamp } }
    /// table users_current {
    ///   source tables raw_users_cdc
    ///   columns { user_id string  is_deleted bool }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table raw_users_cdc { columns { user_id string  updated_at timestamp  is_deleted bool } }
    /// ```
    /// or compute it with a `transform` query.
    pub static CODE = ("L031", "derived-column-without-source", Error, Lint, "A derived table's column is in neither its source nor a transform");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for t in &m.tables {
        if !matches!(t.layer(), Some(Layer::Curated | Layer::Mart)) || t.item.ast.transform.is_some() {
            continue;
        }
        let [Node::Table(s)] = t.sources.as_slice() else { continue };
        let source = &m.tables[*s];
        if !source.columns_known {
            continue;
        }
        // The validity columns of a history are computed; unnamed, they take the names
        // `build` gives them.
        let computed: Vec<&str> = t
            .item
            .ast
            .history
            .iter()
            .flat_map(|h| {
                [(&h.valid_from, "valid_from"), (&h.valid_to, "valid_to"), (&h.current, "is_current")]
                    .map(|(named, default)| named.as_ref().map_or(default, |n| n.text.as_str()))
            })
            .collect();
        for c in &t.columns {
            if computed.contains(&c.name.as_str()) || source.column(&c.name).is_some() {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &CODE,
                    c.span,
                    format!(
                        "column `{}` of table `{}` is not in its source `{}`, and nothing computes it",
                        c.name, t.item.ast.name.text, source.item.ast.name.text
                    ),
                )
                .with_label_message("nothing fills this column")
                .with_secondary(source.item.ast.name.span, "the source")
                .with_help(format!(
                    "declare `{}` in `{}` (or fix the name), or compute the table with a `transform` query",
                    c.name, source.item.ast.name.text
                )),
            );
        }
    }
}
