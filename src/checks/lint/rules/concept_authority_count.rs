//! A concept has exactly one authority.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;

declare_code! {
    /// ## What it does
    /// Reports a concept with no `authority`, or with more than one.
    ///
    /// ## Why it matters
    /// The authority is the one system allowed to say "this order exists". With none,
    /// every copy is equally (un)trustworthy; with two, they will disagree and nobody
    /// can say which is right.
    ///
    /// ## Example
    /// ```truth
    /// concept order {
    ///   authority orders_db.orders
    ///   authority warehouse.orders
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// concept order {
    ///   authority orders_db.orders
    /// }
    /// ```
    pub static CODE = ("L001", "concept-authority-count", Error, Lint, "A concept has no authority, or more than one");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for c in &m.concepts {
        let ast = &c.item.ast;
        match ast.authorities.as_slice() {
            [] => out.push(
                Diagnostic::new(&CODE, ast.name.span, format!("concept `{}` names no authority", ast.name.text))
                    .with_help("add `authority <system>.<table>`: the one place where this concept is committed"),
            ),
            [first, rest @ ..] if !rest.is_empty() => {
                let mut d = Diagnostic::new(&CODE, rest[0].span, format!(
                    "concept `{}` has {} authorities; it must have exactly one",
                    ast.name.text,
                    rest.len() + 1
                ))
                .with_label_message("second authority")
                .with_secondary(first.span, "first authority");
                for r in &rest[1..] {
                    d = d.with_secondary(r.span, "another authority");
                }
                out.push(d.with_help("keep the system that commits the fact; read the others as copies through CDC, replicas or snapshots"));
            }
            _ => {}
        }
    }
}
