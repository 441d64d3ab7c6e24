//! Collecting every declaration into the model and the index, reporting duplicates.

use super::{Resolver, TypeDecl, TypeDef};
use crate::diagnostics::Diagnostic;
use crate::semantic::codes::DUPLICATE_DEFINITION;
use crate::semantic::index::{qualify, Group};
use crate::semantic::model::*;
use crate::span::FileId;
use crate::span::Span;
use crate::syntax::ast::{self, DeclKind};
use std::sync::Arc;

/// The namespace of a file that declares none.
pub const DEFAULT_NAMESPACE: &str = "default";

impl Resolver {
    pub(super) fn collect(&mut self, files: Vec<(FileId, ast::File)>) {
        for (_, file) in files {
            let ns = file
                .namespace
                .as_ref()
                .map_or(DEFAULT_NAMESPACE, |n| n.text.as_str())
                .to_string();
            for d in file.decls {
                self.collect_decl(&ns, d);
            }
        }
    }

    fn collect_decl(&mut self, ns: &str, d: ast::Decl) {
        let name = d.kind.name().clone();
        let (docs, span) = (d.docs, d.span);
        match d.kind {
            DeclKind::Team(t) => {
                let id = self.model.teams.len();
                self.model.teams.push(Team {
                    item: mk(ns, docs, span, t),
                });
                self.register(Group::Team, ns, &name, None, id);
            }
            DeclKind::System(s) => {
                let id = self.model.systems.len();
                self.model.systems.push(System {
                    item: mk(ns, docs, span, s),
                    owner: None,
                });
                self.register(Group::System, ns, &name, None, id);
            }
            DeclKind::Concept(c) => {
                let id = self.model.concepts.len();
                self.model.concepts.push(Concept {
                    item: mk(ns, docs, span, c),
                    authorities: Vec::new(),
                    owner: None,
                });
                self.register(Group::Concept, ns, &name, None, id);
            }
            DeclKind::Event(e) => {
                let id = self.model.events.len();
                let version = e.version.as_ref().map(|v| v.value);
                self.model.events.push(Event {
                    item: mk(ns, docs, span, e),
                    fields: Vec::new(),
                    owner: None,
                    producer: None,
                });
                self.register(Group::Event, ns, &name, version, id);
            }
            DeclKind::Table(t) => {
                let id = self.model.tables.len();
                let version = t.version.as_ref().map(|v| v.value);
                self.model.tables.push(Table {
                    item: mk(ns, docs, span, t),
                    columns: Vec::new(),
                    columns_known: true,
                    store: None,
                    owner: None,
                    sources: Vec::new(),
                    transform: None,
                });
                self.register(Group::Table, ns, &name, version, id);
            }
            DeclKind::Expect(x) => self.model.expects.push(Expect {
                item: mk(ns, docs, span, x),
                table: None,
            }),
            DeclKind::Metric(m) => {
                let id = self.model.metrics.len();
                let version = m.version.as_ref().map(|v| v.value);
                self.model.metrics.push(Metric {
                    item: mk(ns, docs, span, m),
                    owner: None,
                    from: None,
                    measure: None,
                    filter: None,
                    replaces: None,
                    reconcile: None,
                });
                self.register(Group::Metric, ns, &name, version, id);
            }
            DeclKind::Consumer(c) => {
                let id = self.model.consumers.len();
                self.model.consumers.push(Consumer {
                    item: mk(ns, docs, span, c),
                    owner: None,
                    uses: Vec::new(),
                });
                self.register(Group::Consumer, ns, &name, None, id);
            }
            DeclKind::Type(t) => {
                let id = self.type_decls.len();
                self.type_decls.push(TypeDecl {
                    ns: ns.to_string(),
                    name: name.text.clone(),
                    span: name.span,
                    aliases: super::aliases_of(&t.attributes),
                    def: TypeDef::Alias(t.ty),
                });
                self.register(Group::Type, ns, &name, None, id);
            }
            DeclKind::Struct(s) => {
                let id = self.type_decls.len();
                self.type_decls.push(TypeDecl {
                    ns: ns.to_string(),
                    name: name.text.clone(),
                    span: name.span,
                    aliases: super::aliases_of(&s.attributes),
                    def: TypeDef::Struct(s.fields),
                });
                self.register(Group::Type, ns, &name, None, id);
            }
            DeclKind::Columns(c) => {
                let id = self.column_sets.len();
                self.column_sets.push((ns.to_string(), Arc::new(c)));
                self.register(Group::Columns, ns, &name, None, id);
            }
        }
    }

    fn register(&mut self, group: Group, ns: &str, name: &ast::Name, version: Option<u32>, id: Id) {
        if let Some(first) = self.index.insert(group, qualify(ns, &name.text), version, id) {
            let first_span = self.name_span(group, first);
            let v = version.map(|v| format!(" v{v}")).unwrap_or_default();
            self.diags.push(
                Diagnostic::new(
                    &DUPLICATE_DEFINITION,
                    name.span,
                    format!("{} `{}{v}` is declared twice", group.word(), name.text),
                )
                .with_label_message("declared again here")
                .with_secondary(first_span, "first declared here")
                .with_help("rename one, give it a new version, or remove it"),
            );
        }
    }

    pub(super) fn name_span(&self, group: Group, id: Id) -> Span {
        let m = &self.model;
        match group {
            Group::Team => m.teams[id].item.ast.name.span,
            Group::System => m.systems[id].item.ast.name.span,
            Group::Concept => m.concepts[id].item.ast.name.span,
            Group::Event => m.events[id].item.ast.name.span,
            Group::Table => m.tables[id].item.ast.name.span,
            Group::Metric => m.metrics[id].item.ast.name.span,
            Group::Consumer => m.consumers[id].item.ast.name.span,
            Group::Type => self.type_decls[id].span,
            Group::Columns => self.column_sets[id].1.name.span,
        }
    }
}

fn mk<T>(ns: &str, docs: Vec<String>, span: Span, ast: T) -> Item<T> {
    Item {
        ns: ns.to_string(),
        docs,
        span,
        ast: Arc::new(ast),
    }
}
