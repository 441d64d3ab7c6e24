//! Who reads one column of a table: the gate's "affected" list for a change to a column.
//!
//! Consumers name the columns they read (`uses table payments (amount, currency)`), and a
//! metric reads the columns of its measure, filter, time and dimensions: a direct reader
//! that does not read the column is not affected, and neither is anything downstream of
//! it. A consumer that names no columns reads them all. A table derived from this one
//! without a query reads the column when it declares a column of that name; one derived
//! by a `transform` query counts as a reader, with everything downstream of it: without
//! column lineage through the query, truthline does not guess that it skips the column.

use crate::semantic::model::{Id, Model, Node};

/// Every node that reads `column` of table `table`, directly or downstream, nearest
/// first; each once.
pub fn column_readers(model: &Model, table: Id, column: &str) -> Vec<Node> {
    readers_where(model, table, column, |_| true)
}

/// [`column_readers`], with the direct readers `keep` refuses left out, and what reads
/// the table only through them.
fn readers_where(model: &Model, table: Id, column: &str, keep: impl Fn(&Node) -> bool) -> Vec<Node> {
    let me = Node::Table(table);
    let mut out: Vec<Node> = Vec::new();
    for d in model.downstream_of(&me) {
        if !reads(model, &d, table, column) || !keep(&d) {
            continue;
        }
        for n in std::iter::once(d.clone()).chain(model.descendants(&d)) {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// Whether a direct reader of `table` reads `column`.
fn reads(model: &Model, node: &Node, table: Id, column: &str) -> bool {
    match node {
        Node::Consumer(c) => {
            let consumer = &model.consumers[*c];
            consumer.uses.iter().any(|(k, target)| {
                *target == Node::Table(table)
                    && consumer
                        .item
                        .ast
                        .uses
                        .get(*k)
                        .is_some_and(|u| u.columns.is_empty() || u.columns.iter().any(|n| n.text == column))
            })
        }
        Node::Metric(m) => {
            let metric = &model.metrics[*m];
            if metric.from != Some(table) {
                return true;
            }
            let ast = &metric.item.ast;
            let sql = [&metric.measure, &metric.filter]
                .into_iter()
                .flatten()
                .any(|i| i.columns.iter().any(|c| c == column));
            let time = ast.time.as_ref().is_some_and(|t| t.column.text == column);
            let dims = ast
                .dimensions
                .as_ref()
                .is_some_and(|d| d.value.iter().any(|n| n.text == column));
            sql || time || dims
        }
        // A table derived without a query (deduplicated, history) carries columns by
        // name: one that declares no such column does not read it. A query may read any.
        Node::Table(t) => {
            let derived = &model.tables[*t];
            derived.transform.is_some() || !derived.columns_known || derived.column(column).is_some()
        }
        _ => true,
    }
}

/// The readers of a renamed column that still read it by its old name: what read
/// `old_name` in the baseline, less the consumers that name `new_name` in the current
/// project (they moved in the same change) and the metrics (they would not resolve
/// otherwise).
pub fn rename_readers(old: &Model, table: Id, old_name: &str, new: &Model, new_name: &str) -> Vec<Node> {
    let moved = |c: &Node| match c {
        Node::Consumer(i) => {
            let name = &old.consumers[*i].item.ast.name.text;
            new.consumers.iter().any(|x| {
                x.item.ast.name.text == *name
                    && x.item
                        .ast
                        .uses
                        .iter()
                        .any(|u| u.columns.iter().any(|n| n.text == new_name))
            })
        }
        Node::Metric(_) => true,
        _ => false,
    };
    readers_where(old, table, old_name, |n| !moved(n))
}
