//! The truth map (the site's front page) and one list page per kind of object.

use super::entities::concept_ref;
use super::flowmap::Flows;
use super::links::{concept_page, label, team_page};
use super::objects::team_ref;
use super::text::{names, node_ref, summary};
use super::versions::word;
use super::{DocsOptions, Page};
use crate::semantic::model::{Id, Model, Node};
use crate::syntax::ast::{Domain, SourceKind};
use serde_json::{json, Value};

const DOMAINS: [(Domain, &str); 4] = [
    (
        Domain::Operational,
        "What the product committed to its users. Analytics reads it only through declared paths, never writes to it.",
    ),
    (
        Domain::Analytical,
        "What the business believes after processing: derived, rebuilt from the sources, never edited by hand.",
    ),
    (
        Domain::Observational,
        "Logs, traces and clickstreams: good for behaviour and funnels, never for money.",
    ),
    (Domain::Experimental, "Exposures and assignments of experiments."),
];

pub fn pages(model: &Model, _options: &DocsOptions) -> Vec<Page> {
    let mut out = vec![truth_map(model)];
    out.extend(lists(model));
    out
}

fn truth_map(model: &Model) -> Page {
    let flow_map = flow_map(model);
    let mut domains: Vec<Value> = DOMAINS
        .iter()
        .map(|(d, about)| domain(model, Some(*d), word(d), about))
        .collect();
    if model.systems.iter().any(|s| s.domain().is_none()) {
        domains.push(domain(
            model,
            None,
            "no domain declared".into(),
            "Systems whose contract names no truth domain.",
        ));
    }
    let concepts: Vec<Value> = (0..model.concepts.len())
        .map(|i| {
            let c = &model.concepts[i];
            let authority: Vec<Value> = c
                .authorities
                .iter()
                .map(|(s, t)| {
                    json!({
                        "ref": node_ref(model, &Node::SystemTable(*s, t.clone())),
                        "domain": model.systems[*s].domain().map(|d| word(&d)),
                    })
                })
                .collect();
            json!({
                "ref": concept_ref(model, i),
                "authority": authority,
                "identifier": c.item.ast.identifier.as_ref().map(|x| names(&x.value)),
                "time": c.item.ast.time.as_ref().map(|t| t.column.text.clone()),
                "owner": team_ref(model, c.owner),
            })
        })
        .collect();
    Page {
        path: "index.html".into(),
        template: "index",
        data: json!({
            "title": "Truth map",
            "domains": domains,
            "concepts": concepts,
            "flows": flows(model, &flow_map),
            "flow_svg": super::flowmap::svg(model, &flow_map),
            "counts": counts(model),
        }),
    }
}

fn domain(model: &Model, d: Option<Domain>, name: String, about: &str) -> Value {
    let systems: Vec<Value> = (0..model.systems.len())
        .filter(|i| model.systems[*i].domain() == d)
        .map(|i| {
            let s = &model.systems[i];
            let authority: Vec<Value> = (0..model.concepts.len())
                .filter(|c| model.concepts[*c].authorities.iter().any(|(x, _)| *x == i))
                .map(|c| {
                    let tables: Vec<&str> = model.concepts[c]
                        .authorities
                        .iter()
                        .filter(|(x, _)| *x == i)
                        .map(|(_, t)| t.as_str())
                        .collect();
                    json!({"concept": concept_ref(model, c), "tables": tables.join(", ")})
                })
                .collect();
            json!({
                "ref": node_ref(model, &Node::System(i)),
                "engine": s.item.ast.engine.as_ref().map(|e| e.text.clone()),
                "read_via": s.item.ast.read_via.as_ref().map(|r| names(&r.value)),
                "owner": team_ref(model, s.owner),
                "authority": authority,
            })
        })
        .collect();
    json!({"name": name, "about": about, "systems": systems})
}

/// How a table's resolved source is read: through events, CDC, a snapshot or a replica.
fn via(model: &Model, table: Id, source: &Node) -> Option<&'static str> {
    match source {
        Node::Event(_) => Some("events"),
        Node::SystemTable(..) => {
            let l = label(model, source);
            let srcs = &model.tables[table].item.ast.sources;
            let kind = srcs
                .iter()
                .find(|s| s.targets.iter().any(|t| t.text.ends_with(&l)))
                .or_else(|| {
                    srcs.iter()
                        .find(|s| !matches!(s.kind.value, SourceKind::Event | SourceKind::Tables))
                })
                .map(|s| s.kind.value);
            Some(match kind {
                Some(SourceKind::Snapshot) => "snapshot",
                Some(SourceKind::Replica) => "replica",
                _ => "CDC",
            })
        }
        _ => None,
    }
}

