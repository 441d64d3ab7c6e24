//! The page of every diagnostic and rule code, with the documentation `explain` prints.

use super::text::markdown_blocks;
use super::Page;
use crate::diagnostics::codes;
use serde_json::{json, Value};

pub fn page() -> Page {
    let rules: Vec<Value> = codes::all()
        .into_iter()
        .map(|c| {
            json!({
                "code": c.code,
                "name": c.name,
                "severity": c.severity.as_str(),
                "category": super::versions::word(&c.category),
                "summary": c.summary,
                "blocks": markdown_blocks(&c.documentation()),
            })
        })
        .collect();
    Page {
        path: "rules.html".into(),
        template: "rules",
        data: json!({"title": "Rules", "rules": rules}),
    }
}
