//! Schema resolution in the manner of Apache Avro: can data written with one type be
//! read with another? Types are compared by *shape* here (the wire form without
//! logical parameters); precision, scale, lengths and enum symbols have rules of their
//! own, so one change is reported once.

use crate::semantic::types::{StructField, Type};

/// How a type moved from the baseline to the current definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeChange {
    Same,
    /// Old data reads with the new type; new data does not read with the old one.
    Widened,
    /// New data reads with the old type; old data does not read with the new one.
    Narrowed,
    Changed,
}

/// The type with logical parameters erased.
pub fn shape(t: &Type) -> Type {
    match t {
        Type::Decimal { .. } => Type::Decimal { precision: 0, scale: 0 },
        Type::String { .. } => Type::String { max_length: None },
        Type::Bytes { .. } => Type::Bytes { max_length: None },
        Type::Fixed { .. } => Type::Fixed { size: 0, name: None },
        Type::Time { .. } => Type::Time { precision: None },
        Type::Timestamp { .. } => Type::Timestamp { precision: None },
        Type::Enum { .. } => Type::Enum {
            symbols: Vec::new().into(),
            default: None,
            name: None,
        },
        Type::List(t, n) => Type::List(Box::new(shape(t)), *n),
        Type::Map(k, v, n) => Type::Map(Box::new(shape(k)), Box::new(shape(v)), *n),
        Type::Union(b) => Type::Union(b.iter().map(shape).collect()),
        Type::Struct { fields, .. } => Type::Struct {
            name: None,
            fields: fields
                .iter()
                .map(|f| StructField::new(f.name.clone(), shape(&f.ty), f.nullable))
                .collect(),
        },
        other => other.clone(),
    }
}

/// Avro's promotions, on shapes: whether a `writer` value reads as `reader`.
pub fn promotes(writer: &Type, reader: &Type) -> bool {
    use Type::*;
    match (writer, reader) {
        (Unknown, _) | (_, Unknown) => true,
        (a, b) if a == b => true,
        (Int, Long | Float | Double) | (Long, Float | Double) | (Float, Double) => true,
        (String { .. }, Bytes { .. }) | (Bytes { .. }, String { .. }) => true,
        (List(a, an), List(b, bn)) => promotes(a, b) && (!an || *bn),
        (Map(ak, av, an), Map(bk, bv, bn)) => ak == bk && promotes(av, bv) && (!an || *bn),
        (Struct { fields: w, .. }, Struct { fields: r, .. }) => {
            // Reader fields must exist in the writer (nested defaults are not modelled);
            // writer-only fields are skipped.
            r.iter().all(|rf| {
                w.iter()
                    .any(|wf| rf.name == wf.name && promotes(&wf.ty, &rf.ty) && (!wf.nullable || rf.nullable))
                    || rf.nullable
            })
        }
        _ => false,
    }
}

/// Classifies a type change between event versions (Avro rules).
pub fn classify(old: &Type, new: &Type) -> TypeChange {
    let (o, n) = (shape(old), shape(new));
    if o == n {
        return TypeChange::Same;
    }
    match (promotes(&o, &n), promotes(&n, &o)) {
        (true, true) => TypeChange::Same,
        (true, false) => TypeChange::Widened,
        (false, true) => TypeChange::Narrowed,
        (false, false) => TypeChange::Changed,
    }
}

/// Classifies a column type change between table versions: any lossless widening
/// (including decimal precision and string length) counts.
pub fn classify_column(old: &Type, new: &Type) -> TypeChange {
    if old == new {
        return TypeChange::Same;
    }
    match (old.widens_to(new), new.widens_to(old)) {
        (true, true) => TypeChange::Same,
        (true, false) => TypeChange::Widened,
        (false, true) => TypeChange::Narrowed,
        (false, false) => TypeChange::Changed,
    }
}

/// The fractional-second precision `time` and `timestamp` have when none is written.
pub const DEFAULT_TIME_PRECISION: u64 = 6;

