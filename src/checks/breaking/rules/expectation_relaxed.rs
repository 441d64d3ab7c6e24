//! A quality expectation on a table is removed or loosened.

use crate::checks::breaking::pair::Pairs;
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::diagnostics::Severity;
use crate::span::Span;
use crate::syntax::ast::{Cadence, Expectation, ExpectationKind, Literal, VolumeBound};

declare_code! {
    /// ## What it does
    /// Reports an `expect` entry on a table that the baseline has and the current project
    /// removed or loosened: a `unique`, `not_null`, `references`, `accepted`, `check` or
    /// other expectation gone; a `freshness` window made longer; a `volume` range widened
    /// or its sigma raised; `accepted` values added; a `reconcile` tolerance or a
    /// `late_share` raised; a severity lowered (`error` → `warning`). Expectations are
    /// paired by what they guarantee (`not_null` column by column; a `unique` set is kept
    /// by a `unique` on some of its columns). A changed `check` condition is reported as
    /// compatible, since truthline cannot tell whether it is looser.
    ///
    /// ## Why it matters
    /// Consumers build on the guarantees: a join trusts `unique`, a sum trusts
    /// `not_null`, a dashboard trusts `freshness`. A removed or loosened expectation
    /// lets bad data through without anyone downstream having agreed to it.
    ///
    /// ## Example
    /// ```truth
    /// expect payments { unique payment_id  freshness paid_at within 6h }   // baseline
    /// expect payments { freshness paid_at within 24h }                     // current
    /// ```
    ///
    /// ## Use instead
    /// Keep the guarantee and fix the data or the pipeline; if it must go, agree with the
    /// table's consumers and record an acknowledgement with a reason and an owner.
    pub static CODE = ("B039", "expectation-relaxed", Error, Breaking, "A quality expectation on a table was removed or relaxed");
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) | Literal::Number(s) | Literal::Ident(s) => s.clone(),
        Literal::Percent(s) => format!("{s}%"),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".into(),
        Literal::Date(d) => d.to_string(),
        Literal::Duration(d) => d.to_string(),
    }
}

fn cadence(c: Cadence) -> &'static str {
    match c {
        Cadence::Hourly => "hourly",
        Cadence::Daily => "daily",
        Cadence::Weekly => "weekly",
        Cadence::Monthly => "monthly",
    }
}

/// The expectation as written, for the guarantee `key` (one column of a `not_null`).
fn describe(e: &Expectation, key: &str) -> String {
    let join = |n: &[crate::syntax::ast::Name]| n.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(", ");
    let text = match &e.kind {
        ExpectationKind::Freshness { column, within } => format!("freshness {} within {}", column.text, within.value),
        ExpectationKind::Volume {
            cadence: c,
            bound: VolumeBound::Between { min, max },
        } => {
            format!("volume {} between {} and {}", cadence(c.value), min.value, max.value)
        }
        ExpectationKind::Volume {
            cadence: c,
            bound: VolumeBound::Sigma { sigma },
        } => format!("volume {} within {} sigma", cadence(c.value), sigma.value),
        ExpectationKind::Unique { columns } => format!("unique {}", join(columns)),
        ExpectationKind::NotNull { columns } => {
            let one = key.strip_prefix("not_null(").and_then(|k| k.strip_suffix(')'));
            let own = one
                .and_then(|k| columns.iter().find(|c| c.text == k))
                .map(|c| c.text.clone());
            format!("not_null {}", own.unwrap_or_else(|| join(columns)))
        }
        ExpectationKind::Accepted { column, values } => {
            format!(
                "accepted {} in ({})",
                column.text,
                values.iter().map(|v| literal(&v.value)).collect::<Vec<_>>().join(", ")
            )
        }
        ExpectationKind::References { column, target } => format!("references {} -> {}", column.text, target.text),
        ExpectationKind::Reconcile {
            column,
            target,
            tolerance,
        } => format!(
            "reconcile {} with {} tolerance {}%",
            column.text, target.text, tolerance.value
        ),
        ExpectationKind::LateShare { below } => format!("late_share below {}%", below.value),
        ExpectationKind::Check { name, sql } => format!("check {}: {}", name.text, sql.text.trim()),
    };
    match &e.severity {
        Some(s) => format!("{text} severity {}", s.value.as_str()),
        None => text,
    }
}

/// Where the guarantee `key` is written: the column's name for one column of a
/// `not_null` list, else the whole entry.
fn focus(e: &Expectation, key: &str) -> Span {
    let one = key.strip_prefix("not_null(").and_then(|k| k.strip_suffix(')'));
    match (&e.kind, one) {
        (ExpectationKind::NotNull { columns }, Some(k)) if columns.len() > 1 => {
            columns.iter().find(|c| c.text == k).map_or(e.span, |c| c.span)
        }
        _ => e.span,
    }
}

fn num(s: &str) -> Option<f64> {
    s.trim().parse().ok()
}

/// A number that grew: `(was, now)` when `now` is larger.
fn grew(was: &str, now: &str) -> bool {
    matches!((num(was), num(now)), (Some(a), Some(b)) if b > a)
}

