//! Events' fields and tables' columns, sources, and the columns their entries name;
//! types must agree from event to raw to curated.

use super::columns::unknown_column;
use super::Resolver;
use crate::diagnostics::Diagnostic;
use crate::semantic::codes::TYPE_MISMATCH;
use crate::semantic::index::{Group, Index};
use crate::semantic::model::{Column, Node};
use crate::syntax::ast::{self, SourceKind};
use std::sync::Arc;

impl Resolver {
    pub(super) fn resolve_events(&mut self) {
        for i in 0..self.model.events.len() {
            let ns = self.model.events[i].item.ns.clone();
            let e = Arc::clone(&self.model.events[i].item.ast);
            let fields = &e.fields;
            let mut cols = Vec::new();
            if let Some(f) = fields {
                self.columns(&ns, &f.value, &mut cols);
            }
            let names: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
            let what = format!("event `{}`", e.name.text);
            let mut named: Vec<&ast::Name> = Vec::new();
            named.extend(e.key.iter().flat_map(|k| &k.value));
            named.extend(e.dedupe.iter().flat_map(|k| &k.value));
            named.extend(e.event_time.iter());
            if fields.is_some() {
                for n in named {
                    self.check_column_in(&names, n, &what);
                }
            }
            self.model.events[i].fields = cols;
        }
    }

    pub(super) fn resolve_tables(&mut self) {
        for i in 0..self.model.tables.len() {
            self.table_sources(i);
        }
        // Columns in dependency order would need a sort; one pass per table suffices
        // because derived columns only come from events, which are already resolved.
        for i in 0..self.model.tables.len() {
            self.table_columns(i);
        }
        for i in 0..self.model.tables.len() {
            self.table_column_refs(i);
            self.table_type_agreement(i);
        }
    }

    fn table_sources(&mut self, i: usize) {
        let ns = self.model.tables[i].item.ns.clone();
        let ast = Arc::clone(&self.model.tables[i].item.ast);
        let mut out = Vec::new();
        for s in &ast.sources {
            for t in &s.targets {
                let node = match s.kind.value {
                    SourceKind::Event => self.lookup(Group::Event, &ns, t, s.version.as_ref()).map(Node::Event),
                    SourceKind::Tables => self.lookup(Group::Table, &ns, t, None).map(Node::Table),
                    SourceKind::Cdc | SourceKind::Snapshot | SourceKind::Replica => self
                        .system_table(&ns, t)
                        .map(|(sys, table)| Node::SystemTable(sys, table)),
                };
                out.extend(node);
            }
        }
        self.model.tables[i].sources = out;
    }

    fn table_columns(&mut self, i: usize) {
        let ns = self.model.tables[i].item.ns.clone();
        let ast = Arc::clone(&self.model.tables[i].item.ast);
        let mut cols: Vec<Column> = Vec::new();
        let mut known = true;
        match &ast.columns {
            Some(c) => self.columns(&ns, &c.value, &mut cols),
            None => {
                let events: Vec<usize> = self.model.tables[i]
                    .sources
                    .iter()
                    .filter_map(|n| if let Node::Event(e) = n { Some(*e) } else { None })
                    .collect();
                if let [e] = events.as_slice() {
                    cols = self.model.events[*e].fields.clone();
                } else {
                    known = false;
                }
            }
        }
        for inc in &ast.includes {
            let Some(versions) = self.index.lookup(Group::Columns, &ns, &inc.text) else {
                self.lookup(Group::Columns, &ns, inc, None);
                continue;
            };
            let Ok(id) = Index::pick(versions, None) else { continue };
            let extra = self.column_set(id);
            cols.reserve(extra.len());
            for c in extra {
                if !cols.iter().any(|x| x.name == c.name) {
                    cols.push(c.clone());
                }
            }
        }
        self.model.tables[i].columns = cols;
        self.model.tables[i].columns_known = known;
    }

    /// The columns of a `columns` set, resolved on first use.
    fn column_set(&mut self, id: usize) -> &[Column] {
        if !self.column_memo.contains_key(&id) {
            let (set_ns, set) = self.column_sets[id].clone();
            let mut cols = Vec::new();
            self.columns(&set_ns, &set.columns, &mut cols);
            self.column_memo.insert(id, cols);
        }
        self.column_memo.get(&id).map_or(&[], Vec::as_slice)
    }

    fn table_column_refs(&mut self, i: usize) {
        let t = &self.model.tables[i];
        if !t.columns_known {
            return;
        }
        let names: Vec<String> = t.columns.iter().map(|c| c.name.clone()).collect();
        let ast = t.item.ast.clone();
        let what = format!("table `{}`", ast.name.text);
        let mut named: Vec<&ast::Name> = Vec::new();
        named.extend(ast.grain.iter().flat_map(|k| &k.value));
        named.extend(ast.key.iter().flat_map(|k| &k.value));
        named.extend(ast.partition.iter().map(|p| &p.column));
        if let Some(h) = &ast.history {
            named.extend([&h.valid_from, &h.valid_to, &h.current].into_iter().flatten());
        }
        if let Some(d) = &ast.dedupe {
            named.extend(d.on.iter());
            named.extend(d.keep.iter().map(|(_, c)| c));
        }
        for n in named {
            self.check_column_in(&names, n, &what);
        }
    }

