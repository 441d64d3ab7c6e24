//! An element's version goes down.

use crate::checks::breaking::pair::{ElemPair, Pairs};
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::span::{Span, Spanned};
use crate::syntax::ast::Name;

declare_code! {
    /// ## What it does
    /// Reports an event, table or metric whose version in the current project is lower than
    /// the baseline's (`event order_paid v3` becoming `v2`), or that lost its version.
    ///
    /// ## Why it matters
    /// Versions are how consumers, topics and tables name a schema: `order_paid v2` already
    /// means the baseline's v2. Going down reuses a released name for another definition,
    /// so readers pinned to it get a schema they never agreed to, and the new definition's
    /// changes are no longer recognised as a new version.
    ///
    /// ## Example
    /// ```truth
    /// event order_paid v3 { … }   // baseline
    /// event order_paid v2 { … }   // current
    /// ```
    ///
    /// ## Use instead
    /// Versions only go up: keep `v3`, and publish a breaking change as `v4`.
    pub static CODE = ("B021", "version-decreased", Error, Breaking, "The version of an event, table or metric decreased");
}

fn word(o: Object) -> &'static str {
    match o {
        Object::Event => "event",
        Object::Table => "table",
        Object::Metric => "metric",
    }
}

fn show(v: Option<u32>) -> String {
    v.map_or_else(|| "no version".to_string(), |v| format!("v{v}"))
}

/// One side of a pair: its name and its version as written.
type Side<'a> = (&'a Name, Option<&'a Spanned<u32>>);

fn report(out: &mut Vec<Change>, object: Object, p: &ElemPair, old: Side<'_>, new: Side<'_>) {
    let (was, now) = (old.1.map(|v| v.value), new.1.map(|v| v.value));
    if now >= was {
        return;
    }
    let span = |s: Side<'_>| -> Span { s.1.map_or(s.0.span, |v| v.span) };
    out.push(
        Change::on(
            &CODE,
            object,
            p,
            "version",
            format!(
                "{} `{}` went from {} down to {}: versions only go up",
                word(object),
                new.0.text,
                show(was),
                show(now)
            ),
        )
        .values(show(was), show(now))
        .spans(Some(span(old)), Some(span(new)))
        .breaks(Breaks::BOTH)
        .level(Level::Wire)
        .help(format!(
            "keep {} and publish breaking changes under a higher version",
            show(was)
        )),
    );
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    let (m, n) = (input.old, input.new);
    for p in &pairs.events {
        let (Some(o), Some(c)) = (p.old, p.new) else { continue };
        let (a, b) = (&m.events[o].item.ast, &n.events[c].item.ast);
        report(
            out,
            Object::Event,
            p,
            (&a.name, a.version.as_ref()),
            (&b.name, b.version.as_ref()),
        );
    }
    for p in &pairs.tables {
        let (Some(o), Some(c)) = (p.old, p.new) else { continue };
        let (a, b) = (&m.tables[o].item.ast, &n.tables[c].item.ast);
        report(
            out,
            Object::Table,
            p,
            (&a.name, a.version.as_ref()),
            (&b.name, b.version.as_ref()),
        );
    }
    for p in &pairs.metrics {
        let (Some(o), Some(c)) = (p.old, p.new) else { continue };
        let (a, b) = (&m.metrics[o].item.ast, &n.metrics[c].item.ast);
        report(
            out,
            Object::Metric,
            p,
            (&a.name, a.version.as_ref()),
            (&b.name, b.version.as_ref()),
        );
    }
}
