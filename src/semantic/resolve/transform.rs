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

impl Resolver {
    pub(super) fn resolve_transforms(&mut self) {
        for t in 0..self.model.tables.len() {
            let Some(s) = self.model.tables[t].item.ast.transform.clone() else {
                continue;
            };
            let query = match sql::parse_query(&s.text) {
                Ok(q) => q,
                Err(err) => {
                    self.diags.push(super::metrics::sql_syntax_error(
                        &s,
                        &err,
                        "the transform does not parse",
                        "a transform is one ANSI SQL query between `\"\"\"`, reading the table's sources by name",
                    ));
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
