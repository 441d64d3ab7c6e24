//! `truthline docs [PATH] [--out DIR] [--against BASELINE]`: check, then render the docs
//! site (with a page of the changes since BASELINE, when given) and replace the output
//! folder atomically (the site `build` also writes under `docs/`).

use super::build::{parse_dialects, prepare, write_atomically, Ready};
use super::output::{plural, print};
use super::Exit;
use miette::miette;
use std::path::Path;
use truthline::codegen::docs::{generate, Changes, DocsOptions};
use truthline::codegen::sql::dialect::DialectName;
use truthline::codegen::OutputFile;

/// The site of a checked project; metric pages show the SQL of `dialects`.
pub fn site(ready: &Ready, dialects: &[DialectName], changes: Option<Changes>) -> miette::Result<Vec<OutputFile>> {
    let title = std::fs::canonicalize(&ready.root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "truthline".into());
    let options = DocsOptions {
        dialects: dialects.to_vec(),
        title,
        changes,
    };
    generate(&ready.model, &options).map_err(|e| miette!("{e}"))
}

pub fn run(path: &Path, out: Option<&Path>, against: Option<&str>, color: bool) -> miette::Result<Exit> {
    let changes = match against {
        Some(baseline) => {
            let c = super::breaking::compare(path, baseline, None, false)?;
            if !c.current_errors.is_empty() {
                print(&truthline::diagnostics::render::human(
                    &c.loaded.sources,
                    &c.current_errors,
                    color,
                ));
                print("nothing was built: fix the errors above first\n");
                return Ok(Exit::Findings);
            }
            Some(Changes {
                baseline: baseline.to_string(),
                list: c.changes,
            })
        }
        None => None,
    };
    let ready = match prepare(path, color)? {
        Ok(r) => r,
        Err(exit) => return Ok(exit),
    };
    let dialects = parse_dialects(&ready.config.dialects)?;
    let out = match out {
        Some(o) => o.to_path_buf(),
        None => ready.root.join(".truthline").join("docs"),
    };
    let files = site(&ready, &dialects, changes)?;
    write_atomically(&out, &files)?;
    print(&format!(
        "{}built the docs site ({}) into {}; open {}\n",
        ready.report,
        plural(files.len(), "file"),
        out.display(),
        out.join("index.html").display()
    ));
    Ok(Exit::Ok)
}
