//! Avro schemas (`.avsc`) into contracts. A top-level record becomes an `event` (v1: Avro
//! carries no version) whose fields keep their types, nullability (`["null", T]` is
//! `T?`), defaults, docs and aliases (as `@renamed_from`); a named record, enum or fixed
//! used inside becomes a `struct` or `type` of the same file. Logical types map to the
//! contract's own: decimal, uuid, date, time and timestamp with their precision,
//! duration. What has no place (sort orders, custom properties, unions of several types,
//! aliases of records) is reported.

use super::report;
use crate::diagnostics::Diagnostic;
use crate::interop::codes::{APPROXIMATED, UNMAPPED, UNREADABLE};
use crate::interop::locate::{find, quoted};
use crate::interop::truth::{self, Decl, Field, File};
use crate::span::FileId;
use serde_json::{Map, Value};

/// Field attributes Avro defines; anything else on a field is a custom property.
const FIELD_KEYS: &[&str] = &["name", "type", "doc", "default", "aliases", "order"];
const RECORD_KEYS: &[&str] = &["type", "name", "namespace", "doc", "fields", "aliases"];

struct Cx<'a> {
    file: FileId,
    text: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    /// Named types met so far, by full and short name: the contract type to write.
    named: Vec<(String, String, String)>,
    /// Declarations of named types, in order of first use.
    decls: Vec<Decl>,
    /// Enum defaults by the enum's contract type name, for `@enum_default`.
    enum_defaults: Vec<(String, String)>,
}

pub fn import(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<(String, File)> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let span = crate::interop::locate::at_line_col(file, text, e.line(), e.column());
            report(diags, &UNREADABLE, span, format!("not valid JSON: {e}"), None);
            return Vec::new();
        }
    };
    let schemas: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        v => vec![v],
    };
    let mut cx = Cx {
        file,
        text,
        diags,
        named: Vec::new(),
        decls: Vec::new(),
        enum_defaults: Vec::new(),
    };
    let mut out = Vec::new();
    for schema in schemas {
        let Some(obj) = schema
            .as_object()
            .filter(|o| o.get("type").and_then(Value::as_str) == Some("record"))
        else {
            let span = find(file, text, &["{"]);
            report(
                cx.diags,
                &UNREADABLE,
                span,
                "an Avro schema to import must be a record (or a list of records)".into(),
                Some("wrap the type in a record: {\"type\": \"record\", \"name\": …, \"fields\": […]}"),
            );
            continue;
        };
        let Some(raw_name) = obj.get("name").and_then(Value::as_str) else {
            let span = find(file, text, &["\"record\""]);
            report(cx.diags, &UNREADABLE, span, "the record has no `name`".into(), None);
            continue;
        };
        let (short, ns) = split_name(raw_name, obj.get("namespace").and_then(Value::as_str));
        let name = cx.name(&short, &[&quoted(raw_name)]);
        cx.unmapped_keys(obj, RECORD_KEYS, &[&quoted(raw_name)]);
        if let Some(aliases) = obj.get("aliases").and_then(Value::as_array).filter(|a| !a.is_empty()) {
            let span = find(file, text, &[&quoted(raw_name), "\"aliases\""]);
            report(
                cx.diags,
                &UNMAPPED,
                span,
                format!(
                    "the record's aliases {} are left out: an event is renamed by a new declaration, not an alias",
                    join(aliases)
                ),
                None,
            );
        }
        let full = match &ns {
            Some(n) => format!("{n}.{short}"),
            None => short.clone(),
        };
        cx.named.push((full, short.clone(), name.clone()));
        let fields = cx.fields(obj, raw_name);
        cx.decls.push(Decl {
            doc: obj.get("doc").and_then(Value::as_str).map(str::to_string),
            header: format!("event {name} v1"),
            entries: Vec::new(),
            block: Some("fields"),
            fields,
        });
        out.push((
            name,
            File {
                namespace: ns.as_deref().and_then(truth::namespace),
                decls: std::mem::take(&mut cx.decls),
            },
        ));
    }
    out
}

fn split_name(name: &str, namespace: Option<&str>) -> (String, Option<String>) {
    match name.rsplit_once('.') {
        Some((ns, short)) => (short.to_string(), Some(ns.to_string())),
        None => (
            name.to_string(),
            namespace.filter(|n| !n.is_empty()).map(str::to_string),
        ),
    }
}

