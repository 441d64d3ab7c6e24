//! Reconciliation: a metric's total per period against the ledger's, within the
//! declared tolerance.

use super::metric::{period, view_name};
use super::{header, Ctx, SqlFile};
use crate::semantic::model::{Id, Node};
use crate::semantic::types::Type;

pub(super) fn reconciliation(ctx: &Ctx<'_>, i: Id) -> Option<SqlFile> {
    let m = &ctx.model.metrics[i];
    let rec = m.item.ast.reconcile.as_ref()?;
    m.from?;
    m.item.ast.time.as_ref()?;
    // The warehouse copy of the ledger table: a table sourced from it, or the table named.
    let ledger = match m.reconcile.as_ref()? {
        Node::Table(t) => *t,
        st @ Node::SystemTable(..) => ctx.model.tables.iter().position(|t| t.sources.contains(st))?,
        _ => return None,
    };
    let lt = &ctx.model.tables[ledger];
    let day_col = lt
        .columns
        .iter()
        .find(|c| c.ty == Type::Date && c.name != "partition")?;
    let amount = lt.columns.iter().find(|c| matches!(c.ty, Type::Decimal { .. }))?;
    let dims: Vec<&str> = m
        .item
        .ast
        .dimensions
        .as_ref()
        .map(|d| d.value.iter().map(|n| n.text.as_str()).collect())
        .unwrap_or_default();
    // Compare per period and per each dimension both sides carry (currency, typically).
    let shared: Vec<String> = dims
        .iter()
        .filter(|d| lt.column(d).is_some())
        .map(|d| ctx.id(d))
        .collect();
    let tolerance = parse_percent(&rec.tolerance.value)?;
    let p = ctx.id(period(m));
    let (mt, lt_total) = (ctx.id("metric_total"), ctx.id("ledger_total"));
    let view = ctx.d.qualified(&m.item.ns, &view_name(m));
    let ledger_name = ctx.table(ledger);
    let (l, l2) = (ctx.id("l"), ctx.id("l2"));
    // A restated day is a later snapshot of it: only the latest one counts.
    let latest = if lt.column("ingested_at").is_some() {
        let ing = ctx.id("ingested_at");
        let d = ctx.id(&day_col.name);
        format!("\n  WHERE {l}.{ing} = (SELECT MAX({l2}.{ing}) FROM {ledger_name} AS {l2} WHERE {l2}.{d} = {l}.{d})")
    } else {
        String::new()
    };
    let keys = |prefix: &str| {
        let mut k = vec![format!("{prefix}{p}")];
        k.extend(shared.iter().map(|s| format!("{prefix}{s}")));
        k
    };
    let mut ledger_sel = vec![format!("{l}.{} AS {p}", ctx.id(&day_col.name))];
    ledger_sel.extend(shared.iter().map(|s| format!("{l}.{s}")));
    let zero = "0";
    let query = format!(
        "SELECT\n  {keys},\n  SUM({mt}) AS {mt},\n  SUM({lt_total}) AS {lt_total},\n  ABS(SUM({mt}) - SUM({lt_total})) AS {diff},\n  CASE WHEN ABS(SUM({mt}) - SUM({lt_total})) <= {tol} * ABS(SUM({lt_total})) THEN TRUE ELSE FALSE END AS {ok}\nFROM (\n  SELECT {mkeys}, {v} AS {mt}, {zero} AS {lt_total} FROM {view}\n  UNION ALL\n  SELECT {lsel}, {zero} AS {mt}, {l}.{amt} AS {lt_total} FROM {ledger_name} AS {l}{latest}\n) AS {both}\nGROUP BY {keys}",
        keys = keys("").join(", "),
        mkeys = keys("").join(", "),
        v = ctx.id("value"),
        lsel = ledger_sel.join(", "),
        amt = ctx.id(&amount.name),
        diff = ctx.id("difference"),
        tol = tolerance,
        ok = ctx.id("within_tolerance"),
        both = ctx.id("both_sides"),
    );
    let name = format!("reconcile_{}", view_name(m).trim_start_matches("metric_"));
    let mut h = header(
        format!(
            "the reconciliation of metric {}.{} with {}",
            m.item.ns, m.item.ast.name.text, rec.target.text
        ),
        &[],
    );
    h.push(String::new());
    h.push(format!(
        "One row per {} and ({}): the metric's total, the ledger's (`{}`, latest snapshot of each day), and whether they agree within {}.",
        period(m),
        shared.iter().map(|s| s.trim_matches(['"', '`'])).collect::<Vec<_>>().join(", "),
        lt.item.ast.name.text,
        rec.tolerance.value
    ));
    Some(SqlFile {
        path: format!("{}/{name}.sql", ctx.dir(&m.item.ns, "reconcile")),
        header: h,
        statements: vec![ctx
            .d
            .create_or_replace_view(&ctx.d.qualified(&m.item.ns, &name), &query)],
    })
}

/// `0.5%` as the fraction `0.005`, written exactly.
fn parse_percent(s: &str) -> Option<String> {
    let n = s.trim().trim_end_matches('%');
    let (int, frac) = n.split_once('.').unwrap_or((n, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Dividing by 100 moves the point two places left.
    let digits = format!("{int}{frac}");
    let point = int.len() as isize - 2;
    let s = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs()))
    } else {
        let (a, b) = digits.split_at(point as usize);
        if b.is_empty() {
            a.to_string()
        } else {
            format!("{a}.{b}")
        }
    };
    Some(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn percentages_become_exact_fractions() {
        assert_eq!(super::parse_percent("0.5%").as_deref(), Some("0.005"));
        assert_eq!(super::parse_percent("2%").as_deref(), Some("0.02"));
        assert_eq!(super::parse_percent("150%").as_deref(), Some("1.50"));
        assert_eq!(super::parse_percent("abc%"), None);
    }
}
