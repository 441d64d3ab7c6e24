//! References by name: owners, systems, `system.table`, consumers' uses, concept
//! authorities. Unknown names get "did you mean"; a name of the wrong kind says so.

use super::Resolver;
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::semantic::codes::{UNKNOWN_REFERENCE, UNKNOWN_VERSION};
use crate::semantic::index::{Group, Index};
use crate::semantic::model::{Id, Node};
use crate::span::Spanned;
use crate::syntax::ast::{self, UseKind};

const GROUPS: &[Group] = &[
    Group::Team,
    Group::System,
    Group::Concept,
    Group::Event,
    Group::Table,
    Group::Metric,
    Group::Consumer,
    Group::Type,
    Group::Columns,
];

impl Resolver {
    /// Resolves `name` (at `version`, or the latest) among `group`, reporting failure.
    pub(super) fn lookup(
        &mut self,
        group: Group,
        ns: &str,
        name: &ast::Name,
        version: Option<&Spanned<u32>>,
    ) -> Option<Id> {
        let Some(versions) = self.index.lookup(group, ns, &name.text) else {
            self.unknown(group, ns, name);
            return None;
        };
        match Index::pick(versions, version.map(|v| v.value)) {
            Ok(id) => Some(id),
            Err(existing) => {
                let list: Vec<String> = existing
                    .iter()
                    .map(|v| v.map_or_else(|| "(unversioned)".to_string(), |v| format!("v{v}")))
                    .collect();
                let span = version.map_or(name.span, |v| name.span.to(v.span));
                let asked = version.map(|v| v.value).unwrap_or_default();
                self.diags.push(
                    Diagnostic::new(
                        &UNKNOWN_VERSION,
                        span,
                        format!("{} `{}` has no version v{asked}", group.word(), name.text),
                    )
                    .with_help(format!("declared versions: {}", list.join(", "))),
                );
                None
            }
        }
    }

    fn unknown(&mut self, group: Group, ns: &str, name: &ast::Name) {
        let mut d = Diagnostic::new(
            &UNKNOWN_REFERENCE,
            name.span,
            format!("no {} named `{}`", group.word(), name.text),
        )
        .with_label_message(format!("unknown {}", group.word()));
        let other = GROUPS
            .iter()
            .find(|g| **g != group && self.index.lookup(**g, ns, &name.text).is_some());
        if let Some(g) = other {
            d = d.with_help(format!("`{}` is a {}, not a {}", name.text, g.word(), group.word()));
        } else {
            let candidates = self.index.candidates(group, ns);
            match did_you_mean(&name.text, candidates.iter().map(String::as_str)) {
                Some(m) => d = d.with_help(format!("did you mean `{m}`?")),
                None if candidates.is_empty() => {
                    d = d.with_help(format!("declare a {} named `{}`", group.word(), name.text))
                }
                None => {}
            }
        }
        self.diags.push(d);
    }

    /// `system.table`: the system resolved, the table name kept. When the system lists
    /// its tables, the table must be one of them.
    pub(super) fn system_table(&mut self, ns: &str, name: &ast::Name) -> Option<(Id, String)> {
        let Some((sys, table)) = name.text.rsplit_once('.') else {
            self.diags.push(
                Diagnostic::new(
                    &UNKNOWN_REFERENCE,
                    name.span,
                    format!("`{}` does not name a table of a system", name.text),
                )
                .with_help(format!("write `system.table`, for example `orders_db.{}`", name.text)),
            );
            return None;
        };
        let sys_name = ast::Name {
            text: sys.to_string(),
            span: crate::span::Span {
                end: name.span.start + sys.len() as u32,
                ..name.span
            },
        };
        let id = self.lookup(Group::System, ns, &sys_name, None)?;
        let listed = self.model.systems[id]
            .item
            .ast
            .tables
            .as_ref()
            .map(|t| t.value.iter().map(|n| n.text.clone()).collect::<Vec<_>>());
        if let Some(listed) = listed {
            if !listed.iter().any(|t| t == table) {
                let table_span = crate::span::Span {
                    start: name.span.start + sys.len() as u32 + 1,
                    ..name.span
                };
                let mut d = Diagnostic::new(
                    &UNKNOWN_REFERENCE,
                    table_span,
                    format!("system `{sys}` holds no table `{table}`"),
                )
                .with_secondary(
                    self.model.systems[id]
                        .item
                        .ast
                        .tables
                        .as_ref()
                        .map_or(name.span, |t| t.span),
                    "its tables are listed here",
                );
                if let Some(m) = did_you_mean(table, listed.iter().map(String::as_str)) {
                    d = d.with_help(format!("did you mean `{sys}.{m}`?"));
                }
                self.diags.push(d);
                return None;
            }
        }
        Some((id, table.to_string()))
    }

