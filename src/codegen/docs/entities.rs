//! The pages of concepts, systems, teams and consumers.

use super::graph::lineage_svg;
use super::links::{concept_page, page_of, slug, team_page};
use super::objects::team_ref;
use super::text::{names, node_ref, node_refs, paragraphs};
use super::versions::word;
use super::Page;
use crate::semantic::model::{Id, Model, Node};
use serde_json::{json, Value};

pub fn pages(model: &Model) -> Vec<Page> {
    let mut out = Vec::new();
    out.extend((0..model.concepts.len()).map(|i| concept(model, i)));
    out.extend((0..model.systems.len()).map(|i| system(model, i)));
    out.extend((0..model.teams.len()).map(|i| team(model, i)));
    out.extend((0..model.consumers.len()).map(|i| consumer(model, i)));
    out
}

pub fn concept_ref(model: &Model, i: Id) -> Value {
    json!({"label": model.concepts[i].item.ast.name.text, "kind": "concept", "url": concept_page(model, i)})
}

fn concept(model: &Model, i: Id) -> Page {
    let c = &model.concepts[i];
    let a = &c.item.ast;
    let nodes: Vec<Node> = c
        .authorities
        .iter()
        .map(|(s, t)| Node::SystemTable(*s, t.clone()))
        .collect();
    let authorities: Vec<Value> = c
        .authorities
        .iter()
        .map(|(s, t)| {
            json!({
                "ref": node_ref(model, &Node::SystemTable(*s, t.clone())),
                "system": node_ref(model, &Node::System(*s)),
                "domain": model.systems[*s].domain().map(|d| word(&d)),
            })
        })
        .collect();
    let readers: Vec<Node> = nodes.iter().flat_map(|n| model.downstream_of(n)).collect();
    Page {
        path: concept_page(model, i),
        template: "concept",
        data: json!({
            "title": format!("concept {}", a.name.text),
            "name": a.name.text,
            "ns": c.item.ns,
            "docs": paragraphs(&c.item.docs),
            "authorities": authorities,
            "identifier": a.identifier.as_ref().map(|x| names(&x.value)),
            "time": a.time.as_ref().map(|t| t.column.text.clone()),
            "time_kind": a.time.as_ref().and_then(|t| t.kind.as_ref()).map(|k| word(&k.value)),
            "reconcile": a.reconcile.as_ref().map(|r| r.target.text.clone()),
            "cadence": a.reconcile.as_ref().and_then(|r| r.cadence.as_ref()).map(|k| word(&k.value)),
            "owner": team_ref(model, c.owner),
            "readers": node_refs(model, &readers),
            "lineage_svg": if nodes.is_empty() { None } else { lineage_svg(model, &nodes) },
        }),
    }
}

fn system(model: &Model, i: Id) -> Page {
    let s = &model.systems[i];
    let a = &s.item.ast;
    let node = Node::System(i);
    let tables: Vec<Value> = a
        .tables
        .as_ref()
        .map(|t| t.value.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|t| {
            let st = Node::SystemTable(i, t.text.clone());
            let concepts: Vec<Value> = model
                .concepts
                .iter()
                .enumerate()
                .filter(|(_, c)| c.authorities.iter().any(|(x, n)| *x == i && *n == t.text))
                .map(|(k, _)| concept_ref(model, k))
                .collect();
            json!({
                "name": t.text,
                "anchor": format!("table-{}", slug(&t.text)),
                "authority_of": concepts,
                "readers": node_refs(model, &model.downstream_of(&st)),
            })
        })
        .collect();
    let events: Vec<Node> = (0..model.events.len())
        .filter(|e| model.events[*e].producer == Some(i))
        .map(Node::Event)
        .collect();
    let stored: Vec<Node> = (0..model.tables.len())
        .filter(|t| model.tables[*t].store == Some(i))
        .map(Node::Table)
        .collect();
    Page {
        path: page_of(model, &node),
        template: "system",
        data: json!({
            "title": format!("system {}", a.name.text),
            "name": a.name.text,
            "ns": s.item.ns,
            "docs": paragraphs(&s.item.docs),
            "domain": s.domain().map(|d| word(&d)),
            "engine": a.engine.as_ref().map(|e| e.text.clone()),
            "owner": team_ref(model, s.owner),
            "read_via": a.read_via.as_ref().map(|r| names(&r.value)),
            "ledger": a.ledger.is_some(),
            "tables": tables,
            "events": node_refs(model, &events),
            "stored": node_refs(model, &stored),
            "lineage_svg": lineage_svg(model, std::slice::from_ref(&node)),
        }),
    }
}

fn team(model: &Model, i: Id) -> Page {
    let t = &model.teams[i];
    let owned = |nodes: Vec<Node>| node_refs(model, &nodes);
    let concepts: Vec<Value> = (0..model.concepts.len())
        .filter(|c| model.concepts[*c].owner == Some(i))
        .map(|c| concept_ref(model, c))
        .collect();
    Page {
        path: team_page(model, i),
        template: "team",
        data: json!({
            "title": format!("team {}", t.item.ast.name.text),
            "name": t.item.ast.name.text,
            "ns": t.item.ns,
            "docs": paragraphs(&t.item.docs),
            "contacts": t.item.ast.contacts.iter().map(|c| c.value.clone()).collect::<Vec<_>>(),
            "concepts": concepts,
            "systems": owned((0..model.systems.len()).filter(|x| model.systems[*x].owner == Some(i)).map(Node::System).collect()),
            "events": owned((0..model.events.len()).filter(|x| model.events[*x].owner == Some(i)).map(Node::Event).collect()),
            "tables": owned((0..model.tables.len()).filter(|x| model.tables[*x].owner == Some(i)).map(Node::Table).collect()),
            "metrics": owned((0..model.metrics.len()).filter(|x| model.metrics[*x].owner == Some(i)).map(Node::Metric).collect()),
            "consumers": owned((0..model.consumers.len()).filter(|x| model.consumers[*x].owner == Some(i)).map(Node::Consumer).collect()),
        }),
    }
}

fn consumer(model: &Model, i: Id) -> Page {
    let c = &model.consumers[i];
    let a = &c.item.ast;
    let node = Node::Consumer(i);
    let uses: Vec<Value> = a
        .uses
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let target = c.uses.iter().find(|(j, _)| *j == k).map(|(_, n)| node_ref(model, n));
            json!({
                "kind": word(&u.kind.value),
                "name": u.target.text,
                "version": u.version.as_ref().map(|v| format!("v{}", v.value)),
                "columns": names(&u.columns),
                "target": target,
            })
        })
        .collect();
    Page {
        path: page_of(model, &node),
        template: "consumer",
        data: json!({
            "title": format!("consumer {}", a.name.text),
            "name": a.name.text,
            "ns": c.item.ns,
            "docs": paragraphs(&c.item.docs),
            "owner": team_ref(model, c.owner),
            "kind": a.kind.as_ref().map(|k| k.text.clone()),
            "uses": uses,
            "lineage_svg": lineage_svg(model, std::slice::from_ref(&node)),
        }),
    }
}
