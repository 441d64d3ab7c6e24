//! The pages of events, tables and metrics: one page per event or metric name holding
//! every version (newest first, with what changed), one page per table.

use super::graph::lineage_svg;
use super::links::{page_of, team_page};
use super::text::{columns, inline_all, names, node_ref, node_refs, paragraphs, summary};
use super::versions::{event_changes, metric_changes, word};
use super::{DocsOptions, Page};
use crate::codegen::sql::{metric_sql, quality_tests};
use crate::lineage::ColumnLineage;
use crate::semantic::model::{Id, Model, Node};
use crate::syntax::ast::SourceKind;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub fn pages(model: &Model, options: &DocsOptions) -> Vec<Page> {
    let mut out = Vec::new();
    for ids in group(
        model
            .events
            .iter()
            .map(|e| (e.item.ns.as_str(), e.item.ast.name.text.as_str(), e.version())),
    ) {
        out.push(event_page(model, &ids));
    }
    let tests = tests_by_table(model, options);
    let (lineage, _) = crate::lineage::trace(model);
    for t in 0..model.tables.len() {
        out.push(table_page(model, t, &tests, &lineage));
    }
    for ids in group(
        model
            .metrics
            .iter()
            .map(|m| (m.item.ns.as_str(), m.item.ast.name.text.as_str(), m.version())),
    ) {
        out.push(metric_page(model, options, &ids));
    }
    out
}

/// Ids grouped by qualified name, each group newest version first.
fn group<'a>(items: impl Iterator<Item = (&'a str, &'a str, Option<u32>)>) -> Vec<Vec<Id>> {
    type Versions = Vec<(Option<u32>, Id)>;
    let mut by: BTreeMap<(&str, &str), Versions> = BTreeMap::new();
    for (i, (ns, name, v)) in items.enumerate() {
        by.entry((ns, name)).or_default().push((v, i));
    }
    by.into_values()
        .map(|mut v| {
            v.sort_by(|a, b| b.cmp(a));
            v.into_iter().map(|(_, i)| i).collect()
        })
        .collect()
}

pub fn team_ref(model: &Model, owner: Option<Id>) -> Value {
    match owner {
        Some(t) => json!({"label": model.teams[t].item.ast.name.text, "kind": "team", "url": team_page(model, t)}),
        None => Value::Null,
    }
}

fn version_word(v: Option<u32>) -> Value {
    v.map_or(Value::Null, |v| Value::from(format!("v{v}")))
}

fn event_page(model: &Model, ids: &[Id]) -> Page {
    let first = &model.events[ids[0]];
    let nodes: Vec<Node> = ids.iter().map(|i| Node::Event(*i)).collect();
    let versions: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let e = &model.events[i];
            let a = &e.item.ast;
            let changes = ids
                .get(k + 1)
                .map(|&p| event_changes(&model.events[p], e))
                .unwrap_or_default();
            json!({
                "anchor": e.version().map_or("current".to_string(), |v| format!("v{v}")),
                "version": version_word(e.version()),
                "docs": paragraphs(&e.item.docs),
                "owner": team_ref(model, e.owner),
                "producer": e.producer.map_or(Value::Null, |p| node_ref(model, &Node::System(p))),
                "compatibility": a.compatibility.as_ref().map(|c| word(&c.value)),
                "key": a.key.as_ref().map(|k| names(&k.value)),
                "delivery": a.delivery.as_ref().map(|d| word(&d.value)),
                "dedupe": a.dedupe.as_ref().map(|k| names(&k.value)),
                "event_time": a.event_time.as_ref().map(|n| n.text.clone()),
                "lateness": a.lateness.as_ref().map(|l| l.value.to_string()),
                "topic": a.topic.as_ref().map(|t| t.value.clone()),
                "stability": a.stability.as_ref().map(|s| word(&s.value)),
                "fields": columns(&e.fields, a.fields.as_ref().map_or(&[], |f| f.value.as_slice())),
                "changes": inline_all(&changes),
                "previous": ids.get(k + 1).map(|&p| version_word(model.events[p].version())),
                "downstream": node_refs(model, &model.downstream_of(&Node::Event(i))),
            })
        })
        .collect();
    Page {
        path: page_of(model, &nodes[0]),
        template: "event",
        data: json!({
            "title": format!("event {}", first.item.ast.name.text),
            "name": first.item.ast.name.text,
            "ns": first.item.ns,
            "versions": versions,
            "lineage_svg": lineage_svg(model, &nodes),
        }),
    }
}

