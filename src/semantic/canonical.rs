//! The canonical form of a SQL expression, which two definitions share exactly when they
//! say the same thing in ways that never change a result: layout, keyword and name case,
//! redundant parentheses, the order of the operands of `and`, `or`, `=` and `<>`, a
//! comparison written the other way round (`0 < a` is `a > 0`), the order of an `IN`
//! list, and a column qualified with the table the fragment reads (`payments.amount` in a
//! metric `from payments`). Anything else is a change of meaning.

use sqlparser::ast::{BinaryOperator as Op, Expr, Ident};
use std::ops::ControlFlow;

/// The canonical text of `expr`; `table` is the table the fragment reads, whose name may
/// qualify its columns.
pub fn canonical(expr: &Expr, table: Option<&str>) -> String {
    let mut e = expr.clone();
    strip(&mut e, table);
    order(&mut e);
    group(&mut e);
    e.to_string()
}

/// Removes every parenthesis and the fragment's own table from qualified columns, and
/// folds name case: the tree alone says how operands group.
fn strip(e: &mut Expr, table: Option<&str>) {
    let _ = sqlparser::ast::visit_expressions_mut(e, |x| {
        while let Expr::Nested(inner) = x {
            *x = std::mem::replace(inner.as_mut(), Expr::Value(sqlparser::ast::Value::Null.into()));
        }
        match x {
            Expr::Identifier(i) => lower(i),
            Expr::CompoundIdentifier(parts) => {
                parts.iter_mut().for_each(lower);
                if let (Some(t), [q, col]) = (table, parts.as_slice()) {
                    if q.value == t.to_lowercase() {
                        *x = Expr::Identifier(col.clone());
                    }
                }
            }
            Expr::Function(f) => f.name.0.iter_mut().for_each(|p| {
                if let sqlparser::ast::ObjectNamePart::Identifier(i) = p {
                    lower(i);
                }
            }),
            _ => {}
        }
        ControlFlow::<()>::Continue(())
    });
}

fn lower(i: &mut Ident) {
    if i.quote_style.is_none() {
        i.value = i.value.to_lowercase();
    }
}

/// Puts commutative operands and `IN` lists in one order, bottom up.
fn order(e: &mut Expr) {
    let _ = sqlparser::ast::visit_expressions_mut(e, |x| {
        match x {
            Expr::BinaryOp {
                op: op @ (Op::And | Op::Or),
                ..
            } => {
                let op = op.clone();
                let mut terms = Vec::new();
                flatten(
                    std::mem::replace(x, Expr::Value(sqlparser::ast::Value::Null.into())),
                    &op,
                    &mut terms,
                );
                terms.sort_by_cached_key(printed);
                let mut it = terms.into_iter();
                let first = it.next().unwrap_or(Expr::Value(sqlparser::ast::Value::Null.into()));
                *x = it.fold(first, |acc, t| Expr::BinaryOp {
                    left: Box::new(acc),
                    op: op.clone(),
                    right: Box::new(t),
                });
            }
            Expr::BinaryOp { left, op, right } => {
                let flipped = match op {
                    Op::Eq => Some(Op::Eq),
                    Op::NotEq => Some(Op::NotEq),
                    Op::Lt => Some(Op::Gt),
                    Op::Gt => Some(Op::Lt),
                    Op::LtEq => Some(Op::GtEq),
                    Op::GtEq => Some(Op::LtEq),
                    _ => None,
                };
                if let Some(f) = flipped {
                    if printed(left) > printed(right) {
                        std::mem::swap(left, right);
                        *op = f;
                    }
                }
            }
            Expr::In {
                target: sqlparser::ast::InTarget::List(list),
                ..
            } => {
                list.sort_by_cached_key(printed);
                list.dedup_by(|a, b| printed(a) == printed(b));
            }
            _ => {}
        }
        ControlFlow::<()>::Continue(())
    });
}

/// The operands of a chain of one associative operator, in order.
fn flatten(e: Expr, op: &Op, out: &mut Vec<Expr>) {
    match e {
        Expr::BinaryOp { left, op: o, right } if &o == op => {
            flatten(*left, op, out);
            flatten(*right, op, out);
        }
        other => out.push(other),
    }
}

/// Parenthesizes every operation inside another, so that the printed text says how
/// operands group (`(a + b) * c` and `a + (b * c)` print apart).
fn group(e: &mut Expr) {
    let wrap = |x: &mut Box<Expr>| {
        if matches!(**x, Expr::BinaryOp { .. } | Expr::UnaryOp { .. }) {
            let inner = std::mem::replace(x.as_mut(), Expr::Value(sqlparser::ast::Value::Null.into()));
            **x = Expr::Nested(Box::new(inner));
        }
    };
    let _ = sqlparser::ast::visit_expressions_mut(e, |x| {
        match x {
            Expr::BinaryOp { left, right, .. } => {
                wrap(left);
                wrap(right);
            }
            Expr::UnaryOp { expr, .. } => wrap(expr),
            _ => {}
        }
        ControlFlow::<()>::Continue(())
    });
}

fn printed(e: &Expr) -> String {
    e.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantic::sql::parse_expr;

    fn same(a: &str, b: &str) -> bool {
        let c = |t: &str| {
            parse_expr(t)
                .map(|e| canonical(&e, Some("payments")))
                .map_err(|e| e.message)
        };
        c(a) == c(b) && c(a).is_ok()
    }

    #[test]
    fn what_never_changes_a_result_is_equivalent() {
        assert!(same("SUM( amount )", "sum(amount)"));
        assert!(same("((a > 0))", "a > 0"));
        assert!(same("(a = 1) and (b = 2)", "a = 1 AND b = 2"));
        assert!(same("a = 1 and b = 2 and c = 3", "c = 3 and (a = 1 and b = 2)"));
        assert!(same("status = 'captured' or is_test", "is_test or 'captured' = status"));
        assert!(same("a <> b", "b <> a"));
        assert!(same("0 < amount", "amount > 0"));
        assert!(same("amount >= 10", "10 <= amount"));
        assert!(same("channel in ('web', 'ios')", "channel IN ('ios', 'web')"));
        assert!(same("payments.amount > 0", "amount > 0"));
        assert!(same("sum(payments.amount)", "sum(amount)"));
    }

    #[test]
    fn anything_else_is_a_change() {
        assert!(!same("(a + b) * c", "a + (b * c)"));
        assert!(!same("a + b * c", "(a + b) * c"));
        assert!(!same("a > 0", "a >= 0"));
        assert!(!same("a - b", "b - a"));
        assert!(!same("a = 1 and b = 2 or c = 3", "a = 1 and (b = 2 or c = 3)"));
        assert!(!same("refunds.amount > 0", "amount > 0"));
        assert!(!same("channel in ('web')", "channel in ('web', 'ios')"));
        assert!(!same("not a and b", "not (a and b)"));
    }
}