/// Data moving from one system to another, by how it moves: the tables it lands in.
fn flow_map(model: &Model) -> Flows {
    let mut by = Flows::new();
    for (t, table) in model.tables.iter().enumerate() {
        for s in &table.sources {
            let Some(how) = via(model, t, s) else { continue };
            let from = match s {
                Node::Event(e) => model.events[*e].producer,
                Node::SystemTable(x, _) => Some(*x),
                _ => None,
            };
            by.entry((from, table.store, how)).or_default().push(Node::Table(t));
        }
    }
    by
}

/// The flows as rows: how many tables each feeds, and a few of them.
fn flows(model: &Model, by: &Flows) -> Vec<Value> {
    let sys = |s: Option<Id>| match s {
        Some(i) => {
            json!({"ref": node_ref(model, &Node::System(i)), "domain": model.systems[i].domain().map(|d| word(&d))})
        }
        None => Value::Null,
    };
    by.iter()
        .map(|((from, to, how), tables)| {
            let (from, to) = (*from, *to);
            let examples: Vec<Value> = tables.iter().take(3).map(|n| node_ref(model, n)).collect();
            json!({
                "from": sys(from),
                "to": sys(to),
                "via": how,
                "count": tables.len(),
                "examples": examples,
                "more": tables.len().saturating_sub(3),
            })
        })
        .collect()
}

fn counts(model: &Model) -> Vec<Value> {
    [
        ("Concepts", "concepts", model.concepts.len()),
        ("Systems", "systems", model.systems.len()),
        ("Events", "events", model.events.len()),
        ("Tables", "tables", model.tables.len()),
        ("Metrics", "metrics", model.metrics.len()),
        ("Consumers", "consumers", model.consumers.len()),
        ("Teams", "teams", model.teams.len()),
    ]
    .into_iter()
    .map(|(title, file, n)| json!({"title": title, "url": format!("list/{file}.html"), "count": n}))
    .collect()
}

fn row(model: &Model, r: Value, docs: &[String], owner: Option<Id>) -> Value {
    json!({"ref": r, "summary": summary(docs), "owner": team_ref(model, owner)})
}

fn lists(model: &Model) -> Vec<Page> {
    let list = |file: &str, title: &str, rows: Vec<Value>| Page {
        path: format!("list/{file}.html"),
        template: "list",
        data: json!({"title": title, "rows": rows}),
    };
    vec![
        list(
            "concepts",
            "Concepts",
            (0..model.concepts.len())
                .map(|i| {
                    let c = &model.concepts[i];
                    let r = json!({"label": c.item.ast.name.text, "kind": "concept", "url": concept_page(model, i)});
                    row(model, r, &c.item.docs, c.owner)
                })
                .collect(),
        ),
        list(
            "systems",
            "Systems",
            (0..model.systems.len())
                .map(|i| {
                    row(
                        model,
                        node_ref(model, &Node::System(i)),
                        &model.systems[i].item.docs,
                        model.systems[i].owner,
                    )
                })
                .collect(),
        ),
        list(
            "events",
            "Events",
            (0..model.events.len())
                .map(|i| {
                    row(
                        model,
                        node_ref(model, &Node::Event(i)),
                        &model.events[i].item.docs,
                        model.events[i].owner,
                    )
                })
                .collect(),
        ),
        list(
            "tables",
            "Tables",
            (0..model.tables.len())
                .map(|i| {
                    row(
                        model,
                        node_ref(model, &Node::Table(i)),
                        &model.tables[i].item.docs,
                        model.tables[i].owner,
                    )
                })
                .collect(),
        ),
        list(
            "metrics",
            "Metrics",
            (0..model.metrics.len())
                .map(|i| {
                    row(
                        model,
                        node_ref(model, &Node::Metric(i)),
                        &model.metrics[i].item.docs,
                        model.metrics[i].owner,
                    )
                })
                .collect(),
        ),
        list(
            "consumers",
            "Consumers",
            (0..model.consumers.len())
                .map(|i| {
                    let c = &model.consumers[i];
                    row(model, node_ref(model, &Node::Consumer(i)), &c.item.docs, c.owner)
                })
                .collect(),
        ),
        list(
            "teams",
            "Teams",
            (0..model.teams.len())
                .map(|i| {
                    let t = &model.teams[i];
                    let r = json!({"label": t.item.ast.name.text, "kind": "team", "url": team_page(model, i)});
                    json!({"ref": r, "summary": summary(&t.item.docs), "owner": Value::Null})
                })
                .collect(),
        ),
    ]
}
