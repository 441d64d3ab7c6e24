//! Raw landing: one append-only table per raw contract, with the event's (or source's)
//! columns and the metadata columns, partitioned by day where the engine can.

use super::{contract, days, header, Ctx, SqlFile};
use crate::semantic::model::{Column, Id};

pub(super) fn raw_table(ctx: &Ctx<'_>, t: Id) -> SqlFile {
    let table = &ctx.model.tables[t];
    let ast = &table.item.ast;
    let mut h = header(
        format!(
            "raw table {}",
            contract(&table.item.ns, &ast.name.text, ast.version.as_ref())
        ),
        &table.item.docs,
    );
    h.push(String::new());
    h.push("Append-only landing: rows are inserted as delivered and never updated or deleted.".into());
    h.push("Columns are nullable here on purpose: raw keeps what arrived, the quality tests judge it.".into());
    if let Some(r) = &ast.retention {
        h.push(format!(
            "Retention: {} ({} days); older partitions are dropped by the retention job.",
            r.value,
            days(r.value)
        ));
    }
    let mut options = Vec::new();
    if let Some(p) = &ast.partition {
        let col = ctx.id(&p.column.text);
        match (
            p.transform.as_ref().map(|t| t.text.as_str()),
            ctx.d.partition_by_day(&col),
        ) {
            (Some("day"), Some(clause)) => options.push(clause),
            (Some(f), _) => h.push(format!("Partitioned by {f}({}).", p.column.text)),
            (None, _) => h.push(format!("Partitioned by {}.", p.column.text)),
        }
    }
    let columns: Vec<String> = table.columns.iter().map(|c| column(ctx, c, true)).collect();
    SqlFile {
        path: format!("{}/{}.sql", ctx.dir(&table.item.ns, "raw"), ast.name.text),
        header: h,
        statements: vec![create_table(ctx, &ctx.table(t), &columns, None, &options)],
    }
}

/// `"name" TYPE [NOT NULL]`.
pub(super) fn column(ctx: &Ctx<'_>, c: &Column, all_nullable: bool) -> String {
    let null = if all_nullable || c.nullable { "" } else { " NOT NULL" };
    format!("{} {}{null}", ctx.id(&c.name), ctx.d.type_name(&c.ty))
}

pub(super) fn create_table(
    ctx: &Ctx<'_>,
    name: &str,
    columns: &[String],
    key: Option<&[String]>,
    options: &[String],
) -> String {
    let mut body: Vec<String> = columns.iter().map(|c| format!("  {c}")).collect();
    if let (Some(key), true) = (key, ctx.d.primary_keys()) {
        let cols: Vec<String> = key.iter().map(|k| ctx.id(k)).collect();
        body.push(format!("  PRIMARY KEY ({})", cols.join(", ")));
    }
    let mut s = format!("CREATE TABLE IF NOT EXISTS {name} (\n{}\n)", body.join(",\n"));
    if let Some(o) = ctx.d.table_options() {
        s.push('\n');
        s.push_str(&o);
    }
    for o in options {
        s.push('\n');
        s.push_str(o);
    }
    s
}
