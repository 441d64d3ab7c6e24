//! Who reads one column of a table: the gate's "affected" list for a change to a column,
//! from column lineage ([`crate::lineage`]).
//!
//! A consumer's `uses table payments (amount, currency)` is its contract: it reads those
//! columns and no others (one that names no columns reads them all). A metric reads the
//! columns of its measure, filter, time and dimensions; a table, the columns its
//! landing, deduplication, history or `transform` query copies or computes from, and
//! those its joins, filters and groupings read (a change to those reaches every column
//! of the table). Whatever reads the column only through something that does not read
//! it is not affected.

use crate::lineage::{Col, ColumnLineage};
use crate::semantic::model::{Id, Model, Node};

/// Every node that reads `column` of table `table`, directly or downstream, nearest
/// first; each once.
pub fn column_readers(lineage: &ColumnLineage, table: Id, column: &str) -> Vec<Node> {
    lineage.affected(&Col::new(Node::Table(table), column))
}

/// The readers of a renamed column that still read it by its old name: what read
/// `old_name` in the baseline, less what reads `new_name` of the renamed table
/// (`new_table` in the current project) in the same change: a consumer that now names
/// it, a table whose lineage now takes it, and metrics on the table (they would not resolve
/// otherwise).
/// `old` and `new` are each side's model, column lineage, table and column name.
pub struct Rename<'a> {
    pub old: (&'a Model, &'a ColumnLineage, Id, &'a str),
    pub new: (&'a Model, &'a ColumnLineage, Id, &'a str),
}

pub fn rename_readers(r: &Rename<'_>) -> Vec<Node> {
    let (old, _, table, old_name) = r.old;
    let (new, new_lineage, new_table, new_name) = r.new;
    let renamed = Col::new(Node::Table(new_table), new_name);
    let moved = |n: &Node| match n {
        // A consumer moved when it names the new column; one that reads the whole table
        // still selects the old name in its own queries.
        Node::Consumer(i) => {
            let name = &old.consumers[*i].item.ast.name.text;
            new.consumers.iter().any(|x| {
                x.item.ast.name.text == *name
                    && x.uses.iter().any(|(k, target)| {
                        *target == renamed.node
                            && x.item
                                .ast
                                .uses
                                .get(*k)
                                .is_some_and(|u| u.columns.iter().any(|n| n.text == new_name))
                    })
            })
        }
        Node::Table(i) => {
            let name = &old.tables[*i].item.ast.name.text;
            new.tables.iter().enumerate().any(|(k, x)| {
                x.item.ast.name.text == *name
                    && (new_lineage
                        .outputs_of(&renamed)
                        .iter()
                        .any(|c| c.node == Node::Table(k))
                        || new_lineage.steered_by(&renamed).contains(&Node::Table(k)))
            })
        }
        // A metric on the renamed table itself would not resolve unless it moved; one
        // further down reads a column that kept its name, and is affected.
        Node::Metric(m) => old.metrics[*m].from == Some(table),
        _ => false,
    };
    r.old
        .1
        .affected_where(&Col::new(Node::Table(table), old_name), |n| !moved(n))
}
