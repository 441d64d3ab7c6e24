//! truthline: a compiler for data contracts.
//!
//! The library is a chain of pure stages and does no I/O (see `ARCHITECTURE.md`):
//! sources → [`parse_project`] (syntax trees) → [`check_project`] (diagnostics).
//! Only the binary reads and writes files.

pub mod diagnostics;
pub mod semantic;
pub mod span;
pub mod stdlib;
pub mod syntax;

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
    let results: Vec<(FileId, ast::File, Vec<Diagnostic>)> = sources
        .files()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(id, f)| {
            if f.lossy {
                return (id, ast::File { namespace: None, decls: Vec::new() }, Vec::new());
            }
            let (tree, diags) = syntax::parse(id, &f.text);
            (id, tree, diags)
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for (id, tree, diags) in results {
        files.push((id, tree));
        diagnostics.extend(diags);
    }
    Parsed { files, diagnostics }
}

/// Parses and checks a project: every finding, sorted by file and position.
pub fn check_project(sources: &SourceMap) -> Vec<Diagnostic> {
    let parsed = parse_project(sources);
    let mut diags = parsed.diagnostics;
    diagnostics::sort(&mut diags);
    diags
}
