//! `truthline import FORMAT FILE… [--out DIR]`: schemas of other tools into contract
//! files, one per schema, in the canonical format. What could not be carried over is
//! reported with its code; nothing is written when a file cannot be read, and no
//! existing file is overwritten.

use super::output::{plural, print};
use super::{new_files, Exit};
use clap::ValueEnum;
use miette::{IntoDiagnostic, WrapErr};
use std::path::{Path, PathBuf};
use truthline::diagnostics::{render, Severity};
use truthline::interop::import::{self, Format, SqlDialect};
use truthline::span::SourceMap;

#[derive(Clone, Copy, ValueEnum)]
pub enum ImportFormat {
    /// Avro schemas (`.avsc`).
    Avro,
    /// JSON Schema documents.
    JsonSchema,
    /// `CREATE TABLE` statements, PostgreSQL dialect.
    Postgres,
    /// `CREATE TABLE` statements, MySQL dialect.
    Mysql,
    /// Open Data Contract Standard v3 (YAML).
    Odcs,
}

pub fn run(format: ImportFormat, files: &[PathBuf], out: &Path, color: bool) -> miette::Result<Exit> {
    let format = match format {
        ImportFormat::Avro => Format::Avro,
        ImportFormat::JsonSchema => Format::JsonSchema,
        ImportFormat::Postgres => Format::Sql(SqlDialect::Postgres),
        ImportFormat::Mysql => Format::Sql(SqlDialect::Mysql),
        ImportFormat::Odcs => Format::Odcs,
    };
    let mut sources = SourceMap::new();
    let mut ids = Vec::new();
    for f in files {
        let bytes = std::fs::read(f)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot read `{}`", f.display()))?;
        let text = String::from_utf8(bytes)
            .into_diagnostic()
            .wrap_err_with(|| format!("`{}` is not UTF-8", f.display()))?;
        ids.push(sources.add(f.display().to_string(), text));
    }
    let imported = import::import(format, &sources, &ids);
    let mut report = render::human(&sources, &imported.diagnostics, color);
    if import::failed(&imported.diagnostics) {
        report.push_str("nothing was imported: fix the errors above first\n");
        print(&report);
        return Ok(Exit::Findings);
    }
    let files: Vec<(String, String)> = imported.files.into_iter().map(|f| (f.path, f.contents)).collect();
    let written = new_files::write_all(out, &files)?;
    for p in &written {
        report.push_str(&format!("wrote {}\n", p.display()));
    }
    let warnings = imported
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .count();
    report.push_str(&format!(
        "imported {} into {}, {}\n",
        plural(written.len(), "contract file"),
        out.display(),
        plural(warnings, "warning")
    ));
    if matches!(format, Format::Avro | Format::JsonSchema) {
        report.push_str(
            "note: the imported events need what a schema does not say (an owner, a key, an event time, a \
             dedupe key); `truthline check` lists each one to fill in\n",
        );
    }
    print(&report);
    Ok(Exit::Ok)
}
