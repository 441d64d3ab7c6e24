//! SARIF 2.1.0, for code-scanning uploads.

use super::render::Location;
use super::{codes, Diagnostic, Severity};
use crate::span::SourceMap;
use serde_json::{json, Value};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(sources: &SourceMap, span: crate::span::Span, message: Option<&str>) -> Value {
    let l = Location::of(sources, span);
    let mut v = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": l.file.replace('\\', "/") },
            "region": {
                "startLine": l.line,
                "startColumn": l.column,
                "endLine": l.end_line,
                "endColumn": l.end_column.max(if l.end_line == l.line { l.column + 1 } else { 1 }),
            }
        }
    });
    if let (Some(m), Some(obj)) = (message.filter(|m| !m.is_empty()), v.as_object_mut()) {
        obj.insert("message".into(), json!({ "text": m }));
    }
    v
}

/// A SARIF log with one run; every known rule is listed so results can refer to it.
pub fn sarif(sources: &SourceMap, diags: &[Diagnostic]) -> String {
    let all = codes::all();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(&format!(" (help: {h})"));
            }
            let primary: Vec<Value> = d
                .labels
                .iter()
                .filter(|l| l.primary)
                .map(|l| location(sources, l.span, None))
                .collect();
            let related: Vec<Value> = d
                .labels
                .iter()
                .filter(|l| !l.primary)
                .enumerate()
                .map(|(i, l)| {
                    let mut v = location(sources, l.span, Some(&l.message));
                    if let Some(o) = v.as_object_mut() {
                        o.insert("id".into(), json!(i));
                    }
                    v
                })
                .collect();
            json!({
                "ruleId": d.code.code,
                "ruleIndex": all.iter().position(|c| std::ptr::eq(*c, d.code)),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": primary,
                "relatedLocations": related,
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "truthline",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/truthline/truthline",
                "rules": rules(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// Every known rule as SARIF describes it: the same for every log, so built once.
fn rules() -> &'static Value {
    static RULES: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        Value::Array(
            codes::all()
                .iter()
                .map(|c| {
                    json!({
                        "id": c.code,
                        "name": c.name,
                        "shortDescription": { "text": c.summary },
                        "fullDescription": { "text": c.summary },
                        "help": { "text": c.documentation(), "markdown": c.documentation() },
                        "defaultConfiguration": { "level": level(c.severity) },
                        "properties": { "category": c.category },
                    })
                })
                .collect(),
        )
    })
}
