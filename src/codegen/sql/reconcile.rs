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
    let ledger = Ledger::of(ctx, m.reconcile.as_ref()?)?;
    let dims: Vec<&str> = m
        .item
        .ast
        .dimensions
        .as_ref()
        .map(|d| d.value.iter().map(|n| n.text.as_str()).collect())
        .unwrap_or_default();
    let shared = ledger.shared(ctx, &dims);
    let tolerance = parse_percent(&rec.tolerance.value)?;
    let p = period(m);
    let mut keys = vec![ctx.id(p)];
    keys.extend(shared.iter().map(|s| ctx.id(s)));
    let view = ctx.d.qualified(&m.item.ns, &view_name(m));
    let mut names = vec![p];
    names.extend(shared.iter().copied());
    let query = ledger.comparison(ctx, &keys, &ctx.id("value"), &view, &names, &tolerance);
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
        "One row per {} and ({}): the metric's total, the ledger's (`{}`, latest snapshot of each day), and whether they agree within {}%.",
        period(m),
        shared.join(", "),
        ledger.name(ctx),
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

/// The warehouse copy of a ledger table, and which of its columns are the day and the
/// amount.
pub(super) struct Ledger {
    table: Id,
    day: String,
    amount: String,
}

impl Ledger {
    /// The table named, or the table whose source is the system table named.
    pub(super) fn of(ctx: &Ctx<'_>, target: &Node) -> Option<Ledger> {
        let table = match target {
            Node::Table(t) => *t,
            st @ Node::SystemTable(..) => ctx.model.tables.iter().position(|t| t.sources.contains(st))?,
            _ => return None,
        };
        let lt = &ctx.model.tables[table];
        let day = lt
            .columns
            .iter()
            .find(|c| c.ty == Type::Date && c.name != "partition")?
            .name
            .clone();
        let amount = lt
            .columns
            .iter()
            .find(|c| matches!(c.ty, Type::Decimal { .. }))?
            .name
            .clone();
        Some(Ledger { table, day, amount })
    }

    /// Of `dims`, those the ledger table carries too (currency, typically).
    pub(super) fn shared<'a>(&self, ctx: &Ctx<'_>, dims: &[&'a str]) -> Vec<&'a str> {
        let lt = &ctx.model.tables[self.table];
        dims.iter().copied().filter(|d| lt.column(d).is_some()).collect()
    }

    pub(super) fn name<'a>(&self, ctx: &Ctx<'a>) -> &'a str {
        &ctx.model.tables[self.table].item.ast.name.text
    }

    /// Per period and shared dimension (`names`: the period column, then the shared
    /// dimensions): the left side's total (`left_keys` and `left_value` read from
    /// `left_from`), the ledger's (its latest snapshot of each day), their difference,
    /// and whether they agree within `tolerance`.
    pub(super) fn comparison(
        &self,
        ctx: &Ctx<'_>,
        left_keys: &[String],
        left_value: &str,
        left_from: &str,
        names: &[&str],
        tolerance: &str,
    ) -> String {
        let p = ctx.id(names.first().copied().unwrap_or("day"));
        let shared: Vec<String> = names.iter().skip(1).map(|s| ctx.id(s)).collect();
        let (mt, lt_total) = (ctx.id("metric_total"), ctx.id("ledger_total"));
        let ledger_name = ctx.table(self.table);
        let (l, l2) = (ctx.id("l"), ctx.id("l2"));
        let lt = &ctx.model.tables[self.table];
        // A restated day is a later snapshot of it: only the latest one counts.
        let latest = if lt.column("ingested_at").is_some() {
            let ing = ctx.id("ingested_at");
            let d = ctx.id(&self.day);
            format!(
                "\n  WHERE {l}.{ing} = (SELECT MAX({l2}.{ing}) FROM {ledger_name} AS {l2} WHERE {l2}.{d} = {l}.{d})"
            )
        } else {
            String::new()
        };
        let mut keys = vec![p.clone()];
        keys.extend(shared.iter().cloned());
        let lkeys: Vec<String> = left_keys
            .iter()
            .zip(&keys)
            .map(|(e, k)| if e == k { e.clone() } else { format!("{e} AS {k}") })
            .collect();
        let mut ledger_sel = vec![format!("{l}.{} AS {p}", ctx.id(&self.day))];
        ledger_sel.extend(shared.iter().map(|s| format!("{l}.{s}")));
        format!(
            "SELECT\n  {keys},\n  SUM({mt}) AS {mt},\n  SUM({lt_total}) AS {lt_total},\n  ABS(SUM({mt}) - SUM({lt_total})) AS {diff},\n  CASE WHEN ABS(SUM({mt}) - SUM({lt_total})) <= {tolerance} * ABS(SUM({lt_total})) THEN TRUE ELSE FALSE END AS {ok}\nFROM (\n  SELECT {lkeys}, {left_value} AS {mt}, 0 AS {lt_total} FROM {left_from}\n  UNION ALL\n  SELECT {lsel}, 0 AS {mt}, {l}.{amt} AS {lt_total} FROM {ledger_name} AS {l}{latest}\n) AS {both}\nGROUP BY {keys}",
            keys = keys.join(", "),
            lkeys = lkeys.join(", "),
            lsel = ledger_sel.join(", "),
            amt = ctx.id(&self.amount),
            diff = ctx.id("difference"),
            ok = ctx.id("within_tolerance"),
            both = ctx.id("both_sides"),
        )
    }
}

/// `0.5%` as the fraction `0.005`, written exactly.
pub(super) fn parse_percent(s: &str) -> Option<String> {
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
