//! `truthline test [PATH] --engine embedded [--data DIR]`: build the models in the
//! embedded engine over the project's data files, then run every quality test,
//! read-only, and report like a test runner.

use super::output::print;
use super::test_report::{self, Outcome, Status, TestFormat};
use super::{project, Exit};
use miette::{miette, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;
use truthline::codegen::sql::dialect::DialectName;
use truthline::diagnostics::{render, Severity};
use truthline::engine::Embedded;
use truthline::syntax::ast::Layer;

pub fn run(path: &Path, data: Option<&Path>, format: TestFormat, timeout: u64, color: bool) -> Result<Exit> {
    let loaded = project::load(path)?;
    let root = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let data = data.map_or_else(|| root.join("data"), Path::to_path_buf);
    if !data.is_dir() {
        return Err(miette!(
            help = "put one CSV file per table there (`raw_order_paid.csv`), or pass `--data DIR`",
            "no data folder at `{}`",
            data.display()
        ));
    }
    let mut diags = loaded.diagnostics;
    let checked = truthline::check(&loaded.sources, &loaded.options);
    diags.extend(checked.diagnostics);
    if diags.iter().any(|d| d.severity >= Severity::Error) {
        truthline::diagnostics::sort(&mut diags);
        let mut text = render::human(&loaded.sources, &diags, color);
        text.push_str("no test was run: fix the errors above first\n");
        print(&text);
        return Ok(Exit::Findings);
    }
    let model = checked.model;
    let engine = Embedded::new().map_err(|e| miette!("{e}"))?;
    let notes = deploy(&engine, &model, &data)?;
    let timeout = Duration::from_secs(timeout.max(1));
    let mut outcomes = Vec::new();
    for test in truthline::codegen::sql::quality_tests(&model, DialectName::Datafusion) {
        let (status, result, message) = match &test.query {
            None => (
                Status::Error,
                Default::default(),
                test.reason.clone().unwrap_or_default(),
            ),
            Some(q) => match engine.query_read_only(q, timeout) {
                Ok(rows) if rows.rows.is_empty() => (Status::Pass, rows, String::new()),
                Ok(mut rows) => {
                    // Engines return rows in any order; a report is the same every run.
                    rows.rows.sort();
                    (Status::Fail, rows, String::new())
                }
                Err(e) => (Status::Error, Default::default(), e),
            },
        };
        outcomes.push(Outcome {
            test,
            status,
            result,
            message,
        });
    }
    let failed = outcomes
        .iter()
        .any(|o| o.status != Status::Pass && o.test.severity >= Severity::Error);
    print(&test_report::render(format, &outcomes, &notes, "datafusion (embedded)"));
    Ok(if failed { Exit::Findings } else { Exit::Ok })
}

/// Loads every raw table that has a data file as an external table, creates the others
/// empty, and builds every model on top. Returns notes about tables without data.
fn deploy(engine: &Embedded, model: &truthline::semantic::Model, data: &Path) -> Result<Vec<String>> {
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
