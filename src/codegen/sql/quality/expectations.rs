//! One query per expectation written in an `expect` block.

use super::Builder;
use crate::codegen::sql::fragment;
use crate::codegen::sql::reconcile::{parse_percent, Ledger};
use crate::diagnostics::Severity;
use crate::semantic::model::{Id, Node, Table};
use crate::syntax::ast::{Cadence, Expectation, ExpectationKind as K, Grain, Literal, Name, VolumeBound};

/// Metadata columns every raw table carries; never compared with a ledger.
const METADATA: &[&str] = &["ingested_at", "source", "schema_version", "partition"];

pub(super) fn expectation(b: &mut Builder<'_, '_>, t: Id, x: &Expectation) {
    let ctx = b.ctx;
    let table = &ctx.model.tables[t];
    let name = ctx.table(t);
    let sev = x.severity.as_ref().map_or(Severity::Error, |s| s.value);
    let id = |n: &str| ctx.id(n);
    let list = |cols: &[Name]| cols.iter().map(|c| id(&c.text)).collect::<Vec<_>>().join(", ");
    let words = |cols: &[Name]| cols.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(", ");
    let show = key_columns(table);
    let rows = ctx.id("rows");
    match &x.kind {
        K::Unique { columns } => b.push(
            t,
            "unique",
            format!("({})", words(columns)),
            sev,
            format!("no two rows share ({})", words(columns)),
            Ok(format!(
                "SELECT {cols}, COUNT(*) AS {rows}\nFROM {name}\nGROUP BY {cols}\nHAVING COUNT(*) > 1",
                cols = list(columns)
            )),
            x.span,
        ),
        K::NotNull { columns } => {
            let cond: Vec<String> = columns.iter().map(|c| format!("{} IS NULL", id(&c.text))).collect();
            let mut shown: Vec<String> = show.iter().map(|c| id(c)).collect();
            for c in columns.iter().map(|c| id(&c.text)) {
                if !shown.contains(&c) {
                    shown.push(c);
                }
            }
            b.push(
                t,
                "not_null",
                format!("({})", words(columns)),
                sev,
                format!("no row has a null in ({})", words(columns)),
                Ok(format!(
                    "SELECT {}\nFROM {name}\nWHERE {}",
                    shown.join(", "),
                    cond.join(" OR ")
                )),
                x.span,
            );
        }
        K::Accepted { column, values } => {
            let vals: Vec<String> = values.iter().map(|v| literal(b, &v.value)).collect();
            let c = id(&column.text);
            b.push(
                t,
                "accepted",
                format!("({})", column.text),
                sev,
                format!("`{}` is one of {}", column.text, vals.join(", ")),
                Ok(format!(
                    "SELECT {c}, COUNT(*) AS {rows}\nFROM {name}\nWHERE {c} IS NOT NULL AND {c} NOT IN ({})\nGROUP BY {c}",
                    vals.join(", ")
                )),
                x.span,
            );
        }
        K::Freshness { column, within } => {
            let c = id(&column.text);
            let secs = u64::try_from(within.value.millis() / 1000).unwrap_or(u64::MAX);
            let now = ctx.now.map_or_else(|| ctx.d.now_utc(), |t| ctx.d.timestamp_literal(t));
            let oldest = ctx.d.minus_seconds_ts(&now, secs);
            b.push(
                t,
                "freshness",
                format!("({})", column.text),
                sev,
                format!("the newest `{}` is at most {} old", column.text, within.value),
                Ok(format!(
                    "SELECT MAX({c}) AS {latest}\nFROM {name}\nHAVING MAX({c}) IS NULL OR MAX({c}) < {oldest}",
                    latest = id("latest")
                )),
                x.span,
            );
        }
        K::Volume { cadence, bound } => {
            let grain = match cadence.value {
                Cadence::Hourly => Grain::Hour,
                Cadence::Daily => Grain::Day,
                Cadence::Weekly => Grain::Week,
                Cadence::Monthly => Grain::Month,
            };
            let what = format!("({})", grain.as_str());
            let query = time_column(table)
                .ok_or_else(|| "the table has no partitioning column or `ingested_at` to count periods by".to_string())
                .map(|col| volume(b, t, &col, grain, bound));
            let description = match bound {
                VolumeBound::Between { min, max } => format!("the latest {} holds between {} and {} rows", grain.as_str(), min.value, max.value),
                VolumeBound::Sigma { sigma } => format!(
                    "the latest {} holds a row count within {} standard deviations of the earlier ones (given two or more)",
                    grain.as_str(),
                    sigma.value
                ),
            };
            b.push(t, "volume", what, sev, description, query, x.span);
        }
        K::References { column, target } => {
            let query = match target.text.rsplit_once('.') {
                Some((tname, tcol)) => find_table(b, t, tname)
                    .map(|p| {
                        let (cc, pc) = (format!("{}.{}", id("c"), id(&column.text)), format!("{}.{}", id("p"), id(tcol)));
                        format!(
                            "SELECT {cc}, COUNT(*) AS {rows}\nFROM {name} AS {c}\nLEFT JOIN {parent} AS {p} ON {cc} = {pc}\nWHERE {cc} IS NOT NULL AND {pc} IS NULL\nGROUP BY {cc}",
                            c = id("c"),
                            p = id("p"),
                            parent = ctx.table(p)
                        )
                    })
                    .ok_or_else(|| format!("`{tname}` is not a table of the project")),
                None => Err(format!("`{}` names no column (`table.column`)", target.text)),
            };
            b.push(
                t,
                "references",
                format!("({} -> {})", column.text, target.text),
                sev,
                format!("every `{}` exists in `{}`", column.text, target.text),
                query,
                x.span,
            );
        }
        K::Reconcile {
            column,
            target,
            tolerance,
        } => {
            let query = reconcile(b, t, &column.text, target, &tolerance.value);
            b.push(
                t,
                "reconcile",
                format!("({} with {})", column.text, target.text),
                sev,
                format!(
                    "the daily total of `{}` agrees with `{}` within {}%",
                    column.text, target.text, tolerance.value
                ),
                query,
                x.span,
            );
        }
        K::LateShare { below } => {
            let query = late_share(b, t, &below.value);
            b.push(
                t,
                "late_share",
                String::new(),
                sev,
                format!("at most {}% of the rows arrived after the lateness window", below.value),
                query,
                x.span,
            );
        }
        K::Check { name: check, sql } => {
            let query = fragment::render(&sql.text, ctx.d)
                .map(|cond| {
                    let shown: Vec<String> = show.iter().map(|c| id(c)).collect();
                    format!("SELECT {}\nFROM {name}\nWHERE NOT ({cond})", shown.join(", "))
                })
                .ok_or_else(|| "the check does not parse".to_string());
            b.push(
                t,
                "check",
                format!("({})", check.text),
                sev,
                format!("`{}` holds on every row", sql.text),
                query,
                x.span,
            );
        }
    }
}

