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
        let Some(location) = data_file(data, name) else {
            notes.push(format!(
                "no data for `{name}` (looked for {name}.csv or {name}/ in {}): the table is empty",
                data.display()
            ));
            continue;
        };
        let columns: Vec<String> = t
            .columns
            .iter()
            .map(|c| format!("{} {}", d.ident(&c.name), d.type_name(&c.ty)))
            .collect();
        let sql = format!(
            "CREATE EXTERNAL TABLE {} ({}) STORED AS CSV LOCATION {} OPTIONS ('format.has_header' 'true')",
            d.qualified(&t.item.ns, name),
            columns.join(", "),
            d.string(&location.display().to_string())
        );
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

/// `DIR/<table>.csv`, or a folder `DIR/<table>/` of CSV files.
fn data_file(dir: &Path, table: &str) -> Option<PathBuf> {
    let file = dir.join(format!("{table}.csv"));
    if file.is_file() {
        return Some(file);
    }
    let folder = dir.join(table);
    folder.is_dir().then_some(folder)
}
