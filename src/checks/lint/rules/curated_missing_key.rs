//! Curated tables declare their key.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Layer;

declare_code! {
    /// ## What it does
    /// Reports a `layer curated` table without `key`.
    ///
    /// ## Why it matters
    /// Curated tables are what everything else joins to. The key is the promise that a
    /// value finds at most one row; without it, a duplicate that slipped through
    /// deduplication silently doubles every number built on the table, and no test can
    /// catch it because nothing says it is wrong.
    ///
    /// ## Example
    /// ```truth
    /// table payments {
    ///   layer curated
    ///   grain payment_id
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table payments {
    ///   layer curated
    ///   grain payment_id
    ///   key payment_id
    /// }
    /// ```
    pub static CODE = ("L011", "curated-missing-key", Error, Lint, "A curated table declares no key");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for t in &m.tables {
        if t.layer() != Some(Layer::Curated) || t.item.ast.key.is_some() {
            continue;
        }
        let help = match &t.item.ast.grain {
            Some(g) => {
                let cols: Vec<&str> = g.value.iter().map(|n| n.text.as_str()).collect();
                format!("add `key {}` (the grain), or the columns that identify one row if they differ", cols.join(", "))
            }
            None => "add `key <columns>`: the columns that identify one row, for example `key payment_id`".to_string(),
        };
        out.push(
            Diagnostic::new(&CODE, t.item.ast.name.span, format!("curated table `{}` declares no key", t.item.ast.name.text))
                .with_label_message("no `key`")
                .with_help(help),
        );
    }
}
