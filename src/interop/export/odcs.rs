//! Tables as one Open Data Contract Standard (v3) document per namespace: each table an
//! object of `schema`, each column a property with its logical type (and the physical
//! type where it says more), `required`, `primaryKey` (from `key`), `unique` (from an
//! `expect … unique` of one column), description, classification and tags (`@pii` is the
//! tag `pii`). The inverse of the import.

use super::{is_user, Exported};
use crate::codegen::OutputFile;
use crate::diagnostics::Diagnostic;
use crate::interop::codes::EXPORT_UNMAPPED;
use crate::semantic::model::{Model, Table};
use crate::semantic::types::Type;
use crate::span::SourceMap;
use crate::syntax::ast::ExpectationKind;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Contract {
    api_version: &'static str,
    kind: &'static str,
    id: String,
    name: String,
    version: &'static str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<String>,
    schema: Vec<Object>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Object {
    name: String,
    physical_name: String,
    logical_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    properties: Vec<Property>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Property {
    name: String,
    logical_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    physical_type: Option<String>,
    required: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    primary_key: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unique: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    classification: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

pub fn export(model: &Model, _sources: &SourceMap) -> Exported {
    let mut out = Exported::default();
    let mut by_ns: BTreeMap<&str, Vec<Object>> = BTreeMap::new();
    for (id, t) in model.tables.iter().enumerate().filter(|(_, t)| is_user(&t.item.ns)) {
        by_ns
            .entry(&t.item.ns)
            .or_default()
            .push(object(model, id, t, &mut out.diagnostics));
    }
    for (ns, schema) in by_ns {
        let name = if ns.is_empty() {
            "contracts".to_string()
        } else {
            ns.to_string()
        };
        let doc = Contract {
            api_version: "v3.0.2",
            kind: "DataContract",
            id: name.clone(),
            name: name.clone(),
            version: "1.0.0",
            status: "active",
            domain: (!ns.is_empty()).then(|| ns.to_string()),
            schema,
        };
        match crate::yaml::to_string(&doc) {
            Ok(text) => out.files.push(OutputFile {
                path: format!("{name}.odcs.yaml"),
                contents: text,
            }),
            Err(e) => out.diagnostics.push(Diagnostic::new(
                &EXPORT_UNMAPPED,
                crate::span::Span::new(crate::span::FileId(0), 0, 0),
                format!("cannot write `{name}.odcs.yaml`: {}", e.message),
            )),
        }
    }
    out
}

fn object(model: &Model, id: usize, t: &Table, diags: &mut Vec<Diagnostic>) -> Object {
    let key: Vec<&str> = t
        .item
        .ast
        .key
        .as_ref()
        .map(|k| k.value.iter().map(|n| n.text.as_str()).collect())
        .unwrap_or_default();
    let unique: Vec<&str> = model
        .expects
        .iter()
        .filter(|e| e.table == Some(id))
        .flat_map(|e| &e.item.ast.expectations)
        .filter_map(|x| match &x.kind {
            ExpectationKind::Unique { columns } if columns.len() == 1 => Some(columns[0].text.as_str()),
            _ => None,
        })
        .collect();
    let ast = &t.item.ast;
    let mut lost = Vec::new();
    for (present, what) in [
        (ast.layer.is_some(), "layer"),
        (!ast.sources.is_empty(), "sources"),
        (ast.grain.is_some(), "grain"),
        (ast.partition.is_some(), "partitioning"),
        (ast.retention.is_some(), "retention"),
        (ast.history.is_some(), "history"),
        (ast.dedupe.is_some(), "dedupe"),
    ] {
        if present {
            lost.push(what);
        }
    }
    if !lost.is_empty() {
        diags.push(Diagnostic::new(
            &EXPORT_UNMAPPED,
            ast.name.span,
            format!("ODCS has no place for the {} of `{}`", lost.join(", "), ast.name.text),
        ));
    }
    let properties = t
        .columns
        .iter()
        .map(|c| {
            let (logical, physical) = types(&c.ty);
            // The model lists the classification among the tags; ODCS has its own key.
            let class = c.classification.as_ref().map(|s| s.value.clone());
            let mut tags: Vec<String> = c.tags.iter().filter(|t| Some(*t) != class.as_ref()).cloned().collect();
            if c.pii {
                tags.push("pii".into());
                tags.sort();
            }
            Property {
                name: c.name.clone(),
                logical_type: logical,
                physical_type: physical,
                required: !c.nullable,
                primary_key: key.contains(&c.name.as_str()),
                unique: unique.contains(&c.name.as_str()),
                description: c.doc.clone(),
                classification: class,
                tags,
            }
        })
        .collect();
    Object {
        name: ast.name.text.clone(),
        physical_name: ast.name.text.clone(),
        logical_type: "object",
        description: (!t.item.docs.is_empty()).then(|| t.item.docs.join("\n")),
        properties,
    }
}

/// ODCS v3 logical type, and the physical type where it adds precision.
fn types(t: &Type) -> (&'static str, Option<String>) {
    match t {
        Type::Bool => ("boolean", Some("boolean".into())),
        Type::Int => ("integer", Some("int".into())),
        Type::Long => ("integer", Some("bigint".into())),
        Type::Float => ("number", Some("float".into())),
        Type::Double => ("number", Some("double".into())),
        Type::Decimal { precision, scale } => ("number", Some(format!("decimal({precision},{scale})"))),
        Type::String { max_length: Some(n) } => ("string", Some(format!("varchar({n})"))),
        Type::String { max_length: None } | Type::Unknown => ("string", Some("string".into())),
        Type::Uuid => ("string", Some("uuid".into())),
        Type::Enum { .. } => ("string", Some("string".into())),
        Type::Bytes { .. } | Type::Fixed { .. } => ("string", Some("binary".into())),
        Type::Date => ("date", Some("date".into())),
        Type::Timestamp { .. } => ("date", Some("timestamp".into())),
        Type::Time { .. } => ("string", Some("time".into())),
        Type::Duration => ("string", Some("interval".into())),
        Type::List(..) => ("array", None),
        Type::Map(..) | Type::Struct { .. } | Type::Ref(..) => ("object", None),
        Type::Union(..) | Type::Null => ("object", Some("union".into())),
    }
}
