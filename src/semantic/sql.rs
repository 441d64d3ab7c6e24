//! SQL fragments in contracts (measures, filters, custom checks), read with sqlparser so
//! that column references can be resolved and definitions compared by syntax tree.

use sqlparser::ast::{Expr, Spanned as _};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Location, Token};
use std::ops::{ControlFlow, Range};

/// Aggregate functions a measure may use.
pub const AGGREGATES: &[&str] = &[
    "sum",
    "count",
    "avg",
    "min",
    "max",
    "stddev",
    "stddev_pop",
    "stddev_samp",
    "variance",
    "var_pop",
    "var_samp",
    "median",
    "percentile_cont",
    "percentile_disc",
    "approx_count_distinct",
    "approx_distinct",
    "any_value",
    "bool_and",
    "bool_or",
    "every",
    "string_agg",
    "array_agg",
    "count_if",
    "sum_if",
];

/// A fragment that did not parse: where (byte offset in the fragment) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlError {
    pub offset: usize,
    pub message: String,
}

/// Parses a fragment as one SQL expression; trailing tokens are an error.
pub fn parse_expr(text: &str) -> Result<Expr, SqlError> {
    let dialect = GenericDialect {};
    let mut parser = Parser::new(&dialect)
        .try_with_sql(text)
        .map_err(|e| error(text, &e.to_string()))?;
    let expr = parser.parse_expr().map_err(|e| error(text, &e.to_string()))?;
    let next = parser.peek_token();
    if next.token != Token::EOF {
        let offset = offset_of(text, next.span.start);
        return Err(SqlError {
            offset,
            message: format!("unexpected `{}` after the expression", next.token),
        });
    }
    Ok(expr)
}

fn error(text: &str, message: &str) -> SqlError {
    // sqlparser ends its messages with "at Line: L, Column: C".
    let offset = message
        .rsplit_once("Line: ")
        .and_then(|(_, rest)| {
            let (line, col) = rest.split_once(", Column: ")?;
            let col: String = col.chars().take_while(char::is_ascii_digit).collect();
            Some(offset_of(
                text,
                Location {
                    line: line.trim().parse().ok()?,
                    column: col.parse().ok()?,
                },
            ))
        })
        .unwrap_or(text.len());
    let message = message
        .split(" at Line: ")
        .next()
        .unwrap_or(message)
        .trim_start_matches("sql parser error: ");
    SqlError {
        offset,
        message: message.to_string(),
    }
}

/// Byte offset of a 1-based line/column (in characters) within `text`.
pub fn offset_of(text: &str, loc: Location) -> usize {
    if loc.line == 0 {
        return 0;
    }
    let mut line = 1;
    let mut col = 1;
    for (i, c) in text.char_indices() {
        if line == loc.line && col == loc.column {
            return i;
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    text.len()
}

/// A column the fragment reads, with its byte range in the fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRef {
    pub name: String,
    pub range: Range<usize>,
}

/// Every column reference (the last part of a compound name), in order of appearance.
pub fn column_refs(text: &str, expr: &Expr) -> Vec<ColumnRef> {
    let mut out = Vec::new();
    let _ = sqlparser::ast::visit_expressions(expr, |e| {
        let ident = match e {
            Expr::Identifier(i) => Some(i),
            Expr::CompoundIdentifier(parts) => parts.last(),
            _ => None,
        };
        if let Some(i) = ident {
            let start = offset_of(text, i.span.start);
            let end = offset_of(text, i.span.end).max(start + i.value.len().min(text.len() - start));
            out.push(ColumnRef {
                name: i.value.clone(),
                range: start..end,
            });
        }
        ControlFlow::<()>::Continue(())
    });
    out
}

/// The aggregate functions a fragment calls, with the column references inside each.
pub fn aggregates(expr: &Expr) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let _ = sqlparser::ast::visit_expressions(expr, |e| {
        if let Expr::Function(f) = e {
            let name = f.name.to_string().to_ascii_lowercase();
            if AGGREGATES.contains(&name.as_str()) {
                let mut cols = Vec::new();
                let _ = sqlparser::ast::visit_expressions(&f.args, |inner| {
                    if let Expr::Identifier(i) = inner {
                        cols.push(i.value.clone());
                    }
                    ControlFlow::<()>::Continue(())
                });
                out.push((name, cols));
            }
        }
        ControlFlow::<()>::Continue(())
    });
    out
}

