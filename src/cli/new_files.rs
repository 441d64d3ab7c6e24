//! Writing files that must not exist yet (`init`, `import`): all of them or none. Every
//! target is checked first; a failure part way removes what this run created.

use miette::{miette, IntoDiagnostic, WrapErr};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Writes `files` (relative paths) under `dir`, refusing if any of them exists.
pub fn write_all(dir: &Path, files: &[(String, String)]) -> miette::Result<Vec<PathBuf>> {
    let mut targets = Vec::with_capacity(files.len());
    let mut existing = Vec::new();
    for (rel, _) in files {
        let p = Path::new(rel);
        if !p.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(miette!("refusing to write `{rel}`: not a plain relative path"));
        }
        let at = dir.join(p);
        if at.exists() || at.symlink_metadata().is_ok() {
            existing.push(at.display().to_string());
        }
        targets.push(at);
    }
    if !existing.is_empty() {
        return Err(miette!(
            help = "move or delete them first, or choose another folder; nothing was written",
            "refusing to overwrite existing files: {}",
            existing.join(", ")
        ));
    }
    let mut created: Vec<PathBuf> = Vec::new();
    let mut made_dirs: Vec<PathBuf> = Vec::new();
    let result = (|| {
        for (at, (_, text)) in targets.iter().zip(files) {
            if let Some(parent) = at.parent() {
                let mut missing = Vec::new();
                let mut p = parent;
                while !p.as_os_str().is_empty() && !p.exists() {
                    missing.push(p.to_path_buf());
                    match p.parent() {
                        Some(q) => p = q,
                        None => break,
                    }
                }
                std::fs::create_dir_all(parent)
                    .into_diagnostic()
                    .wrap_err_with(|| format!("cannot create `{}`", parent.display()))?;
                made_dirs.extend(missing);
            }
            // `create_new`: a file that appeared since the check above is still not
            // overwritten.
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(at)
                .into_diagnostic()
                .wrap_err_with(|| format!("cannot create `{}`", at.display()))?;
            created.push(at.clone());
            // No fsync per file: importing a schema of thousands of tables would spend
            // seconds waiting on the disk for files that are easy to write again.
            f.write_all(text.as_bytes())
                .into_diagnostic()
                .wrap_err_with(|| format!("cannot write `{}`", at.display()))?;
        }
        Ok(())
    })();
    if result.is_err() {
        for f in &created {
            let _ = std::fs::remove_file(f);
        }
        // Innermost first: only folders this run created, and only if left empty.
        made_dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in &made_dirs {
            let _ = std::fs::remove_dir(d);
        }
    }
    result.map(|()| targets)
}