/// Each table's quality tests, by `ns.table` (descriptions are the same in every
/// dialect, so the first one asked for is used).
fn tests_by_table(model: &Model, options: &DocsOptions) -> BTreeMap<String, Vec<Value>> {
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let Some(d) = options.dialects.first() else {
        return out;
    };
    for t in quality_tests(model, *d) {
        let Some((table, _)) = t.id.split_once(": ") else {
            continue;
        };
        out.entry(table.to_string()).or_default().push(json!({
            "id": t.id,
            "kind": t.kind,
            "severity": t.severity.as_str(),
            "description": super::text::inline(&t.description),
        }));
    }
    out
}

fn source_kind(k: SourceKind) -> &'static str {
    match k {
        SourceKind::Event => "event",
        SourceKind::Cdc => "CDC",
        SourceKind::Snapshot => "snapshot",
        SourceKind::Replica => "replica",
        SourceKind::Tables => "tables",
    }
}

fn table_page(model: &Model, i: Id, tests: &BTreeMap<String, Vec<Value>>, lineage: &ColumnLineage) -> Page {
    let t = &model.tables[i];
    let a = &t.item.ast;
    let node = Node::Table(i);
    let qualified = if t.item.ns.is_empty() {
        a.name.text.clone()
    } else {
        format!("{}.{}", t.item.ns, a.name.text)
    };
    let sources: Vec<Value> = a
        .sources
        .iter()
        .map(|s| json!({"kind": source_kind(s.kind.value), "targets": names(&s.targets)}))
        .collect();
    let history = a.history.as_ref().map(|h| {
        let n = |x: &Option<crate::syntax::ast::Name>| x.as_ref().map(|n| n.text.clone());
        json!({"valid_from": n(&h.valid_from), "valid_to": n(&h.valid_to), "current": n(&h.current)})
    });
    let dedupe = a.dedupe.as_ref().map(|d| {
        let keep = d
            .keep
            .as_ref()
            .map(|(k, by)| format!(", keep {} by {}", word(&k.value), by.text))
            .unwrap_or_default();
        format!("on {}{keep}", names(&d.on))
    });
    let partition = a.partition.as_ref().map(|p| match &p.transform {
        Some(f) => format!("{}({})", f.text, p.column.text),
        None => p.column.text.clone(),
    });
    Page {
        path: page_of(model, &node),
        template: "table",
        data: json!({
            "title": format!("table {}", a.name.text),
            "name": a.name.text,
            "ns": t.item.ns,
            "version": a.version.as_ref().map(|v| format!("v{}", v.value)),
            "docs": paragraphs(&t.item.docs),
            "layer": a.layer.as_ref().map(|l| word(&l.value)),
            "store": t.store.map_or(Value::Null, |s| node_ref(model, &Node::System(s))),
            "owner": team_ref(model, t.owner),
            "sources": sources,
            "columns": columns(&t.columns, a.columns.as_ref().map_or(&[], |f| f.value.as_slice())),
            "columns_known": t.columns_known,
            "column_lineage": super::columns::lineage(model, lineage, &node),
            "grain": a.grain.as_ref().map(|g| names(&g.value)),
            "key": a.key.as_ref().map(|k| names(&k.value)),
            "partition": partition,
            "retention": a.retention.as_ref().map(|r| r.value.to_string()),
            "history": history,
            "dedupe": dedupe,
            "lateness": a.lateness.as_ref().map(|l| l.value.to_string()),
            "write": a.write.as_ref().map(|w| word(&w.value)),
            "materialized": a.materialized.as_ref().map(|m| word(&m.value)),
            "compatibility": a.compatibility.as_ref().map(|c| word(&c.value)),
            "transform": a.transform.as_ref().map(|s| s.text.trim().to_string()),
            "tests": tests.get(&qualified).cloned().unwrap_or_default(),
            "upstream": node_refs(model, model.upstream_of(&node)),
            "downstream": node_refs(model, &model.downstream_of(&node)),
            "lineage_svg": lineage_svg(model, std::slice::from_ref(&node)),
        }),
    }
}

