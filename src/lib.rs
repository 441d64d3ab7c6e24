//! truthline: a compiler for data contracts.
//!
//! The library is a chain of pure stages and does no I/O (see `ARCHITECTURE.md`):
//! sources → [`parse_project`] (syntax trees) → [`semantic::resolve`] (the model)
//! → [`checks`] (lint findings) — [`check`] runs them all.
//! Only the binary reads and writes files.

pub mod checks;
pub mod codegen;
pub mod config;
pub mod diagnostics;
pub mod engine;
pub mod fmt;
pub mod interop;
pub mod lineage;
pub mod scaffold;
pub mod semantic;
pub mod span;
pub mod stdlib;
pub mod syntax;
pub mod yaml;

use diagnostics::Diagnostic;
use rayon::prelude::*;
use span::{FileId, SourceMap};
use syntax::ast;

/// Every file of a project, parsed.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub files: Vec<(FileId, ast::File)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses every file of the map, in parallel; the result is in file order whatever the
/// scheduling.
pub fn parse_project(sources: &SourceMap) -> Parsed {
    let all: Vec<FileId> = sources.files().map(|(id, _)| id).collect();
    parse_files(sources, &all)
}

/// Parses the given files of the map, in parallel, in the order given.
pub fn parse_files(sources: &SourceMap, ids: &[FileId]) -> Parsed {
    let mut files = Vec::with_capacity(ids.len());
    let mut diagnostics = Vec::new();
    for (id, tree, diags) in parse_each(sources, ids) {
        files.push((id, tree));
        diagnostics.extend(diags);
    }
    Parsed { files, diagnostics }
}

/// Each file's tree and syntax diagnostics, in the order given.
fn parse_each(sources: &SourceMap, ids: &[FileId]) -> Vec<(FileId, ast::File, Vec<Diagnostic>)> {
    ids.iter()
        .map(|id| (*id, sources.get(*id)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(id, f)| {
            if f.lossy {
                return (
                    id,
                    ast::File {
                        namespace: None,
                        decls: Vec::new(),
                    },
                    Vec::new(),
                );
            }
            let (tree, diags) = syntax::parse(id, &f.text);
            (id, tree, diags)
        })
        .collect()
}

/// What a check depends on besides the sources.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The date sunsets and waiver expiries are judged by; `None` skips those checks.
    pub today: Option<ast::Date>,
    pub config: config::Config,
}

