//! `truthline export FORMAT [PATH] [--out DIR]`: the contracts as Avro schemas, JSON
//! Schema or ODCS documents, or a dbt project, written atomically like a build (the output folder is replaced as a whole,
//! never half-written). A project that does not parse or resolve is not exported.

use super::output::{plural, print};
use super::{build, project, Exit};
use clap::ValueEnum;
use std::path::Path;
use truthline::diagnostics::codes::Category;
use truthline::diagnostics::{render, Severity};
use truthline::interop::export::{self, Format};

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// One Avro schema (`.avsc`) per event version.
    Avro,
    /// One Open Data Contract Standard v3 document per namespace, its tables as objects.
    Odcs,
    /// A dbt project: sources, models with enforced contracts, tests.
    Dbt,
    /// One JSON Schema (draft 2020-12) document per event version.
    JsonSchema,
    /// The static column lineage as OpenLineage job events (`openlineage.ndjson`).
    Openlineage,
}

pub fn run(format: ExportFormat, path: &Path, out: Option<&Path>, color: bool) -> miette::Result<Exit> {
    let (fmt, name) = match format {
        ExportFormat::Avro => (Format::Avro, "avro"),
        ExportFormat::Odcs => (Format::Odcs, "odcs"),
        ExportFormat::Dbt => (Format::Dbt, "dbt"),
        ExportFormat::JsonSchema => (Format::JsonSchema, "json-schema"),
        ExportFormat::Openlineage => (Format::OpenLineage, "openlineage"),
    };
    let loaded = project::load(path)?;
    let root = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let out = out.map_or_else(|| root.join(".truthline").join("export").join(name), Path::to_path_buf);
    let mut diags = loaded.diagnostics;
    let checked = truthline::check(&loaded.sources, &loaded.options);
    // Only what stops the model from being read stops an export: a lint finding (an event
    // without an owner, say) is `check`'s business, and an imported schema has many.
    diags.extend(
        checked
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Error)
            .filter(|d| matches!(d.code.category, Category::Syntax | Category::Semantic))
            .cloned(),
    );
    if !diags.is_empty() {
        let mut text = render::human(&loaded.sources, &diags, color);
        text.push_str("nothing was exported: fix the errors above first\n");
        print(&text);
        return Ok(Exit::Findings);
    }
    let exported = export::export(fmt, &checked.model, &loaded.sources);
    build::write_atomically(&out, &exported.files)?;
    let mut text = render::human(&loaded.sources, &exported.diagnostics, color);
    text.push_str(&format!(
        "exported {} to {}\n",
        plural(exported.files.len(), "file"),
        out.display()
    ));
    print(&text);
    Ok(Exit::Ok)
}
