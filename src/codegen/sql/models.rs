//! Curated and mart models: deduplication by the idempotency key, SCD type 2 history
//! from change logs, late data within the lateness window, each as a full refresh and,
//! for incremental models on engines that can upsert, as an incremental step.

use super::dialect::Upsert;
use super::raw::{column, create_table};
use super::{contract, days, header, Ctx, SqlFile};
use crate::semantic::model::{Id, Node, Table};
use crate::semantic::types::Type;
use crate::syntax::ast::{Keep, Materialization};

/// How the rows of a derived table are computed from its one source table.
enum Shape {
    /// One row per dedupe key, the latest (or earliest) by a column.
    Dedupe {
        src: Id,
        on: Vec<String>,
        by: Option<String>,
        latest: bool,
    },
    /// SCD type 2 from a change log: a version per entity and change time.
    History {
        src: Id,
        entity: Vec<String>,
        change: String,
        tiebreak: Option<String>,
        /// The change-log column that marks a delete (`cdc_op`), when the source has one:
        /// a delete closes the entity's last version and is no version itself.
        deletes: Option<String>,
    },
    /// The source's rows, projected onto the table's columns.
    Select { src: Id },
    /// The contract's own `transform` query, its tables renamed for the dialect.
    Transform { query: String },
}

impl Shape {
    /// The one source table the shape reads, when it reads one.
    fn source(&self) -> Option<Id> {
        match self {
            Shape::Dedupe { src, .. } | Shape::History { src, .. } | Shape::Select { src } => Some(*src),
            Shape::Transform { .. } => None,
        }
    }
}

pub(super) fn derived_table(ctx: &Ctx<'_>, t: Id) -> Vec<SqlFile> {
    let table = &ctx.model.tables[t];
    let ast = &table.item.ast;
    let layer = if ast
        .layer
        .as_ref()
        .is_some_and(|l| l.value == crate::syntax::ast::Layer::Mart)
    {
        "marts"
    } else {
        "curated"
    };
    let dir = ctx.dir(&table.item.ns, layer);
    let kind = if layer == "marts" { "mart" } else { layer };
    let mut h = header(
        format!(
            "{kind} table {}",
            contract(&table.item.ns, &ast.name.text, ast.version.as_ref())
        ),
        &table.item.docs,
    );
    let key: Vec<String> = ast
        .key
        .as_ref()
        .map(|k| k.value.iter().map(|n| n.text.clone()).collect())
        .unwrap_or_default();
    let columns = table_columns(ctx, table, &key);
    let shape = match (transform(ctx, table), table.sources.as_slice()) {
        (Some(query), _) => Some(Shape::Transform { query }),
        (None, [Node::Table(s)]) => shape(table, *s, &ctx.model.tables[*s]),
        _ => None,
    };
    let Some(shape) = shape else {
        h.push(String::new());
        h.push("No transformation is declared (several sources, or none truthline can see), so truthline".into());
        h.push("creates the table with the contract's columns and key; the team's pipeline fills it.".into());
        let key = (!key.is_empty()).then_some(key.as_slice());
        return vec![SqlFile {
            path: format!("{dir}/{}.sql", ast.name.text),
            header: h,
            statements: vec![create_table(ctx, &ctx.table(t), &columns, key, &[])],
        }];
    };
    h.push(String::new());
    h.push(describe(ctx, &shape));
    let query = query(ctx, table, &shape, None);
    let materialized = ast.materialized.as_ref().map_or(Materialization::View, |m| m.value);
    let name = ctx.table(t);
    let mut files = Vec::new();
    if materialized == Materialization::View {
        files.push(SqlFile {
            path: format!("{dir}/{}.sql", ast.name.text),
            header: h,
            statements: vec![ctx.d.create_or_replace_view(&name, &query)],
        });
        return files;
    }
    let upsert_key = match &shape {
        Shape::Dedupe { on, .. } => on.clone(),
        _ => key.clone(),
    };
    let cols: Vec<String> = table.columns.iter().map(|c| ctx.id(&c.name)).collect();
    h.push("Full refresh: the table is emptied and rebuilt from the whole source.".into());
    files.push(SqlFile {
        path: format!("{dir}/{}.sql", ast.name.text),
        header: h.clone(),
        statements: vec![
            create_table(
                ctx,
                &name,
                &columns,
                (!upsert_key.is_empty()).then_some(upsert_key.as_slice()),
                &[],
            ),
            format!("DELETE FROM {name} WHERE {}", ctx.d.true_literal()),
            format!("INSERT INTO {name} ({})\n{query}", cols.join(", ")),
        ],
    });
    if materialized == Materialization::Incremental && ctx.d.upsert() != Upsert::None && !upsert_key.is_empty() {
        let window = lookback(ctx, t, &shape);
        let mut h2 = h;
        h2.pop();
        h2.push(match &window {
            Some((col, d)) => format!(
                "Incremental step: reprocesses the source rows whose `{col}` falls within {d} days of the latest already loaded (the lateness window), upserting on ({}).",
                upsert_key.join(", ")
            ),
            None => format!("Incremental step: reprocesses the whole source, upserting on ({}).", upsert_key.join(", ")),
        });
        let query = query_with_window(ctx, table, t, &shape, window.as_ref());
        files.push(SqlFile {
            path: format!("{dir}/{}.incremental.sql", ast.name.text),
            header: h2,
            statements: vec![upsert(ctx, &name, &cols, &upsert_key, &query)],
        });
    }
    files
}