fn join(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| format!("`{}`", v.as_str().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Cx<'_> {
    fn name(&mut self, raw: &str, at: &[&str]) -> String {
        let (n, changed) = truth::name(raw);
        if changed {
            let span = find(self.file, self.text, at);
            report(
                self.diags,
                &APPROXIMATED,
                span,
                format!("`{raw}` is not a contract name; it is imported as `{n}`"),
                None,
            );
        }
        n
    }

    fn unmapped_keys(&mut self, obj: &Map<String, Value>, known: &[&str], at: &[&str]) {
        for key in obj.keys().filter(|k| !known.contains(&k.as_str())) {
            let mut path: Vec<&str> = at.to_vec();
            let q = quoted(key);
            path.push(&q);
            let span = find(self.file, self.text, &path);
            report(
                self.diags,
                &UNMAPPED,
                span,
                format!("the property `{key}` is left out: contracts have no place for it"),
                Some("a `@tag(…)` or `@doc(…)` can carry it by hand"),
            );
        }
    }

    fn fields(&mut self, record: &Map<String, Value>, record_name: &str) -> Vec<Field> {
        let mut out = Vec::new();
        let rq = quoted(record_name);
        for f in record.get("fields").and_then(Value::as_array).into_iter().flatten() {
            let Some(obj) = f.as_object() else { continue };
            let Some(raw) = obj.get("name").and_then(Value::as_str) else {
                let span = find(self.file, self.text, &[&rq, "\"fields\""]);
                report(self.diags, &UNREADABLE, span, "a field has no `name`".into(), None);
                continue;
            };
            let fq = quoted(raw);
            let at = [rq.as_str(), fq.as_str()];
            let name = self.name(raw, &at);
            self.unmapped_keys(obj, FIELD_KEYS, &at);
            if let Some(order) = obj.get("order").and_then(Value::as_str).filter(|o| *o != "ascending") {
                let span = find(self.file, self.text, &[&rq, &fq, "\"order\""]);
                report(
                    self.diags,
                    &UNMAPPED,
                    span,
                    format!("the sort order `{order}` of `{raw}` is left out"),
                    None,
                );
            }
            let ty = obj.get("type").cloned().unwrap_or(Value::Null);
            let (ty_text, nullable, null_first) = self.field_type(&ty, &at);
            let mut field = Field {
                name,
                ty: ty_text,
                nullable,
                doc: obj.get("doc").and_then(Value::as_str).map(str::to_string),
                ..Field::default()
            };
            if let Some(d) = obj.get("default") {
                field.default = self.default(d, &field, null_first, &at);
            }
            if let Some((_, sym)) = self.enum_defaults.iter().find(|(t, _)| *t == field.ty) {
                field.attrs.push(format!("@enum_default({sym})"));
            }
            if let Some(aliases) = obj.get("aliases").and_then(Value::as_array) {
                let names: Vec<&str> = aliases.iter().filter_map(Value::as_str).collect();
                if let Some(first) = names.first() {
                    let (alias, _) = truth::name(first);
                    field.attrs.push(format!("@renamed_from({alias})"));
                }
                if names.len() > 1 {
                    let span = find(self.file, self.text, &[&rq, &fq, "\"aliases\""]);
                    report(
                        self.diags,
                        &UNMAPPED,
                        span,
                        format!(
                            "`{raw}` has {} aliases; a contract declares one previous name, so `{}` is kept and the others are left out",
                            names.len(),
                            names[0]
                        ),
                        None,
                    );
                }
            }
            out.push(field);
        }
        out
    }

    /// The contract type of an Avro field type: text, whether nullable, and whether the
    /// union lists `null` first (then only a null default is legal Avro).
    fn field_type(&mut self, ty: &Value, at: &[&str]) -> (String, bool, bool) {
        if let Value::Array(branches) = ty {
            let non_null: Vec<&Value> = branches.iter().filter(|b| b.as_str() != Some("null")).collect();
            let nullable = non_null.len() < branches.len();
            let null_first = branches.first().and_then(Value::as_str) == Some("null");
            if non_null.len() != 1 {
                let span = find(self.file, self.text, at);
                let shown = non_null.iter().map(|b| self.short(b)).collect::<Vec<_>>().join(", ");
                report(
                    self.diags,
                    &APPROXIMATED,
                    span,
                    format!(
                        "the union of {shown} has no contract type; it is imported as its first branch"
                    ),
                    Some("a contract field has one type; split the field, or model the variants as a struct of optional fields"),
                );
            }
            let first = non_null
                .first()
                .map(|v| (*v).clone())
                .unwrap_or(Value::String("string".into()));
            return (self.ty(&first, at), nullable, null_first);
        }
        (self.ty(ty, at), false, false)
    }

    fn short(&self, v: &Value) -> String {
        match v {
            Value::String(s) => s.clone(),
            Value::Object(o) => o
                .get("name")
                .or(o.get("logicalType"))
                .or(o.get("type"))
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_string(),
            _ => "?".into(),
        }
    }

    fn ty(&mut self, ty: &Value, at: &[&str]) -> String {
        match ty {
            Value::String(s) => self.primitive_or_named(s, at),
            Value::Object(o) => self.complex(o, at),
            Value::Array(_) => {
                // A union nested in an array or map.
                let (t, nullable, _) = self.field_type(ty, at);
                if nullable {
                    let span = find(self.file, self.text, at);
                    report(
                        self.diags,
                        &APPROXIMATED,
                        span,
                        "a nullable element of a list or map is imported as not nullable".into(),
                        None,
                    );
                }
                t
            }
            _ => {
                let span = find(self.file, self.text, at);
                report(
                    self.diags,
                    &UNREADABLE,
                    span,
                    format!("`{ty}` is not an Avro type"),
                    None,
                );
                "string".into()
            }
        }
    }

    fn primitive_or_named(&mut self, s: &str, at: &[&str]) -> String {
        match s {
            "boolean" => "bool".into(),
            "int" => "int".into(),
            "long" => "long".into(),
            "float" => "float".into(),
            "double" => "double".into(),
            "bytes" => "bytes".into(),
            "string" => "string".into(),
            "null" => {
                let span = find(self.file, self.text, at);
                report(
                    self.diags,
                    &APPROXIMATED,
                    span,
                    "a field that is always null is imported as `string?`".into(),
                    None,
                );
                "string".into()
            }
            other => {
                let short = other.rsplit('.').next().unwrap_or(other);
                if let Some((_, _, t)) = self.named.iter().find(|(full, sh, _)| full == other || sh == short) {
                    return t.clone();
                }
                let span = find(self.file, self.text, at);
                report(
                    self.diags,
                    &UNREADABLE,
                    span,
                    format!("the type `{other}` is not defined before its use"),
                    Some("Avro requires a named type to be defined before it is referred to"),
                );
                "string".into()
            }
        }
    }

    fn complex(&mut self, o: &Map<String, Value>, at: &[&str]) -> String {
        let base = o.get("type").and_then(Value::as_str).unwrap_or_default();
        if let Some(logical) = o.get("logicalType").and_then(Value::as_str) {
            if let Some(t) = self.logical(logical, base, o, at) {
                return t;
            }
        }
        match base {
            "record" => self.named_record(o, at),
            "enum" => self.named_enum(o, at),
            "fixed" => {
                let size = o.get("size").and_then(Value::as_u64).unwrap_or(0);
                self.named_type(o, format!("fixed({size})"), at)
            }
            "array" => {
                let items = o.get("items").cloned().unwrap_or(Value::Null);
                format!("list<{}>", self.ty(&items, at))
            }
            "map" => {
                let values = o.get("values").cloned().unwrap_or(Value::Null);
                format!("map<string, {}>", self.ty(&values, at))
            }
            other => self.primitive_or_named(other, at),
        }
    }

    fn logical(&mut self, logical: &str, base: &str, o: &Map<String, Value>, at: &[&str]) -> Option<String> {
        let t = match (logical, base) {
            ("decimal", "bytes" | "fixed") => {
                let p = o.get("precision").and_then(Value::as_u64).unwrap_or(0);
                let s = o.get("scale").and_then(Value::as_u64).unwrap_or(0);
                if !(1..=38).contains(&p) {
                    let span = find(self.file, self.text, &[at, &["\"precision\""]].concat());
                    report(
                        self.diags,
                        &APPROXIMATED,
                        span,
                        format!(
                            "decimal precision {p} is outside 1 to 38; imported as `decimal(38, {})`",
                            s.min(38)
                        ),
                        None,
                    );
                    return Some(format!("decimal(38, {})", s.min(38)));
                }
                format!("decimal({p}, {s})")
            }
            ("uuid", "string" | "fixed") => "uuid".into(),
            ("date", "int") => "date".into(),
            ("time-millis", "int") => "time(3)".into(),
            ("time-micros", "long") => "time(6)".into(),
            ("timestamp-millis", "long") => "timestamp(3)".into(),
            ("timestamp-micros", "long") => "timestamp(6)".into(),
            ("timestamp-nanos", "long") => "timestamp(9)".into(),
            ("local-timestamp-millis" | "local-timestamp-micros" | "local-timestamp-nanos", "long") => {
                let span = find(self.file, self.text, &[at, &[&quoted(logical)]].concat());
                report(
                    self.diags,
                    &APPROXIMATED,
                    span,
                    format!("`{logical}` (a wall-clock time without zone) is imported as a timestamp"),
                    None,
                );
                let p = match logical {
                    "local-timestamp-millis" => 3,
                    "local-timestamp-micros" => 6,
                    _ => 9,
                };
                format!("timestamp({p})")
            }
            ("duration", "fixed") => "duration".into(),
            _ => {
                // Avro says an unknown logical type is read as its underlying type.
                let span = find(self.file, self.text, &[at, &[&quoted(logical)]].concat());
                report(
                    self.diags,
                    &UNMAPPED,
                    span,
                    format!(
                        "the logical type `{logical}` on `{base}` is left out; the field keeps its underlying type"
                    ),
                    None,
                );
                return None;
            }
        };
        Some(t)
    }

    /// Registers a named type as a `type NAME = …` declaration; returns its name.
    fn named_type(&mut self, o: &Map<String, Value>, def: String, at: &[&str]) -> String {
        let raw = o.get("name").and_then(Value::as_str).unwrap_or("unnamed");
        let (short, ns) = split_name(raw, o.get("namespace").and_then(Value::as_str));
        let name = self.name(&short, &[at, &[&quoted(raw)]].concat());
        let full = ns.map_or(short.clone(), |n| format!("{n}.{short}"));
        self.named.push((full, short, name.clone()));
        self.decls.push(Decl {
            doc: o.get("doc").and_then(Value::as_str).map(str::to_string),
            header: format!("type {name} = {def}"),
            ..Decl::default()
        });
        name
    }

    fn named_enum(&mut self, o: &Map<String, Value>, at: &[&str]) -> String {
        let symbols: Vec<String> = o
            .get("symbols")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|s| self.name(s, at))
            .collect();
        let name = self.named_type(o, format!("enum({})", symbols.join(", ")), at);
        if let Some(d) = o.get("default").and_then(Value::as_str) {
            self.enum_defaults.push((name.clone(), truth::name(d).0));
        }
        name
    }

    fn named_record(&mut self, o: &Map<String, Value>, at: &[&str]) -> String {
        let raw = o.get("name").and_then(Value::as_str).unwrap_or("unnamed");
        let (short, ns) = split_name(raw, o.get("namespace").and_then(Value::as_str));
        let name = self.name(&short, &[at, &[&quoted(raw)]].concat());
        let full = ns.map_or(short.clone(), |n| format!("{n}.{short}"));
        self.named.push((full, short, name.clone()));
        self.unmapped_keys(o, RECORD_KEYS, &[at, &[&quoted(raw)]].concat());
        let fields = self.fields(o, raw);
        self.decls.push(Decl {
            doc: o.get("doc").and_then(Value::as_str).map(str::to_string),
            header: format!("struct {name}"),
            entries: Vec::new(),
            block: None,
            fields,
        });
        name
    }

    fn default(&mut self, d: &Value, field: &Field, null_first: bool, at: &[&str]) -> Option<String> {
        let lit = match d {
            Value::Null if field.nullable => Some("null".to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) if is_numeric(&field.ty) => truth::number(n),
            Value::String(s) if is_enum(&field.ty, &self.decls) => Some(truth::name(s).0),
            Value::String(s) if matches!(field.ty.as_str(), "string" | "uuid") => Some(truth::string(s)),
            _ => None,
        };
        if lit.is_none() || (field.nullable && null_first && !d.is_null()) {
            let span = find(self.file, self.text, &[at, &["\"default\""]].concat());
            report(
                self.diags,
                &UNMAPPED,
                span,
                format!(
                    "the default `{d}` of `{}` is left out: contracts have no literal for it",
                    field.name
                ),
                None,
            );
            return None;
        }
        lit
    }
}

fn is_numeric(ty: &str) -> bool {
    matches!(ty, "int" | "long" | "float" | "double") || ty.starts_with("decimal")
}

fn is_enum(ty: &str, decls: &[Decl]) -> bool {
    decls
        .iter()
        .any(|d| d.header.starts_with(&format!("type {ty} = enum(")))
}