    /// Each column that an upstream event or table also has must hold its values.
    fn table_type_agreement(&mut self, i: usize) {
        if self.model.tables[i].item.ast.columns.is_none() {
            return;
        }
        let mut found = Vec::new();
        let t = &self.model.tables[i];
        for col in &t.columns {
            for src in &t.sources {
                let (up, what) = match src {
                    Node::Event(e) => (self.model.events[*e].field(&col.name), self.model.describe(src)),
                    Node::Table(u) => (self.model.tables[*u].column(&col.name), self.model.describe(src)),
                    _ => (None, String::new()),
                };
                let Some(up) = up else { continue };
                if col.span.file == up.span.file && col.span == up.span {
                    continue;
                }
                if !up.ty.widens_to(&col.ty) {
                    found.push(
                        Diagnostic::new(&TYPE_MISMATCH, col.type_span, format!(
                            "column `{}` is `{}` but {what} gives it as `{}`",
                            col.name, col.ty, up.ty
                        ))
                        .with_label_message("cannot hold the upstream values")
                        .with_secondary(up.type_span, "upstream type")
                        .with_help(format!(
                            "make them agree: declare the column as `{}` (or wider), or change the upstream type to one that widens to `{}`",
                            up.ty, col.ty
                        )),
                    );
                } else if up.nullable && !col.nullable {
                    found.push(
                        Diagnostic::new(
                            &TYPE_MISMATCH,
                            col.type_span,
                            format!("column `{}` is not nullable but {what} may give it null", col.name),
                        )
                        .with_label_message("nulls cannot land here")
                        .with_secondary(up.type_span, "nullable upstream")
                        .with_help(format!("declare it `{}?`, or give it a default upstream", col.ty)),
                    );
                }
                break;
            }
        }
        self.diags.extend(found);
    }

    pub(super) fn resolve_expects(&mut self) {
        for i in 0..self.model.expects.len() {
            let ns = self.model.expects[i].item.ns.clone();
            let ast = self.model.expects[i].item.ast.clone();
            let table = self.lookup(Group::Table, &ns, &ast.target, None);
            self.model.expects[i].table = table;
            let Some(t) = table else { continue };
            if !self.model.tables[t].columns_known {
                continue;
            }
            let names: Vec<String> = self.model.tables[t].columns.iter().map(|c| c.name.clone()).collect();
            let what = format!("table `{}`", ast.target.text);
            for e in &ast.expectations {
                self.expectation_columns(&ns, e, &names, &what, t);
            }
        }
    }

    fn expectation_columns(&mut self, ns: &str, e: &ast::Expectation, names: &[String], what: &str, table: usize) {
        use ast::ExpectationKind as K;
        match &e.kind {
            K::Freshness { column, .. } => {
                if self.check_column_in(names, column, what) {
                    self.require_temporal(table, column);
                }
            }
            K::Unique { columns } | K::NotNull { columns } => {
                for c in columns {
                    self.check_column_in(names, c, what);
                }
            }
            K::Accepted { column, .. } | K::Reconcile { column, .. } => {
                self.check_column_in(names, column, what);
            }
            K::References { column, target } => {
                self.check_column_in(names, column, what);
                if let Some((tname, col)) = target.text.rsplit_once('.') {
                    let tn = ast::Name {
                        text: tname.to_string(),
                        span: crate::span::Span {
                            end: target.span.start + tname.len() as u32,
                            ..target.span
                        },
                    };
                    if let Some(id) = self.lookup(Group::Table, ns, &tn, None) {
                        let other = &self.model.tables[id];
                        if other.columns_known && other.column(col).is_none() {
                            let cols: Vec<String> = other.columns.iter().map(|c| c.name.clone()).collect();
                            let span = crate::span::Span {
                                start: target.span.start + tname.len() as u32 + 1,
                                ..target.span
                            };
                            self.diags
                                .push(unknown_column(&cols, col, span, &format!("table `{tname}`")));
                        }
                    }
                } else {
                    self.diags.push(
                        Diagnostic::new(
                            &crate::semantic::codes::UNKNOWN_REFERENCE,
                            target.span,
                            format!("`{}` does not name a column of a table", target.text),
                        )
                        .with_help("write `table.column`, for example `orders_history.order_id`"),
                    );
                }
            }
            K::Check { sql, .. } => self.check_condition(sql, table),
            K::Volume { .. } | K::LateShare { .. } => {}
        }
    }
}
