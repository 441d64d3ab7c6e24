//! The column lineage section of a table page: for each column, where it comes from,
//! what it flows into (and which tables' rows it steers), which consumers read it, and
//! the classification it carries.

use super::links::link_of;
use crate::lineage::{plain_name, Col, ColumnLineage, How};
use crate::semantic::model::{Model, Node};
use serde_json::{json, Value};

/// A link to a column: on a table's page, its row of the lineage section.
fn col_ref(model: &Model, c: &Col, how_made: &str) -> Value {
    let url = match &c.node {
        Node::Table(_) => format!("{}#lineage-{}", super::links::page_of(model, &c.node), c.name),
        Node::SystemTable(..) => super::links::page_of(model, &c.node),
        n => link_of(model, n),
    };
    json!({"label": format!("{}.{}", plain_name(model, &c.node), c.name), "url": url, "how": how_made})
}

pub fn lineage(model: &Model, g: &ColumnLineage, node: &Node) -> Vec<Value> {
    g.columns_of(node)
        .iter()
        .map(|name| {
            let col = Col::new(node.clone(), name.clone());
            let upstream: Vec<Value> = g
                .inputs_of(&col)
                .iter()
                .map(|i| col_ref(model, &i.from, i.how.label()))
                .collect();
            let downstream: Vec<Value> = g
                .outputs_of(&col)
                .iter()
                .map(|o| {
                    let h = g
                        .inputs_of(o)
                        .iter()
                        .find(|i| i.from == col)
                        .map_or(How::Transformation, |i| i.how);
                    col_ref(model, o, h.label())
                })
                .collect();
            let steers: Vec<Value> = g
                .steered_by(&col)
                .iter()
                .map(|n| json!({"label": plain_name(model, n), "url": link_of(model, n), "how": "steers its rows"}))
                .collect();
            let mut readers: Vec<Node> = g.readers_of(&col).to_vec();
            readers.extend(g.whole.get(node).into_iter().flatten().cloned());
            readers.sort();
            readers.dedup();
            let readers: Vec<Value> = readers
                .iter()
                .map(|r| json!({"label": plain_name(model, r), "url": link_of(model, r)}))
                .collect();
            let class = g.classes.get(&col);
            json!({
                "name": name,
                "upstream": upstream,
                "downstream": downstream,
                "steers": steers,
                "readers": readers,
                "class": class.map(|k| k.label()),
                "origin": class.filter(|k| k.origin != col).map(|k| col_ref(model, &k.origin, "")),
            })
        })
        .collect()
}
