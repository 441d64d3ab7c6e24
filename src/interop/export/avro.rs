//! Events as Avro schemas, one `.avsc` per event version: the inverse of the import.
//! Nullable is `["null", T]` (`[T, "null"]` when the default is not null, as Avro wants
//! the default to match the first branch), enums and structs become named types defined
//! at their first use, logical types carry precision (`timestamp(3)` is
//! `timestamp-millis`, a timestamp without precision `timestamp-micros`), a declared
//! rename is an alias. Owner, key, dedupe, event time and lateness have no place in Avro
//! and are reported.

use super::{is_user, written_type_name, Exported};
use crate::codegen::OutputFile;
use crate::diagnostics::Diagnostic;
use crate::interop::codes::EXPORT_UNMAPPED;
use crate::semantic::model::{Column, Event, Model};
use crate::semantic::types::Type;
use crate::span::SourceMap;
use crate::syntax::ast::Literal;
use serde_json::{json, Map, Value};

pub fn export(model: &Model, sources: &SourceMap) -> Exported {
    let mut out = Exported::default();
    for e in model.events.iter().filter(|e| is_user(&e.item.ns)) {
        let (schema, lost) = event(e, sources);
        let name = &e.item.ast.name.text;
        let v = e.version().unwrap_or(1);
        let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
        let path = if e.item.ns.is_empty() {
            format!("{name}.v{v}.avsc")
        } else {
            format!("{}.{name}.v{v}.avsc", e.item.ns)
        };
        out.files.push(OutputFile { path, contents: text });
        if !lost.is_empty() {
            out.diagnostics.push(
                Diagnostic::new(
                    &EXPORT_UNMAPPED,
                    e.item.ast.name.span,
                    format!("Avro has no place for the {} of `{name} v{v}`", lost.join(", ")),
                )
                .with_help("the contract stays the source of these facts"),
            );
        }
    }
    out
}

fn event(e: &Event, sources: &SourceMap) -> (Value, Vec<&'static str>) {
    let ast = &e.item.ast;
    let mut lost = Vec::new();
    for (present, what) in [
        (ast.owner.is_some(), "owner"),
        (ast.key.is_some(), "key"),
        (ast.dedupe.is_some(), "dedupe key"),
        (ast.event_time.is_some(), "event time"),
        (ast.lateness.is_some(), "lateness"),
        (ast.compatibility.is_some(), "compatibility mode"),
        (e.fields.iter().any(|f| f.pii), "`@pii` marks"),
    ] {
        if present {
            lost.push(what);
        }
    }
    let mut defined = Vec::new();
    let mut rec = Map::new();
    rec.insert("type".into(), json!("record"));
    rec.insert("name".into(), json!(ast.name.text));
    if !e.item.ns.is_empty() {
        rec.insert("namespace".into(), json!(e.item.ns));
    }
    if !e.item.docs.is_empty() {
        rec.insert("doc".into(), json!(e.item.docs.join("\n")));
    }
    let fields: Vec<Value> = e.fields.iter().map(|c| field(c, sources, &mut defined)).collect();
    rec.insert("fields".into(), Value::Array(fields));
    (Value::Object(rec), lost)
}

fn field(c: &Column, sources: &SourceMap, defined: &mut Defined) -> Value {
    let mut f = Map::new();
    f.insert("name".into(), json!(c.name));
    let named = written_type_name(c, sources);
    let base = ty(&c.ty, named.as_deref().unwrap_or(&c.name), defined);
    let default = c.default.as_ref().and_then(|d| literal(d, &c.ty));
    let t = nullable(base, c.nullable, default.as_ref());

    f.insert("type".into(), t);
    if let Some(doc) = &c.doc {
        f.insert("doc".into(), json!(doc));
    }
    if let Some(d) = default {
        f.insert("default".into(), d);
    }
    if let Some(old) = &c.renamed_from {
        f.insert("aliases".into(), json!([old]));
    }
    Value::Object(f)
}

/// A type that may be null as a union with `null`: first, unless a default that is not null
/// must match the first branch. A union gains a `null` branch rather than nesting.
fn nullable(base: Value, nullable: bool, default: Option<&Value>) -> Value {
    if !nullable {
        return base;
    }
    let null_last = default.is_some_and(|d| !d.is_null());
    match base {
        Value::Array(mut branches) => {
            if !branches.iter().any(|b| b == "null") {
                if null_last {
                    branches.push(json!("null"));
                } else {
                    branches.insert(0, json!("null"));
                }
            }
            Value::Array(branches)
        }
        base if null_last => json!([base, "null"]),
        base => json!(["null", base]),
    }
}

/// A nested field's default, written as text in the contract, as a JSON value.
fn default_text(text: &str, t: &Type) -> Value {
    match t {
        Type::String { .. } | Type::Enum { .. } | Type::Uuid | Type::Bytes { .. } => json!(text),
        _ => serde_json::from_str(text).unwrap_or_else(|_| json!(text)),
    }
}

