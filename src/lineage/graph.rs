//! The column graph: every column of every event, table and metric with the columns its
//! values come from, and the consumers that read it.

use crate::semantic::model::{Model, Node};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;

/// One column of a node: an event field, a table column, a column of a system's table,
/// or a metric's output (`value`, and one per dimension).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Col {
    pub node: Node,
    /// Shared: a column is named in many edges, and copying a name is a count.
    pub name: Arc<str>,
}

impl Col {
    pub fn new(node: Node, name: impl Into<Arc<str>>) -> Col {
        Col {
            node,
            name: name.into(),
        }
    }
}

/// How a column's value is made from one of its inputs, in OpenLineage's words (the
/// `columnLineage` facet's transformation types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// The value is copied unchanged.
    Identity,
    /// Computed from the input; the input's values may survive in it.
    Transformation,
    /// A hash or masking function of the input: its values do not survive.
    Masked,
    /// An aggregate over the input. `erases` when no input value survives in the
    /// result (`count`, `sum`, `avg`…); `min`, `max`, `any_value`, `array_agg` keep them.
    Aggregation { erases: bool },
}

impl How {
    /// `self` applied after `inner`: masking and erasing are never undone.
    pub fn then(self, inner: How) -> How {
        use How::*;
        match (self, inner) {
            (Masked, _) | (_, Masked) => Masked,
            (Identity, x) | (x, Identity) => x,
            (Aggregation { erases: a }, Aggregation { erases: b }) => Aggregation { erases: a || b },
            (Aggregation { erases }, Transformation) | (Transformation, Aggregation { erases }) => {
                Aggregation { erases }
            }
            (Transformation, Transformation) => Transformation,
        }
    }

    /// Whether values of the input can be read in the output: what carries a
    /// classification along.
    pub fn carries_values(self) -> bool {
        !matches!(self, How::Masked | How::Aggregation { erases: true })
    }

    /// How users read it: `copied`, `computed`, `masked`, `aggregated`.
    pub fn label(self) -> &'static str {
        match self {
            How::Identity => "copied",
            How::Transformation => "computed",
            How::Masked => "masked",
            How::Aggregation { erases: true } => "aggregated",
            How::Aggregation { erases: false } => "aggregated, values kept",
        }
    }

    /// OpenLineage's `subtype` of a direct transformation.
    pub fn subtype(self) -> &'static str {
        match self {
            How::Identity => "IDENTITY",
            How::Transformation | How::Masked => "TRANSFORMATION",
            How::Aggregation { .. } => "AGGREGATION",
        }
    }
}

/// What a table's rows depend on besides the values it copies: the columns its joins,
/// filters, groupings and deduplication read (OpenLineage's indirect lineage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Indirect {
    Join,
    Filter,
    GroupBy,
    Window,
    Sort,
    Conditional,
}

/// One input of a column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Input {
    pub from: Col,
    pub how: How,
}

/// The column graph of a project. The maps asked one column at a time are hashed
/// (their lists are sorted); those walked in order are ordered.
#[derive(Debug, Clone, Default)]
pub struct ColumnLineage {
    /// Each column's inputs, sorted. A column with no entry originates where it is
    /// declared (an event field, a column a load adds).
    pub inputs: HashMap<Col, Vec<Input>>,
    /// Each node's indirect inputs, sorted.
    pub indirect: BTreeMap<Node, Vec<(Col, Indirect)>>,
    /// The consumers that read each column, sorted.
    pub readers: BTreeMap<Col, Vec<Node>>,
    /// The consumers that use a node without naming columns: they read every column,
    /// including those of a table whose columns are not declared.
    pub whole: BTreeMap<Node, Vec<Node>>,
    /// Every column of every node, in declaration order: what `NAME` alone means.
    pub columns: BTreeMap<Node, Vec<String>>,
    /// Each classified column: declared, or carried along lineage
    /// ([`super::classify`]).
    pub classes: BTreeMap<Col, super::classify::Class>,
    /// `inputs` reversed: the columns each column flows into directly.
    pub outputs: HashMap<Col, Vec<Col>>,
    /// `indirect` reversed: the nodes whose rows depend on each column.
    pub steers: HashMap<Col, Vec<Node>>,
}

/// One step of a walk: the column reached, how many edges away it is, the column it was
/// reached from, and how the downstream one of the two is made of the upstream one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reached {
    pub col: Col,
    pub depth: usize,
    pub via: Col,
    pub how: How,
}

impl ColumnLineage {
    /// Fills the reversed maps once every input is known.
    pub(super) fn index(&mut self) {
        self.outputs.reserve(self.inputs.len());
        for (col, ins) in &mut self.inputs {
            ins.sort();
            ins.dedup();
            for i in ins.iter() {
                self.outputs.entry(i.from.clone()).or_default().push(col.clone());
            }
        }
        for (node, ins) in &mut self.indirect {
            ins.sort();
            ins.dedup();
            for (c, _) in ins.iter() {
                self.steers.entry(c.clone()).or_default().push(node.clone());
            }
        }
        for v in self.outputs.values_mut() {
            v.sort();
            v.dedup();
        }
        for v in self
            .steers
            .values_mut()
            .chain(self.readers.values_mut())
            .chain(self.whole.values_mut())
        {
            v.sort();
            v.dedup();
        }
    }

