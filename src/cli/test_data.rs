//! The embedded engine's tables: the project's data files as raw tables, and every model
//! built on top of them.

use miette::{miette, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use truthline::codegen::sql::dialect::DialectName;
use truthline::engine::Embedded;
use truthline::syntax::ast::Layer;

/// Loads every raw table that has a data file as an external table, creates the others
/// empty, and builds every model on top. Returns notes about tables without data.
pub fn deploy(engine: &Embedded, model: &truthline::semantic::Model, data: &Path) -> Result<Vec<String>> {
    let files: BTreeMap<String, String> = truthline::codegen::sql::generate(model, &[DialectName::Datafusion])
        .map_err(|e| miette!("{e}"))?
        .into_iter()
        .map(|f| (f.path.trim_start_matches("sql/datafusion/").to_string(), f.contents))
        .collect();
    let d = DialectName::Datafusion.dialect();
    let mut external = Vec::new();
    let mut notes = Vec::new();
    let order = files.get("deploy_order.txt").cloned().unwrap_or_default();
    let order: Vec<&str> = order.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
    let run = |f: &str| -> Result<()> {
        let sql = files.get(f).ok_or_else(|| miette!("generated file `{f}` is missing"))?;
        engine
            .execute(sql)
            .map(|_| ())
            .map_err(|e| miette!("cannot build `{f}` in the embedded engine: {e}"))
    };
    if let Some(first) = order.first() {
        run(first)?;
    }
    for t in model.tables.iter().filter(|t| t.layer() == Some(Layer::Raw)) {
        let name = &t.item.ast.name.text;
        let Some((location, format)) = data_file(data, name) else {
            notes.push(format!(
                "no data for `{name}` (looked for {name}.csv, {name}.parquet or {name}/ in {}): the table is empty",
                data.display()
            ));
            continue;
        };
        let columns: Vec<String> = t
            .columns
            .iter()
            .map(|c| format!("{} {}", d.ident(&c.name), d.type_name(&c.ty)))
            .collect();
        let (table, at) = (d.qualified(&t.item.ns, name), d.string(&location.display().to_string()));
        let sql = match format {
            Format::Csv => format!(
                "CREATE EXTERNAL TABLE {table} ({}) STORED AS CSV LOCATION {at} OPTIONS ('format.has_header' 'true')",
                columns.join(", ")
            ),
            // Parquet carries its own schema; the schema test compares it with the contract.
            Format::Parquet => format!("CREATE EXTERNAL TABLE {table} STORED AS PARQUET LOCATION {at}"),
        };
        engine
            .execute(&sql)
            .map_err(|e| miette!("cannot read `{}`: {e}", location.display()))?;
        external.push(format!("{}/raw/{name}.sql", t.item.ns));
    }
    for f in order.iter().skip(1).filter(|f| !external.iter().any(|e| e == *f)) {
        run(f)?;
    }
    Ok(notes)
}

enum Format {
    Csv,
    Parquet,
}

/// `DIR/<table>.csv` or `.parquet`, or a folder `DIR/<table>/` of such files.
fn data_file(dir: &Path, table: &str) -> Option<(PathBuf, Format)> {
    for (ext, format) in [("csv", Format::Csv), ("parquet", Format::Parquet)] {
        let file = dir.join(format!("{table}.{ext}"));
        if file.is_file() {
            return Some((file, format));
        }
    }
    let folder = dir.join(table);
    if !folder.is_dir() {
        return None;
    }
    let parquet = std::fs::read_dir(&folder)
        .ok()?
        .filter_map(|e| e.ok())
        .any(|e| e.path().extension().is_some_and(|x| x == "parquet"));
    Some((folder, if parquet { Format::Parquet } else { Format::Csv }))
}
