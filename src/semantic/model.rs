//! The resolved model of a project: every declaration with its namespace, references
//! resolved to ids, types resolved, columns known, and the lineage graph.

use super::types::Type;
use crate::span::{FileId, Span, Spanned};
use crate::syntax::ast::{self, Date};
use serde::Serialize;
use std::sync::Arc;

/// Index into one of the model's vectors; which one is given by the field or [`Node`].
pub type Id = usize;

/// A declaration as written, with where it lives.
#[derive(Debug, Clone, Serialize)]
pub struct Item<T> {
    pub ns: String,
    pub docs: Vec<String>,
    /// The whole declaration.
    pub span: Span,
    /// Shared, so that a resolution pass can hold one declaration while it fills in the
    /// model: a clone is a count, not a copy of the tree.
    pub ast: Arc<T>,
}

impl<T> Item<T> {
    pub fn file(&self) -> FileId {
        self.span.file
    }
}

/// A named type: its resolved type and the earlier names (`@aliases`) it answers to.
#[derive(Debug, Clone, Serialize)]
pub struct NamedType {
    pub ty: Type,
    pub aliases: Vec<String>,
    pub span: Span,
}

/// A field of an event or a column of a table, with its type resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub name: String,
    pub ty: Type,
    pub nullable: bool,
    pub default: Option<ast::Literal>,
    pub doc: Option<String>,
    pub pii: bool,
    pub tags: Vec<String>,
    pub renamed_from: Option<String>,
    /// Where the column is declared (an event field, when the table derives its columns).
    pub span: Span,
    /// Where its type is written.
    pub type_span: Span,
    /// Where its `default` value is written.
    pub default_span: Option<Span>,
    /// Where `@pii` is written.
    pub pii_span: Option<Span>,
    /// `@classification(confidential)`: the level, where written.
    pub classification: Option<Spanned<String>>,
    /// Limits on its values beyond the type: `@length`, `@range`, `@pattern`.
    pub constraints: Constraints,
}

/// Limits on a field's values that its type does not carry (a `string(n)` maximum stays in
/// the type). Numbers are kept as written; each limit carries where it is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Constraints {
    /// `@length(max)` or `@length(min, max)`: the minimum, if given, and the maximum.
    pub length: Option<Spanned<(Option<u64>, u64)>>,
    /// `@range(min, max)`.
    pub range: Option<Spanned<(String, String)>>,
    /// `@pattern("^[A-Z]{3}$")`.
    pub pattern: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Team {
    pub item: Item<ast::Team>,
}

#[derive(Debug, Clone, Serialize)]
pub struct System {
    pub item: Item<ast::System>,
    pub owner: Option<Id>,
}

impl System {
    pub fn domain(&self) -> Option<ast::Domain> {
        self.item.ast.domain.as_ref().map(|d| d.value)
    }

    /// Whether `read via` lists this path (`cdc`, `replica`, `snapshot`, `events`).
    pub fn reads_via(&self, path: &str) -> bool {
        self.item
            .ast
            .read_via
            .as_ref()
            .is_some_and(|r| r.value.iter().any(|n| n.text == path))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Concept {
    pub item: Item<ast::Concept>,
    /// Each resolved `authority`: the system and the table name in it.
    pub authorities: Vec<(Id, String)>,
    pub owner: Option<Id>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub item: Item<ast::Event>,
    pub fields: Vec<Column>,
    pub owner: Option<Id>,
    /// The producing system (`from`).
    pub producer: Option<Id>,
}

impl Event {
    pub fn field(&self, name: &str) -> Option<&Column> {
        self.fields.iter().find(|c| c.name == name)
    }

    pub fn version(&self) -> Option<u32> {
        self.item.ast.version.as_ref().map(|v| v.value)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub item: Item<ast::Table>,
    pub columns: Vec<Column>,
    /// False when the columns come from a source truthline cannot see (a CDC stream or
    /// snapshot of an operational table without declared columns): then column
    /// references are not checked.
    pub columns_known: bool,
    pub store: Option<Id>,
    pub owner: Option<Id>,
    /// Each resolved `source`: events, systems' tables, or other tables.
    pub sources: Vec<Node>,
    /// The `transform` query once read: its normalized text and the tables it reads.
    pub transform: Option<Transform>,
}

/// A table's `transform` query, read with sqlparser.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Transform {
    pub normalized: String,
    /// Each table name as written in the query, with the table it resolved to.
    pub reads: Vec<(String, Id)>,
}

/// A syntax tree of SQL kept beside what was read from it. Two are equal whatever they
/// hold: what they mean is compared by the normalized text next to them.
#[derive(Debug, Clone)]
pub struct Tree<T>(pub Arc<T>);

impl<T> PartialEq for Tree<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Tree<T> {}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Whether `c` is written in this table's declaration rather than taken from a
    /// column set (`include std.raw_metadata`) or from the event it lands.
    pub fn declares(&self, c: &Column) -> bool {
        self.item.span.contains(c.span)
    }

    pub fn layer(&self) -> Option<ast::Layer> {
        self.item.ast.layer.as_ref().map(|l| l.value)
    }

    /// The change time an SCD2 history built from this table orders versions by: its
    /// partitioning column when that is a timestamp, else `updated_at`.
    pub fn change_column(&self) -> Option<String> {
        self.item
            .ast
            .partition
            .as_ref()
            .map(|p| p.column.text.clone())
            .filter(|c| self.column(c).is_some_and(|c| matches!(c.ty, Type::Timestamp { .. })))
            .or_else(|| self.column("updated_at").map(|c| c.name.clone()))
    }
}

/// A SQL fragment once read: its normalized text and what it uses.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SqlInfo {
    pub normalized: String,
    /// What the fragment means, for comparing definitions ([`super::canonical`]).
    #[serde(skip)]
    pub canonical: String,
    pub columns: Vec<String>,
    /// Aggregate functions called, each with the columns directly inside it.
    pub aggregates: Vec<(String, Vec<String>)>,
    /// The syntax tree of a measure, kept so that column lineage does not read the text
    /// again (conditions keep none: lineage reads only their `columns`).
    #[serde(skip)]
    pub expr: Option<Tree<sqlparser::ast::Expr>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub item: Item<ast::Metric>,
    pub owner: Option<Id>,
    pub from: Option<Id>,
    pub measure: Option<SqlInfo>,
    pub filter: Option<SqlInfo>,
    /// The metric version this one replaces.
    pub replaces: Option<Id>,
    /// What `reconcile with` names.
    pub reconcile: Option<Node>,
}