/// The columns that identify a row, to show violating rows by: the key, else the dedupe
/// key, else the first column.
pub(super) fn key_columns(table: &Table) -> Vec<String> {
    let ast = &table.item.ast;
    if let Some(k) = &ast.key {
        return k.value.iter().map(|n| n.text.clone()).collect();
    }
    if let Some(d) = &ast.dedupe {
        return d.on.iter().map(|n| n.text.clone()).collect();
    }
    table.columns.first().map(|c| vec![c.name.clone()]).unwrap_or_default()
}

/// The column rows are placed in time by: the partitioning column, else `ingested_at`.
fn time_column(table: &Table) -> Option<String> {
    table
        .item
        .ast
        .partition
        .as_ref()
        .map(|p| p.column.text.clone())
        .filter(|c| table.column(c).is_some())
        .or_else(|| table.column("ingested_at").map(|c| c.name.clone()))
}

fn literal(b: &Builder<'_, '_>, l: &Literal) -> String {
    match l {
        Literal::String(s) | Literal::Ident(s) => b.ctx.d.string(s),
        Literal::Number(n) | Literal::Percent(n) => n.clone(),
        Literal::Bool(v) => if *v { "TRUE" } else { "FALSE" }.into(),
        Literal::Null => "NULL".into(),
        Literal::Date(d) => b.ctx.d.string(&d.to_string()),
        Literal::Duration(d) => b.ctx.d.string(&d.to_string()),
    }
}

fn find_table(b: &Builder<'_, '_>, from: Id, written: &str) -> Option<Id> {
    let ns = &b.ctx.model.tables[from].item.ns;
    let (want_ns, want) = written.rsplit_once('.').unwrap_or((ns.as_str(), written));
    b.ctx
        .model
        .tables
        .iter()
        .position(|t| t.item.ns == want_ns && t.item.ast.name.text == want)
}