    fn team(&mut self, ns: &str, name: Option<&ast::Name>) -> Option<Id> {
        let name = name?.clone();
        self.lookup(Group::Team, ns, &name, None)
    }

    pub(super) fn resolve_owners(&mut self) {
        for i in 0..self.model.systems.len() {
            let it = &self.model.systems[i].item;
            let (ns, owner) = (it.ns.clone(), it.ast.owner.clone());
            self.model.systems[i].owner = self.team(&ns, owner.as_ref());
        }
        for i in 0..self.model.concepts.len() {
            let it = &self.model.concepts[i].item;
            let (ns, owner) = (it.ns.clone(), it.ast.owner.clone());
            self.model.concepts[i].owner = self.team(&ns, owner.as_ref());
        }
        for i in 0..self.model.events.len() {
            let it = &self.model.events[i].item;
            let (ns, owner, from) = (it.ns.clone(), it.ast.owner.clone(), it.ast.produced_by.clone());
            self.model.events[i].owner = self.team(&ns, owner.as_ref());
            self.model.events[i].producer = from.and_then(|f| self.lookup(Group::System, &ns, &f, None));
        }
        for i in 0..self.model.tables.len() {
            let it = &self.model.tables[i].item;
            let (ns, owner, store) = (it.ns.clone(), it.ast.owner.clone(), it.ast.store.clone());
            self.model.tables[i].owner = self.team(&ns, owner.as_ref());
            self.model.tables[i].store = store.and_then(|s| self.lookup(Group::System, &ns, &s, None));
        }
        for i in 0..self.model.metrics.len() {
            let it = &self.model.metrics[i].item;
            let (ns, owner) = (it.ns.clone(), it.ast.owner.clone());
            self.model.metrics[i].owner = self.team(&ns, owner.as_ref());
        }
        for i in 0..self.model.consumers.len() {
            let it = &self.model.consumers[i].item;
            let (ns, owner) = (it.ns.clone(), it.ast.owner.clone());
            self.model.consumers[i].owner = self.team(&ns, owner.as_ref());
        }
    }

    pub(super) fn resolve_concepts(&mut self) {
        for i in 0..self.model.concepts.len() {
            let it = &self.model.concepts[i].item;
            let (ns, auths) = (it.ns.clone(), it.ast.authorities.clone());
            let resolved = auths.iter().filter_map(|a| self.system_table(&ns, a)).collect();
            self.model.concepts[i].authorities = resolved;
        }
    }

    pub(super) fn resolve_consumers(&mut self) {
        for i in 0..self.model.consumers.len() {
            let it = &self.model.consumers[i].item;
            let (ns, ast) = (it.ns.clone(), std::sync::Arc::clone(&it.ast));
            let mut out = Vec::new();
            for (k, u) in ast.uses.iter().enumerate() {
                let node = match u.kind.value {
                    UseKind::Metric => self
                        .lookup(Group::Metric, &ns, &u.target, u.version.as_ref())
                        .map(Node::Metric),
                    UseKind::Table => self
                        .lookup(Group::Table, &ns, &u.target, u.version.as_ref())
                        .map(Node::Table),
                    UseKind::Event => self
                        .lookup(Group::Event, &ns, &u.target, u.version.as_ref())
                        .map(Node::Event),
                };
                if let Some(node) = node {
                    self.check_used_columns(&node, &u.columns);
                    out.push((k, node));
                }
            }
            self.model.consumers[i].uses = out;
        }
    }

    fn check_used_columns(&mut self, node: &Node, columns: &[ast::Name]) {
        if columns.is_empty() {
            return;
        }
        let (names, known, what): (Vec<String>, bool, String) = match node {
            Node::Table(t) => {
                let t = &self.model.tables[*t];
                (
                    t.columns.iter().map(|c| c.name.clone()).collect(),
                    t.columns_known,
                    format!("table `{}`", t.item.ast.name.text),
                )
            }
            Node::Event(e) => {
                let e = &self.model.events[*e];
                (
                    e.fields.iter().map(|c| c.name.clone()).collect(),
                    true,
                    format!("event `{}`", e.item.ast.name.text),
                )
            }
            _ => return,
        };
        if known {
            for c in columns {
                self.check_column_in(&names, c, &what);
            }
        }
    }
}
