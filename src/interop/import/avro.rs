//! Avro schemas (`.avsc`) into contracts. A top-level record becomes an `event` (v1: Avro
//! carries no version) whose fields keep their types, nullability (`["null", T]` is
//! `T?`, also for list items and map values), unions of several types (`union<…>`, in
//! their order), defaults, docs and aliases (as `@renamed_from`); a named record, enum or
//! fixed used inside becomes a `struct` or `type` of the same file, with its aliases
//! (`@aliases`). A file may hold a list of schemas: named types that a later schema uses
//! (enums first, then the record, a common layout) are declarations, the rest events. A
//! record that refers to itself (a linked list) is also declared as a `struct` for the
//! inner mention. Logical types map to the contract's own: decimal, uuid, date, time and
//! timestamp with their precision, duration. What has no place (sort orders, custom
//! properties, an event record's own aliases) is reported.

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
    /// Contract names of named types referred to by name after their definition.
    used: std::collections::HashSet<String>,
    /// Contract names of the enums declared so far.
    enums: std::collections::HashSet<String>,
}

/// Every name a schema mentions as a type (a string in a type position).
fn type_refs(v: &Value, out: &mut std::collections::HashSet<String>) {
    match v {
        Value::String(s) => {
            out.insert(s.clone());
            out.insert(s.rsplit('.').next().unwrap_or(s).to_string());
        }
        Value::Array(items) => items.iter().for_each(|i| type_refs(i, out)),
        Value::Object(o) => {
            for key in ["type", "items", "values"] {
                if let Some(t) = o.get(key) {
                    type_refs(t, out);
                }
            }
            for f in o.get("fields").and_then(Value::as_array).into_iter().flatten() {
                if let Some(t) = f.get("type") {
                    type_refs(t, out);
                }
            }
        }
        _ => {}
    }
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
        used: std::collections::HashSet::new(),
        enums: std::collections::HashSet::new(),
    };
    let mut out = Vec::new();
    // Declarations of named types shared by the events of one file that follow them.
    let mut shared: Vec<Decl> = Vec::new();
    for (k, schema) in schemas.iter().enumerate() {
        let kind = schema.get("type").and_then(Value::as_str);
        let own_name = schema.get("name").and_then(Value::as_str).unwrap_or_default();
        let mut later = std::collections::HashSet::new();
        schemas[k + 1..].iter().for_each(|s| type_refs(s, &mut later));
        let referred = !own_name.is_empty()
            && (later.contains(own_name) || later.contains(own_name.rsplit('.').next().unwrap_or(own_name)));
        // A named type defined for the schemas after it: a declaration, not an event.
        if matches!(kind, Some("record" | "enum" | "fixed")) && (referred || kind != Some("record")) {
            let at = [quoted(own_name)];
            let at: Vec<&str> = at.iter().map(String::as_str).collect();
            if let Some(o) = schema.as_object() {
                cx.complex(o, &at);
            }
            shared.append(&mut cx.decls);
            continue;
        }
        let Some(obj) = schema
            .as_object()
            .filter(|o| o.get("type").and_then(Value::as_str) == Some("record"))
        else {
            let span = find(file, text, &["{"]);
            report(
                cx.diags,
                &UNREADABLE,
                span,
                "an Avro schema to import must be a record (or a list of named types and records)".into(),
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
        cx.used.remove(&name);
        let fields = cx.fields(obj, raw_name);
        if cx.used.contains(&name) {
            // The record refers to itself: the inner mention needs a struct to name.
            cx.decls.push(Decl {
                doc: None,
                header: format!("struct {name}"),
                entries: Vec::new(),
                block: None,
                fields: fields.clone(),
            });
        }
        cx.decls.push(Decl {
            doc: obj.get("doc").and_then(Value::as_str).map(str::to_string),
            header: format!("event {name} v1"),
            entries: Vec::new(),
            block: Some("fields"),
            fields,
        });
        // The first event's file declares the shared types; the others refer to them.
        let mut decls = std::mem::take(&mut shared);
        decls.append(&mut cx.decls);
        out.push((
            name,
            File {
                namespace: ns.as_deref().and_then(truth::namespace),
                decls,
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
            return match non_null.as_slice() {
                // `["null", T]` is `T?`; `[T]` is `T`; `["null"]` is `null`.
                [one] => (self.ty(one, at), nullable, null_first),
                [] => ("null".into(), false, false),
                // Several types: a union, in the order written (`null` where it stands).
                _ => {
                    let parts: Vec<String> = branches
                        .iter()
                        .map(|b| {
                            if b.as_str() == Some("null") {
                                "null".into()
                            } else {
                                self.ty(b, at)
                            }
                        })
                        .collect();
                    (format!("union<{}>", parts.join(", ")), false, null_first)
                }
            };
        }
        (self.ty(ty, at), false, false)
    }

    fn ty(&mut self, ty: &Value, at: &[&str]) -> String {
        match ty {
            Value::String(s) => self.primitive_or_named(s, at),
            Value::Object(o) => self.complex(o, at),
            Value::Array(_) => {
                // A union nested in an array or map: `list<T?>`, or a `union<…>`.
                let (t, nullable, _) = self.field_type(ty, at);
                if nullable {
                    format!("{t}?")
                } else {
                    t
                }
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
            "null" => "null".into(),
            other => {
                let short = other.rsplit('.').next().unwrap_or(other);
                if let Some((_, _, t)) = self.named.iter().find(|(full, sh, _)| full == other || sh == short) {
                    let t = t.clone();
                    self.used.insert(t.clone());
                    return t;
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
            header: format!("type {name} = {def}{}", aliases_attr(o)),
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
        self.enums.insert(name.clone());
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
            header: format!("struct {name}{}", aliases_attr(o)),
            entries: Vec::new(),
            block: None,
            fields,
        });
        name
    }

    fn default(&mut self, d: &Value, field: &Field, null_first: bool, at: &[&str]) -> Option<String> {
        // A union's default is a value of its first branch (Avro's rule).
        let ty = first_branch(&field.ty);
        let lit = match d {
            Value::Null if field.nullable || ty == "null" => Some("null".to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) if is_numeric(ty) => truth::number(n),
            Value::String(s) if self.enums.contains(ty) => Some(truth::name(s).0),
            Value::String(s) if matches!(ty, "string" | "uuid") => Some(truth::string(s)),
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

/// The first branch of a `union<…>` type as written, or the type itself.
fn first_branch(ty: &str) -> &str {
    match ty.strip_prefix("union<") {
        Some(rest) => {
            let mut depth = 0usize;
            for (i, c) in rest.char_indices() {
                match c {
                    '<' | '(' => depth += 1,
                    '>' | ')' if depth > 0 => depth -= 1,
                    ',' | '>' if depth == 0 => return &rest[..i],
                    _ => {}
                }
            }
            rest
        }
        None => ty,
    }
}

/// `@aliases(…)` for the aliases of a named type (their unqualified names), or nothing.
fn aliases_attr(o: &Map<String, Value>) -> String {
    let names: Vec<String> = o
        .get("aliases")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|a| truth::name(a.rsplit('.').next().unwrap_or(a)).0)
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!(" @aliases({})", names.join(", "))
    }
}

fn is_numeric(ty: &str) -> bool {
    matches!(ty, "int" | "long" | "float" | "double") || ty.starts_with("decimal")
}
