//! Argument parsing and the commands. Exit codes everywhere: 0 success, 1 findings at or
//! above the failing level, 2 the command could not run.

mod baseline;
mod breaking;
mod build;
mod check;
mod docs;
mod explain;
mod export;
mod fmt;
mod history;
mod import;
mod init;
mod lineage;
mod new_files;
mod output;
mod project;
#[cfg(any(feature = "embedded", feature = "databases"))]
mod test;
#[cfg(feature = "embedded")]
mod test_data;
#[cfg(any(feature = "embedded", feature = "databases"))]
mod test_engines;
#[cfg(any(feature = "embedded", feature = "databases"))]
mod test_report;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// The exit codes of DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Findings = 1,
    Failure = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

#[derive(Parser)]
#[command(
    name = "truthline",
    version,
    about = "Data contracts: where truth lives, how it moves, what each metric means."
)]
struct Cli {
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

#[derive(Subcommand)]
enum Command {
    /// Parse, resolve and lint the contracts.
    Check {
        /// A project folder or a single `.truth` file.
        #[arg(default_value = ".")]
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The lowest severity that makes the exit code 1.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
    },
    /// Rewrite contracts in the canonical format.
    Fmt {
        /// A project folder or a single `.truth` file.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Change nothing; exit 1 when a file is not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Compare with a baseline and fail on breaking changes (the CI gate).
    Breaking {
        #[arg(default_value = ".")]
        path: PathBuf,
        /// A folder, or `git:REV` (a branch, tag or commit of the project's repository).
        #[arg(long)]
        against: String,
        /// Override every element's compatibility mode.
        #[arg(long, value_enum)]
        mode: Option<breaking::Mode>,
        #[arg(long, value_enum, default_value_t = breaking::BreakingFormat::Human)]
        format: breaking::BreakingFormat,
        /// The lowest severity that makes the exit code 1.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// With `--against git:REV`: under a transitive mode, also compare each event with
        /// every earlier definition in REV's history (all registered versions).
        #[arg(long)]
        history: bool,
    },
    /// Every change since a baseline, breaking or not, as Markdown or JSON.
    Changelog {
        #[arg(default_value = ".")]
        path: PathBuf,
        /// A folder, or `git:REV`.
        #[arg(long)]
        against: String,
        #[arg(long, value_enum, default_value_t = breaking::ChangelogFormat::Markdown)]
        format: breaking::ChangelogFormat,
    },
    /// Check, then compile the contracts into SQL models per dialect and the docs site (atomically replaces the output folder).
    Build {
        #[arg(default_value = ".")]
        path: PathBuf,
        /// The output folder (default: `out` of truthline.yaml, else `.truthline/build` in the project).
        #[arg(long)]
        out: Option<PathBuf>,
        /// A SQL dialect to generate; repeat for several (default: `dialects` of truthline.yaml, else all):
        /// postgres, mysql, duckdb, snowflake, bigquery, spark, datafusion.
        #[arg(long = "dialect")]
        dialects: Vec<String>,
    },
    /// Check, then render the docs site: truth map, a page per object, lineage graphs,
    /// search (atomically replaces the output folder).
    Docs {
        #[arg(default_value = ".")]
        path: PathBuf,
        /// The output folder (default: `.truthline/docs` in the project).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Add a page of every change since this baseline: a folder, or `git:REV`.
        #[arg(long)]
        against: Option<String>,
    },
    /// Run every quality test, read-only: on the embedded engine over the project's data
    /// files, or on a PostgreSQL or MySQL database.
    #[cfg(any(feature = "embedded", feature = "databases"))]
    Test {
        #[arg(default_value = ".")]
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = default_engine())]
        engine: test_engines::EngineName,
        /// The database, as a URL (`postgres://user@host/db`, `mysql://user@host/db`); never printed.
        #[arg(long, env = "TRUTHLINE_DB", hide_env_values = true)]
        db: Option<String>,
        /// Where the data files are: one `<table>.csv` (or folder of them) per raw table (default: `data/` in the project).
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = test_report::TestFormat::Human)]
        format: test_report::TestFormat,
        /// Seconds a single test may run before it is stopped.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
        /// The time freshness is judged at, in UTC (`2026-11-12T06:00:00Z`, or a date),
        /// instead of the clock: sample data and CI fixtures give the same result every day.
        #[arg(long, value_parser = test::parse_now)]
        now: Option<String>,
    },
    /// Convert schemas of other tools into contract files, one per schema.
    Import {
        #[arg(value_enum)]
        format: import::ImportFormat,
        /// The schema files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Where to write the contracts (never overwriting a file).
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Write the contracts as other tools' schemas (atomically replaces the output folder).
    Export {
        #[arg(value_enum)]
        format: export::ExportFormat,
        #[arg(default_value = ".")]
        path: PathBuf,
        /// The output folder (default: `.truthline/export/FORMAT` in the project).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Start a project: example contracts that check clean, `truthline.yaml` and a
    /// pre-commit configuration. Never overwrites a file.
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Where a column comes from and what it flows into: `truthline lineage payments.amount`.
    Lineage {
        /// A table, event, metric or consumer, optionally with a column
        /// (`payments.amount`, `net_revenue@2.value`, `orders_db.orders`).
        target: String,
        /// A project folder or a single `.truth` file.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Only where it comes from.
        #[arg(long, conflicts_with = "downstream")]
        upstream: bool,
        /// Only what it flows into.
        #[arg(long)]
        downstream: bool,
        /// How many steps to follow (default: all for a column, 1 for a whole table).
        #[arg(long)]
        depth: Option<usize>,
        #[arg(long, value_enum, default_value_t = lineage::LineageFormat::Human)]
        format: lineage::LineageFormat,
    },
    /// Print the documentation of a diagnostic code (`S002` or `unknown-entry`); without a
    /// code, list them all.
    Explain { code: Option<String> },
}

#[cfg(any(feature = "embedded", feature = "databases"))]
fn default_engine() -> test_engines::EngineName {
    #[cfg(feature = "embedded")]
    return test_engines::EngineName::Embedded;
    #[cfg(not(feature = "embedded"))]
    return test_engines::EngineName::Postgres;
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { Exit::Failure } else { Exit::Ok };
            let _ = e.print();
            return code.into();
        }
    };
    let color = output::use_color(cli.color);
    let result = match cli.command {
        Command::Check { path, format, fail_on } => check::run(&path, format, fail_on, color),
        Command::Fmt { path, check } => fmt::run(&path, check, color),
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Lineage {
            target,
            path,
            upstream,
            downstream,
            depth,
            format,
        } => lineage::run(
            &lineage::Args {
                target: &target,
                path: &path,
                direction: match (upstream, downstream) {
                    (true, _) => lineage::Direction::Up,
                    (_, true) => lineage::Direction::Down,
                    _ => lineage::Direction::Both,
                },
                depth,
                format,
            },
            color,
        ),
        Command::Init { dir } => init::run(&dir),
        Command::Export { format, path, out } => export::run(format, &path, out.as_deref(), color),
        Command::Import { format, files, out } => import::run(format, &files, &out, color),
        #[cfg(any(feature = "embedded", feature = "databases"))]
        Command::Test {
            path,
            engine,
            db,
            data,
            format,
            timeout,
            now,
        } => test::run(
            &test::Args {
                path: &path,
                engine,
                data: data.as_deref(),
                db: db.as_deref(),
                format,
                timeout,
                now: now.as_deref(),
            },
            color,
        ),
        Command::Build { path, out, dialects } => build::run(&path, out.as_deref(), &dialects, color),
        Command::Docs { path, out, against } => docs::run(&path, out.as_deref(), against.as_deref(), color),
        Command::Breaking {
            path,
            against,
            mode,
            format,
            fail_on,
            history,
        } => breaking::run_breaking(&path, &against, mode, history, format, fail_on, color),
        Command::Changelog { path, against, format } => breaking::run_changelog(&path, &against, format, color),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(report) => {
            eprintln!("{report:?}");
            Exit::Failure.into()
        }
    }
}
