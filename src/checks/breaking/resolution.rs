//! Apache Avro's schema resolution, to the letter of the specification ("Schema
//! Resolution"): can data written with one event definition be read with another?
//!
//! This is the one source of truth for the wire verdict of an event change. The rules
//! describe each change; [`super::wire`] then sets who each change breaks from the
//! mismatches found here, and reports any mismatch no rule described.
//!
//! What the specification says, and how it is applied:
//! - records match by unqualified name, or a reader alias of the writer's name; reader
//!   fields match writer fields by name or a reader field alias (`@renamed_from`);
//!   writer-only fields are skipped; a reader-only field needs a default;
//! - enums match by name; a writer symbol the reader lacks needs the reader's default;
//! - fixed types match by name and size;
//! - arrays and maps resolve their items and values;
//! - a writer union resolves when every branch does; a reader union reads a writer type
//!   through its first branch that matches it; `T?` is the union of `null` and `T`;
//! - promotions: int → long, float, double; long → float, double; float → double;
//!   string ↔ bytes;
//! - logical types: two decimals match only with the same precision and scale (the
//!   specification's words). Other logical types resolve as their underlying type
//!   (`date` is an int, `timestamp(3)` a long), as the specification says; a change of
//!   time unit therefore reads, and `logical-type-changed` reports it for what it means.
//!   The one place stricter than the letter: a decimal read as anything but the same
//!   decimal or plain bytes (the specification would let its bytes promote to a string).

use crate::semantic::model::{Column, Model};
use crate::semantic::types::{StructField, Type};
use std::collections::HashSet;

/// What kind of mismatch, which decides the rule that reports it when no rule did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A reader field the writer lacks, with no default.
    MissingDefault,
    /// A writer enum symbol the reader lacks, and the reader has no default symbol.
    EnumSymbol,
    /// A named type (record, enum, fixed) whose names do not match.
    Name,
    /// A writer union branch no reader branch reads, or a writer type no reader union
    /// branch reads.
    Branch,
    /// A writer `null` the reader cannot hold.
    Null,
    /// Types that do not resolve (including decimal precision and scale, fixed size).
    Type,
}

/// One place where the reader cannot read what the writer wrote.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mismatch {
    /// The top-level field on the reader's side (absent when the writer's field has no
    /// reader field, which never fails by itself).
    pub reader_field: Option<String>,
    /// The top-level field on the writer's side (absent for a reader field the writer lacks).
    pub writer_field: Option<String>,
    /// Below the top-level field, in reader names: `.zip`, `[]`, `{}`, `<address>`.
    pub rest: String,
    pub kind: Kind,
    pub message: String,
}

/// A type as a reader or writer sees it: the type and whether null is one of its values.
#[derive(Clone, Copy)]
struct Slot<'a> {
    ty: &'a Type,
    nullable: bool,
}

struct Cx<'a> {
    writer: &'a Model,
    reader: &'a Model,
    /// Named pairs being resolved: a recursive record resolves against itself by
    /// assuming so (the coinductive reading every Avro implementation uses).
    active: HashSet<(String, String)>,
    out: Vec<Mismatch>,
    top: (Option<String>, Option<String>),
}

/// Every mismatch when data written with `writer` fields is read with `reader` fields.
pub fn read(writer: (&Model, &[Column]), reader: (&Model, &[Column])) -> Vec<Mismatch> {
    let mut cx = Cx {
        writer: writer.0,
        reader: reader.0,
        active: HashSet::new(),
        out: Vec::new(),
        top: (None, None),
    };
    let w: Vec<StructField> = writer.1.iter().map(field_of).collect();
    let r: Vec<StructField> = reader.1.iter().map(field_of).collect();
    cx.record_fields(&w, &r, "", true);
    cx.out
}

fn field_of(c: &Column) -> StructField {
    StructField {
        name: c.name.clone(),
        ty: c.ty.clone(),
        nullable: c.nullable,
        default: c.default.as_ref().map(|_| String::new()),
        aliases: c.renamed_from.iter().cloned().collect(),
    }
}

/// The unqualified name: Avro compares names without their namespace.
fn unqualified(n: &str) -> &str {
    n.rsplit('.').next().unwrap_or(n)
}

/// The underlying Avro type of a contract type.
fn base(t: &Type) -> &'static str {
    t.avro_base()
}

/// Avro's promotions of primitive types, writer to reader.
fn promotes(w: &str, r: &str) -> bool {
    w == r
        || matches!(
            (w, r),
            ("int", "long" | "float" | "double")
                | ("long", "float" | "double")
                | ("float", "double")
                | ("string", "bytes")
                | ("bytes", "string")
        )
}

