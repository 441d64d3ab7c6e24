//! Resolution: syntax trees of every file → one [`Model`]. Declarations are collected
//! first, so references may point forward and across files.

mod collect;
mod columns;
mod lineage;
mod metrics;
mod refs;
mod tables;
mod transform;
mod types;

use super::index::Index;
use super::model::{Column, Model};
use crate::diagnostics::Diagnostic;
use crate::span::FileId;
use crate::syntax::ast::{self, Date};
use std::collections::HashMap;

/// A `type` or `struct` declaration, resolved on demand.
pub(super) struct TypeDecl {
    pub ns: String,
    pub name: String,
    pub span: crate::span::Span,
    pub def: TypeDef,
    /// `@aliases(…)`: earlier names a reader of this type accepts.
    pub aliases: Vec<ast::Name>,
}

pub(super) enum TypeDef {
    Alias(ast::TypeExpr),
    Struct(Vec<ast::Field>),
}

/// A type declaration's `@aliases(…)`, as written.
pub(super) fn aliases_of(attributes: &[ast::Attribute]) -> Vec<ast::Name> {
    attributes
        .iter()
        .filter(|a| a.name.text == "aliases")
        .flat_map(|a| &a.args)
        .filter_map(|l| match &l.value {
            ast::Literal::Ident(s) => Some(ast::Name {
                text: s.clone(),
                span: l.span,
            }),
            _ => None,
        })
        .collect()
}

pub(super) struct Resolver {
    pub model: Model,
    pub index: Index,
    pub diags: Vec<Diagnostic>,
    pub type_decls: Vec<TypeDecl>,
    pub column_sets: Vec<(String, std::sync::Arc<ast::ColumnSet>)>,
    /// Resolved columns of `column_sets`, filled as they are first included: a set
    /// included by every raw table is resolved (and its mistakes reported) once.
    pub column_memo: HashMap<usize, Vec<Column>>,
    /// Resolved types of `type_decls`, filled as they are first used.
    pub type_memo: HashMap<usize, super::types::Type>,
    /// Type declarations being resolved, to catch recursion.
    pub type_stack: Vec<usize>,
}

/// Resolves the trees of a parsed project, which the model takes over. `today` is the
/// date sunsets and expiries are judged by.
pub fn resolve(files: Vec<(FileId, ast::File)>, today: Option<Date>) -> (Model, Vec<Diagnostic>) {
    let mut r = Resolver {
        model: Model {
            today,
            ..Model::default()
        },
        index: Index::default(),
        diags: Vec::new(),
        type_decls: Vec::new(),
        column_sets: Vec::new(),
        column_memo: HashMap::new(),
        type_memo: HashMap::new(),
        type_stack: Vec::new(),
    };
    r.collect(files);
    r.resolve_type_decls();
    r.resolve_owners();
    r.resolve_concepts();
    r.resolve_events();
    r.resolve_tables();
    r.resolve_transforms();
    r.resolve_metrics();
    r.resolve_expects();
    r.resolve_consumers();
    r.build_lineage();
    (r.model, r.diags)
}
