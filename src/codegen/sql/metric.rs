//! One view per metric version (`metric_net_revenue_v2`), and a stable unversioned
//! view (`metric_net_revenue`) over the latest version.

use super::fragment;
use super::{days, header, Ctx, SqlFile};
use crate::semantic::model::{Id, Metric};
use crate::syntax::ast::{Grain, Stability};
use std::collections::BTreeMap;

/// The view name of a metric version: `metric_<name>_v<N>`.
pub(super) fn view_name(m: &Metric) -> String {
    match m.version() {
        Some(v) => format!("metric_{}_v{v}", m.item.ast.name.text),
        None => format!("metric_{}", m.item.ast.name.text),
    }
}

/// The name of the time column of a metric view: its grain (`day`, `month`, …).
pub(super) fn period(m: &Metric) -> &'static str {
    grain(m).as_str()
}

fn grain(m: &Metric) -> Grain {
    m.item
        .ast
        .time
        .as_ref()
        .and_then(|t| t.grain.as_ref())
        .map_or(Grain::Day, |g| g.value)
}

pub(super) fn metric_views(ctx: &Ctx<'_>, i: Id) -> Option<SqlFile> {
    let m = &ctx.model.metrics[i];
    let ast = &m.item.ast;
    let (Some(src), Some(measure), Some(time)) = (m.from, ast.measure.as_ref(), ast.time.as_ref()) else {
        return None;
    };
    let measure = fragment::render(&measure.text, ctx.d)?;
    let filter = match &ast.filter {
        Some(f) => Some(fragment::render(&f.text, ctx.d)?),
        None => None,
    };
    let tz = time.timezone.as_ref().map_or("UTC", |t| t.value.as_str());
    let dims: Vec<String> = ast
        .dimensions
        .as_ref()
        .map(|d| d.value.iter().map(|n| ctx.id(&n.text)).collect())
        .unwrap_or_default();
    let from = ctx.table(src);
    let src_alias = ctx.id("src");
    let col = format!("{src_alias}.{}", ctx.id(&time.column.text));
    let bucket = ctx.d.truncate(&col, grain(m), tz);
    let period = ctx.id(period(m));
    let value = ctx.id("value");
    let where_ = filter.map(|f| format!("\nWHERE {f}")).unwrap_or_default();
    let query = match &time.window {
        None => {
            let mut group = vec![bucket.clone()];
            group.extend(dims.iter().cloned());
            let mut select = vec![format!("{bucket} AS {period}")];
            select.extend(dims.iter().cloned());
            select.push(format!("{measure} AS {value}"));
            format!(
                "SELECT\n  {}\nFROM {from} AS {src_alias}{where_}\nGROUP BY {}",
                select.join(",\n  "),
                group.join(", ")
            )
        }
        Some(w) => {
            // A trailing window: each period counts the rows of the `w` days up to it.
            let spine = ctx.id("spine");
            let at = ctx.id("__truthline_period");
            let n = days(w.value).max(1);
            let lower = ctx.d.minus_days(&format!("{spine}.{at}"), n);
            let mut group = vec![format!("{spine}.{at}")];
            group.extend(dims.iter().cloned());
            let mut select = vec![format!("{spine}.{at} AS {period}")];
            select.extend(dims.iter().cloned());
            select.push(format!("{measure} AS {value}"));
            let on = format!("{bucket} <= {spine}.{at} AND {bucket} > {lower}");
            format!(
                "SELECT\n  {}\nFROM (SELECT DISTINCT {bucket} AS {at} FROM {from} AS {src_alias}) AS {spine}\nJOIN {from} AS {src_alias} ON {on}{where_}\nGROUP BY {}",
                select.join(",\n  "),
                group.join(", ")
            )
        }
    };
    let view = ctx.d.qualified(&m.item.ns, &view_name(m));
    let mut h = header(
        format!(
            "metric {}",
            super::contract(&m.item.ns, &ast.name.text, ast.version.as_ref())
        ),
        &m.item.docs,
    );
    h.push(String::new());
    if let Some(intent) = &ast.intent {
        h.push(format!("Intent: {}", intent.value));
    }
    if let Some(owner) = &ast.owner {
        h.push(format!("Owner: {}", owner.text));
    }
    if let Some(unit) = &ast.unit {
        h.push(format!("Unit: {}", unit.value));
    }
    h.push(format!(
        "Time: `{}` by {} in {tz}{}{}.",
        time.column.text,
        grain(m).as_str(),
        time.window
            .as_ref()
            .map(|w| format!(", trailing {}", w.value))
            .unwrap_or_default(),
        time.lateness
            .as_ref()
            .map(|l| format!("; a period is final {} after it ends", l.value))
            .unwrap_or_default()
    ));
    let deprecation = deprecated(ctx, i);
    if let Some(d) = &deprecation {
        h.push(format!("DEPRECATED: {d}"));
    }
    let mut statements = vec![ctx.d.create_or_replace_view(&view, &query)];
    if let Some(d) = deprecation {
        statements.extend(ctx.d.comment_on_view(&view, &format!("DEPRECATED: {d}")));
    }
    Some(SqlFile {
        path: format!("{}/{}.sql", ctx.dir(&m.item.ns, "metrics"), view_name(m)),
        header: h,
        statements,
    })
}

/// Why a metric version is deprecated, if it is: replaced, sunset, or marked so.
fn deprecated(ctx: &Ctx<'_>, i: Id) -> Option<String> {
    let m = &ctx.model.metrics[i];
    let by = ctx.model.metrics.iter().find(|x| x.replaces == Some(i));
    let sunset = ctx.model.sunsets()[i].map(|(d, _)| d);
    let marked = m
        .item
        .ast
        .stability
        .as_ref()
        .is_some_and(|s| s.value == Stability::Deprecated);
    if by.is_none() && sunset.is_none() && !marked {
        return None;
    }
    let mut s = String::from("use");
    match by {
        Some(b) => s.push_str(&format!(" {} instead", view_name(b))),
        None => s.push_str(" another metric"),
    }
    if let Some(d) = sunset {
        s.push_str(&format!("; served until {d}"));
    }
    Some(s)
}

/// `metric_<name>` over the latest version of every versioned metric.
pub(super) fn stable_views(ctx: &Ctx<'_>) -> Vec<SqlFile> {
    let mut latest: BTreeMap<(&str, &str), Id> = BTreeMap::new();
    for (i, m) in ctx.model.metrics.iter().enumerate() {
        let (Some(v), Some(_), Some(_)) = (m.version(), m.from, m.item.ast.time.as_ref()) else {
            continue;
        };
        let slot = latest
            .entry((m.item.ns.as_str(), m.item.ast.name.text.as_str()))
            .or_insert(i);
        if ctx.model.metrics[*slot].version() < Some(v) {
            *slot = i;
        }
    }
    latest
        .into_iter()
        .map(|((ns, name), i)| {
            let m = &ctx.model.metrics[i];
            let stable = ctx.d.qualified(ns, &format!("metric_{name}"));
            let versioned = ctx.d.qualified(ns, &view_name(m));
            SqlFile {
                path: format!("{}/metric_{name}.sql", ctx.dir(ns, "metrics")),
                header: vec![
                    format!("Generated by truthline: the stable name of metric {ns}.{name}, pointing to its latest version ({}).", view_name(m)),
                    "Dashboards that must not move when a new version ships pin a versioned view instead.".into(),
                ],
                statements: vec![ctx.d.create_or_replace_view(&stable, &format!("SELECT * FROM {versioned}"))],
            }
        })
        .collect()
}
