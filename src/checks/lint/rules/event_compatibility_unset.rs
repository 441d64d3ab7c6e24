//! An event declares how its schema may evolve.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;
use crate::syntax::ast::{CompatMode, Stability};

declare_code! {
    /// ## What it does
    /// Reports an event without `compatibility`, and a `stability stable` event whose
    /// compatibility is `none`.
    ///
    /// ## Why it matters
    /// An event's schema has consumers the producer never meets. The compatibility mode
    /// is the promise that decides which changes are safe (adding an optional field) and
    /// which break them (removing one); without it, `truthline breaking` has nothing to
    /// hold a change to, and a stable event that promises nothing is not stable.
    ///
    /// ## Example
    /// ```truth
    /// event order_paid v3 {
    ///   stability stable
    ///   compatibility none
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// event order_paid v3 {
    ///   stability stable
    ///   compatibility backward_transitive
    /// }
    /// ```
    pub static CODE = ("L018", "event-compatibility-unset", Warning, Lint, "An event declares no compatibility mode");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for (i, e) in m.events.iter().enumerate() {
        let ast = &e.item.ast;
        let what = m.describe(&Node::Event(i));
        match (&ast.compatibility, &ast.stability) {
            (None, _) => out.push(
                Diagnostic::new(&CODE, ast.name.span, format!("{what} declares no compatibility mode"))
                    .with_label_message("no `compatibility`")
                    .with_help("add `compatibility backward` (or the mode its consumers need), so that breaking changes are caught before they ship"),
            ),
            (Some(c), Some(s)) if c.value == CompatMode::None && s.value == Stability::Stable => out.push(
                Diagnostic::new(&CODE, c.span, format!("{what} is stable but promises no compatibility"))
                    .with_label_message("any change may break its consumers")
                    .with_secondary(s.span, "declared stable here")
                    .with_help("choose a mode such as `compatibility backward_transitive`, or mark the event `stability beta` while its schema still moves"),
            ),
            _ => {}
        }
    }
}
