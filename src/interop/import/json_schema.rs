//! JSON Schema documents into contracts. An object schema becomes an `event` (v1) named
//! by its `title` or the file's name; properties keep their types (formats `date-time`,
//! `date`, `time`, `uuid` map to the contract's types), `required` decides nullability,
//! `description` becomes the doc, `default`, `enum`, `maxLength`/`minLength`, `pattern`
//! and `minimum`/`maximum` are kept; `$defs` referred to by `$ref` become structs. Other
//! keywords are reported.

use super::report;
use crate::diagnostics::Diagnostic;
use crate::interop::codes::{APPROXIMATED, UNMAPPED, UNREADABLE};
use crate::interop::locate::{find, quoted};
use crate::interop::truth::{self, Decl, Field, File};
use crate::span::{FileId, Span};
use serde_json::{Map, Value};

/// Keywords with a place in a contract; every other one is reported.
const KNOWN: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "definitions",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "items",
    "additionalProperties",
    "format",
    "enum",
    "default",
    "maxLength",
    "minLength",
    "pattern",
    "minimum",
    "maximum",
    "$ref",
];

struct Cx<'a> {
    file: FileId,
    text: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    root: &'a Value,
    decls: Vec<Decl>,
    defined: Vec<String>,
}

pub fn import(file: FileId, stem: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<(String, File)> {
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let span = crate::interop::locate::at_line_col(file, text, e.line(), e.column());
            report(diags, &UNREADABLE, span, format!("not valid JSON: {e}"), None);
            return Vec::new();
        }
    };
    let Some(obj) = root.as_object().filter(|o| o.contains_key("properties")) else {
        report(
            diags,
            &UNREADABLE,
            Span::new(file, 0, 0),
            "a JSON Schema to import must describe an object with `properties`".into(),
            None,
        );
        return Vec::new();
    };
    let raw = obj.get("title").and_then(Value::as_str).unwrap_or(stem);
    let (name, _) = truth::name(&raw.to_ascii_lowercase().replace([' ', '-'], "_"));
    let mut cx = Cx {
        file,
        text,
        diags,
        root: &root,
        decls: Vec::new(),
        defined: Vec::new(),
    };
    let fields = cx.object(obj, &[]);
    cx.decls.push(Decl {
        doc: obj.get("description").and_then(Value::as_str).map(str::to_string),
        header: format!("event {name} v1"),
        entries: Vec::new(),
        block: Some("fields"),
        fields,
    });
    vec![(
        name,
        File {
            namespace: None,
            decls: cx.decls,
        },
    )]
}

