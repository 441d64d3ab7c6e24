//! `transform` queries: read with sqlparser, and every table they read resolved and
//! required to be a declared source, so the lineage graph stays the truth.

use super::Resolver;
use crate::diagnostics::Diagnostic;
use crate::semantic::codes::TRANSFORM_UNDECLARED_SOURCE;
use crate::semantic::index::Group;
use crate::semantic::model::{Node, Transform};
use crate::semantic::sql;
use crate::span::Span;
use crate::syntax::ast;
use crate::syntax::codes::SQL_SYNTAX_ERROR;

impl Resolver {
    pub(super) fn resolve_transforms(&mut self) {
        for t in 0..self.model.tables.len() {
            let Some(s) = self.model.tables[t].item.ast.transform.clone() else {
                continue;
            };
            let query = match sql::parse_query(&s.text) {
                Ok(q) => q,
                Err(err) => {
                    let at = s.span.start as usize + err.offset.min(s.text.len());
                    let end = (at + 1).min(s.span.end as usize).max(at);
                    self.diags.push(
                        Diagnostic::new(
                            &SQL_SYNTAX_ERROR,
                            Span::new(s.span.file, at, end),
                            format!("the transform does not parse: {}", err.message),
                        )
                        .with_label_message("the SQL parser stopped here")
                        .with_help(
                            "a transform is one ANSI SQL query between `\"\"\"`, reading the table's sources by name",
                        ),
                    );
                    continue;
                }
            };
            let ns = self.model.tables[t].item.ns.clone();
            let mut reads = Vec::new();
            for (name, range) in sql::relations(&s.text, &query) {
                let span = Span::new(
                    s.span.file,
                    s.span.start as usize + range.start,
                    s.span.start as usize + range.end,
                );
                let written = ast::Name {
                    text: name.clone(),
                    span,
                };
                let Some(id) = self.lookup(Group::Table, &ns, &written, None) else {
                    continue;
                };
                if !self.model.tables[t].sources.contains(&Node::Table(id)) {
                    let table = &self.model.tables[t].item.ast.name.text;
                    self.diags.push(
                        Diagnostic::new(
                            &TRANSFORM_UNDECLARED_SOURCE,
                            span,
                            format!("the transform of `{table}` reads `{name}`, which is not one of its sources"),
                        )
                        .with_label_message("not a declared source")
                        .with_help(format!(
                            "add it: `source tables …, {name}`, so that lineage and the build order see it"
                        )),
                    );
                }
                reads.push((name, id));
            }
            self.model.tables[t].transform = Some(Transform {
                normalized: sql::normalized_query(&query),
                reads,
            });
        }
    }
}