/// How `new` is looser than `old` (each a short phrase), and whether it changed in a way
/// that cannot be ranked.
fn relaxations(old: &Expectation, new: &Expectation) -> (Vec<String>, bool) {
    use ExpectationKind as K;
    let mut how = Vec::new();
    let mut unranked = false;
    match (&old.kind, &new.kind) {
        (K::Freshness { within: a, .. }, K::Freshness { within: b, .. }) if b.value.millis() > a.value.millis() => {
            how.push(format!("the window grew from {} to {}", a.value, b.value));
        }
        (K::Volume { bound: was, .. }, K::Volume { bound: now, .. }) => match (was, now) {
            (VolumeBound::Between { min: a, max: b }, VolumeBound::Between { min: c, max: d }) => {
                if grew(&c.value, &a.value) || grew(&b.value, &d.value) {
                    how.push(format!(
                        "the range grew from {}–{} to {}–{}",
                        a.value, b.value, c.value, d.value
                    ));
                }
            }
            (VolumeBound::Sigma { sigma: a }, VolumeBound::Sigma { sigma: b }) => {
                if grew(&a.value, &b.value) {
                    how.push(format!("sigma grew from {} to {}", a.value, b.value));
                }
            }
            _ => unranked = true,
        },
        (K::Accepted { values: a, .. }, K::Accepted { values: b, .. }) => {
            let was: Vec<String> = a.iter().map(|v| literal(&v.value)).collect();
            let more: Vec<String> = b
                .iter()
                .map(|v| literal(&v.value))
                .filter(|v| !was.contains(v))
                .collect();
            if !more.is_empty() {
                how.push(format!("it now also accepts {}", more.join(", ")));
            }
        }
        (K::Reconcile { tolerance: a, .. }, K::Reconcile { tolerance: b, .. }) if grew(&a.value, &b.value) => {
            how.push(format!("the tolerance grew from {}% to {}%", a.value, b.value));
        }
        (K::LateShare { below: a }, K::LateShare { below: b }) if grew(&a.value, &b.value) => {
            how.push(format!("the share grew from {}% to {}%", a.value, b.value));
        }
        (K::Check { sql: a, .. }, K::Check { sql: b, .. }) => {
            let norm = |s: &str| {
                crate::semantic::sql::parse_expr(s)
                    .map(|e| crate::semantic::sql::normalized(&e).to_lowercase())
                    .unwrap_or_else(|_| s.split_whitespace().collect::<Vec<_>>().join(" "))
            };
            unranked = norm(&a.text) != norm(&b.text);
        }
        _ => {}
    }
    let sev = |e: &Expectation| e.severity.as_ref().map_or(Severity::Error, |s| s.value);
    if sev(new) < sev(old) {
        how.push(format!(
            "its severity went from {} to {}",
            sev(old).as_str(),
            sev(new).as_str()
        ));
    }
    (how, unranked)
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    for (p, list) in pairs.table_expectations(input.old, input.new) {
        let Some(n) = p.new else { continue };
        let table = &input.new.tables[n].item.ast.name.text;
        // Where a removed expectation would be: the table's `expect` block, else the table.
        let block = || {
            input
                .new
                .expects
                .iter()
                .find(|e| e.table == Some(n))
                .map_or(input.new.tables[n].item.ast.name.span, |e| e.item.ast.target.span)
        };
        for m in list {
            let Some(old) = m.old else { continue };
            // A guarantee about columns the table no longer has goes with them: the
            // column's removal is the one finding (`column-removed`).
            if m.new.is_none()
                && !m.columns.is_empty()
                && m.columns.iter().all(|c| input.new.tables[n].column(c).is_none())
                && input.new.tables[n].columns_known
            {
                continue;
            }
            let path = format!("expect.{}", m.key);
            let change = match m.new {
                None => Change::on(
                    &CODE,
                    Object::Table,
                    p,
                    path,
                    format!("expectation `{}` on table `{table}` was removed", m.key),
                )
                .values(describe(old, m.key), None)
                .spans(Some(focus(old, m.key)), Some(block()))
                .breaks(Breaks::BOTH),
                Some(new) => {
                    let (how, unranked) = relaxations(old, new);
                    let (breaks, what) = match (how.is_empty(), unranked) {
                        (false, _) => (
                            Breaks::BOTH,
                            format!(
                                "expectation `{}` on table `{table}` was relaxed: {}",
                                m.key,
                                how.join("; ")
                            ),
                        ),
                        (true, true) => (
                            Breaks::NONE,
                            format!("expectation `{}` on table `{table}` changed", m.key),
                        ),
                        (true, false) => continue,
                    };
                    Change::on(&CODE, Object::Table, p, path, what)
                        .values(describe(old, m.key), describe(new, m.key))
                        .spans(Some(old.span), Some(new.span))
                        .breaks(breaks)
                }
            };
            out.push(
                change
                    .level(Level::Governance)
                    .help("consumers rely on the guarantee: keep it and fix the data, or agree with them and acknowledge the change"),
            );
        }
    }
}