/// A type with its default logical parameters written out, so that `timestamp` and
/// `timestamp(6)` compare equal.
fn explicit(t: &Type) -> Type {
    match t {
        Type::Time { precision } => Type::Time {
            precision: Some(precision.unwrap_or(DEFAULT_TIME_PRECISION)),
        },
        Type::Timestamp { precision } => Type::Timestamp {
            precision: Some(precision.unwrap_or(DEFAULT_TIME_PRECISION)),
        },
        // A fixed type's name is `named-type-renamed`'s; here only its size counts.
        Type::Fixed { size, .. } => Type::Fixed {
            size: *size,
            name: None,
        },
        other => other.clone(),
    }
}

/// The logical parameters of a type, when its shape is unchanged but they differ:
/// `(old, new)` descriptions. Default parameters count as written (`timestamp` is
/// `timestamp(6)`).
pub fn logical_change(old: &Type, new: &Type) -> Option<(String, String)> {
    match (old, new) {
        (Type::Decimal { .. }, Type::Decimal { .. })
        | (Type::Fixed { .. }, Type::Fixed { .. })
        | (Type::Time { .. }, Type::Time { .. })
        | (Type::Timestamp { .. }, Type::Timestamp { .. })
            if explicit(old) != explicit(new) =>
        {
            Some((explicit(old).to_string(), explicit(new).to_string()))
        }
        _ => None,
    }
}

/// The parts of two types at the same place in both, the types themselves first (at
/// `""`), then, wherever both sides have the same structure: list items at `[]`, map keys
/// at `{key}` and values at `{}`, struct fields matched by name at `.name`. Rules about
/// logical parameters, lengths and enum symbols use it to look inside nested types.
pub fn parts<'a>(old: &'a Type, new: &'a Type) -> Vec<(String, &'a Type, &'a Type)> {
    let mut out = Vec::new();
    walk(String::new(), old, new, &mut out);
    out
}

fn walk<'a>(path: String, old: &'a Type, new: &'a Type, out: &mut Vec<(String, &'a Type, &'a Type)>) {
    out.push((path.clone(), old, new));
    match (old, new) {
        (Type::List(a, _), Type::List(b, _)) => walk(format!("{path}[]"), a, b, out),
        (Type::Map(ak, av, _), Type::Map(bk, bv, _)) => {
            walk(format!("{path}{{key}}"), ak, bk, out);
            walk(format!("{path}{{}}"), av, bv, out);
        }
        (Type::Struct { fields: a, .. }, Type::Struct { fields: b, .. }) => {
            for f in a {
                if let Some(g) = b.iter().find(|g| g.name == f.name) {
                    walk(format!("{path}.{}", f.name), &f.ty, &g.ty, out);
                }
            }
        }
        (Type::Union(a), Type::Union(b)) => {
            for x in a {
                if let Some(y) = b.iter().find(|y| branch_key(y) == branch_key(x)) {
                    walk(format!("{path}<{}>", branch_key(x)), x, y, out);
                }
            }
        }
        _ => {}
    }
}

/// What identifies a union branch: a named type's unqualified name, else its kind.
pub fn branch_key(t: &Type) -> String {
    let unq = |n: &str| n.rsplit('.').next().unwrap_or(n).to_string();
    match t {
        Type::Struct { name: Some(n), .. } | Type::Enum { name: Some(n), .. } | Type::Fixed { name: Some(n), .. } => {
            unq(n)
        }
        Type::Ref(n) => unq(n),
        Type::List(..) => "list".into(),
        Type::Map(..) => "map".into(),
        Type::Struct { .. } => "struct".into(),
        Type::Enum { .. } => "enum".into(),
        other => shape(other).to_string(),
    }
}

/// The branches of a field's type: a union's, or `null` and the type for a nullable one.
pub fn branches(t: &Type, nullable: bool) -> Vec<Type> {
    let mut out = match t {
        Type::Union(b) => b.clone(),
        t => vec![t.clone()],
    };
    if nullable && !out.contains(&Type::Null) {
        out.insert(0, Type::Null);
    }
    out
}

