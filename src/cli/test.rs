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
    /// The time freshness is judged at (`YYYY-MM-DD HH:MM:SS`, UTC), or the clock.
    pub now: Option<&'a str>,
}

/// Reads `--now`: `2026-11-12T06:00:00Z`, `2026-11-12 06:00`, `2026-11-12` (midnight), in
/// UTC; gives `2026-11-12 06:00:00`.
pub fn parse_now(s: &str) -> std::result::Result<String, String> {
    let bad = || format!("`{s}` is not a UTC time: write `2026-11-12T06:00:00Z`, `2026-11-12 06:00` or `2026-11-12`");
    let t = s.trim().strip_suffix('Z').unwrap_or(s.trim());
    let (date, time) = match t.split_once(['T', ' ']) {
        Some((d, t)) => (d, t),
        None => (t, "00:00:00"),
    };
    let num = |x: &str, len: usize, max: u32| -> Option<u32> {
        (x.len() == len && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse().ok())
            .flatten()
            .filter(|v| *v <= max)
    };
    let d: Vec<&str> = date.split('-').collect();
    let h: Vec<&str> = time.split(':').collect();
    let (Some(y), Some(m), Some(day)) = (
        d.first().and_then(|x| num(x, 4, 9999)),
        d.get(1).and_then(|x| num(x, 2, 12)),
        d.get(2).and_then(|x| num(x, 2, 31)),
    ) else {
        return Err(bad());
    };
    let seconds = if h.len() == 3 {
        h.get(2).and_then(|x| num(x, 2, 59))
    } else {
        Some(0)
    };
    let (Some(hh), Some(mm), Some(ss)) = (
        h.first().and_then(|x| num(x, 2, 23)),
        h.get(1).and_then(|x| num(x, 2, 59)),
        seconds,
    ) else {
        return Err(bad());
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if d.len() != 3 || !(2..=3).contains(&h.len()) || m == 0 || day == 0 || day > days {
        return Err(bad());
    }
    Ok(format!("{y:04}-{m:02}-{day:02} {hh:02}:{mm:02}:{ss:02}"))
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
    for test in truthline::codegen::sql::quality_tests_at(&model, a.engine.dialect(), a.now) {
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
                // The example names one of the project's own raw tables.
                let example = model
                    .tables
                    .iter()
                    .find(|t| t.layer() == Some(truthline::syntax::ast::Layer::Raw))
                    .map_or_else(
                        || "one CSV file per raw table there, named after the table".to_string(),
                        |t| format!("one CSV file per raw table there (`{}.csv`)", t.item.ast.name.text),
                    );
                return Err(miette!(
                    help = format!("put {example}, or pass `--data DIR`"),
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

#[cfg(test)]
mod tests {
    use super::parse_now;

    #[test]
    fn now_is_a_utc_time_or_a_date() {
        assert_eq!(parse_now("2026-11-12T06:00:00Z"), Ok("2026-11-12 06:00:00".to_string()));
        assert_eq!(parse_now("2026-11-12 06:30"), Ok("2026-11-12 06:30:00".to_string()));
        assert_eq!(parse_now("2024-02-29"), Ok("2024-02-29 00:00:00".to_string()));
        for bad in [
            "2026-02-29",
            "2026-11-31",
            "2026-13-01",
            "2026-11-12T24:00",
            "26-11-12",
            "2026-11-12+01:00",
            "now",
            "",
        ] {
            assert!(parse_now(bad).is_err(), "{bad}");
        }
    }
}