/// The table's `transform`, with each table it reads named the dialect's way.
fn transform(ctx: &Ctx<'_>, table: &Table) -> Option<String> {
    let (sql, read) = (table.item.ast.transform.as_ref()?, table.transform.as_ref()?);
    super::fragment::render_query(&sql.text, ctx.d, &|name| {
        read.reads.iter().find(|(n, _)| n == name).map(|(_, id)| {
            let t = &ctx.model.tables[*id].item;
            (t.ns.clone(), t.ast.name.text.clone())
        })
    })
}

fn shape(table: &Table, src: Id, source: &Table) -> Option<Shape> {
    let ast = &table.item.ast;
    if let Some(hist) = &ast.history {
        let validity: Vec<&str> = [&hist.valid_from, &hist.valid_to, &hist.current]
            .iter()
            .filter_map(|n| n.as_ref().map(|n| n.text.as_str()))
            .collect();
        let entity: Vec<String> = ast
            .key
            .as_ref()?
            .value
            .iter()
            .map(|n| n.text.clone())
            .filter(|k| !validity.contains(&k.as_str()))
            .collect();
        let change = source.change_column()?;
        let tiebreak = ["cdc_lsn", "ingested_at"]
            .into_iter()
            .find(|c| source.column(c).is_some())
            .map(str::to_string);
        let deletes = source
            .column("cdc_op")
            .filter(|c| matches!(&c.ty, Type::Enum { symbols, .. } if symbols.iter().any(|s| s == "delete")))
            .map(|c| c.name.clone());
        return (!entity.is_empty()).then_some(Shape::History {
            src,
            entity,
            change,
            tiebreak,
            deletes,
        });
    }
    if let Some(d) = &ast.dedupe {
        return Some(Shape::Dedupe {
            src,
            on: d.on.iter().map(|n| n.text.clone()).collect(),
            by: d.keep.as_ref().map(|(_, by)| by.text.clone()),
            latest: d.keep.as_ref().is_none_or(|(k, _)| k.value == Keep::Latest),
        });
    }
    Some(Shape::Select { src })
}

fn describe(ctx: &Ctx<'_>, shape: &Shape) -> String {
    let source = shape
        .source()
        .map_or("", |s| ctx.model.tables[s].item.ast.name.text.as_str());
    match shape {
        Shape::Dedupe { on, by, latest, .. } => format!(
            "Built from `{source}`: one row per ({}), keeping the {} by `{}`.",
            on.join(", "),
            if *latest { "latest" } else { "earliest" },
            by.as_deref().unwrap_or(on[0].as_str())
        ),
        Shape::History { entity, change, .. } => format!(
            "Built from `{source}`: one version per ({}) and `{change}`, valid until the next change; intervals never overlap.",
            entity.join(", ")
        ),
        Shape::Select { .. } => format!("Built from `{source}`: its rows, projected onto this table's columns."),
        Shape::Transform { .. } => "Built by the contract's `transform` query.".to_string(),
    }
}

/// The column definitions of a derived table; string key columns get a bounded type
/// where the engine needs one to index them.
fn table_columns(ctx: &Ctx<'_>, table: &Table, key: &[String]) -> Vec<String> {
    table
        .columns
        .iter()
        .map(|c| {
            if key.contains(&c.name) && matches!(c.ty, Type::String { max_length: None } | Type::Enum { .. }) {
                format!("{} {} NOT NULL", ctx.id(&c.name), ctx.d.key_string_type())
            } else {
                column(ctx, c, false)
            }
        })
        .collect()
}

