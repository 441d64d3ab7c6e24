//! What `truthline lineage NAME[.COLUMN]` names: a table, event, metric or consumer
//! (the newest version unless `NAME@N` picks one), a system's table (`orders_db.orders`),
//! and optionally one of its columns. Names may be qualified by their namespace.

use super::graph::ColumnLineage;
use crate::diagnostics::did_you_mean;
use crate::semantic::model::{Model, Node};

/// A node, and one of its columns when named.
pub type Target = (Node, Option<String>);

/// Why a name names nothing, and the closest name when one is close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    pub message: String,
    pub suggestion: Option<String>,
}

fn not_found(message: String, suggestion: Option<String>) -> NotFound {
    NotFound { message, suggestion }
}

/// Finds what `text` names, or says why not (with a suggestion when one is close).
pub fn find(model: &Model, g: &ColumnLineage, text: &str) -> Result<Target, NotFound> {
    let (text, version) = match text.rsplit_once('@') {
        Some((name, v)) => {
            let v = v.trim_start_matches('v');
            let n = v
                .parse::<u32>()
                .map_err(|_| not_found(format!("`@{v}` is not a version"), Some(format!("{name}@2"))))?;
            (name, Some(n))
        }
        None => (text, None),
    };
    let nodes = candidates(model);
    let parts: Vec<&str> = text.split('.').collect();
    // The longest prefix that names a node; what follows is a column.
    for cut in (1..=parts.len()).rev() {
        let name = parts[..cut].join(".");
        let matching: Vec<&(String, String, Option<u32>, Node)> = nodes
            .iter()
            .filter(|(short, full, _, _)| *short == name || *full == name)
            .filter(|(_, _, v, _)| version.is_none() || *v == version)
            .collect();
        let Some(newest) = matching
            .iter()
            .max_by_key(|(_, _, v, n)| (*v, std::cmp::Reverse(n.clone())))
        else {
            continue;
        };
        let node = newest.3.clone();
        let rest = parts[cut..].join(".");
        if rest.is_empty() {
            return Ok((node, None));
        }
        let cols = g.columns_of(&node);
        if let Some(c) = cols.iter().find(|c| c.eq_ignore_ascii_case(&rest)) {
            return Ok((node, Some(c.clone())));
        }
        if matches!(node, Node::SystemTable(..)) {
            return Ok((node, Some(rest)));
        }
        let close = did_you_mean(&rest, cols.iter().map(String::as_str)).map(|m| format!("{name}.{m}"));
        let listed = if close.is_none() {
            format!(" (its columns: {})", cols.join(", "))
        } else {
            String::new()
        };
        return Err(not_found(format!("`{name}` has no column `{rest}`{listed}"), close));
    }
    // Suggest for the name part: `paymnets.amount` → `payments`.
    let close = (1..=parts.len()).rev().find_map(|cut| {
        did_you_mean(&parts[..cut].join("."), nodes.iter().map(|(s, _, _, _)| s.as_str())).map(|m| {
            std::iter::once(m)
                .chain(parts[cut..].iter().copied())
                .collect::<Vec<_>>()
                .join(".")
        })
    });
    Err(not_found(
        format!("no table, event, metric or consumer is called `{text}`"),
        close,
    ))
}

/// Every node users can name: its short name, its qualified name and its version.
fn candidates(model: &Model) -> Vec<(String, String, Option<u32>, Node)> {
    let mut out = Vec::new();
    let q = |ns: &str, name: &str| {
        if ns.is_empty() {
            name.to_string()
        } else {
            format!("{ns}.{name}")
        }
    };
    for (i, t) in model.tables.iter().enumerate() {
        let n = &t.item.ast.name.text;
        out.push((n.clone(), q(&t.item.ns, n), None, Node::Table(i)));
    }
    for (i, e) in model.events.iter().enumerate() {
        let n = &e.item.ast.name.text;
        out.push((n.clone(), q(&e.item.ns, n), e.version(), Node::Event(i)));
    }
    for (i, m) in model.metrics.iter().enumerate() {
        let n = &m.item.ast.name.text;
        out.push((n.clone(), q(&m.item.ns, n), m.version(), Node::Metric(i)));
    }
    for (i, c) in model.consumers.iter().enumerate() {
        let n = &c.item.ast.name.text;
        out.push((n.clone(), q(&c.item.ns, n), None, Node::Consumer(i)));
    }
    for t in &model.tables {
        for s in &t.sources {
            if let Node::SystemTable(sys, table) = s {
                let name = format!("{}.{table}", model.systems[*sys].item.ast.name.text);
                if !out.iter().any(|(s, _, _, _)| *s == name) {
                    out.push((name.clone(), name, None, s.clone()));
                }
            }
        }
    }
    out
}
