//! The default value of an event field changes.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::syntax::ast::Literal;

declare_code! {
    /// ## What it does
    /// Reports a field whose `default` value differs between the baseline and the current
    /// version. Values are compared normalized: `0.50` and `0.5` are the same number, and
    /// `web` and `"web"` the same symbol.
    ///
    /// ## Why it matters
    /// Nothing fails to read, which is the danger: a reader fills the default in wherever
    /// the writer had no value, so records read before and after the change disagree on
    /// what "not given" means, and nobody is told.
    ///
    /// ## Example
    /// ```truth
    /// channel enum(web, ios, android) default web       // baseline
    /// channel enum(web, ios, android) default android   // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the default and have producers write the new value explicitly, or publish a
    /// new version of the event so consumers choose when to move.
    pub static CODE = ("B007", "field-default-changed", Warning, Breaking, "The default value of an event field changed");
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else {
                continue;
            };
            let (Some(a), Some(b)) = (&old.default, &new.default) else {
                continue;
            };
            if same(a, b) {
                continue;
            }
            out.push(
                Change::on(&CODE, Object::Event, p, format!("fields.{}", new.name), format!(
                    "field `{}` changed its default from `{}` to `{}`: values that were not written now read differently",
                    new.name,
                    show(a),
                    show(b)
                ))
                .values(show(a), show(b))
                .spans(old.default_span.or(Some(old.span)), new.default_span.or(Some(new.span)))
                .breaks(Breaks::NONE)
                .level(Level::Semantic)
                .help("keep the default and write the new value explicitly, or publish a new version of the event"),
            );
        }
    }
}

/// Whether two defaults are the same value: strings and names by their text, numbers by
/// their value as written without trailing zeros.
fn same(a: &Literal, b: &Literal) -> bool {
    match (a, b) {
        (Literal::String(x) | Literal::Ident(x), Literal::String(y) | Literal::Ident(y)) => x == y,
        _ => show(a) == show(b),
    }
}

/// A literal as written in a contract, normalized.
pub(crate) fn show(l: &Literal) -> String {
    match l {
        Literal::String(s) => format!("{s:?}"),
        Literal::Number(n) => number(n),
        Literal::Ident(s) => s.clone(),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".into(),
        Literal::Date(d) => d.to_string(),
        Literal::Duration(d) => d.to_string(),
        Literal::Percent(p) => format!("{}%", number(p.trim_end_matches('%'))),
    }
}

/// `0.50` → `0.5`, `1.0` → `1`.
fn number(n: &str) -> String {
    match n.split_once('.') {
        Some((int, frac)) if !frac.contains(['e', 'E']) => {
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            }
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_compare_normalized() {
        let n = |s: &str| Literal::Number(s.into());
        assert!(same(&n("0.50"), &n("0.5")));
        assert!(same(&n("1.0"), &n("1")));
        assert!(!same(&n("10"), &n("1")));
        assert!(same(&Literal::Ident("web".into()), &Literal::String("web".into())));
        assert_eq!(show(&Literal::String("web".into())), "\"web\"");
    }
}