fn query(ctx: &Ctx<'_>, table: &Table, shape: &Shape, filter: Option<String>) -> String {
    let source = shape.source().map(|s| &ctx.model.tables[s]);
    let from = shape.source().map(|s| ctx.table(s)).unwrap_or_default();
    let where_ = filter.map(|f| format!("\n  WHERE {f}")).unwrap_or_default();
    let project = |validity: &dyn Fn(&str) -> Option<String>| -> String {
        table
            .columns
            .iter()
            .map(|c| {
                if let Some(expr) = validity(&c.name) {
                    format!("{expr} AS {}", ctx.id(&c.name))
                } else if source.is_none_or(|s| s.column(&c.name).is_some()) {
                    ctx.id(&c.name)
                } else {
                    format!("{} AS {}", ctx.d.null_of(&c.ty), ctx.id(&c.name))
                }
            })
            .collect::<Vec<_>>()
            .join(",\n  ")
    };
    let ids = |v: &[String]| v.iter().map(|c| ctx.id(c)).collect::<Vec<_>>().join(", ");
    match shape {
        // Columns by name, in the contract's order, whatever order the query uses.
        Shape::Transform { query } => format!(
            "SELECT\n  {}\nFROM (\n{query}\n) AS {}",
            project(&|_| None),
            ctx.id("transformed")
        ),
        Shape::Select { .. } => format!(
            "SELECT\n  {}\nFROM {from} AS {}{}",
            project(&|_| None),
            ctx.id("src"),
            where_.replace("\n  WHERE", "\nWHERE")
        ),
        Shape::Dedupe { on, by, latest, .. } => {
            let by = ctx.id(by.as_deref().unwrap_or(on[0].as_str()));
            let dir = if *latest { "DESC" } else { "ASC" };
            format!(
                "SELECT\n  {}\nFROM (\n  SELECT {src_alias}.*, ROW_NUMBER() OVER (PARTITION BY {} ORDER BY {by} {dir}) AS {rn}\n  FROM {from} AS {src_alias}{where_}\n) AS {d}\nWHERE {rn} = 1",
                project(&|_| None),
                ids(on),
                src_alias = ctx.id("src"),
                rn = ctx.id("__truthline_row"),
                d = ctx.id("deduped"),
            )
        }
        Shape::History {
            entity,
            change,
            tiebreak,
            deletes,
            ..
        } => {
            let hist = table.item.ast.history.as_ref();
            let name_of =
                |n: Option<&crate::syntax::ast::Name>, default: &str| n.map_or(default.to_string(), |n| n.text.clone());
            let (vf, vt, cur) = (
                name_of(hist.and_then(|h| h.valid_from.as_ref()), "valid_from"),
                name_of(hist.and_then(|h| h.valid_to.as_ref()), "valid_to"),
                name_of(hist.and_then(|h| h.current.as_ref()), "is_current"),
            );
            let change_id = ctx.id(change);
            let window = format!("OVER (PARTITION BY {} ORDER BY {change_id})", ids(entity));
            let next = format!("LEAD({change_id}) {window}");
            let order = tiebreak
                .as_ref()
                .map_or(String::new(), |t| format!(", {} DESC", ctx.id(t)));
            let mut part = entity.clone();
            part.push(change.clone());
            let op_col = ctx.id("__truthline_op");
            let op = deletes
                .as_ref()
                .map(|op| format!(",\n  {} AS {op_col}", ctx.id(op)))
                .unwrap_or_default();
            let versions = format!(
                "SELECT\n  {}{op}\nFROM (\n  SELECT {src_alias}.*, ROW_NUMBER() OVER (PARTITION BY {} ORDER BY {change_id} DESC{order}) AS {rn}\n  FROM {from} AS {src_alias}{where_}\n) AS {c}\nWHERE {rn} = 1",
                project(&|name| {
                    if name == vf {
                        Some(change_id.clone())
                    } else if name == vt {
                        Some(next.clone())
                    } else if name == cur {
                        Some(format!("CASE WHEN {next} IS NULL THEN TRUE ELSE FALSE END"))
                    } else {
                        None
                    }
                }),
                ids(&part),
                src_alias = ctx.id("src"),
                rn = ctx.id("__truthline_row"),
                c = ctx.id("changes"),
            );
            if deletes.is_none() {
                return versions;
            }
            // Deletes take part in the window (they end the version before them), then go.
            let cols: Vec<String> = table.columns.iter().map(|c| ctx.id(&c.name)).collect();
            format!(
                "SELECT\n  {}\nFROM (\n{versions}\n) AS {}\nWHERE COALESCE({op_col}, '') <> 'delete'",
                cols.join(",\n  "),
                ctx.id("versions")
            )
        }
    }
}

