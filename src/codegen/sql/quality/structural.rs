//! Tests no `expect` block has to ask for: what a table's own contract promises.

use super::expectations::key_columns;
use super::Builder;
use crate::codegen::sql::metric::view_name;
use crate::diagnostics::Severity;
use crate::semantic::model::Id;
use crate::semantic::types::Type;

/// The table has every column of its contract, with a type of the same family, as the
/// engine's catalog reports it. Each family lists the spellings of every engine, so an
/// engine's own name for a type (`int8`, `Int64`, `bigint(20)`) is never a failure.
pub(super) fn schema(b: &mut Builder<'_, '_>, t: Id) {
    let ctx = b.ctx;
    let table = &ctx.model.tables[t];
    if !table.columns_known || table.columns.is_empty() {
        return;
    }
    let d = ctx.d;
    let (name, ty) = (ctx.id("column_name"), ctx.id("expected"));
    let expected: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            format!(
                "SELECT {} AS {name}, {} AS {ty}",
                d.string(&c.name),
                d.string(family(&c.ty))
            )
        })
        .collect();
    let (e, c) = (ctx.id("e"), ctx.id("c"));
    let catalog = |col: &str| format!("LOWER({c}.{})", ctx.id(col));
    let matches: Vec<String> = FAMILIES
        .iter()
        .map(|(fam, patterns)| {
            let like: Vec<String> = patterns
                .iter()
                .map(|p| format!("{} LIKE {}", catalog("data_type"), d.string(p)))
                .collect();
            format!("({e}.{ty} = {} AND ({}))", d.string(fam), like.join(" OR "))
        })
        .collect();
    let query = format!(
        "SELECT {e}.{name}, {e}.{ty}, {c}.{dt}\nFROM (\n  {}\n) AS {e}\nLEFT JOIN information_schema.columns AS {c}\n  ON {} = {} AND {} = {} AND {} = {e}.{name}\nWHERE {c}.{cn} IS NULL OR NOT ({})",
        expected.join("\n  UNION ALL "),
        catalog("table_schema"),
        d.string(&table.item.ns.to_lowercase()),
        catalog("table_name"),
        d.string(&table.item.ast.name.text.to_lowercase()),
        catalog("column_name"),
        matches.join(" OR "),
        dt = ctx.id("data_type"),
        cn = ctx.id("column_name"),
    );
    b.push(
        t,
        "schema",
        String::new(),
        Severity::Error,
        "the table has every column of its contract, each with a compatible type".into(),
        Ok(query),
        table.item.ast.name.span,
    );
}

/// Type families and how each engine spells them in its catalog (lower case, as LIKE
/// patterns). MySQL reports BOOLEAN as `tinyint`; DataFusion spells Arrow types.
const FAMILIES: &[(&str, &[&str])] = &[
    ("string", &["%char%", "%text%", "%utf8%", "string", "uuid", "%enum%"]),
    ("integer", &["%int%", "%serial%"]),
    ("decimal", &["%numeric%", "%decimal%", "%int%"]),
    ("float", &["%real%", "%float%", "%double%"]),
    ("boolean", &["%bool%", "tinyint%"]),
    ("timestamp", &["%timestamp%", "datetime%"]),
    ("date", &["date", "date32", "date64"]),
    ("time", &["time%"]),
    ("binary", &["%binary%", "%blob%", "bytea", "bytes"]),
    ("json", &["%json%", "%text%", "%char%", "%utf8%", "variant", "string"]),
];

fn family(ty: &Type) -> &'static str {
    match ty {
        Type::Bool => "boolean",
        Type::Int | Type::Long | Type::Duration => "integer",
        Type::Decimal { .. } => "decimal",
        Type::Float | Type::Double => "float",
        Type::String { .. } | Type::Enum { .. } | Type::Uuid => "string",
        Type::Bytes { .. } | Type::Fixed { .. } => "binary",
        Type::Date => "date",
        Type::Time { .. } => "time",
        Type::Timestamp { .. } => "timestamp",
        // What is left is composite (`Type::is_composite`) or unknown.
        _ => "json",
    }
}

