//! Metrics: their source table, SQL fragments read with sqlparser and checked against
//! the table's columns, time semantics, replacement and reconciliation targets.

use super::columns::unknown_column;
use super::Resolver;
use crate::diagnostics::Diagnostic;
use crate::semantic::codes::{FILTER_NOT_BOOLEAN, MEASURE_NOT_AGGREGATE, TYPE_MISMATCH};
use crate::semantic::index::{Group, Index};
use crate::semantic::model::{Node, SqlInfo};
use crate::semantic::sql;
use crate::semantic::types::Type;
use crate::span::Span;
use crate::syntax::ast;
use crate::syntax::codes::SQL_SYNTAX_ERROR;

/// Aggregates whose argument must be a number.
const NUMERIC_AGGREGATES: &[&str] = &[
    "sum",
    "avg",
    "stddev",
    "stddev_pop",
    "stddev_samp",
    "variance",
    "var_pop",
    "var_samp",
];

/// `S016` at the place in a SQL fragment where the parser stopped.
pub(super) fn sql_syntax_error(s: &ast::Sql, err: &sql::SqlError, what: &str, help: &str) -> Diagnostic {
    let offset = err.offset.min(s.text.len());
    let at = s.span.start as usize + offset;
    // The character the parser stopped at, whole: one byte of a multibyte character
    // would be a label that splits it.
    let width = s
        .text
        .get(offset..)
        .and_then(|t| t.chars().next())
        .map_or(1, char::len_utf8);
    let end = (at + width).min(s.span.end as usize).max(at);
    Diagnostic::new(
        &SQL_SYNTAX_ERROR,
        Span::new(s.span.file, at, end),
        format!("{what}: {}", err.message),
    )
    .with_label_message("the SQL parser stopped here")
    .with_help(help)
}

impl Resolver {
    pub(super) fn resolve_metrics(&mut self) {
        for i in 0..self.model.metrics.len() {
            let ns = self.model.metrics[i].item.ns.clone();
            let ast = self.model.metrics[i].item.ast.clone();
            let from = ast.from.as_ref().and_then(|f| self.lookup(Group::Table, &ns, f, None));
            self.model.metrics[i].from = from;
            if let Some(r) = &ast.replaces {
                // A replaced version deleted once its sunset has come is retired, as
                // planned: nothing is left to point to, and that is no mistake.
                let sunset_passed = r
                    .sunset
                    .as_ref()
                    .is_some_and(|s| self.model.today.is_some_and(|t| t >= s.value));
                let exists = self
                    .index
                    .lookup(Group::Metric, &ns, &r.name.text)
                    .is_some_and(|v| Index::pick(v, Some(r.version.value)).is_ok());
                if exists || !sunset_passed {
                    self.model.metrics[i].replaces = self.lookup(Group::Metric, &ns, &r.name, Some(&r.version));
                }
            }
            if let Some(r) = &ast.reconcile {
                self.model.metrics[i].reconcile = self.reconcile_target(&ns, &r.target);
            }
            self.model.metrics[i].measure = ast.measure.as_ref().and_then(|m| self.measure(m, from));
            self.model.metrics[i].filter = ast.filter.as_ref().and_then(|f| self.condition(f, from));
            let Some(t) = from else { continue };
            if !self.model.tables[t].columns_known {
                continue;
            }
            let names: Vec<String> = self.model.tables[t].columns.iter().map(|c| c.name.clone()).collect();
            let what = format!("table `{}`", self.model.tables[t].item.ast.name.text);
            if let Some(time) = &ast.time {
                if self.check_column_in(&names, &time.column, &what) {
                    self.require_temporal(t, &time.column);
                }
            }
            for d in ast.dimensions.iter().flat_map(|d| &d.value) {
                self.check_column_in(&names, d, &what);
            }
        }
    }

    /// A reconciliation target: a table of the project, else `system.table`.
    fn reconcile_target(&mut self, ns: &str, target: &ast::Name) -> Option<Node> {
        if let Some(id) = self
            .index
            .lookup(Group::Table, ns, &target.text)
            .and_then(|v| crate::semantic::index::Index::pick(v, None).ok())
        {
            return Some(Node::Table(id));
        }
        self.system_table(ns, target).map(|(s, t)| Node::SystemTable(s, t))
    }

    /// Reads a SQL fragment; a parse failure is reported at its position.
    fn read_sql(&mut self, s: &ast::Sql) -> Option<sqlparser::ast::Expr> {
        match sql::parse_expr(&s.text) {
            Ok(e) => Some(e),
            Err(err) => {
                self.diags.push(sql_syntax_error(
                    s,
                    &err,
                    "SQL does not parse",
                    "fragments are single SQL expressions in the ANSI dialect; multi-line ones go between `\"\"\"`",
                ));
                None
            }
        }
    }