impl Metric {
    pub fn version(&self) -> Option<u32> {
        self.item.ast.version.as_ref().map(|v| v.value)
    }

    /// Whether the metric counts money: its `unit` is an ISO 4217 currency code
    /// (three capital letters, `EUR`), the one place a contract says so explicitly.
    pub fn is_money(&self) -> bool {
        self.item
            .ast
            .unit
            .as_ref()
            .is_some_and(|u| u.value.len() == 3 && u.value.bytes().all(|b| b.is_ascii_uppercase()))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Expect {
    pub item: Item<ast::Expect>,
    pub table: Option<Id>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Consumer {
    pub item: Item<ast::Consumer>,
    pub owner: Option<Id>,
    /// Each resolved `uses` target, in the order written (same index as `ast.uses` where
    /// it resolved).
    pub uses: Vec<(usize, Node)>,
}

/// A node of the lineage graph.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Node {
    System(Id),
    /// A table inside an operational (or other) system: `orders_db.orders`.
    SystemTable(Id, String),
    Event(Id),
    Table(Id),
    Metric(Id),
    Consumer(Id),
}

/// The whole project, resolved.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Model {
    /// The date sunsets and waiver expiries are compared with.
    pub today: Option<Date>,
    pub teams: Vec<Team>,
    pub systems: Vec<System>,
    pub concepts: Vec<Concept>,
    pub events: Vec<Event>,
    pub tables: Vec<Table>,
    pub expects: Vec<Expect>,
    pub metrics: Vec<Metric>,
    pub consumers: Vec<Consumer>,
    /// Named types (structs, and enums and fixed types declared with `type`) by qualified
    /// name: what a [`Type::Ref`] of a recursive struct points to, and the aliases Avro's
    /// resolution accepts for each name.
    pub named: std::collections::BTreeMap<String, NamedType>,
    /// Direct upstream of each node (what it reads from), sorted.
    pub upstream: std::collections::BTreeMap<Node, Vec<Node>>,
    /// Direct downstream of each node (what reads from it), sorted: `upstream` reversed,
    /// kept so that walking down costs no more than walking up.
    #[serde(skip)]
    pub downstream: std::collections::BTreeMap<Node, Vec<Node>>,
}

impl Model {
    /// What `node` reads from directly.
    pub fn upstream_of(&self, node: &Node) -> &[Node] {
        self.upstream.get(node).map_or(&[], Vec::as_slice)
    }

    /// Every node `node` reads from, directly or not, each once, nearest first.
    pub fn ancestors(&self, node: &Node) -> Vec<Node> {
        self.walk(node, |m, n| m.upstream_of(n).to_vec())
    }

    /// What reads from `node` directly.
    pub fn downstream_of(&self, node: &Node) -> Vec<Node> {
        self.downstream.get(node).cloned().unwrap_or_default()
    }

