//! SQL fragments from contracts (measures, filters), re-printed for one dialect: every
//! column reference quoted the dialect's way, so a column named like a keyword of one
//! engine (`day`, `status`, `partition`) still works on all of them.

use super::dialect::Dialect;
use crate::semantic::sql::parse_expr;
use sqlparser::ast::{visit_expressions_mut, visit_relations_mut, Expr, Ident, ObjectName};
use std::ops::ControlFlow;

/// The fragment for `dialect`, or `None` when it does not parse (resolution has already
/// reported it, and a project with errors is never built).
pub fn render(text: &str, dialect: &dyn Dialect) -> Option<String> {
    let mut expr = parse_expr(text).ok()?;
    let quote = dialect.quote_char();
    let _ = visit_expressions_mut(&mut expr, |e| {
        quote_columns(e, quote);
        ControlFlow::<()>::Continue(())
    });
    Some(expr.to_string())
}

/// A `transform` query for `dialect`: each table it reads renamed to the
/// `(schema, name)` that `table` gives, every identifier quoted. `None` when it does not
/// parse (resolution has reported it).
pub fn render_query(
    text: &str,
    dialect: &dyn Dialect,
    table: &dyn Fn(&str) -> Option<(String, String)>,
) -> Option<String> {
    let mut query = crate::semantic::sql::parse_query(text).ok()?;
    let quote = dialect.quote_char();
    let _ = visit_relations_mut(&mut query, |name| {
        let written: Vec<String> = name
            .0
            .iter()
            .filter_map(|p| p.as_ident().map(|i| i.value.clone()))
            .collect();
        if let Some((schema, table)) = table(&written.join(".")) {
            *name = ObjectName::from(vec![Ident::with_quote(quote, schema), Ident::with_quote(quote, table)]);
        }
        ControlFlow::<()>::Continue(())
    });
    let _ = visit_expressions_mut(&mut query, |e| {
        quote_columns(e, quote);
        ControlFlow::<()>::Continue(())
    });
    Some(query.to_string())
}

fn quote_columns(e: &mut Expr, quote: char) {
    match e {
        Expr::Identifier(id) => id.quote_style = Some(quote),
        Expr::CompoundIdentifier(ids) => ids.iter_mut().for_each(|id| id.quote_style = Some(quote)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::sql::dialect::DialectName;

    #[test]
    fn columns_are_quoted_per_dialect_and_literals_kept() {
        let pg = render("status = 'captured' and not is_test", DialectName::Postgres.dialect());
        assert_eq!(pg.as_deref(), Some("\"status\" = 'captured' AND NOT \"is_test\""));
        let my = render(
            "sum(amount) - coalesce(sum(refund_amount), 0)",
            DialectName::Mysql.dialect(),
        );
        assert_eq!(my.as_deref(), Some("sum(`amount`) - coalesce(sum(`refund_amount`), 0)"));
    }
}