fn literal(l: &Literal, t: &Type) -> Option<Value> {
    Some(match l {
        Literal::Null => Value::Null,
        Literal::Bool(b) => json!(b),
        Literal::Number(n) => match t {
            Type::Int | Type::Long => json!(n.parse::<i64>().ok()?),
            _ => serde_json::from_str(n).ok()?,
        },
        Literal::String(s) | Literal::Ident(s) => json!(s),
        _ => return None,
    })
}

fn logical(base: &str, logical: &str) -> Value {
    json!({"type": base, "logicalType": logical})
}

/// Named types are written in the event's namespace, by their short name; an unnamed one
/// takes the name of the field that holds it.
fn short(own: Option<&str>, fallback: &str) -> String {
    own.map_or(fallback, |o| o.rsplit('.').next().unwrap_or(o)).to_string()
}

/// Named types written so far: Avro defines a name once and refers to it afterwards.
type Defined = Vec<(String, Type)>;

fn ty(t: &Type, name: &str, defined: &mut Defined) -> Value {
    if matches!(
        t,
        Type::Enum { .. } | Type::Struct { .. } | Type::Fixed { .. } | Type::Duration
    ) {
        // An enum's default is a field attribute in a contract, so the same enum can
        // come with or without one: the symbols identify it.
        let same = |d: &Type| match (d, t) {
            (Type::Enum { symbols: a, .. }, Type::Enum { symbols: b, .. }) => a == b,
            _ => d == t,
        };
        if let Some((n, _)) = defined.iter().find(|(_, d)| same(d)) {
            return json!(n);
        }
    }
    match t {
        Type::Bool => json!("boolean"),
        Type::Int => json!("int"),
        Type::Long => json!("long"),
        Type::Float => json!("float"),
        Type::Double => json!("double"),
        Type::String { .. } => json!("string"),
        Type::Bytes { .. } => json!("bytes"),
        Type::Unknown => json!("string"),
        Type::Decimal { precision, scale } => {
            json!({"type": "bytes", "logicalType": "decimal", "precision": precision, "scale": scale})
        }
        Type::Uuid => logical("string", "uuid"),
        Type::Date => logical("int", "date"),
        Type::Time { precision } => match precision {
            Some(p) if *p <= 3 => logical("int", "time-millis"),
            _ => logical("long", "time-micros"),
        },
        Type::Timestamp { precision } => match precision {
            Some(p) if *p <= 3 => logical("long", "timestamp-millis"),
            Some(p) if *p > 6 => logical("long", "timestamp-nanos"),
            _ => logical("long", "timestamp-micros"),
        },
        Type::Duration => {
            defined.push(("duration".into(), t.clone()));
            json!({"type": "fixed", "name": "duration", "size": 12, "logicalType": "duration"})
        }
        Type::Fixed { size, name: own } => {
            let name = short(own.as_deref(), name);
            defined.push((name.clone(), t.clone()));
            json!({"type": "fixed", "name": name, "size": size})
        }
        Type::Enum {
            symbols,
            default,
            name: own,
        } => {
            let name = short(own.as_deref(), name);
            defined.push((name.clone(), t.clone()));
            let mut m = Map::new();
            m.insert("type".into(), json!("enum"));
            m.insert("name".into(), json!(name));
            m.insert("symbols".into(), json!(symbols));
            if let Some(d) = default {
                m.insert("default".into(), json!(d));
            }
            Value::Object(m)
        }
        Type::List(inner, _) => json!({"type": "array", "items": ty(inner, name, defined)}),
        Type::Map(_, v, _) => json!({"type": "map", "values": ty(v, name, defined)}),
        Type::Struct { name: own, fields } => {
            let n = short(own.as_deref(), name);
            defined.push((n.clone(), t.clone()));
            let fs: Vec<Value> = fields
                .iter()
                .map(|f| {
                    let default = f.default.as_deref().map(|d| default_text(d, &f.ty));
                    let t = nullable(ty(&f.ty, &f.name, defined), f.nullable, default.as_ref());
                    let mut m = Map::new();
                    m.insert("name".into(), json!(f.name));
                    m.insert("type".into(), t);
                    if let Some(d) = default {
                        m.insert("default".into(), d);
                    }
                    if !f.aliases.is_empty() {
                        m.insert("aliases".into(), json!(f.aliases));
                    }
                    Value::Object(m)
                })
                .collect();
            json!({"type": "record", "name": n, "fields": fs})
        }
        Type::Null => json!("null"),
        Type::Union(branches) => Value::Array(branches.iter().map(|b| ty(b, name, defined)).collect()),
        // A recursive struct refers to itself by the name it was defined with.
        Type::Ref(n) => json!(short(Some(n), name)),
    }
}
