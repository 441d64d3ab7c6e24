//! Raw landing is append-only.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Layer, WriteMode};

declare_code! {
    /// ## What it does
    /// Reports a `layer raw` table written with `write merge`, `write overwrite` or
    /// `write upsert`.
    ///
    /// ## Why it matters
    /// Raw landing is the record of what arrived, duplicates and late rows included. It
    /// is what a bad load is found in and what the curated layer is rebuilt from. A merge
    /// or an overwrite destroys the rows it replaces, so neither is possible any more.
    ///
    /// ## Example
    /// ```truth
    /// table raw_order_paid {
    ///   layer raw
    ///   source event order_paid v3
    ///   write merge
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table raw_order_paid {
    ///   layer raw
    ///   source event order_paid v3
    ///   write append
    /// }
    /// ```
    pub static CODE = ("L005", "raw-not-append-only", Error, Lint, "A raw landing table is not written append-only");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for t in &m.tables {
        let ast = &t.item.ast;
        let (Some(layer), Some(write)) = (&ast.layer, &ast.write) else { continue };
        if layer.value != Layer::Raw {
            continue;
        }
        let mode = match write.value {
            WriteMode::Append => continue,
            WriteMode::Merge => "merge",
            WriteMode::Overwrite => "overwrite",
            WriteMode::Upsert => "upsert",
        };
        out.push(
            Diagnostic::new(&CODE, write.span, format!(
                "raw table `{}` is written with `{mode}`; raw landing must be append-only",
                ast.name.text
            ))
            .with_label_message("replaces rows that landed")
            .with_secondary(layer.span, "a raw landing table")
            .with_help("use `write append`, and deduplicate or keep the latest version in the curated layer"),
        );
    }
}
