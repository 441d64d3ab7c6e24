//! Where each page lives, and the names and columns objects are shown with. Pages sit
//! one folder below the site root (`metric/commerce.net_revenue.html`), so every link
//! from a page starts with `../` and the site works from any folder, `file://` included.

use crate::semantic::model::{Id, Model, Node};
use crate::syntax::ast::Layer;

/// A file name made only of characters that are safe in a path and a URL.
pub fn slug(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn qualified(ns: &str, name: &str) -> String {
    if ns.is_empty() {
        name.to_string()
    } else {
        format!("{ns}.{name}")
    }
}

/// The page of an object, relative to the site root. Every version of an event or a
/// metric shares one page, with an anchor per version.
pub fn page_of(model: &Model, node: &Node) -> String {
    match node {
        Node::System(i) => {
            let x = &model.systems[*i].item;
            format!("system/{}.html", slug(&qualified(&x.ns, &x.ast.name.text)))
        }
        Node::SystemTable(i, t) => format!("{}#table-{}", page_of(model, &Node::System(*i)), slug(t)),
        Node::Event(i) => {
            let x = &model.events[*i].item;
            format!("event/{}.html", slug(&qualified(&x.ns, &x.ast.name.text)))
        }
        Node::Table(i) => table_page(model, *i),
        Node::Metric(i) => {
            let x = &model.metrics[*i].item;
            format!("metric/{}.html", slug(&qualified(&x.ns, &x.ast.name.text)))
        }
        Node::Consumer(i) => {
            let x = &model.consumers[*i].item;
            format!("consumer/{}.html", slug(&qualified(&x.ns, &x.ast.name.text)))
        }
    }
}

/// With the anchor of the version, where the page holds several.
pub fn link_of(model: &Model, node: &Node) -> String {
    match node {
        Node::Event(i) => version_anchor(page_of(model, node), model.events[*i].version()),
        Node::Metric(i) => version_anchor(page_of(model, node), model.metrics[*i].version()),
        _ => page_of(model, node),
    }
}

fn version_anchor(page: String, v: Option<u32>) -> String {
    match v {
        Some(v) => format!("{page}#v{v}"),
        None => page,
    }
}

fn table_page(model: &Model, i: Id) -> String {
    let x = &model.tables[i].item;
    let v = x
        .ast
        .version
        .as_ref()
        .map(|v| format!(".v{}", v.value))
        .unwrap_or_default();
    format!("table/{}{v}.html", slug(&qualified(&x.ns, &x.ast.name.text)))
}

pub fn concept_page(model: &Model, i: Id) -> String {
    let x = &model.concepts[i].item;
    format!("concept/{}.html", slug(&qualified(&x.ns, &x.ast.name.text)))
}

pub fn team_page(model: &Model, i: Id) -> String {
    let x = &model.teams[i].item;
    format!("team/{}.html", slug(&qualified(&x.ns, &x.ast.name.text)))
}

/// The short name a node is shown with: `orders_db.orders`, `order_paid v3`.
pub fn label(model: &Model, node: &Node) -> String {
    crate::lineage::plain_name(model, node)
}

/// What kind of object a node is, as a word: `event`, `raw table`, `metric`.
pub fn kind(model: &Model, node: &Node) -> &'static str {
    match node {
        Node::System(_) => "system",
        Node::SystemTable(..) => "system table",
        Node::Event(_) => "event",
        Node::Table(i) => match model.tables[*i].layer() {
            Some(Layer::Raw) => "raw table",
            Some(Layer::Curated) => "curated table",
            Some(Layer::Mart) => "mart table",
            None => "table",
        },
        Node::Metric(_) => "metric",
        Node::Consumer(_) => "consumer",
    }
}

/// The column of the lineage graph a node belongs in: data flows left to right.
pub fn rank(model: &Model, node: &Node) -> usize {
    match node {
        Node::System(_) | Node::SystemTable(..) => 0,
        Node::Event(_) => 1,
        Node::Table(i) => match model.tables[*i].layer() {
            Some(Layer::Raw) => 2,
            Some(Layer::Curated) | None => 3,
            Some(Layer::Mart) => 4,
        },
        Node::Metric(_) => 5,
        Node::Consumer(_) => 6,
    }
}