/// The column and the number of days an incremental step looks back.
fn lookback(ctx: &Ctx<'_>, t: Id, shape: &Shape) -> Option<(String, u64)> {
    let table = &ctx.model.tables[t];
    let src = shape.source()?;
    let col = match shape {
        Shape::History { change, .. } => change.clone(),
        _ => table.item.ast.partition.as_ref().map(|p| p.column.text.clone())?,
    };
    ctx.model.tables[src].column(&col)?;
    let lateness = table.item.ast.lateness.as_ref().map(|l| l.value)?;
    Some((col, days(lateness)))
}

fn query_with_window(ctx: &Ctx<'_>, table: &Table, t: Id, shape: &Shape, window: Option<&(String, u64)>) -> String {
    let (Some((col, n)), Some(src)) = (window, shape.source()) else {
        return query(ctx, table, shape, None);
    };
    let target = ctx.table(t);
    let (col_id, src_alias) = (ctx.id(col), ctx.id("src"));
    let target_col = match shape {
        Shape::History { .. } => table
            .item
            .ast
            .history
            .as_ref()
            .and_then(|h| h.valid_from.as_ref())
            .map_or("valid_from".to_string(), |n| n.text.clone()),
        _ => col.clone(),
    };
    let latest = format!("(SELECT MAX({}) FROM {target})", ctx.id(&target_col));
    let recent = format!("{src_alias}.{col_id} >= {}", ctx.d.minus_days_ts(&latest, *n));
    let filter = match shape {
        // A new change closes the entity's previous version, so every version of an
        // entity that changed within the window is recomputed.
        Shape::History { entity, .. } => {
            let ids: Vec<String> = entity.iter().map(|e| ctx.id(e)).collect();
            let recent_alias = ctx.id("recent");
            let inner_ids: Vec<String> = ids
                .iter()
                .map(|e| format!("{recent_alias}.{e} = {src_alias}.{e}"))
                .collect();
            format!(
                "{latest} IS NULL OR EXISTS (SELECT 1 FROM {} AS {recent_alias} WHERE {} AND {recent_alias}.{col_id} >= {})",
                ctx.table(src),
                inner_ids.join(" AND "),
                ctx.d.minus_days_ts(&latest, *n),
            )
        }
        _ => format!("{latest} IS NULL OR {recent}"),
    };
    query(ctx, table, shape, Some(filter))
}

fn upsert(ctx: &Ctx<'_>, target: &str, cols: &[String], key: &[String], query: &str) -> String {
    let key_ids: Vec<String> = key.iter().map(|k| ctx.id(k)).collect();
    let rest: Vec<&String> = cols.iter().filter(|c| !key_ids.contains(c)).collect();
    let (t, s) = (ctx.id("t"), ctx.id("s"));
    match ctx.d.upsert() {
        Upsert::OnDuplicateKey => {
            let updates: Vec<String> = rest.iter().map(|c| format!("{c} = VALUES({c})")).collect();
            format!(
                "INSERT INTO {target} ({})\nSELECT {} FROM (\n{query}\n) AS {s}\nON DUPLICATE KEY UPDATE {}",
                cols.join(", "),
                cols.join(", "),
                if updates.is_empty() {
                    format!("{0} = VALUES({0})", cols[0])
                } else {
                    updates.join(", ")
                }
            )
        }
        Upsert::InsertOrReplace => format!("INSERT OR REPLACE INTO {target} ({})\n{query}", cols.join(", ")),
        Upsert::Merge | Upsert::None => {
            let on: Vec<String> = key_ids.iter().map(|k| format!("{t}.{k} = {s}.{k}")).collect();
            let mut m = format!(
                "MERGE INTO {target} AS {t}\nUSING (\n{query}\n) AS {s}\nON {}",
                on.join(" AND ")
            );
            if !rest.is_empty() {
                let sets: Vec<String> = rest.iter().map(|c| format!("{c} = {s}.{c}")).collect();
                m.push_str(&format!("\nWHEN MATCHED THEN UPDATE SET {}", sets.join(", ")));
            }
            let vals: Vec<String> = cols.iter().map(|c| format!("{s}.{c}")).collect();
            m.push_str(&format!(
                "\nWHEN NOT MATCHED THEN INSERT ({}) VALUES ({})",
                cols.join(", "),
                vals.join(", ")
            ));
            m
        }
    }
}