/// `(path, old type, new type, branches only on the old side, branches only on the new
/// side)`: see [`union_branches`].
pub type UnionChange<'a> = (String, &'a Type, &'a Type, Vec<String>, Vec<String>);

/// For each union of a field pair (at any depth where both sides agree, and `T?` on a
/// field whose other side is a `union<…>`), the branches one side has and the other lacks:
/// `(path, old type, new type, branches only on the old side, branches only on the new
/// side)`, each branch by [`branch_key`]. A union on neither side is no union change.
pub fn union_branches<'a>(old: (&'a Type, bool), new: (&'a Type, bool)) -> Vec<UnionChange<'a>> {
    let mut out = Vec::new();
    for (at, a, b) in parts(old.0, new.0) {
        if !matches!(a, Type::Union(_)) && !matches!(b, Type::Union(_)) {
            continue;
        }
        let top = at.is_empty();
        let (was, now) = (branches(a, top && old.1), branches(b, top && new.1));
        let only = |x: &[Type], y: &[Type]| -> Vec<String> {
            x.iter()
                .filter(|t| !y.iter().any(|u| branch_key(u) == branch_key(t)))
                .map(branch_key)
                .collect()
        };
        let (lost, gained) = (only(&was, &now), only(&now, &was));
        if !lost.is_empty() || !gained.is_empty() {
            out.push((at, a, b, lost, gained));
        }
    }
    out
}

/// The symbols of `of` that `within` lacks, in `of`'s order. Enums such as ISO currency
/// codes hold hundreds of symbols and are compared once per field pair, so unchanged
/// lists take a fast path and the rest a set lookup rather than a scan per symbol.
pub fn symbols_missing<'a>(of: &'a [String], within: &[String]) -> Vec<&'a String> {
    if of == within {
        return Vec::new();
    }
    let within: std::collections::HashSet<&String> = within.iter().collect();
    of.iter().filter(|s| !within.contains(s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avro_promotions() {
        assert_eq!(classify(&Type::Int, &Type::Long), TypeChange::Widened);
        assert_eq!(classify(&Type::Double, &Type::Float), TypeChange::Narrowed);
        assert_eq!(
            classify(&Type::Int, &Type::String { max_length: None }),
            TypeChange::Changed
        );
        assert_eq!(
            classify(&Type::String { max_length: None }, &Type::Bytes { max_length: None }),
            TypeChange::Same
        );
        // Precision is not a shape change: the logical rule reports it.
        let d = |p, s| Type::Decimal { precision: p, scale: s };
        assert_eq!(classify(&d(18, 2), &d(10, 2)), TypeChange::Same);
        assert!(logical_change(&d(18, 2), &d(10, 2)).is_some());
        assert_eq!(classify_column(&d(10, 2), &d(18, 2)), TypeChange::Widened);
    }

    #[test]
    fn default_precision_is_no_logical_change() {
        let ts = |p| Type::Timestamp { precision: p };
        assert_eq!(logical_change(&ts(None), &ts(Some(6))), None);
        assert_eq!(
            logical_change(&ts(None), &ts(Some(3))),
            Some(("timestamp(6)".into(), "timestamp(3)".into()))
        );
    }

    #[test]
    fn parts_descend_where_both_sides_agree() {
        let d = |p, s| Type::Decimal { precision: p, scale: s };
        let st = |t: Type| Type::Struct {
            name: None,
            fields: vec![StructField::new("amount", t, false)],
        };
        let old = Type::List(Box::new(st(d(18, 2))), false);
        let new = Type::List(Box::new(st(d(10, 2))), false);
        let paths: Vec<String> = parts(&old, &new).into_iter().map(|(p, _, _)| p).collect();
        assert_eq!(paths, ["", "[]", "[].amount"]);
        assert_eq!(parts(&Type::Int, &new).len(), 1);
    }
}