    /// Checks every column a fragment reads against the table, when its columns are known.
    fn sql_columns(&mut self, s: &ast::Sql, expr: &sqlparser::ast::Expr, table: Option<usize>) -> Vec<String> {
        let refs = sql::column_refs(&s.text, expr);
        if let Some(t) = table.filter(|t| self.model.tables[*t].columns_known) {
            let names: Vec<String> = self.model.tables[t].columns.iter().map(|c| c.name.clone()).collect();
            let what = format!("table `{}`", self.model.tables[t].item.ast.name.text);
            for r in &refs {
                if !names.contains(&r.name) {
                    let span = Span::new(
                        s.span.file,
                        s.span.start as usize + r.range.start,
                        s.span.start as usize + r.range.end,
                    );
                    self.diags.push(unknown_column(&names, &r.name, span, &what));
                }
            }
        }
        let mut cols: Vec<String> = refs.into_iter().map(|r| r.name).collect();
        cols.sort();
        cols.dedup();
        cols
    }

    fn measure(&mut self, s: &ast::Sql, table: Option<usize>) -> Option<SqlInfo> {
        let expr = self.read_sql(s)?;
        let columns = self.sql_columns(s, &expr, table);
        let aggregates = sql::aggregates(&expr);
        if aggregates.is_empty() {
            self.diags.push(
                Diagnostic::new(&MEASURE_NOT_AGGREGATE, s.span, "measure aggregates nothing")
                    .with_label_message("a row-level expression")
                    .with_help(format!("wrap it in an aggregate, for example `sum({})`", s.text)),
            );
        }
        if let Some(t) = table {
            for (func, cols) in &aggregates {
                if !NUMERIC_AGGREGATES.contains(&func.as_str()) {
                    continue;
                }
                for c in cols {
                    let Some(col) = self.model.tables[t].column(c) else {
                        continue;
                    };
                    if !col.ty.is_numeric() {
                        let d = Diagnostic::new(
                            &TYPE_MISMATCH,
                            s.span,
                            format!("`{func}` needs a number but `{c}` is `{}`", col.ty),
                        )
                        .with_label_message(format!("`{func}({c})`"))
                        .with_secondary(col.type_span, format!("`{c}` is declared here"))
                        .with_help("aggregate a numeric column, or count rows with `count(…)`");
                        self.diags.push(d);
                    }
                }
            }
        }
        let own = table.map(|t| self.model.tables[t].item.ast.name.text.clone());
        Some(SqlInfo {
            normalized: sql::normalized(&expr),
            canonical: crate::semantic::canonical::canonical(&expr, own.as_deref()),
            columns,
            aggregates,
            expr: Some(crate::semantic::model::Tree(std::sync::Arc::new(expr))),
        })
    }

    fn condition(&mut self, s: &ast::Sql, table: Option<usize>) -> Option<SqlInfo> {
        let expr = self.read_sql(s)?;
        let columns = self.sql_columns(s, &expr, table);
        let bare_non_bool = match (&expr, table) {
            (sqlparser::ast::Expr::Identifier(i), Some(t)) => self.model.tables[t]
                .column(&i.value)
                .is_some_and(|c| !matches!(c.ty, Type::Bool | Type::Unknown)),
            _ => false,
        };
        if !sql::is_boolean(&expr) || bare_non_bool {
            self.diags.push(
                Diagnostic::new(&FILTER_NOT_BOOLEAN, s.span, "this is not a true/false condition")
                    .with_label_message("a value, not a condition")
                    .with_help("compare it, for example `amount > 0`, or use a boolean column"),
            );
        }
        let own = table.map(|t| self.model.tables[t].item.ast.name.text.clone());
        Some(SqlInfo {
            normalized: sql::normalized(&expr),
            canonical: crate::semantic::canonical::canonical(&expr, own.as_deref()),
            columns,
            aggregates: sql::aggregates(&expr),
            expr: None,
        })
    }

    /// A custom check on a table's rows.
    pub(super) fn check_condition(&mut self, s: &ast::Sql, table: usize) {
        self.condition(s, Some(table));
    }

    /// Reports a time column whose type is not a date or timestamp.
    pub(super) fn require_temporal(&mut self, table: usize, column: &ast::Name) {
        let Some(c) = self.model.tables[table].column(&column.text) else {
            return;
        };
        if !c.ty.is_temporal() {
            let d = Diagnostic::new(
                &TYPE_MISMATCH,
                column.span,
                format!("`{}` is `{}`, not a date or timestamp", column.text, c.ty),
            )
            .with_secondary(c.type_span, "declared here")
            .with_help("time semantics need a `timestamp` or `date` column");
            self.diags.push(d);
        }
    }
}
