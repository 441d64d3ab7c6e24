//! A constraint on an event field's values is tightened.

use super::field_default_changed::show;
use crate::checks::breaking::compat::parts;
use crate::checks::breaking::pair::{ElemPair, Pairs};
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::semantic::model::Column;
use crate::semantic::types::Type;
use crate::span::Span;
use crate::syntax::ast::Literal;

declare_code! {
    /// ## What it does
    /// Reports a constraint on a field's values that the current version tightens: a
    /// maximum length lowered or added (`string(n)`, `@length`), a minimum length raised,
    /// a `@range` narrowed or added, a `@pattern` added or changed. Maximum lengths inside
    /// lists, maps and structs count too. A loosened constraint is reported as compatible.
    ///
    /// ## Why it matters
    /// Data written before the change was only held to the old constraint. A reader on the
    /// new schema that validates (or stores into a column sized by it) rejects or truncates
    /// old values that no longer fit (a backward break).
    ///
    /// ## Example
    /// ```truth
    /// code string(64)                        // baseline
    /// code string(32) @pattern("^[A-Z]+$")   // current
    /// ```
    ///
    /// ## Use instead
    /// Validate new values where they are produced and keep the schema's constraint as
    /// wide as the data already written, or publish a new version of the event.
    pub static CODE = ("B013", "constraint-tightened", Error, Breaking, "A constraint on an event field's values was tightened");
}

/// One constraint as written on one side: its description and where it is written.
type Limit = Option<(String, Span)>;

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, fields) in pairs.event_fields(input.old, input.new) {
        for f in fields {
            let (Some(old), Some(new)) = (f.old, f.new) else {
                continue;
            };
            let mut report = |field: String, was: Limit, now: Limit, tightened: bool, fallback: (Span, Span)| {
                out.push(change(p, field, was, now, tightened, fallback));
            };
            let name = new.name.clone();
            let whole = (old.span, new.span);
            if let (Some(a), Some(b)) = (length(old), length(new)) {
                let tightened =
                    b.1.unwrap_or(u64::MAX) < a.1.unwrap_or(u64::MAX) || b.0.unwrap_or(0) > a.0.unwrap_or(0);
                if (a.0, a.1) != (b.0, b.1) {
                    report(
                        name.clone(),
                        describe(a.0, a.1, a.2),
                        describe(b.0, b.1, b.2),
                        tightened,
                        whole,
                    );
                }
            }
            for (at, a, b) in parts(&old.ty, &new.ty).into_iter().skip(1) {
                let (Some(x), Some(y)) = (max_length(a), max_length(b)) else {
                    continue;
                };
                if x != y {
                    let tightened = y.unwrap_or(u64::MAX) < x.unwrap_or(u64::MAX);
                    let types = (old.type_span, new.type_span);
                    let (was, now) = (describe(None, x, types.0), describe(None, y, types.1));
                    report(format!("{name}{at}"), was, now, tightened, types);
                }
            }
            let (ra, rb) = (&old.constraints.range, &new.constraints.range);
            if ra.as_ref().map(|r| normal(&r.value)) != rb.as_ref().map(|r| normal(&r.value)) {
                let tightened = match (ra, rb) {
                    (_, None) => false,
                    (None, Some(_)) => true,
                    (Some(a), Some(b)) => narrower(&a.value, &b.value),
                };
                let text = |r: &crate::span::Spanned<(String, String)>| {
                    let (lo, hi) = normal(&r.value);
                    (format!("range {lo} to {hi}"), r.span)
                };
                report(
                    name.clone(),
                    ra.as_ref().map(text),
                    rb.as_ref().map(text),
                    tightened,
                    whole,
                );
            }
            let (pa, pb) = (&old.constraints.pattern, &new.constraints.pattern);
            if pa.as_ref().map(|x| &x.value) != pb.as_ref().map(|x| &x.value) {
                let text = |x: &crate::span::Spanned<String>| (format!("pattern {:?}", x.value), x.span);
                report(
                    name.clone(),
                    pa.as_ref().map(text),
                    pb.as_ref().map(text),
                    pb.is_some(),
                    whole,
                );
            }
        }
    }
}

fn change(p: &ElemPair, field: String, was: Limit, now: Limit, tightened: bool, fallback: (Span, Span)) -> Change {
    let what = match (&was, &now, tightened) {
        (None, Some((n, _)), _) => format!("field `{field}` gained the constraint `{n}`"),
        (Some((o, _)), None, _) => format!("field `{field}` dropped the constraint `{o}`"),
        (Some((o, _)), Some((n, _)), true) => format!("field `{field}` tightened `{o}` to `{n}`"),
        (Some((o, _)), Some((n, _)), false) => format!("field `{field}` loosened `{o}` to `{n}`"),
        (None, None, _) => format!("field `{field}` changed a constraint"),
    };
    let (breaks, what) = if tightened {
        (
            Breaks::BACKWARD,
            format!("{what}: data written before the change may not satisfy it"),
        )
    } else {
        (Breaks::NONE, what)
    };
    let spans = (
        was.as_ref().map_or(fallback.0, |l| l.1),
        now.as_ref().map_or(fallback.1, |l| l.1),
    );
    Change::on(&CODE, Object::Event, p, format!("fields.{field}"), what)
        .values(was.map(|l| l.0), now.map(|l| l.0))
        .spans(Some(spans.0), Some(spans.1))
        .breaks(breaks)
        .level(Level::Wire)
        .help("validate new values where they are produced and keep the schema's constraint as wide as the data already written")
}

/// The maximum length a string or bytes type allows (`None` inside: unlimited); `None`
/// for other types.
fn max_length(t: &Type) -> Option<Option<u64>> {
    match t {
        Type::String { max_length } | Type::Bytes { max_length } => Some(*max_length),
        _ => None,
    }
}

/// The length a string or bytes field allows, from its type and `@length`: minimum,
/// maximum, and where the tighter of them is written.
fn length(c: &Column) -> Option<(Option<u64>, Option<u64>, Span)> {
    let from_type = max_length(&c.ty)?;
    Some(match &c.constraints.length {
        Some(l) => {
            let (min, max) = l.value;
            let max = from_type.map_or(max, |t| t.min(max));
            let span = if from_type.is_some_and(|t| t < l.value.1) {
                c.type_span
            } else {
                l.span
            };
            (min, Some(max), span)
        }
        None => (None, from_type, c.type_span),
    })
}

fn describe(min: Option<u64>, max: Option<u64>, span: Span) -> Limit {
    let text = match (min, max) {
        (None, None) => return None,
        (None, Some(max)) => format!("length at most {max}"),
        (Some(min), Some(max)) => format!("length {min} to {max}"),
        (Some(min), None) => format!("length at least {min}"),
    };
    Some((text, span))
}

fn normal((lo, hi): &(String, String)) -> (String, String) {
    (show(&Literal::Number(lo.clone())), show(&Literal::Number(hi.clone())))
}

/// Whether range `b` excludes values range `a` allows (unreadable numbers: any change).
fn narrower(a: &(String, String), b: &(String, String)) -> bool {
    let n = |s: &String| s.parse::<f64>().ok();
    match (n(&a.0), n(&a.1), n(&b.0), n(&b.1)) {
        (Some(alo), Some(ahi), Some(blo), Some(bhi)) => blo > alo || bhi < ahi,
        _ => true,
    }
}