/// Whether the expression's value is a truth value (as a filter or check must be).
/// A bare column counts: its type is checked by the caller.
pub fn is_boolean(expr: &Expr) -> bool {
    use sqlparser::ast::BinaryOperator as B;
    match expr {
        Expr::BinaryOp { op, .. } => matches!(
            op,
            B::Eq | B::NotEq | B::Lt | B::LtEq | B::Gt | B::GtEq | B::And | B::Or | B::Xor | B::Spaceship
        ),
        Expr::UnaryOp {
            op: sqlparser::ast::UnaryOperator::Not,
            ..
        } => true,
        Expr::Nested(inner) => is_boolean(inner),
        Expr::IsNull(_)
        | Expr::IsNotNull(_)
        | Expr::IsTrue(_)
        | Expr::IsNotTrue(_)
        | Expr::IsFalse(_)
        | Expr::IsNotFalse(_)
        | Expr::IsUnknown(_)
        | Expr::IsNotUnknown(_)
        | Expr::IsDistinctFrom(..)
        | Expr::IsNotDistinctFrom(..)
        | Expr::In { .. }
        | Expr::Between { .. }
        | Expr::Like { .. }
        | Expr::ILike { .. }
        | Expr::SimilarTo { .. }
        | Expr::RLike { .. }
        | Expr::Exists { .. }
        | Expr::Identifier(_)
        | Expr::CompoundIdentifier(_) => true,
        Expr::Value(v) => matches!(v.value, sqlparser::ast::Value::Boolean(_)),
        _ => false,
    }
}

/// The canonical text of an expression: formatting and letter case of keywords never
/// count as a change.
pub fn normalized(expr: &Expr) -> String {
    let mut e = expr.clone();
    fold_case(&mut e);
    e.to_string()
}

/// The canonical text of a query, as [`normalized`] is of an expression.
pub fn normalized_query(query: &sqlparser::ast::Query) -> String {
    let mut q = query.clone();
    fold_case(&mut q);
    let _ = sqlparser::ast::visit_relations_mut(&mut q, |name| {
        name.0.iter_mut().for_each(lower_part);
        ControlFlow::<()>::Continue(())
    });
    q.to_string()
}

/// Lower-cases what SQL compares without case: unquoted column names and function
/// names (printing already spells keywords in capitals). Quoted names keep their case.
fn fold_case<T: sqlparser::ast::VisitMut>(node: &mut T) {
    let _ = sqlparser::ast::visit_expressions_mut(node, |e| {
        match e {
            Expr::Identifier(i) => lower(i),
            Expr::CompoundIdentifier(parts) => parts.iter_mut().for_each(lower),
            Expr::Function(f) => f.name.0.iter_mut().for_each(lower_part),
            _ => {}
        }
        ControlFlow::<()>::Continue(())
    });
}

fn lower(i: &mut sqlparser::ast::Ident) {
    if i.quote_style.is_none() {
        i.value = i.value.to_lowercase();
    }
}

fn lower_part(p: &mut sqlparser::ast::ObjectNamePart) {
    if let sqlparser::ast::ObjectNamePart::Identifier(i) = p {
        lower(i);
    }
}

/// Byte range of the whole expression in its fragment.
pub fn expr_range(text: &str, expr: &Expr) -> Range<usize> {
    let s = expr.span();
    offset_of(text, s.start)..offset_of(text, s.end)
}

