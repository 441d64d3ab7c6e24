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
    pub options: truthline::Options,
    pub sources: SourceMap,
    /// The user's files (the standard ones are not counted or rewritten).
    pub user_files: Vec<(truthline::span::FileId, PathBuf)>,
    /// Files that could not be decoded.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lists the `.truth` files under `path` (or `path` itself), sorted.
pub fn discover(path: &Path) -> miette::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot read `{}`", path.display()))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    walk(path, &mut out)?;
    if out.is_empty() {
        return Err(miette!(
            help = "contract files end in `.truth`; run `truthline init` to start a project",
            "no `.truth` files under `{}`",
            path.display()
        ));
    }
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> miette::Result<()> {
    let entries = std::fs::read_dir(dir)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot list `{}`", dir.display()))?;
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
        } else if name.ends_with(".truth") && (ty.is_file() || linked_file(&path)?) {
            out.push(path);
            if out.len() > MAX_FILES {
                return Err(miette!(
                    "more than {MAX_FILES} `.truth` files under the project; refusing to read them all"
                ));
            }
        }
    }
    Ok(())
}

/// Reads a contract file into `sources`. A file over the size limit is refused after
/// reading just past the limit, so a huge file (or a link to one) never fills memory.
pub fn add_file(sources: &mut SourceMap, p: &Path) -> miette::Result<(truthline::span::FileId, Option<Diagnostic>)> {
    use std::io::Read;
    let fail = || format!("cannot read `{}`", p.display());
    let file = std::fs::File::open(p).into_diagnostic().wrap_err_with(fail)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let limit = truthline::syntax::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .into_diagnostic()
        .wrap_err_with(fail)?;
    let name = p.display().to_string();
    if bytes.len() > limit {
        let (id, d) = truthline::syntax::add_oversized(sources, name, size.max(bytes.len() as u64));
        return Ok((id, Some(d)));
    }
    Ok(truthline::syntax::add_source(sources, name, bytes))
}

/// Whether a link named `*.truth` leads to a file. A link that leads nowhere (dangling, or
/// a loop of links) is an error: a contract silently left out would pass every check.
fn linked_file(path: &Path) -> miette::Result<bool> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(m.is_file()),
        Err(e) => Err(miette!(
            help = "fix or remove the link",
            "cannot follow the link `{}`: {e}",
            path.display()
        )),
    }
}

/// Reads the project's files; undecodable ones become diagnostics, unreadable ones errors.
pub fn load(path: &Path) -> miette::Result<Loaded> {
    let paths = discover(path)?;
    let root = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let options = truthline::Options {
        today: Some(today()?),
        config: load_config(&root)?,
    };
    let mut sources = SourceMap::new();
    let mut user_files = Vec::new();
    let mut diagnostics = Vec::new();
    for p in paths {
        let (id, diag) = add_file(&mut sources, &p)?;
        let rel = p.strip_prefix(&root).unwrap_or(&p);
        sources.set_path(
            id,
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        );
        diagnostics.extend(diag);
        user_files.push((id, p));
    }
    // A project that is the standard library itself (`truthline check contracts/`)
    // must not see it twice.
    let is_std = |t: &str| truthline::stdlib::declares_std(t);
    if !user_files.iter().any(|(id, _)| is_std(&sources.get(*id).text)) {
        for (name, text) in truthline::stdlib::FILES {
            sources.add(*name, *text);
        }
    }
    Ok(Loaded {
        options,
        sources,
        user_files,
        diagnostics,
    })
}

/// `truthline.yaml` at the root, if there is one.
pub fn load_config(root: &Path) -> miette::Result<truthline::config::Config> {
    let file = root.join("truthline.yaml");
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Default::default()),
        Err(e) => return Err(miette!("cannot read `{}`: {e}", file.display())),
    };
    truthline::config::Config::parse(&text).map_err(|e| {
        let at = match (e.line, e.column) {
            (Some(l), Some(c)) => format!(":{l}:{c}"),
            _ => String::new(),
        };
        miette!(
            help = "see the `truthline.yaml` section of the README",
            "invalid `{}{at}`: {}",
            file.display(),
            e.message
        )
    })
}

/// Today's date (UTC), or `TRUTHLINE_TODAY` (YYYY-MM-DD) for reproducible runs.
pub fn today() -> miette::Result<truthline::syntax::ast::Date> {
    if let Ok(v) = std::env::var("TRUTHLINE_TODAY") {
        return parse_date(&v).ok_or_else(|| miette!("TRUTHLINE_TODAY must be a date like 2026-01-31, not `{v}`"));
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Ok(civil_from_days((secs / 86_400) as i64))
}

fn parse_date(s: &str) -> Option<truthline::syntax::ast::Date> {
    let mut it = s.trim().splitn(3, '-');
    let (y, m, d) = (
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
    );
    (s.trim().len() == 10 && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some(truthline::syntax::ast::Date {
        year: y,
        month: m,
        day: d,
    })
}

/// Days since 1970-01-01 → calendar date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> truthline::syntax::ast::Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    truthline::syntax::ast::Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(20_781).to_string(), "2026-11-24");
        assert_eq!(civil_from_days(11_016).to_string(), "2000-02-29");
    }
}