impl Cx<'_> {
    fn unmapped(&mut self, obj: &Map<String, Value>, at: &[&str]) {
        for k in obj.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
            let q = quoted(k);
            let span = find(self.file, self.text, &[at, &[q.as_str()]].concat());
            report(
                self.diags,
                &UNMAPPED,
                span,
                format!("the keyword `{k}` is left out"),
                None,
            );
        }
    }

    fn object(&mut self, obj: &Map<String, Value>, at: &[&str]) -> Vec<Field> {
        self.unmapped(obj, at);
        let required: Vec<&str> = obj
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let mut out = Vec::new();
        for (raw, schema) in obj.get("properties").and_then(Value::as_object).into_iter().flatten() {
            let q = quoted(raw);
            let here: Vec<&str> = [at, &[q.as_str()]].concat();
            let (name, renamed) = truth::name(raw);
            if renamed {
                let span = find(self.file, self.text, &here);
                report(
                    self.diags,
                    &APPROXIMATED,
                    span,
                    format!("`{raw}` is imported as `{name}`"),
                    None,
                );
            }
            let empty = Map::new();
            let s = schema.as_object().unwrap_or(&empty);
            if !s.contains_key("properties") {
                // An object property reports its keywords when its fields are read.
                self.unmapped(s, &here);
            }
            let (ty, nullable) = self.ty(s, &here);
            let mut f = Field {
                name,
                ty,
                nullable: nullable || !required.contains(&raw.as_str()),
                doc: s.get("description").and_then(Value::as_str).map(str::to_string),
                ..Field::default()
            };
            self.constraints(s, &mut f, &here);
            out.push(f);
        }
        out
    }

    fn constraints(&mut self, s: &Map<String, Value>, f: &mut Field, at: &[&str]) {
        if let Some(d) = s.get("default") {
            let lit = match d {
                Value::Null if f.nullable => Some("null".to_string()),
                Value::Bool(b) => Some(b.to_string()),
                Value::Number(n) => truth::number(n),
                Value::String(v) if f.ty.starts_with("enum(") => truth::is_name(v).then(|| v.clone()),
                Value::String(v) => Some(truth::string(v)),
                _ => None,
            };
            match lit {
                Some(l) => f.default = Some(l),
                None => {
                    let span = find(self.file, self.text, &[at, &["\"default\""]].concat());
                    report(
                        self.diags,
                        &UNMAPPED,
                        span,
                        format!("the default `{d}` is left out"),
                        None,
                    );
                }
            }
        }
        let n = |k: &str| s.get(k).and_then(Value::as_number).and_then(truth::number);
        match (n("minLength"), n("maxLength")) {
            (Some(a), Some(b)) => f.attrs.push(format!("@length({a}, {b})")),
            (None, Some(b)) => f.attrs.push(format!("@length({b})")),
            (Some(a), None) => {
                let span = find(self.file, self.text, &[at, &["\"minLength\""]].concat());
                report(
                    self.diags,
                    &UNMAPPED,
                    span,
                    format!("`minLength: {a}` without a maximum is left out"),
                    None,
                );
            }
            (None, None) => {}
        }
        match (n("minimum"), n("maximum")) {
            (Some(a), Some(b)) => f.attrs.push(format!("@range({a}, {b})")),
            (None, None) => {}
            _ => {
                let span = find(self.file, self.text, at);
                report(
                    self.diags,
                    &UNMAPPED,
                    span,
                    "a bound without its other end is left out".into(),
                    None,
                );
            }
        }
        if let Some(p) = s.get("pattern").and_then(Value::as_str) {
            f.attrs.push(format!("@pattern({})", truth::string(p)));
        }
    }

    /// The contract type of a property schema, and whether `null` is allowed.
    fn ty(&mut self, s: &Map<String, Value>, at: &[&str]) -> (String, bool) {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            return (self.reference(r, at), false);
        }
        let (types, nullable): (Vec<String>, bool) = match s.get("type") {
            Some(Value::String(t)) => (vec![t.clone()], false),
            Some(Value::Array(ts)) => {
                let all: Vec<String> = ts.iter().filter_map(Value::as_str).map(str::to_string).collect();
                let nn: Vec<String> = all.iter().filter(|t| *t != "null").cloned().collect();
                let nullable = nn.len() < all.len();
                (nn, nullable)
            }
            _ => (Vec::new(), false),
        };
        if types.len() > 1 {
            let span = find(self.file, self.text, at);
            report(
                self.diags,
                &APPROXIMATED,
                span,
                format!(
                    "a value of several types ({}) is imported as its first",
                    types.join(", ")
                ),
                None,
            );
        }
        if let Some(symbols) = s.get("enum").and_then(Value::as_array) {
            let names: Vec<&str> = symbols.iter().filter_map(Value::as_str).collect();
            if names.len() == symbols.len() && names.iter().all(|n| truth::is_name(n)) {
                return (format!("enum({})", names.join(", ")), nullable);
            }
            let span = find(self.file, self.text, &[at, &["\"enum\""]].concat());
            report(
                self.diags,
                &UNMAPPED,
                span,
                "an `enum` of values that are not names is left out".into(),
                None,
            );
        }
        let format = s.get("format").and_then(Value::as_str).unwrap_or_default();
        let t = match (types.first().map(String::as_str), format) {
            (Some("string"), "date-time") => "timestamp".to_string(),
            (Some("string"), "date") => "date".into(),
            (Some("string"), "time") => "time".into(),
            (Some("string"), "uuid") => "uuid".into(),
            (Some("string"), "duration") => "duration".into(),
            (Some("string"), _) => "string".into(),
            (Some("integer"), _) => "long".into(),
            (Some("number"), _) => "double".into(),
            (Some("boolean"), _) => "bool".into(),
            (Some("array"), _) => {
                let empty = Map::new();
                let items = s.get("items").and_then(Value::as_object).unwrap_or(&empty);
                format!("list<{}>", self.ty(items, at).0)
            }
            (Some("object"), _) if s.contains_key("properties") => {
                let fields = self.object(s, at);
                let inner: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{} {}{}", f.name, f.ty, if f.nullable { "?" } else { "" }))
                    .collect();
                format!("struct {{ {} }}", inner.join(" "))
            }
            (Some("object"), _) => {
                let empty = Map::new();
                let values = s
                    .get("additionalProperties")
                    .and_then(Value::as_object)
                    .unwrap_or(&empty);
                format!("map<string, {}>", self.ty(values, at).0)
            }
            _ => {
                let span = find(self.file, self.text, at);
                report(
                    self.diags,
                    &APPROXIMATED,
                    span,
                    "a value without a `type` is imported as `string`".into(),
                    None,
                );
                "string".into()
            }
        };
        if !format.is_empty() && t == "string" {
            let span = find(self.file, self.text, &[at, &["\"format\""]].concat());
            report(
                self.diags,
                &UNMAPPED,
                span,
                format!("the format `{format}` is left out"),
                None,
            );
        }
        (t, nullable)
    }

    fn reference(&mut self, r: &str, at: &[&str]) -> String {
        let key = r.rsplit('/').next().unwrap_or(r);
        let (name, _) = truth::name(key);
        if self.defined.contains(&name) {
            return name;
        }
        let section = if r.starts_with("#/definitions/") {
            "definitions"
        } else {
            "$defs"
        };
        let target = self
            .root
            .get(section)
            .and_then(|d| d.get(key))
            .and_then(Value::as_object);
        let Some(target) = target else {
            let span = find(self.file, self.text, &[at, &[quoted(r).as_str()]].concat());
            report(
                self.diags,
                &UNREADABLE,
                span,
                format!("`{r}` refers to nothing in this file"),
                None,
            );
            return "string".into();
        };
        self.defined.push(name.clone());
        let q = quoted(key);
        let fields = self.object(target, &[quoted(section).as_str(), q.as_str()]);
        self.decls.push(Decl {
            doc: target.get("description").and_then(Value::as_str).map(str::to_string),
            header: format!("struct {name}"),
            entries: Vec::new(),
            block: None,
            fields,
        });
        name
    }
}
