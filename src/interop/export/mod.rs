//! `truthline export FORMAT`: contracts as other tools' files, from the resolved model.
//! What a format cannot carry is reported (`I010`, at info level), never silently lost.

pub mod avro;
pub mod dbt;
pub mod json_schema;
pub mod odcs;
pub mod openlineage;

use crate::codegen::OutputFile;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::Column;
use crate::span::SourceMap;

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Avro,
    Odcs,
    Dbt,
    JsonSchema,
    OpenLineage,
}

#[derive(Debug, Clone, Default)]
pub struct Exported {
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn export(format: Format, model: &crate::semantic::Model, sources: &SourceMap) -> Exported {
    let mut out = match format {
        Format::Avro => avro::export(model, sources),
        Format::Odcs => odcs::export(model, sources),
        Format::Dbt => dbt::export(model),
        Format::JsonSchema => json_schema::export(model),
        Format::OpenLineage => openlineage::export(model),
    };
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    crate::diagnostics::sort(&mut out.diagnostics);
    out
}

/// The name a column's type is written with, when it names a declared type (`channel`,
/// `std.money`): the resolved type keeps no name for enums and aliases.
pub(crate) fn written_type_name(col: &Column, sources: &SourceMap) -> Option<String> {
    let file = sources
        .files()
        .find(|(id, _)| *id == col.type_span.file)
        .map(|(_, f)| f)?;
    let text = file
        .text
        .get(col.type_span.range())?
        .trim()
        .trim_end_matches('?')
        .trim();
    let last = text.rsplit('.').next()?;
    // Built-in scalars, and the type constructors a written type can start with.
    let builtin =
        |n: &str| crate::semantic::types::BUILTINS.contains(&n) || matches!(n, "enum" | "list" | "map" | "struct");
    (crate::interop::truth::is_name(last) && !builtin(last) && !text.contains(['(', '<', '{']))
        .then(|| last.to_string())
}

/// Whether a declaration is the user's (the standard library is never exported).
pub(crate) fn is_user(ns: &str) -> bool {
    ns != "std" && !ns.starts_with("std.")
}