    /// Every node that reads from `node`, directly or not, nearest first.
    pub fn descendants(&self, node: &Node) -> Vec<Node> {
        self.walk(node, |m, n| m.downstream.get(n).cloned().unwrap_or_default())
    }

    fn walk(&self, start: &Node, next: impl Fn(&Model, &Node) -> Vec<Node>) -> Vec<Node> {
        let mut seen = std::collections::BTreeSet::new();
        let mut queue = std::collections::VecDeque::from([start.clone()]);
        let mut out = Vec::new();
        while let Some(n) = queue.pop_front() {
            for u in next(self, &n) {
                if seen.insert(u.clone()) {
                    out.push(u.clone());
                    queue.push_back(u);
                }
            }
        }
        out
    }

    /// When each metric version stops being served, and where that is written: its own
    /// `sunset`, or the earliest sunset given by a version that `replaces` it.
    pub fn sunsets(&self) -> Vec<Option<(Date, Span)>> {
        let mut out: Vec<Option<(Date, Span)>> = self
            .metrics
            .iter()
            .map(|x| x.item.ast.sunset.as_ref().map(|s| (s.value, s.span)))
            .collect();
        for x in &self.metrics {
            let (Some(r), Some(s)) = (x.replaces, x.item.ast.replaces.as_ref().and_then(|r| r.sunset.as_ref())) else {
                continue;
            };
            if let Some(slot) = out.get_mut(r) {
                if slot.is_none_or(|(d, _)| s.value < d) {
                    *slot = Some((s.value, s.span));
                }
            }
        }
        out
    }

    /// Whether `system.table` is the authority of some concept.
    pub fn is_authority(&self, system: Id, table: &str) -> bool {
        self.concepts
            .iter()
            .any(|c| c.authorities.iter().any(|(s, t)| *s == system && t == table))
    }

    /// The name users know a node by: `orders_db.orders`, `event order_paid v3`.
    pub fn describe(&self, node: &Node) -> String {
        let v = |v: Option<u32>| v.map(|v| format!(" v{v}")).unwrap_or_default();
        match node {
            Node::System(i) => format!("system `{}`", self.systems[*i].item.ast.name.text),
            Node::SystemTable(i, t) => format!("`{}.{t}`", self.systems[*i].item.ast.name.text),
            Node::Event(i) => format!(
                "event `{}{}`",
                self.events[*i].item.ast.name.text,
                v(self.events[*i].version())
            ),
            Node::Table(i) => format!("table `{}`", self.tables[*i].item.ast.name.text),
            Node::Metric(i) => format!(
                "metric `{}{}`",
                self.metrics[*i].item.ast.name.text,
                v(self.metrics[*i].version())
            ),
            Node::Consumer(i) => format!("consumer `{}`", self.consumers[*i].item.ast.name.text),
        }
    }

    /// The span a node is declared at (systems' tables: the system).
    pub fn span_of(&self, node: &Node) -> Span {
        match node {
            Node::System(i) | Node::SystemTable(i, _) => self.systems[*i].item.ast.name.span,
            Node::Event(i) => self.events[*i].item.ast.name.span,
            Node::Table(i) => self.tables[*i].item.ast.name.span,
            Node::Metric(i) => self.metrics[*i].item.ast.name.span,
            Node::Consumer(i) => self.consumers[*i].item.ast.name.span,
        }
    }
}

impl Model {
    /// Every declaration that can carry waivers: its span, namespace and waivers.
    pub fn waivable(&self) -> Vec<(Span, &[ast::Waiver])> {
        let mut out: Vec<(Span, &[ast::Waiver])> = Vec::new();
        out.extend(self.teams.iter().map(|x| (x.item.span, x.item.ast.waivers.as_slice())));
        out.extend(
            self.systems
                .iter()
                .map(|x| (x.item.span, x.item.ast.waivers.as_slice())),
        );
        out.extend(
            self.concepts
                .iter()
                .map(|x| (x.item.span, x.item.ast.waivers.as_slice())),
        );
        out.extend(self.events.iter().map(|x| (x.item.span, x.item.ast.waivers.as_slice())));
        out.extend(self.tables.iter().map(|x| (x.item.span, x.item.ast.waivers.as_slice())));
        out.extend(
            self.expects
                .iter()
                .map(|x| (x.item.span, x.item.ast.waivers.as_slice())),
        );
        out.extend(
            self.metrics
                .iter()
                .map(|x| (x.item.span, x.item.ast.waivers.as_slice())),
        );
        out.extend(
            self.consumers
                .iter()
                .map(|x| (x.item.span, x.item.ast.waivers.as_slice())),
        );
        out.retain(|(_, w)| !w.is_empty());
        out
    }
}
