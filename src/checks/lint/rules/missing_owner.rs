//! Systems, events, curated tables, marts and consumers name who answers for them.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Node;
use crate::syntax::ast::{Layer, Name};

declare_code! {
    /// ## What it does
    /// Reports a system, an event, a `layer curated` or `layer mart` table, or a consumer
    /// without `owner`. (Metrics have their own rule.)
    ///
    /// ## Why it matters
    /// When a number looks wrong, someone has to be called. An object without an owner is
    /// one nobody reviews a change to, nobody is paged for, and nobody can agree a fix or a
    /// deprecation with.
    ///
    /// ## Example
    /// ```truth
    /// system orders_db {
    ///   domain operational
    ///   engine postgres
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// system orders_db {
    ///   domain operational
    ///   engine postgres
    ///   owner orders
    /// }
    /// ```
    pub static CODE = ("L014", "missing-owner", Error, Lint, "A system, event, curated table or consumer names no owner");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    let mut report = |name: &Name, what: String| {
        out.push(
            Diagnostic::new(&CODE, name.span, format!("{what} names no owner"))
                .with_label_message("no `owner`")
                .with_help("add `owner <team>`: the team accountable for it, and the one to call when its data looks wrong"),
        );
    };
    for (i, s) in m.systems.iter().enumerate() {
        if s.item.ast.owner.is_none() {
            report(&s.item.ast.name, m.describe(&Node::System(i)));
        }
    }
    for (i, e) in m.events.iter().enumerate() {
        if e.item.ast.owner.is_none() {
            report(&e.item.ast.name, m.describe(&Node::Event(i)));
        }
    }
    for t in &m.tables {
        let layer = match t.layer() {
            Some(Layer::Curated) => "curated",
            Some(Layer::Mart) => "mart",
            _ => continue,
        };
        if t.item.ast.owner.is_none() {
            report(&t.item.ast.name, format!("{layer} table `{}`", t.item.ast.name.text));
        }
    }
    for (i, c) in m.consumers.iter().enumerate() {
        if c.item.ast.owner.is_none() {
            report(&c.item.ast.name, m.describe(&Node::Consumer(i)));
        }
    }
}