/// A checked project: its model (which holds the syntax trees) and every finding sorted
/// by position.
#[derive(Debug, Clone)]
pub struct Checked {
    pub model: semantic::Model,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses, resolves and lints a project.
pub fn check(sources: &SourceMap, options: &Options) -> Checked {
    let all: Vec<FileId> = sources.files().map(|(id, _)| id).collect();
    check_files(sources, &all, options)
}

/// Parses, resolves and lints the given files of the map as one project (a map may hold
/// a baseline and a current project side by side).
pub fn check_files(sources: &SourceMap, ids: &[FileId], options: &Options) -> Checked {
    check_parsed(sources, parse_files(sources, ids), options)
}

/// What [`check_files`] does once the files are parsed: resolves and lints `parsed` as
/// one project. `parsed` must be what [`parse_files`] gives for those files of `sources`;
/// a caller that checks many projects sharing files (the fuzz targets, which add the
/// standard library to every input) can parse the shared files once and reuse their trees.
pub fn check_parsed(sources: &SourceMap, parsed: Parsed, options: &Options) -> Checked {
    checked_and_traced(sources, parsed, options).0
}

/// What [`check`] does, with the column lineage it traced on the way: for commands that
/// go on to read it (`lineage`, `docs`, the OpenLineage export), so they trace once.
pub fn check_traced(sources: &SourceMap, options: &Options) -> (Checked, lineage::ColumnLineage) {
    let all: Vec<FileId> = sources.files().map(|(id, _)| id).collect();
    checked_and_traced(sources, parse_files(sources, &all), options)
}

fn checked_and_traced(sources: &SourceMap, parsed: Parsed, options: &Options) -> (Checked, lineage::ColumnLineage) {
    let Parsed {
        files,
        diagnostics: syntax,
    } = parsed;
    let (model, mut diags) = semantic::resolve(files, options.today);
    let (columns, traced) = lineage::trace(&model);
    diags.extend(traced);
    diags.extend(checks::lint::run(&model, &columns));
    checks::waivers::apply(&model, &mut diags);
    // A file that does not parse yields partial trees; findings about what is missing
    // from them would be noise, so only its syntax errors are reported.
    let broken: std::collections::HashSet<FileId> = syntax
        .iter()
        .filter(|d| d.severity == diagnostics::Severity::Error)
        .filter_map(|d| d.primary_span().map(|s| s.file))
        .collect();
    diags.retain(|d| d.primary_span().is_none_or(|s| !broken.contains(&s.file)));
    options.config.apply(sources, &mut diags);
    diags.extend(syntax);
    diagnostics::sort(&mut diags);
    (
        Checked {
            model,
            diagnostics: diags,
        },
        columns,
    )
}

/// A project read for comparison: its model and its errors (syntax and resolution).
/// `breaking` and `changelog` compare models and never show lint findings, so they do
/// not pay for the lint pass.
pub fn model_files(sources: &SourceMap, ids: &[FileId], options: &Options) -> Checked {
    let Parsed {
        files,
        diagnostics: syntax,
    } = parse_files(sources, ids);
    compared(files, syntax, options)
}

/// Two projects of one map read for comparison, as [`model_files`] reads each; a file
/// both hold (the standard library, and every file a change left alone) is parsed once.
pub fn model_pair(sources: &SourceMap, a: &[FileId], b: &[FileId], options: &Options) -> (Checked, Checked) {
    let mut all: Vec<FileId> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    all.dedup();
    let mut parsed: std::collections::HashMap<FileId, (ast::File, Vec<Diagnostic>)> = parse_each(sources, &all)
        .into_iter()
        .map(|(id, tree, diags)| (id, (tree, diags)))
        .collect();
    let in_b: std::collections::HashSet<FileId> = b.iter().copied().collect();
    // The side that shares a file gets a copy; copying a tree is cheaper than parsing it.
    let mut a_files = Vec::with_capacity(a.len());
    let mut a_syntax = Vec::new();
    for id in a {
        let entry = if in_b.contains(id) {
            parsed.get(id).cloned()
        } else {
            parsed.remove(id)
        };
        if let Some((tree, diags)) = entry {
            a_files.push((*id, tree));
            a_syntax.extend(diags);
        }
    }
    let mut b_files = Vec::with_capacity(b.len());
    let mut b_syntax = Vec::new();
    for id in b {
        if let Some((tree, diags)) = parsed.remove(id) {
            b_files.push((*id, tree));
            b_syntax.extend(diags);
        }
    }
    rayon::join(
        || compared(a_files, a_syntax, options),
        || compared(b_files, b_syntax, options),
    )
}

/// Many projects of one map read for comparison, as [`model_files`] reads each (the
/// earlier states of a project in its history): every distinct file is parsed once, and
/// the projects are resolved in parallel.
pub fn model_many(sources: &SourceMap, projects: &[Vec<FileId>], options: &Options) -> Vec<Checked> {
    let mut all: Vec<FileId> = projects.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    let parsed: std::collections::HashMap<FileId, (ast::File, Vec<Diagnostic>)> = parse_each(sources, &all)
        .into_iter()
        .map(|(id, tree, diags)| (id, (tree, diags)))
        .collect();
    projects
        .par_iter()
        .map(|ids| {
            let mut files = Vec::with_capacity(ids.len());
            let mut syntax = Vec::new();
            for id in ids {
                if let Some((tree, diags)) = parsed.get(id) {
                    files.push((*id, tree.clone()));
                    syntax.extend(diags.iter().cloned());
                }
            }
            compared(files, syntax, options)
        })
        .collect()
}

fn compared(files: Vec<(FileId, ast::File)>, syntax: Vec<Diagnostic>, options: &Options) -> Checked {
    let (model, resolution) = semantic::resolve(files, options.today);
    let mut diags: Vec<Diagnostic> = syntax
        .into_iter()
        .chain(resolution)
        .filter(|d| d.severity == diagnostics::Severity::Error)
        .collect();
    diagnostics::sort(&mut diags);
    Checked {
        model,
        diagnostics: diags,
    }
}

/// Parses and checks a project with default options: every finding, sorted.
pub fn check_project(sources: &SourceMap) -> Vec<Diagnostic> {
    check(sources, &Options::default()).diagnostics
}