/// Parses a whole query (`SELECT …`, `WITH … SELECT …`, unions); anything else, or more
/// than one statement, is an error.
pub fn parse_query(text: &str) -> Result<sqlparser::ast::Query, SqlError> {
    let dialect = GenericDialect {};
    let mut statements = Parser::parse_sql(&dialect, text).map_err(|e| error(text, &e.to_string()))?;
    match (statements.pop(), statements.is_empty()) {
        (Some(sqlparser::ast::Statement::Query(q)), true) => Ok(*q),
        _ => Err(SqlError {
            offset: 0,
            message: "a transform is one query (`SELECT …`)".to_string(),
        }),
    }
}

/// The tables a query reads, each with the byte range of its name in the text; names
/// the query itself defines (`WITH x AS …`) are left out.
pub fn relations(text: &str, query: &sqlparser::ast::Query) -> Vec<(String, Range<usize>)> {
    use sqlparser::ast::{ObjectName, Query, Visit, Visitor};
    struct Reads<'a> {
        text: &'a str,
        ctes: Vec<String>,
        out: Vec<(String, Range<usize>)>,
    }
    impl Visitor for Reads<'_> {
        type Break = ();
        // A query is visited before its body, so its `WITH` names are known in time.
        fn pre_visit_query(&mut self, q: &Query) -> ControlFlow<()> {
            if let Some(w) = &q.with {
                self.ctes
                    .extend(w.cte_tables.iter().map(|c| c.alias.name.value.clone()));
            }
            ControlFlow::Continue(())
        }
        fn pre_visit_relation(&mut self, name: &ObjectName) -> ControlFlow<()> {
            let parts: Vec<&sqlparser::ast::Ident> = name.0.iter().filter_map(|p| p.as_ident()).collect();
            let full = parts.iter().map(|i| i.value.as_str()).collect::<Vec<_>>().join(".");
            if parts.len() == 1 && self.ctes.contains(&full) {
                return ControlFlow::Continue(());
            }
            let range = match (parts.first(), parts.last()) {
                (Some(a), Some(b)) => offset_of(self.text, a.span.start)..offset_of(self.text, b.span.end),
                _ => 0..0,
            };
            self.out.push((full, range));
            ControlFlow::Continue(())
        }
    }
    let mut reads = Reads {
        text,
        ctes: Vec::new(),
        out: Vec::new(),
    };
    let _ = query.visit(&mut reads);
    reads.out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn columns_aggregates_and_booleans() {
        let text = "sum(amount) - coalesce(sum(refund_amount), 0)";
        let e = parse_expr(text).unwrap();
        let cols: Vec<String> = column_refs(text, &e).into_iter().map(|c| c.name).collect();
        assert_eq!(cols, ["amount", "refund_amount"]);
        assert_eq!(aggregates(&e).len(), 2);
        assert!(!is_boolean(&e));
        let f = parse_expr("status = 'captured' and not is_test").unwrap();
        assert!(is_boolean(&f));
        assert!(aggregates(&f).is_empty());
    }

    #[test]
    fn column_ranges_point_into_the_text() {
        let text = "sum(amount)  +  max(x.fee)";
        let e = parse_expr(text).unwrap();
        let refs = column_refs(text, &e);
        assert_eq!(&text[refs[0].range.clone()], "amount");
        assert_eq!(&text[refs[1].range.clone()], "fee");
    }

    #[test]
    fn errors_carry_an_offset_and_trailing_tokens_are_refused() {
        let e = parse_expr("sum(amount").unwrap_err();
        assert!(e.offset <= "sum(amount".len());
        let t = parse_expr("sum(amount) amount2 x").unwrap_err();
        assert_eq!(t.offset, "sum(amount) ".len());
    }

    #[test]
    fn normalization_ignores_layout_and_keyword_case() {
        let a = parse_expr("SUM( amount )   -  coalesce(sum(refund_amount),0)").unwrap();
        let b = parse_expr("sum(amount) - COALESCE(SUM(refund_amount), 0)").unwrap();
        assert_eq!(normalized(&a).to_lowercase(), normalized(&b).to_lowercase());
    }
}