fn metric_page(model: &Model, options: &DocsOptions, ids: &[Id]) -> Page {
    let first = &model.metrics[ids[0]];
    let nodes: Vec<Node> = ids.iter().map(|i| Node::Metric(*i)).collect();
    let sunsets = model.sunsets();
    let versions: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let m = &model.metrics[i];
            let a = &m.item.ast;
            let changes = ids
                .get(k + 1)
                .map(|&p| metric_changes(model, &model.metrics[p], m))
                .unwrap_or_default();
            let time = a.time.as_ref().map(|t| {
                json!({
                    "column": t.column.text,
                    "grain": t.grain.as_ref().map(|g| g.value.as_str()),
                    "timezone": t.timezone.as_ref().map(|z| z.value.clone()),
                    "window": t.window.as_ref().map(|w| w.value.to_string()),
                    "lateness": t.lateness.as_ref().map(|w| w.value.to_string()),
                })
            });
            let reconcile = a.reconcile.as_ref().map(|r| {
                json!({
                    "target": r.target.text,
                    "url": m.reconcile.as_ref().map(|n| super::links::link_of(model, n)),
                    "tolerance": r.tolerance.value,
                })
            });
            let replaced_by: Vec<Value> = model
                .metrics
                .iter()
                .enumerate()
                .filter(|(_, x)| x.replaces == Some(i))
                .map(|(j, _)| node_ref(model, &Node::Metric(j)))
                .collect();
            let sql: Vec<Value> = options
                .dialects
                .iter()
                .filter_map(|d| metric_sql(model, i, *d).map(|s| json!({"dialect": d.as_str(), "sql": s})))
                .collect();
            let consumers: Vec<Node> = model
                .downstream_of(&Node::Metric(i))
                .into_iter()
                .filter(|n| matches!(n, Node::Consumer(_)))
                .collect();
            json!({
                "anchor": m.version().map_or("current".to_string(), |v| format!("v{v}")),
                "version": version_word(m.version()),
                "docs": paragraphs(&m.item.docs),
                "summary": summary(&m.item.docs),
                "owner": team_ref(model, m.owner),
                "intent": a.intent.as_ref().map(|s| s.value.clone()),
                "from": m.from.map_or(Value::Null, |t| node_ref(model, &Node::Table(t))),
                "measure": a.measure.as_ref().map(|s| s.text.trim().to_string()),
                "filter": a.filter.as_ref().map(|s| s.text.trim().to_string()),
                "time": time,
                "dimensions": a.dimensions.as_ref().map(|d| names(&d.value)),
                "unit": a.unit.as_ref().map(|u| u.value.clone()),
                "money": m.is_money(),
                "reconcile": reconcile,
                "stability": a.stability.as_ref().map(|s| word(&s.value)),
                "sunset": sunsets.get(i).cloned().flatten().map(|(d, _)| d.to_string()),
                "replaces": m.replaces.map_or(Value::Null, |r| node_ref(model, &Node::Metric(r))),
                "replaced_by": replaced_by,
                "changes": inline_all(&changes),
                "previous": ids.get(k + 1).map(|&p| version_word(model.metrics[p].version())),
                "consumers": node_refs(model, &consumers),
                "sql": sql,
            })
        })
        .collect();
    Page {
        path: page_of(model, &nodes[0]),
        template: "metric",
        data: json!({
            "title": format!("metric {}", first.item.ast.name.text),
            "name": first.item.ast.name.text,
            "ns": first.item.ns,
            "versions": versions,
            "lineage_svg": lineage_svg(model, &nodes),
        }),
    }
}