fn volume(b: &Builder<'_, '_>, t: Id, col: &str, grain: Grain, bound: &VolumeBound) -> String {
    let ctx = b.ctx;
    let name = ctx.table(t);
    let period = ctx.id("period");
    let n = ctx.id("row_count");
    let bucket = ctx.d.truncate(&ctx.id(col), grain, "UTC");
    let counts = format!("SELECT {bucket} AS {period}, COUNT(*) AS {n} FROM {name} GROUP BY {bucket}");
    let latest = format!("(SELECT MAX({bucket}) FROM {name})");
    match bound {
        VolumeBound::Between { min, max } => format!(
            "SELECT {period}, {n}\nFROM ({counts}) AS {c}\nWHERE {period} = {latest} AND ({n} < {min} OR {n} > {max})",
            c = ctx.id("counts"),
            min = min.value,
            max = max.value
        ),
        VolumeBound::Sigma { sigma } => {
            let (c, h) = (ctx.id("counts"), ctx.id("history"));
            let (mean, spread, periods) = (ctx.id("mean"), ctx.id("spread"), ctx.id("periods"));
            format!(
                "SELECT {c}.{period}, {c}.{n}, {h}.{mean}, {h}.{spread}\nFROM ({counts}) AS {c}\nCROSS JOIN (\n  SELECT AVG({n}) AS {mean}, STDDEV_SAMP({n}) AS {spread}, COUNT(*) AS {periods}\n  FROM ({counts}) AS {e}\n  WHERE {period} < {latest}\n) AS {h}\nWHERE {c}.{period} = {latest} AND {h}.{periods} >= 2 AND ABS({c}.{n} - {h}.{mean}) > {k} * {h}.{spread}",
                e = ctx.id("earlier"),
                k = sigma.value
            )
        }
    }
}

fn reconcile(b: &Builder<'_, '_>, t: Id, column: &str, target: &Name, tolerance: &str) -> Result<String, String> {
    let ctx = b.ctx;
    let table = &ctx.model.tables[t];
    let node = match find_table(b, t, &target.text) {
        Some(id) => Node::Table(id),
        None => {
            let (sys, tbl) = target
                .text
                .rsplit_once('.')
                .ok_or("the target is neither a table nor `system.table`")?;
            let s = ctx
                .model
                .systems
                .iter()
                .position(|x| x.item.ast.name.text == sys)
                .ok_or_else(|| format!("`{sys}` is not a system of the project"))?;
            Node::SystemTable(s, tbl.to_string())
        }
    };
    let ledger =
        Ledger::of(ctx, &node).ok_or("no table holds a copy of the target with a date and an amount column")?;
    let col = time_column(table).ok_or("the table has no partitioning column to place rows on a day")?;
    let tolerance = parse_percent(tolerance).ok_or("the tolerance is not a percentage")?;
    let dims: Vec<&str> = table
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .filter(|c| !METADATA.contains(c))
        .collect();
    let shared = ledger.shared(ctx, &dims);
    let shared: Vec<&str> = shared.into_iter().filter(|d| *d != column && *d != col).collect();
    let mut names = vec!["day"];
    names.extend(shared.iter().copied());
    let mut keys = vec![ctx.d.truncate(&ctx.id(&col), Grain::Day, "UTC")];
    keys.extend(shared.iter().map(|s| ctx.id(s)));
    let comparison = ledger.comparison(ctx, &keys, &ctx.id(column), &ctx.table(t), &names, &tolerance);
    Ok(format!(
        "SELECT *\nFROM (\n{comparison}\n) AS {r}\nWHERE NOT {ok}",
        r = ctx.id("compared"),
        ok = ctx.id("within_tolerance")
    ))
}

fn late_share(b: &Builder<'_, '_>, t: Id, below: &str) -> Result<String, String> {
    let ctx = b.ctx;
    let table = &ctx.model.tables[t];
    let event_time = table
        .item
        .ast
        .partition
        .as_ref()
        .map(|p| p.column.text.clone())
        .ok_or("the table names no event-time partitioning column")?;
    table
        .column("ingested_at")
        .ok_or("the table has no `ingested_at` column")?;
    let lateness = table
        .item
        .ast
        .lateness
        .as_ref()
        .map(|l| l.value)
        .or_else(|| {
            table.sources.iter().find_map(|s| match s {
                Node::Event(e) => ctx.model.events[*e].item.ast.lateness.as_ref().map(|l| l.value),
                _ => None,
            })
        })
        .ok_or("neither the table nor its event declares a lateness")?;
    let fraction = parse_percent(below).ok_or("the share is not a percentage")?;
    let secs = u64::try_from(lateness.millis() / 1000).unwrap_or(u64::MAX);
    let late = format!(
        "{} > {}",
        ctx.d.minus_seconds_ts(&ctx.id("ingested_at"), secs),
        ctx.id(&event_time)
    );
    let (l, a) = (ctx.id("late_rows"), ctx.id("all_rows"));
    Ok(format!(
        "SELECT {l}, {a}\nFROM (SELECT SUM(CASE WHEN {late} THEN 1 ELSE 0 END) AS {l}, COUNT(*) AS {a} FROM {}) AS {s}\nWHERE {l} > {fraction} * {a}",
        ctx.table(t),
        s = ctx.id("shares")
    ))
}
