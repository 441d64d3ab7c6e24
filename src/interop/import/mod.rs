//! `truthline import FORMAT FILE…`: schemas of other tools into contract files, one per
//! schema, printed by the formatter. Every fact of the source is kept or reported
//! (`I002`, `I003`); a file that cannot be read is an error (`I001`) and yields nothing.

pub mod avro;
pub mod json_schema;
pub mod odcs;
pub mod sql_ddl;

use super::truth;
use crate::codegen::OutputFile;
use crate::diagnostics::{Diagnostic, Severity};
use crate::span::{FileId, SourceMap, Span};
use std::collections::BTreeMap;

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Avro,
    JsonSchema,
    /// SQL `CREATE TABLE` statements, in a dialect.
    Sql(SqlDialect),
    Odcs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqlDialect {
    Postgres,
    Mysql,
}

/// The contract files written (sorted by path) and what was reported on the way.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Imports every given file of `sources`.
pub fn import(format: Format, sources: &SourceMap, ids: &[FileId]) -> Imported {
    let mut diags = Vec::new();
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for &id in ids {
        let text = &sources.get(id).text;
        let mut found = Vec::new();
        let schemas = match format {
            Format::Avro => avro::import(id, text, &mut found),
            Format::JsonSchema => {
                let name = &sources.get(id).name;
                let stem = std::path::Path::new(name)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let stem = stem.split('.').next().unwrap_or("schema").to_string();
                json_schema::import(id, &stem, text, &mut found)
            }
            Format::Sql(d) => sql_ddl::import(id, text, d, &mut found),
            Format::Odcs => odcs::import(id, text, &mut found),
        };
        diags.extend(found);
        for (stem, file) in schemas {
            let raw = truth::render(&file);
            let text = match crate::fmt::format(&raw) {
                Ok(t) => t,
                Err(errs) => {
                    // A bug of an importer, never of the input: say so, keep going.
                    let why = errs.first().map(|d| d.message.clone()).unwrap_or_default();
                    diags.push(Diagnostic::new(
                        &super::codes::UNREADABLE,
                        Span::new(id, 0, 0),
                        format!("the contract made from `{stem}` does not parse ({why}); this is a bug of truthline"),
                    ));
                    continue;
                }
            };
            let mut path = format!("{stem}.truth");
            let mut n = 2;
            while files.contains_key(&path) {
                path = format!("{stem}_{n}.truth");
                n += 1;
            }
            files.insert(path, text);
        }
    }
    crate::diagnostics::sort(&mut diags);
    Imported {
        files: files
            .into_iter()
            .map(|(path, contents)| OutputFile { path, contents })
            .collect(),
        diagnostics: diags,
    }
}

/// Whether anything reported stops the import.
pub fn failed(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

/// A diagnostic helper shared by the importers.
pub(crate) fn report(
    out: &mut Vec<Diagnostic>,
    code: &'static crate::diagnostics::Code,
    span: Span,
    message: String,
    help: Option<&str>,
) {
    let mut d = Diagnostic::new(code, span, message);
    d.help = help.map(str::to_string);
    out.push(d);
}
