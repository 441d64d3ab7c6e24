//! SQL fragments from contracts (measures, filters), re-printed for one dialect: every
//! column reference quoted the dialect's way, so a column named like a keyword of one
//! engine (`day`, `status`, `partition`) still works on all of them.

use super::dialect::Dialect;
use crate::semantic::sql::parse_expr;
use sqlparser::ast::{visit_expressions_mut, Expr};
use std::ops::ControlFlow;

/// The fragment for `dialect`, or `None` when it does not parse (resolution has already
/// reported it, and a project with errors is never built).
pub fn render(text: &str, dialect: &dyn Dialect) -> Option<String> {
    let mut expr = parse_expr(text).ok()?;
    let quote = dialect.quote_char();
    let _ = visit_expressions_mut(&mut expr, |e| {
        match e {
            Expr::Identifier(id) => id.quote_style = Some(quote),
            Expr::CompoundIdentifier(ids) => ids.iter_mut().for_each(|id| id.quote_style = Some(quote)),
            _ => {}
        }
        ControlFlow::<()>::Continue(())
    });
    Some(expr.to_string())
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
