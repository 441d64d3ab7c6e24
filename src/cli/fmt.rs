//! `truthline fmt [PATH] [--check]`
//!
//! Rewrites each contract file that is not in the canonical format, atomically (a
//! temporary file in the same folder, renamed over the original); a formatted file is
//! never touched. A file with syntax errors is reported and left as it is. `--check`
//! changes nothing and lists the files that would change.

use super::output::{plural, print};
use super::{project, Exit};
use miette::{miette, IntoDiagnostic, WrapErr};
use std::io::Write;
use std::path::Path;
use truthline::diagnostics::{render, Diagnostic};
use truthline::span::SourceMap;

pub fn run(path: &Path, check: bool, color: bool) -> miette::Result<Exit> {
    // Only the user's files are read: the embedded standard library is never formatted.
    let mut sources = SourceMap::new();
    let mut refused: Vec<Diagnostic> = Vec::new();
    let mut files = Vec::new();
    for p in project::discover(path)? {
        match project::add_file(&mut sources, &p)? {
            (_, Some(not_utf8)) => refused.push(not_utf8),
            (id, None) => files.push((id, p)),
        }
    }
    // A linked file is formatted only when it lies inside the project: `fmt` never
    // writes outside the folder it was given.
    let root = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let root = std::fs::canonicalize(if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &root
    })
    .into_diagnostic()
    .wrap_err_with(|| format!("cannot resolve `{}`", root.display()))?;
    let mut bad = refused.len();
    let (mut changed, mut unchanged) = (0, 0);
    let mut report = String::new();
    for (id, p) in &files {
        let text = &sources.get(*id).text;
        let out = match truthline::fmt::format_file(*id, text) {
            Err(diags) => {
                bad += 1;
                refused.extend(diags);
                continue;
            }
            Ok(out) if out == *text => {
                unchanged += 1;
                continue;
            }
            Ok(out) => out,
        };
        truthline::fmt::verify(text, &out).map_err(|e| {
            miette!(
                help = "this is a bug of truthline; the file was left as it is",
                "formatting `{}` went wrong: {e}",
                p.display()
            )
        })?;
        changed += 1;
        let outside = std::fs::canonicalize(p).map_or(true, |t| !t.starts_with(&root));
        if outside && !check {
            bad += 1;
            report.push_str(&format!(
                "left {} as it is: it links to a file outside the project\n",
                p.display()
            ));
            continue;
        }
        if check {
            report.push_str(&format!(
                "would reformat {}\n{}",
                p.display(),
                diff(p.display().to_string().trim_start_matches("./"), text, &out)
            ));
        } else {
            write_atomic(p, &out)?;
            report.push_str(&format!("formatted {}\n", p.display()));
        }
    }
    truthline::diagnostics::sort(&mut refused);
    let mut summary = if check {
        format!(
            "{} would be reformatted, {} already formatted",
            plural(changed, "file"),
            unchanged
        )
    } else {
        format!("formatted {}, {} already formatted", plural(changed, "file"), unchanged)
    };
    if bad > 0 {
        summary.push_str(&format!(
            ", {} with errors left as {}",
            plural(bad, "file"),
            if bad == 1 { "it is" } else { "they are" }
        ));
    }
    print(&format!(
        "{}{report}{summary}\n",
        render::human(&sources, &refused, color)
    ));
    Ok(if bad > 0 || (check && changed > 0) {
        Exit::Findings
    } else {
        Exit::Ok
    })
}

/// Replaces the file by `text` in one step: a crash leaves the old file or the new one,
/// never half of one. A link is followed, so that the file it names is rewritten.
fn write_atomic(path: &Path, text: &str) -> miette::Result<()> {
    let fail = |what: &str| format!("cannot {what} `{}`", path.display());
    let target = std::fs::canonicalize(path)
        .into_diagnostic()
        .wrap_err_with(|| fail("resolve"))?;
    let dir = target
        .parent()
        .ok_or_else(|| miette!("`{}` has no folder", target.display()))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let permissions = std::fs::metadata(&target)
        .into_diagnostic()
        .wrap_err_with(|| fail("read"))?
        .permissions();
    let mut attempt = 0;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.{}-{attempt}.fmt.tmp", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e).into_diagnostic().wrap_err_with(|| fail("write next to")),
        }
    };
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.set_permissions(permissions))
        .and_then(|()| file.sync_all());
    drop(file);
    let written = written.and_then(|()| std::fs::rename(&tmp, &target));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.into_diagnostic().wrap_err_with(|| fail("write"))
}

/// What formatting changes, as a unified diff with three lines of context (`diff -u`,
/// `git apply` read it): the smallest set of changed lines, found with Myers' algorithm.
fn diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .missing_newline_hint(true)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::diff;

    #[test]
    fn the_diff_is_minimal_with_context() {
        let old = "1\n2\n3\n4\nb\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nB\n6\n7\n8\n9\n";
        assert_eq!(
            diff("x.truth", old, new),
            "--- a/x.truth\n+++ b/x.truth\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-b\n+B\n 6\n 7\n 8\n"
        );
        // A missing final newline is said, not shown as a changed line.
        assert!(diff("x", "a", "a\n").contains("\\ No newline at end of file"));
    }
}
