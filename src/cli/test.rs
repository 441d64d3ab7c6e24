//! `truthline test [PATH] [--engine embedded|postgres|mysql]`: on the embedded engine,
//! build the models over the project's data files; on a database, use the tables already
//! there. Then run every quality test, read-only, and report like a test runner.

use super::output::print;
#[cfg(feature = "embedded")]
use super::test_engines::EmbeddedEngine;
use super::test_engines::{self, Engine, EngineName};
use super::test_report::{self, Outcome, Status, TestFormat};
use super::{project, Exit};
use miette::{miette, Result};
use std::path::Path;
use std::time::Duration;
use truthline::diagnostics::{render, Severity};
#[cfg(feature = "embedded")]
use truthline::engine::Embedded;

pub struct Args<'a> {
    pub path: &'a Path,
    pub engine: EngineName,
    pub data: Option<&'a Path>,
    pub db: Option<&'a str>,
    pub format: TestFormat,
    pub timeout: u64,
}

pub fn run(a: &Args<'_>, color: bool) -> Result<Exit> {
    let loaded = project::load(a.path)?;
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
    let timeout = Duration::from_secs(a.timeout.max(1));
    let (mut engine, notes) = open(a, &model, timeout)?;
    let mut outcomes = Vec::new();
    for test in truthline::codegen::sql::quality_tests(&model, a.engine.dialect()) {
        let (status, result, message) = match &test.query {
            None => (
                Status::Error,
                Default::default(),
                test.reason.clone().unwrap_or_default(),
            ),
            Some(q) => match engine.query(q) {
                Ok(rows) if rows.rows.is_empty() => (Status::Pass, rows, String::new()),
                Ok(mut rows) => {
                    // Engines return rows in any order; a report is the same every run.
                    rows.rows.sort();
                    (Status::Fail, rows, String::new())
                }
                Err(e) if engine.lost() => {
                    return Err(miette!(
                        help = "check that the server is up and reachable, then run the tests again",
                        "lost the connection to {} while running `{}`: {e}",
                        engine.describe(),
                        test.id
                    ))
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
    print(&test_report::render(a.format, &outcomes, &notes, &engine.describe()));
    Ok(if failed { Exit::Findings } else { Exit::Ok })
}

/// The engine the tests run on, and notes about it (tables without data).
fn open(a: &Args<'_>, model: &truthline::semantic::Model, timeout: Duration) -> Result<(Box<dyn Engine>, Vec<String>)> {
    Ok(match a.engine {
        #[cfg(feature = "embedded")]
        EngineName::Embedded => {
            let root = if a.path.is_dir() {
                a.path
            } else {
                a.path.parent().unwrap_or(Path::new("."))
            };
            let data = a.data.map_or_else(|| root.join("data"), Path::to_path_buf);
            if !data.is_dir() {
                return Err(miette!(
                    help = "put one CSV file per table there (`raw_order_paid.csv`), or pass `--data DIR`",
                    "no data folder at `{}`",
                    data.display()
                ));
            }
            let engine = Embedded::new().map_err(|e| miette!("{e}"))?;
            let notes = super::test_data::deploy(&engine, model, &data)?;
            (Box::new(EmbeddedEngine { engine, timeout }), notes)
        }
        #[cfg(feature = "databases")]
        EngineName::Postgres => (
            Box::new(test_engines::Postgres::connect(db_url(a.db)?, timeout).map_err(|e| miette!("{e}"))?),
            Vec::new(),
        ),
        #[cfg(feature = "databases")]
        EngineName::Mysql => (
            Box::new(test_engines::Mysql::connect(db_url(a.db)?, timeout).map_err(|e| miette!("{e}"))?),
            Vec::new(),
        ),
    })
}

#[cfg(feature = "databases")]
fn db_url(db: Option<&str>) -> Result<&str> {
    db.ok_or_else(|| {
        miette!(
            help = "pass `--db URL` or set TRUTHLINE_DB",
            "no database to connect to"
        )
    })
}
