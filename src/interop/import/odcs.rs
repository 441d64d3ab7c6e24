//! Open Data Contract Standard (ODCS v3) YAML into contracts. Each object of `schema`
//! becomes a `table` whose properties are its columns: the logical type (refined by the
//! physical type where it says more, `decimal(18,2)`, `varchar(36)`), `required`,
//! `primaryKey` as `key`, `description` as the doc, `classification` and `tags`;
//! `unique` properties and the contract's `team`, `servers`, `sla` and quality rules that
//! have no place are reported. The contract's description documents every table.

use super::report;
use crate::diagnostics::Diagnostic;
use crate::interop::codes::{APPROXIMATED, UNMAPPED, UNREADABLE};
use crate::interop::locate::find;
use crate::interop::truth::{self, Decl, Field, File};
use crate::span::{FileId, Span};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Contract {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    api_version: Option<String>,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    description: Option<Description>,
    #[serde(default)]
    schema: Vec<Object>,
    #[serde(flatten)]
    rest: BTreeMap<String, serde_yaml_value::Any>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Description {
    Text(String),
    Parts(BTreeMap<String, serde_yaml_value::Any>),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Object {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    properties: Vec<Property>,
    #[serde(flatten)]
    rest: BTreeMap<String, serde_yaml_value::Any>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Property {
    name: String,
    #[serde(default)]
    logical_type: Option<String>,
    #[serde(default)]
    physical_type: Option<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    primary_key: bool,
    #[serde(default)]
    unique: bool,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    classification: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(flatten)]
    rest: BTreeMap<String, serde_yaml_value::Any>,
}

/// Any YAML value, kept only to know which keys were there.
mod serde_yaml_value {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    pub enum Any {
        #[allow(dead_code)]
        Some(serde::de::IgnoredAny),
    }
}

/// Object keys with a place in a contract.
const OBJECT_KEYS: &[&str] = &["logicalType", "physicalName", "physicalType"];
/// Property keys with a place (the typed ones above are not in `rest`).
const PROPERTY_KEYS: &[&str] = &["physicalName", "examples"];
/// Top-level keys that identify the document rather than state facts about data.
const CONTRACT_KEYS: &[&str] = &["id", "name"];

pub fn import(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<(String, File)> {
    let c: Contract = match crate::yaml::from_str(text) {
        Ok(c) => c,
        Err(e) => {
            let span = match (e.line, e.column) {
                (Some(l), Some(col)) => crate::interop::locate::at_line_col(file, text, l, col),
                _ => Span::new(file, 0, 0),
            };
            report(
                diags,
                &UNREADABLE,
                span,
                format!("not an ODCS document: {}", e.message),
                None,
            );
            return Vec::new();
        }
    };
    if c.kind.as_deref() != Some("DataContract") || !c.api_version.as_deref().is_some_and(|v| v.starts_with("v3")) {
        report(
            diags,
            &UNREADABLE,
            find(file, text, &["kind"]),
            "not an ODCS v3 document (`kind: DataContract`, `apiVersion: v3…`)".into(),
            None,
        );
        return Vec::new();
    }
    for key in c.rest.keys().filter(|k| !CONTRACT_KEYS.contains(&k.as_str())) {
        report(
            diags,
            &UNMAPPED,
            find(file, text, &[&format!("{key}:")]),
            format!("the section `{key}` is left out: contracts have no place for it"),
            None,
        );
    }
    let contract_doc = match &c.description {
        Some(Description::Text(t)) => Some(t.clone()),
        Some(Description::Parts(p)) => {
            // Only the text parts (purpose, usage, limitations) are documentation.
            let texts: Vec<String> = text_parts(text, p.keys());
            (!texts.is_empty()).then(|| texts.join("\n\n"))
        }
        None => None,
    };
    let ns = c.domain.as_deref().and_then(truth::namespace);
    let mut out = Vec::new();
    for obj in &c.schema {
        let (name, renamed) = truth::name(&obj.name);
        let at = find(file, text, &[&format!("name: {}", obj.name)]);
        if renamed {
            report(
                diags,
                &APPROXIMATED,
                at,
                format!("`{}` is imported as `{name}`", obj.name),
                None,
            );
        }
        for key in obj.rest.keys().filter(|k| !OBJECT_KEYS.contains(&k.as_str())) {
            report(
                diags,
                &UNMAPPED,
                find(file, text, &[&format!("name: {}", obj.name), &format!("{key}:")]),
                format!("`{key}` of `{}` is left out", obj.name),
                None,
            );
        }
        let mut key = Vec::new();
        let mut unique = Vec::new();
        let mut fields = Vec::new();
        for p in &obj.properties {
            let (pname, _) = truth::name(&p.name);
            let pat = find(
                file,
                text,
                &[&format!("name: {}", obj.name), &format!("name: {}", p.name)],
            );
            for k in p.rest.keys().filter(|k| !PROPERTY_KEYS.contains(&k.as_str())) {
                report(
                    diags,
                    &UNMAPPED,
                    pat,
                    format!("`{k}` of `{}.{}` is left out", obj.name, p.name),
                    None,
                );
            }
            let (ty, note) = property_type(p);
            if let Some(n) = note {
                report(
                    diags,
                    &APPROXIMATED,
                    pat,
                    format!("`{}.{}`: {n}", obj.name, p.name),
                    None,
                );
            }
            let mut f = Field {
                name: pname.clone(),
                ty,
                nullable: !(p.required || p.primary_key),
                doc: p.description.clone(),
                ..Field::default()
            };
            if let Some(cl) = &p.classification {
                f.attrs.push(format!("@classification({})", truth::name(cl).0));
            }
            // `pii` is the contract's own attribute; other tags stay tags.
            if p.tags.iter().any(|t| t.eq_ignore_ascii_case("pii")) {
                f.attrs.push("@pii".into());
            }
            let tags: Vec<String> = p
                .tags
                .iter()
                .filter(|t| !t.eq_ignore_ascii_case("pii"))
                .map(|t| truth::string(t))
                .collect();
            if !tags.is_empty() {
                f.attrs.push(format!("@tag({})", tags.join(", ")));
            }
            if p.primary_key {
                key.push(pname.clone());
            }
            if p.unique {
                unique.push(format!("unique {pname}"));
            }
            fields.push(f);
        }
        let mut decls = vec![Decl {
            doc: match (&obj.description, &contract_doc) {
                (Some(o), Some(c)) => Some(format!("{o}\n\n{c}")),
                (o, c) => o.clone().or(c.clone()),
            },
            header: format!("table {name}"),
            entries: if key.is_empty() {
                Vec::new()
            } else {
                vec![format!("key {}", key.join(", "))]
            },
            block: Some("columns"),
            fields,
        }];
        if !unique.is_empty() {
            decls.push(Decl {
                doc: Some(format!("Unique properties of `{}` in the data contract.", obj.name)),
                header: format!("expect {name}"),
                entries: unique,
                block: None,
                fields: Vec::new(),
            });
        }
        out.push((
            name,
            File {
                namespace: ns.clone(),
                decls,
            },
        ));
    }
    out
}

/// The string values of `description`'s parts, read again as plain strings.
fn text_parts<'a>(text: &str, keys: impl Iterator<Item = &'a String>) -> Vec<String> {
    #[derive(Deserialize)]
    struct D {
        description: BTreeMap<String, serde_json::Value>,
    }
    let Ok(d) = crate::yaml::from_str::<D>(text) else {
        return Vec::new();
    };
    keys.filter_map(|k| {
        d.description
            .get(k)
            .and_then(|v| v.as_str())
            .map(|s| format!("{k}: {s}"))
    })
    .collect()
}

fn property_type(p: &Property) -> (String, Option<String>) {
    let physical = p.physical_type.as_deref().map(str::to_ascii_lowercase);
    let phys = physical.as_deref().unwrap_or_default();
    let with_args = |base: &str| -> Option<String> { phys.starts_with(base).then(|| phys.to_string()) };
    match p.logical_type.as_deref().unwrap_or("string") {
        "string" => match phys {
            "uuid" => ("uuid".into(), None),
            _ => match with_args("varchar(").or(with_args("char(")) {
                Some(t) => (format!("string({})", digits(&t)), None),
                None => ("string".into(), None),
            },
        },
        "integer" => match phys {
            "int" | "integer" | "int4" => ("int".into(), None),
            _ => ("long".into(), None),
        },
        "number" => match with_args("decimal(").or(with_args("numeric(")) {
            Some(t) => {
                let n: Vec<&str> = t[t.find('(').map_or(0, |i| i + 1)..]
                    .trim_end_matches(')')
                    .split(',')
                    .collect();
                match n.as_slice() {
                    [pr, sc] => (format!("decimal({}, {})", pr.trim(), sc.trim()), None),
                    _ => ("double".into(), None),
                }
            }
            None if phys == "float" || phys == "real" => ("float".into(), None),
            None => ("double".into(), None),
        },
        "boolean" => ("bool".into(), None),
        "date" if phys.starts_with("timestamp") || phys.starts_with("datetime") => ("timestamp".into(), None),
        "date" => ("date".into(), None),
        "timestamp" => ("timestamp".into(), None),
        "time" => ("time".into(), None),
        "array" => (
            "list<string>".into(),
            Some("an array's item type is not read; imported as `list<string>`".into()),
        ),
        "object" => (
            "map<string, string>".into(),
            Some("a nested object is imported as `map<string, string>`".into()),
        ),
        other => (
            "string".into(),
            Some(format!("the logical type `{other}` is imported as `string`")),
        ),
    }
}

fn digits(t: &str) -> String {
    t.chars().filter(char::is_ascii_digit).collect()
}
