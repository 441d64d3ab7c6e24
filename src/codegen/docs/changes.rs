//! The changes page (`truthline docs --against BASELINE`): every change `breaking`
//! finds against the baseline, grouped by element, breaking ones first, each linked to
//! its rule and to the element's page.

use super::links::link_of;
use super::text::inline;
use super::{Changes, Page};
use crate::checks::breaking::{Change, Object};
use crate::diagnostics::Severity;
use crate::semantic::model::{Model, Node};
use serde_json::{json, Value};

fn qualified(ns: &str, name: &str) -> String {
    if ns.is_empty() {
        name.to_string()
    } else {
        format!("{ns}.{name}")
    }
}

/// The current page of an element by its qualified name (none once removed).
fn url(model: &Model, object: Object, name: &str) -> Option<String> {
    let node = match object {
        Object::Event => (0..model.events.len())
            .rev()
            .find(|i| qualified(&model.events[*i].item.ns, &model.events[*i].item.ast.name.text) == name)
            .map(Node::Event),
        Object::Table => (0..model.tables.len())
            .find(|i| qualified(&model.tables[*i].item.ns, &model.tables[*i].item.ast.name.text) == name)
            .map(Node::Table),
        Object::Metric => (0..model.metrics.len())
            .rev()
            .find(|i| qualified(&model.metrics[*i].item.ns, &model.metrics[*i].item.ast.name.text) == name)
            .map(Node::Metric),
    }?;
    Some(link_of(model, &node).split('#').next().unwrap_or_default().to_string())
}

fn tag(c: &Change) -> &'static str {
    match (c.breaking, &c.allowed) {
        (true, None) => "breaking",
        (_, Some(_)) => "allowed",
        (false, None) if c.severity == Severity::Warning => "warning",
        (false, None) => "compatible",
    }
}

pub fn page(model: &Model, changes: &Changes) -> Page {
    let mut groups: Vec<(Object, &str, Vec<&Change>)> = Vec::new();
    for c in &changes.list {
        match groups.iter_mut().find(|(o, n, _)| *o == c.object && *n == c.name) {
            Some(g) => g.2.push(c),
            None => groups.push((c.object, &c.name, vec![c])),
        }
    }
    groups.sort_by_key(|(o, n, list)| {
        (
            !list.iter().any(|c| c.breaking && c.allowed.is_none()),
            super::versions::word(o),
            n.to_string(),
        )
    });
    let count = |t: &str| changes.list.iter().filter(|c| tag(c) == t).count();
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(o, name, list)| {
            let items: Vec<Value> = list
                .into_iter()
                .map(|c| {
                    json!({
                        "tag": tag(c),
                        "code": c.code.code,
                        "rule": c.code.name,
                        "path": c.path,
                        "message": inline(&c.message),
                        "old": c.old,
                        "new": c.new,
                        "allowed": c.allowed,
                        "affected": inline(&c.affected.join(", ")),
                    })
                })
                .collect();
            json!({
                "object": super::versions::word(&o),
                "name": name,
                "url": url(model, o, name),
                "changes": items,
            })
        })
        .collect();
    let warnings = crate::checks::breaking::report::warnings(count("warning"));
    Page {
        path: "changes.html".into(),
        template: "changes",
        data: json!({
            "title": format!("Changes since {}", changes.baseline),
            "baseline": changes.baseline,
            "breaking": count("breaking"),
            "allowed": count("allowed"),
            "warnings": warnings,
            "compatible": count("compatible"),
            "groups": groups,
        }),
    }
}
