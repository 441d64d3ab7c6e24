//! `truthline build [PATH] [--out DIR] [--dialect D]…`: check, then generate, then
//! replace the output folder atomically.

use super::output::{plural, print};
use super::{project, Exit};
use miette::{miette, IntoDiagnostic, WrapErr};
use std::path::{Component, Path, PathBuf};
use truthline::codegen::sql::dialect::DialectName;
use truthline::codegen::OutputFile;
use truthline::diagnostics::{render, Severity};

/// The file that marks a folder as written by `truthline build`; only such a folder is
/// ever replaced.
const MARKER: &str = ".truthline-build";

/// A project that checked without errors: its model, its findings (warnings) already
/// rendered, and its root folder.
pub struct Ready {
    pub model: truthline::semantic::Model,
    pub config: truthline::config::Config,
    pub report: String,
    pub root: PathBuf,
}

/// Loads and checks the project; `Err(Exit::Findings)` (after printing them) when it has
/// errors, so that nothing is built from it.
pub fn prepare(path: &Path, color: bool) -> miette::Result<Result<Ready, Exit>> {
    let loaded = project::load(path)?;
    let root = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let mut diags = loaded.diagnostics;
    let checked = truthline::check(&loaded.sources, &loaded.options);
    diags.extend(checked.diagnostics);
    truthline::diagnostics::sort(&mut diags);
    let report = render::human(&loaded.sources, &diags, color);
    if diags.iter().any(|d| d.severity >= Severity::Error) {
        print(&format!("{report}nothing was built: fix the errors above first\n"));
        return Ok(Err(Exit::Findings));
    }
    Ok(Ok(Ready {
        model: checked.model,
        config: loaded.options.config,
        report,
        root,
    }))
}

pub fn run(path: &Path, out: Option<&Path>, dialects: &[String], color: bool) -> miette::Result<Exit> {
    let ready = match prepare(path, color)? {
        Ok(r) => r,
        Err(exit) => return Ok(exit),
    };
    let names = if dialects.is_empty() {
        ready.config.dialects.clone()
    } else {
        dialects.to_vec()
    };
    let dialects = parse_dialects(&names)?;
    let out = match (out, &ready.config.out) {
        (Some(o), _) => o.to_path_buf(),
        (None, Some(o)) => ready.root.join(o),
        (None, None) => ready.root.join(".truthline").join("build"),
    };
    let mut files = truthline::codegen::sql::generate(&ready.model, &dialects).map_err(|e| miette!("{e}"))?;
    let sql = files.len();
    let site = super::docs::site(&ready, &dialects, None)?;
    let pages = site.len();
    files.extend(site.into_iter().map(|f| OutputFile {
        path: format!("docs/{}", f.path),
        contents: f.contents,
    }));
    write_atomically(&out, &files)?;
    print(&format!(
        "{}built {} for {} and the docs site ({}) into {}\n",
        ready.report,
        plural(sql, "SQL file"),
        dialects.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(", "),
        plural(pages, "file"),
        out.display()
    ));
    Ok(Exit::Ok)
}

pub fn parse_dialects(names: &[String]) -> miette::Result<Vec<DialectName>> {
    if names.is_empty() {
        return Ok(DialectName::ALL.to_vec());
    }
    let mut out = Vec::new();
    for n in names {
        let d = DialectName::parse(n).ok_or_else(|| {
            let known: Vec<&str> = DialectName::ALL.iter().map(|d| d.as_str()).collect();
            miette!(
                help = format!("known dialects: {}", known.join(", ")),
                "unknown dialect `{n}`"
            )
        })?;
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out.sort();
    Ok(out)
}

/// Writes every file into a fresh sibling folder, then swaps it in for `out`: a failure
/// at any point leaves the previous build as it was, and nothing outside `out` is
/// touched. A folder truthline did not write is never replaced.
pub fn write_atomically(out: &Path, files: &[OutputFile]) -> miette::Result<()> {
    if out.exists() {
        if !out.is_dir() {
            return Err(miette!(
                help = "choose another `--out`",
                "`{}` exists and is not a folder",
                out.display()
            ));
        }
        let empty = std::fs::read_dir(out).into_diagnostic()?.next().is_none();
        if !empty && !out.join(MARKER).is_file() {
            return Err(miette!(
                help = "choose an empty or new folder: truthline replaces its output folder as a whole",
                "`{}` holds files truthline did not write; refusing to replace it",
                out.display()
            ));
        }
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot create `{}`", parent.display()))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "build".into());
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = fill(&tmp, files).and_then(|()| swap(out, &tmp, &old));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

fn fill(tmp: &Path, files: &[OutputFile]) -> miette::Result<()> {
    std::fs::create_dir_all(tmp)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot create `{}`", tmp.display()))?;
    // Folders made so far: a site has thousands of files in a few folders.
    let mut made: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
    for f in files {
        let rel = Path::new(&f.path);
        if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(miette!("refusing to write `{}`: not a plain relative path", f.path));
        }
        let at: PathBuf = tmp.join(rel);
        if let Some(dir) = at.parent() {
            if !made.contains(dir) {
                std::fs::create_dir_all(dir)
                    .into_diagnostic()
                    .wrap_err_with(|| format!("cannot create `{}`", dir.display()))?;
                made.insert(dir.to_path_buf());
            }
        }
        std::fs::write(&at, &f.contents)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write `{}`", at.display()))?;
    }
    std::fs::write(
        tmp.join(MARKER),
        "This folder is written by `truthline build` and replaced as a whole on every build.\n",
    )
    .into_diagnostic()
    .wrap_err("cannot write the build marker")
}

fn swap(out: &Path, tmp: &Path, old: &Path) -> miette::Result<()> {
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, old)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot move the previous build `{}` aside", out.display()))?;
    }
    if let Err(e) = std::fs::rename(tmp, out) {
        if had_old {
            let _ = std::fs::rename(old, out);
        }
        return Err(e)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot move the new build into `{}`", out.display()));
    }
    if had_old {
        std::fs::remove_dir_all(old)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot remove the previous build `{}`", old.display()))?;
    }
    Ok(())
}