impl<'a> Cx<'a> {
    fn named(&self, m: &'a Model, t: &'a Type) -> &'a Type {
        match t {
            Type::Ref(n) => m.named.get(n).map_or(&Type::Unknown, |x| &x.ty),
            other => other,
        }
    }

    fn aliases(&self, n: &str) -> &'a [String] {
        self.reader.named.get(n).map_or(&[], |x| x.aliases.as_slice())
    }

    fn push(&mut self, rest: &str, kind: Kind, message: String) {
        self.out.push(Mismatch {
            reader_field: self.top.1.clone(),
            writer_field: self.top.0.clone(),
            rest: rest.to_string(),
            kind,
            message,
        });
    }

    /// The branches of a slot: a union's, or the type itself, with `null` first when the
    /// slot is nullable and the type holds none.
    fn branches(s: Slot<'a>) -> Vec<&'a Type> {
        let mut out: Vec<&Type> = match s.ty {
            Type::Union(b) => b.iter().collect(),
            t => vec![t],
        };
        if s.nullable && !out.iter().any(|t| **t == Type::Null) {
            out.insert(0, &Type::Null);
        }
        out
    }

    /// Whether the reader's names accept the writer's (unqualified name or alias).
    fn names_match(&self, w: Option<&str>, r: Option<&str>) -> bool {
        match (w, r) {
            (Some(w), Some(r)) => {
                unqualified(w) == unqualified(r) || self.aliases(r).iter().any(|a| unqualified(a) == unqualified(w))
            }
            // An unnamed type (an inline enum or struct) takes its name from its field.
            _ => true,
        }
    }

    fn name_of(t: &'a Type) -> Option<&'a str> {
        match t {
            Type::Struct { name, .. } | Type::Enum { name, .. } | Type::Fixed { name, .. } => name.as_deref(),
            Type::Ref(n) => Some(n),
            _ => None,
        }
    }

    /// The specification's "match" of a reader union branch with a writer type: same kind
    /// and name, or a promotion; the first such branch is the one resolved.
    fn shallow(&self, w: &'a Type, r: &'a Type) -> bool {
        let (wb, rb) = (base(w), base(r));
        match (wb, rb) {
            ("record", "record") | ("enum", "enum") => self.names_match(Self::name_of(w), Self::name_of(r)),
            ("fixed", "fixed") => self.names_match(Self::name_of(w), Self::name_of(r)),
            ("array", "array") | ("map", "map") => true,
            (a, b) => promotes(a, b) && !matches!(a, "record" | "enum" | "fixed" | "array" | "map" | "union"),
        }
    }

    fn slot(&mut self, w: Slot<'a>, r: Slot<'a>, rest: &str) {
        let wb = Self::branches(w);
        let rb = Self::branches(r);
        let reader_union = rb.len() > 1 || matches!(r.ty, Type::Union(_));
        for wt in wb {
            if *wt == Type::Unknown {
                continue;
            }
            if !reader_union {
                let rt = rb[0];
                if *wt == Type::Null && *rt != Type::Null {
                    self.push(
                        rest,
                        Kind::Null,
                        "a null written here cannot be read: the reader's type is not nullable".into(),
                    );
                    continue;
                }
                self.one(wt, rt, rest);
                continue;
            }
            match rb.iter().find(|rt| self.shallow(wt, rt)) {
                Some(rt) => self.one(wt, rt, rest),
                None if *wt == Type::Null => self.push(
                    rest,
                    Kind::Null,
                    "a null written here cannot be read: the reader's union has no `null`".into(),
                ),
                None => self.push(
                    rest,
                    Kind::Branch,
                    format!("a `{wt}` written here matches no branch of the reader's `{}`", show(r)),
                ),
            }
        }
    }

    /// One writer type read with one reader type (neither a union).
    fn one(&mut self, w: &'a Type, r: &'a Type, rest: &str) {
        if *r == Type::Unknown {
            return;
        }
        let (w, r) = (self.named(self.writer, w), self.named(self.reader, r));
        let (wb, rb) = (base(w), base(r));
        match (w, r) {
            (Type::Union(_), _) | (_, Type::Union(_)) => {
                self.slot(Slot { ty: w, nullable: false }, Slot { ty: r, nullable: false }, rest)
            }
            (Type::Struct { name: wn, fields: wf }, Type::Struct { name: rn, fields: rf }) => {
                if !self.names_match(wn.as_deref(), rn.as_deref()) {
                    return self.renamed(rest, "record", wn, rn);
                }
                let key = (wn.clone().unwrap_or_default(), rn.clone().unwrap_or_default());
                if wn.is_some() && rn.is_some() && !self.active.insert(key.clone()) {
                    return;
                }
                self.record_fields(wf, rf, rest, false);
                self.active.remove(&key);
            }
            (
                Type::Enum {
                    symbols: ws, name: wn, ..
                },
                Type::Enum {
                    symbols: rs,
                    name: rn,
                    default,
                },
            ) => {
                if !self.names_match(wn.as_deref(), rn.as_deref()) {
                    return self.renamed(rest, "enum", wn, rn);
                }
                let missing = super::compat::symbols_missing(ws, rs);
                if !missing.is_empty() && default.is_none() {
                    let list: Vec<String> = missing.iter().map(|s| format!("`{s}`")).collect();
                    self.push(
                        rest,
                        Kind::EnumSymbol,
                        format!("the reader's enum lacks {} and has no default symbol", list.join(", ")),
                    );
                }
            }
            (Type::Fixed { size: a, name: wn }, Type::Fixed { size: b, name: rn }) => {
                if !self.names_match(wn.as_deref(), rn.as_deref()) {
                    return self.renamed(rest, "fixed", wn, rn);
                }
                if a != b {
                    self.push(
                        rest,
                        Kind::Type,
                        format!("a fixed of {a} bytes is read as a fixed of {b}"),
                    );
                }
            }
            (Type::List(wi, wn), Type::List(ri, rn)) => self.slot(
                Slot { ty: wi, nullable: *wn },
                Slot { ty: ri, nullable: *rn },
                &format!("{rest}[]"),
            ),
            (Type::Map(wk, wv, wn), Type::Map(rk, rv, rn)) => {
                self.slot(
                    Slot {
                        ty: wk,
                        nullable: false,
                    },
                    Slot {
                        ty: rk,
                        nullable: false,
                    },
                    &format!("{rest}{{key}}"),
                );
                self.slot(
                    Slot { ty: wv, nullable: *wn },
                    Slot { ty: rv, nullable: *rn },
                    &format!("{rest}{{}}"),
                );
            }
            (Type::Decimal { .. }, Type::Decimal { .. }) if w != r => self.push(
                rest,
                Kind::Type,
                format!("`{w}` is read as `{r}`: decimals match only with the same precision and scale"),
            ),
            (Type::Decimal { .. }, Type::Bytes { .. }) | (Type::Bytes { .. }, Type::Decimal { .. }) => {}
            (Type::Decimal { .. }, _) | (_, Type::Decimal { .. }) if w != r => {
                self.push(rest, Kind::Type, format!("`{w}` cannot be read as `{r}`"))
            }
            _ => {
                let same_kind = promotes(wb, rb) && !matches!(wb, "record" | "enum" | "fixed" | "array" | "map");
                if !same_kind {
                    self.push(rest, Kind::Type, format!("`{w}` cannot be read as `{r}`"));
                }
            }
        }
    }

    fn renamed(&mut self, rest: &str, what: &str, w: &Option<String>, r: &Option<String>) {
        let (w, r) = (w.as_deref().unwrap_or("?"), r.as_deref().unwrap_or("?"));
        self.push(
            rest,
            Kind::Name,
            format!(
                "the {what} `{}` is read as `{}`, which neither has its name nor lists it in `@aliases`",
                unqualified(w),
                unqualified(r)
            ),
        );
    }

    /// The fields of two records; `top` when they are the event's own fields.
    fn record_fields(&mut self, w: &'a [StructField], r: &'a [StructField], rest: &str, top: bool) {
        for rf in r {
            let found = w.iter().find(|wf| wf.name == rf.name).or_else(|| {
                w.iter()
                    .find(|wf| rf.aliases.contains(&wf.name) && !r.iter().any(|x| x.name == wf.name))
            });
            let saved = self.top.clone();
            if top {
                self.top = (found.map(|f| f.name.clone()), Some(rf.name.clone()));
            }
            let at = if top {
                String::new()
            } else {
                format!("{rest}.{}", rf.name)
            };
            match found {
                Some(wf) => self.slot(
                    Slot {
                        ty: &wf.ty,
                        nullable: wf.nullable,
                    },
                    Slot {
                        ty: &rf.ty,
                        nullable: rf.nullable,
                    },
                    &at,
                ),
                None if rf.default.is_none() => {
                    let field = &rf.name;
                    let null = if rf.nullable {
                        " (a nullable field has no default unless it declares `default null`)"
                    } else {
                        ""
                    };
                    self.push(
                        &at,
                        Kind::MissingDefault,
                        format!("the reader's field `{field}` is not in the written data and has no default{null}"),
                    );
                }
                None => {}
            }
            self.top = saved;
        }
    }
}

fn show(s: Slot<'_>) -> String {
    if s.nullable && !s.ty.holds_null() {
        format!("{}?", s.ty)
    } else {
        s.ty.to_string()
    }
}