/// A deduplicated table holds one row per dedupe key.
pub(super) fn dedupe(b: &mut Builder<'_, '_>, t: Id) {
    let ctx = b.ctx;
    let table = &ctx.model.tables[t];
    let Some(d) = &table.item.ast.dedupe else { return };
    let cols: Vec<String> = d.on.iter().map(|n| ctx.id(&n.text)).collect();
    let words: Vec<&str> = d.on.iter().map(|n| n.text.as_str()).collect();
    b.push(
        t,
        "dedupe",
        format!("({})", words.join(", ")),
        Severity::Error,
        format!("deduplication left one row per ({})", words.join(", ")),
        Ok(format!(
            "SELECT {cols}, COUNT(*) AS {rows}\nFROM {name}\nGROUP BY {cols}\nHAVING COUNT(*) > 1",
            cols = cols.join(", "),
            rows = ctx.id("rows"),
            name = ctx.table(t)
        )),
        d.span,
    );
}

/// SCD type 2 history: one current version per entity, and no overlapping versions.
pub(super) fn history(b: &mut Builder<'_, '_>, t: Id) {
    let ctx = b.ctx;
    let table = &ctx.model.tables[t];
    let Some(h) = &table.item.ast.history else { return };
    let named = |n: &Option<crate::syntax::ast::Name>, default: &str| {
        n.as_ref().map_or(default.to_string(), |n| n.text.clone())
    };
    let (vf, vt, cur) = (
        named(&h.valid_from, "valid_from"),
        named(&h.valid_to, "valid_to"),
        named(&h.current, "is_current"),
    );
    let entity: Vec<String> = key_columns(table)
        .into_iter()
        .filter(|k| *k != vf && *k != vt && *k != cur)
        .collect();
    if entity.is_empty() {
        return;
    }
    let name = ctx.table(t);
    let ids: Vec<String> = entity.iter().map(|c| ctx.id(c)).collect();
    b.push(
        t,
        "scd2_current",
        String::new(),
        Severity::Error,
        format!("each ({}) has at most one current version", entity.join(", ")),
        Ok(format!(
            "SELECT {cols}, COUNT(*) AS {rows}\nFROM {name}\nWHERE {cur}\nGROUP BY {cols}\nHAVING COUNT(*) > 1",
            cols = ids.join(", "),
            rows = ctx.id("rows"),
            cur = ctx.id(&cur)
        )),
        h.span,
    );
    let (a, z) = (ctx.id("a"), ctx.id("b"));
    let same: Vec<String> = ids.iter().map(|c| format!("{a}.{c} = {z}.{c}")).collect();
    let (vf, vt) = (ctx.id(&vf), ctx.id(&vt));
    let shown: Vec<String> = ids.iter().map(|c| format!("{a}.{c}")).collect();
    b.push(
        t,
        "scd2_overlap",
        String::new(),
        Severity::Error,
        format!("the versions of each ({}) never overlap", entity.join(", ")),
        Ok(format!(
            "SELECT {shown}, {a}.{vf}, {z}.{vf} AS {next}\nFROM {name} AS {a}\nJOIN {name} AS {z} ON {same} AND {a}.{vf} < {z}.{vf}\nWHERE {a}.{vt} IS NULL OR {a}.{vt} > {z}.{vf}",
            shown = shown.join(", "),
            same = same.join(" AND "),
            next = ctx.id("overlapping_from")
        )),
        h.span,
    );
}

/// Every metric version with `reconcile with` agrees with the ledger, day by day.
pub(super) fn reconciliations(b: &mut Builder<'_, '_>) {
    let ctx = b.ctx;
    for m in &ctx.model.metrics {
        let Some(rec) = &m.item.ast.reconcile else { continue };
        if m.from.is_none() || m.item.ast.time.is_none() {
            continue;
        }
        let view = format!("reconcile_{}", view_name(m).trim_start_matches("metric_"));
        let subject = (m.item.ns.clone(), view_name(m));
        b.push_for(
            subject,
            "reconcile",
            String::new(),
            Severity::Error,
            format!(
                "the metric agrees with `{}` within {}% on every day",
                rec.target.text, rec.tolerance.value
            ),
            Ok(format!(
                "SELECT *\nFROM {}\nWHERE NOT {}",
                ctx.d.qualified(&m.item.ns, &view),
                ctx.id("within_tolerance")
            )),
            rec.span,
        );
    }
}