    pub fn inputs_of(&self, col: &Col) -> &[Input] {
        self.inputs.get(col).map_or(&[], Vec::as_slice)
    }

    pub fn outputs_of(&self, col: &Col) -> &[Col] {
        self.outputs.get(col).map_or(&[], Vec::as_slice)
    }

    pub fn readers_of(&self, col: &Col) -> &[Node] {
        self.readers.get(col).map_or(&[], Vec::as_slice)
    }

    /// The nodes whose rows depend on `col` without copying it (a join key, a filter).
    pub fn steered_by(&self, col: &Col) -> &[Node] {
        self.steers.get(col).map_or(&[], Vec::as_slice)
    }

    pub fn columns_of(&self, node: &Node) -> &[String] {
        self.columns.get(node).map_or(&[], Vec::as_slice)
    }

    /// Every column `col` comes from, nearest first, up to `depth` edges (`None`: all).
    pub fn upstream(&self, col: &Col, depth: Option<usize>) -> Vec<Reached> {
        walk(col, depth, |c| {
            self.inputs_of(c).iter().map(|i| (i.from.clone(), i.how)).collect()
        })
    }

    /// Every column that `col` flows into, nearest first, up to `depth` edges.
    pub fn downstream(&self, col: &Col, depth: Option<usize>) -> Vec<Reached> {
        walk(col, depth, |c| {
            self.outputs_of(c)
                .iter()
                .map(|o| {
                    let how = self
                        .inputs_of(o)
                        .iter()
                        .find(|i| i.from == *c)
                        .map_or(How::Transformation, |i| i.how);
                    (o.clone(), how)
                })
                .collect()
        })
    }

    /// Everything a change to `col` reaches: the columns its values flow into, the
    /// tables and metrics whose rows it steers (with every column of theirs), and the
    /// consumers that read any of them; each once, nearest first.
    pub fn affected(&self, col: &Col) -> Vec<Node> {
        self.affected_where(col, |_| true)
    }

    /// [`Self::affected`], with the nodes `keep` refuses left out, and what `col` reaches
    /// only through them.
    pub fn affected_where(&self, col: &Col, keep: impl Fn(&Node) -> bool) -> Vec<Node> {
        let mut nodes: Vec<Node> = Vec::new();
        let mut seen: BTreeSet<Col> = BTreeSet::from([col.clone()]);
        let mut queue = VecDeque::from([col.clone()]);
        let push = |n: &Node, nodes: &mut Vec<Node>| {
            if !nodes.contains(n) {
                nodes.push(n.clone());
            }
        };
        while let Some(c) = queue.pop_front() {
            let mut next: Vec<Col> = self.outputs_of(&c).to_vec();
            for n in self.steered_by(&c) {
                next.extend(self.columns_of(n).iter().map(|name| Col::new(n.clone(), name.clone())));
            }
            let whole = self.whole.get(&c.node).map_or(&[][..], Vec::as_slice);
            for r in self.readers_of(&c).iter().chain(whole) {
                if keep(r) {
                    push(r, &mut nodes);
                }
            }
            for n in next {
                if !keep(&n.node) {
                    continue;
                }
                if n.node != col.node {
                    push(&n.node, &mut nodes);
                }
                if seen.insert(n.clone()) {
                    queue.push_back(n);
                }
            }
        }
        nodes
    }

    /// A column as users write it: `payments.amount`, `net_revenue v2.value`.
    pub fn describe(&self, model: &Model, col: &Col) -> String {
        format!("{}.{}", plain_name(model, &col.node), col.name)
    }
}

/// A node's name as written, without its kind: `payments`, `order_paid v3`,
/// `orders_db.orders`.
pub fn plain_name(model: &Model, node: &Node) -> String {
    let v = |v: Option<u32>| v.map(|v| format!(" v{v}")).unwrap_or_default();
    match node {
        Node::System(i) => model.systems[*i].item.ast.name.text.clone(),
        Node::SystemTable(i, t) => format!("{}.{t}", model.systems[*i].item.ast.name.text),
        Node::Event(i) => format!(
            "{}{}",
            model.events[*i].item.ast.name.text,
            v(model.events[*i].version())
        ),
        Node::Table(i) => model.tables[*i].item.ast.name.text.clone(),
        Node::Metric(i) => format!(
            "{}{}",
            model.metrics[*i].item.ast.name.text,
            v(model.metrics[*i].version())
        ),
        Node::Consumer(i) => model.consumers[*i].item.ast.name.text.clone(),
    }
}

fn walk(start: &Col, depth: Option<usize>, next: impl Fn(&Col) -> Vec<(Col, How)>) -> Vec<Reached> {
    let mut seen = BTreeSet::from([start.clone()]);
    let mut queue = VecDeque::from([(start.clone(), 0usize)]);
    let mut out = Vec::new();
    while let Some((c, d)) = queue.pop_front() {
        if depth.is_some_and(|max| d >= max) {
            continue;
        }
        for (n, how) in next(&c) {
            if seen.insert(n.clone()) {
                out.push(Reached {
                    col: n.clone(),
                    depth: d + 1,
                    via: c.clone(),
                    how,
                });
                queue.push_back((n, d + 1));
            }
        }
    }
    out
}
