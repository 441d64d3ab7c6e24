//! Finding and reading a project's contract files.

use miette::{miette, IntoDiagnostic, WrapErr};
use std::path::{Path, PathBuf};
use truthline::diagnostics::Diagnostic;
use truthline::span::SourceMap;

/// Folders never searched for contracts.
const SKIP_DIRS: &[&str] = &[".git", "target", "node_modules", ".truthline"];
/// A project with more files than this is refused rather than read.
pub const MAX_FILES: usize = 100_000;

/// The user's files, read and decoded, plus the embedded standard library.
pub struct Loaded {
    pub sources: SourceMap,
    /// The user's files (the standard ones are not counted or rewritten).
    pub user_files: Vec<(truthline::span::FileId, PathBuf)>,
    /// Files that could not be decoded.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lists the `.truth` files under `path` (or `path` itself), sorted.
pub fn discover(path: &Path) -> miette::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).into_diagnostic().wrap_err_with(|| format!("cannot read `{}`", path.display()))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    walk(path, &mut out)?;
    if out.is_empty() {
        return Err(miette!(help = "contract files end in `.truth`; run `truthline init` to start a project", "no `.truth` files under `{}`", path.display()));
    }
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> miette::Result<()> {
    let entries = std::fs::read_dir(dir).into_diagnostic().wrap_err_with(|| format!("cannot list `{}`", dir.display()))?;
    for entry in entries {
        let entry = entry.into_diagnostic()?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // `file_type` does not follow links: a linked folder is never entered, so a link
        // cycle cannot loop and nothing outside the project is read through one.
        let ty = entry.file_type().into_diagnostic()?;
        if ty.is_dir() {
            if !SKIP_DIRS.contains(&name.as_ref()) && !name.starts_with('.') {
                walk(&path, out)?;
            }
        } else if name.ends_with(".truth") && (ty.is_file() || path.is_file()) {
            out.push(path);
            if out.len() > MAX_FILES {
                return Err(miette!("more than {MAX_FILES} `.truth` files under the project; refusing to read them all"));
            }
        }
    }
    Ok(())
}

/// Reads the project's files; undecodable ones become diagnostics, unreadable ones errors.
pub fn load(path: &Path) -> miette::Result<Loaded> {
    let paths = discover(path)?;
    let mut sources = SourceMap::new();
    let mut user_files = Vec::new();
    let mut diagnostics = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p).into_diagnostic().wrap_err_with(|| format!("cannot read `{}`", p.display()))?;
        let (id, diag) = truthline::syntax::add_source(&mut sources, p.display().to_string(), bytes);
        diagnostics.extend(diag);
        user_files.push((id, p));
    }
    for (name, text) in truthline::stdlib::FILES {
        sources.add(*name, *text);
    }
    Ok(Loaded { sources, user_files, diagnostics })
}
