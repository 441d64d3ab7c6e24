//! Events as JSON Schema (draft 2020-12) documents, one per event version: fields as
//! properties (`required` unless nullable, `null` added to the type of a nullable one),
//! formats for dates, times, timestamps, uuids and durations, enums, defaults, docs, and
//! `@length`, `@pattern`, `@range`. Decimals are strings (JSON numbers lose cents); the
//! event's owner, key, dedupe and timing stay in the contract (`I010`).

use super::{is_user, Exported};
use crate::codegen::OutputFile;
use crate::diagnostics::Diagnostic;
use crate::interop::codes::EXPORT_UNMAPPED;
use crate::semantic::model::{Column, Model};
use crate::semantic::types::Type;
use crate::syntax::ast::Literal;
use serde_json::{json, Map, Value};

pub fn export(model: &Model) -> Exported {
    let mut out = Exported::default();
    for e in model.events.iter().filter(|e| is_user(&e.item.ns)) {
        let name = &e.item.ast.name.text;
        let v = e.version().unwrap_or(1);
        let mut props = Map::new();
        let mut required = Vec::new();
        for c in &e.fields {
            props.insert(c.name.clone(), property(c));
            if !c.nullable {
                required.push(json!(c.name));
            }
        }
        let mut doc = Map::new();
        doc.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
        doc.insert("title".into(), json!(name));
        if !e.item.docs.is_empty() {
            doc.insert("description".into(), json!(e.item.docs.join("\n")));
        }
        doc.insert("type".into(), json!("object"));
        doc.insert("properties".into(), Value::Object(props));
        doc.insert("required".into(), Value::Array(required));
        let prefix = if e.item.ns.is_empty() {
            String::new()
        } else {
            format!("{}.", e.item.ns)
        };
        out.files.push(OutputFile {
            path: format!("{prefix}{name}.v{v}.schema.json"),
            contents: serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default() + "\n",
        });
        let ast = &e.item.ast;
        if ast.owner.is_some() || ast.key.is_some() || ast.dedupe.is_some() || ast.event_time.is_some() {
            out.diagnostics.push(Diagnostic::new(
                &EXPORT_UNMAPPED,
                ast.name.span,
                format!("JSON Schema has no place for the owner, key, dedupe key or event time of `{name} v{v}`"),
            ));
        }
    }
    out
}

fn property(c: &Column) -> Value {
    let mut p = match schema(&c.ty) {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    if c.nullable {
        if let Some(Value::String(t)) = p.get("type").cloned() {
            p.insert("type".into(), json!([t, "null"]));
        }
        if let Some(Value::Array(symbols)) = p.get_mut("enum") {
            symbols.push(Value::Null);
        }
    }
    if let Some(doc) = &c.doc {
        p.insert("description".into(), json!(doc));
    }
    if let Some(d) = &c.default {
        let v = match d {
            Literal::Null => Some(Value::Null),
            Literal::Bool(b) => Some(json!(b)),
            Literal::Number(n) if matches!(c.ty, Type::Decimal { .. }) => Some(json!(n)),
            Literal::Number(n) => serde_json::from_str(n).ok(),
            Literal::String(s) | Literal::Ident(s) => Some(json!(s)),
            _ => None,
        };
        if let Some(v) = v {
            p.insert("default".into(), v);
        }
    }
    let k = &c.constraints;
    if let Some(l) = &k.length {
        if let Some(min) = l.value.0 {
            p.insert("minLength".into(), json!(min));
        }
        p.insert("maxLength".into(), json!(l.value.1));
    }
    if let Some(r) = &k.range {
        for (key, v) in [("minimum", &r.value.0), ("maximum", &r.value.1)] {
            if let Ok(n) = serde_json::from_str::<Value>(v) {
                p.insert(key.into(), n);
            }
        }
    }
    if let Some(pat) = &k.pattern {
        p.insert("pattern".into(), json!(pat.value));
    }
    Value::Object(p)
}

fn schema(t: &Type) -> Value {
    match t {
        Type::Bool => json!({"type": "boolean"}),
        Type::Int | Type::Long => json!({"type": "integer"}),
        Type::Float | Type::Double => json!({"type": "number"}),
        Type::Decimal { precision, scale } => json!({
            "type": "string",
            "pattern": format!("^-?[0-9]{{1,{}}}(\\.[0-9]{{1,{scale}}})?$", precision.saturating_sub(*scale)),
        }),
        Type::String { max_length: Some(n) } => json!({"type": "string", "maxLength": n}),
        Type::String { max_length: None } | Type::Unknown => json!({"type": "string"}),
        Type::Bytes { .. } | Type::Fixed { .. } => json!({"type": "string", "contentEncoding": "base64"}),
        Type::Uuid => json!({"type": "string", "format": "uuid"}),
        Type::Date => json!({"type": "string", "format": "date"}),
        Type::Time { .. } => json!({"type": "string", "format": "time"}),
        Type::Timestamp { .. } => json!({"type": "string", "format": "date-time"}),
        Type::Duration => json!({"type": "string", "format": "duration"}),
        Type::Enum { symbols, .. } => json!({"type": "string", "enum": symbols}),
        Type::List(inner, _) => json!({"type": "array", "items": schema(inner)}),
        Type::Map(_, v, _) => json!({"type": "object", "additionalProperties": schema(v)}),
        Type::Struct { fields, .. } => {
            let mut props = Map::new();
            let mut required = Vec::new();
            for f in fields {
                let mut s = schema(&f.ty);
                if f.nullable {
                    if let Some(Value::String(t)) = s.get("type").cloned() {
                        s["type"] = json!([t, "null"]);
                    }
                } else {
                    required.push(json!(f.name));
                }
                props.insert(f.name.clone(), s);
            }
            json!({"type": "object", "properties": props, "required": required})
        }
        Type::Null => json!({"type": "null"}),
        Type::Union(branches) => json!({"oneOf": branches.iter().map(schema).collect::<Vec<_>>()}),
        // A recursive struct: any object (JSON Schema would need a `$defs` entry to say more).
        Type::Ref(_) => json!({"type": "object"}),
    }
}
