//! A concept's authority is an operational system.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Domain;

declare_code! {
    /// ## What it does
    /// Reports a concept whose `authority` is a table of a system whose domain is not
    /// `operational`, or that declares no domain.
    ///
    /// ## Why it matters
    /// The authority is where the product commits a fact: "this order exists", "this
    /// payment was captured". Only operational systems make such commitments. A warehouse
    /// table is a copy derived after the fact; naming it the authority lets analytics
    /// overrule the record it was derived from.
    ///
    /// ## Example
    /// ```truth
    /// system warehouse { domain analytical engine duckdb owner data }
    ///
    /// concept order {
    ///   authority warehouse.orders
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// system orders_db { domain operational engine postgres owner orders }
    ///
    /// concept order {
    ///   authority orders_db.orders
    /// }
    /// ```
    pub static CODE = ("L015", "authority-not-operational", Error, Lint, "A concept's authority is not an operational system");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for c in &m.concepts {
        let ast = &c.item.ast;
        for written in &ast.authorities {
            let Some((sys, _)) = c.authorities.iter().find(|(sys, table)| {
                let it = &m.systems[*sys].item;
                written.text.rsplit_once('.').is_some_and(|(sn, tn)| {
                    tn == table
                        && (sn == it.ast.name.text
                            || sn.strip_prefix(it.ns.as_str()).and_then(|r| r.strip_prefix('.')) == Some(it.ast.name.text.as_str()))
                })
            }) else {
                continue;
            };
            let system = &m.systems[*sys].item.ast;
            let (is, at, label) = match &system.domain {
                Some(d) if d.value == Domain::Operational => continue,
                Some(d) => {
                    let word = domain_word(d.value);
                    (format!("is an {word} system"), d.span, format!("declared {word} here"))
                }
                None => ("declares no domain".to_string(), system.name.span, "declares no domain".to_string()),
            };
            out.push(
                Diagnostic::new(&CODE, written.span, format!(
                    "concept `{}` names `{}` as its authority, but `{}` {is}",
                    ast.name.text, written.text, system.name.text
                ))
                .with_label_message("not in an operational system")
                .with_secondary(at, label)
                .with_help(format!(
                    "name the table of the operational system where each `{}` is committed; read copies from it, never the other way round",
                    ast.name.text
                )),
            );
        }
    }
}

fn domain_word(d: Domain) -> &'static str {
    match d {
        Domain::Operational => "operational",
        Domain::Analytical => "analytical",
        Domain::Observational => "observational",
        Domain::Experimental => "experimental",
    }
}
