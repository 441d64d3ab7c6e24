//! `truthline check [PATH]`

use super::output::{free_at_exit, plural, print};
use super::{project, Exit, FailOn, Format};
use std::path::Path;
use truthline::diagnostics::{render, Severity};

pub fn run(path: &Path, format: Format, fail_on: FailOn, color: bool) -> miette::Result<Exit> {
    let loaded = project::load(path)?;
    let mut diags = loaded.diagnostics;
    let (checked, lineage) = truthline::check_traced(&loaded.sources, &loaded.options);
    diags.extend(checked.diagnostics);
    free_at_exit(checked.model);
    free_at_exit(lineage);
    truthline::diagnostics::sort(&mut diags);
    let summary = render::Summary::of(&diags);
    match format {
        Format::Human => {
            let mut out = render::human(&loaded.sources, &diags, color);
            let n = loaded.user_files.len();
            if diags.is_empty() {
                out.push_str(&format!("checked {}: no problems found\n", plural(n, "file")));
            } else {
                out.push_str(&format!(
                    "checked {}: {}, {}\n",
                    plural(n, "file"),
                    plural(summary.errors, "error"),
                    plural(summary.warnings, "warning")
                ));
            }
            print(&out);
        }
        Format::Json => print(&render::json(&loaded.sources, &diags, loaded.user_files.len())),
        Format::Sarif => print(&truthline::diagnostics::sarif::sarif(&loaded.sources, &diags)),
        Format::Github => print(&truthline::diagnostics::github::github(&loaded.sources, &diags)),
        Format::Junit => {
            let files: Vec<_> = loaded.user_files.iter().map(|(id, _)| *id).collect();
            print(&truthline::diagnostics::junit::junit(
                &loaded.sources,
                &diags,
                &files,
                "truthline check",
            ));
        }
    }
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    Ok(if diags.iter().any(|d| d.severity >= threshold) {
        Exit::Findings
    } else {
        Exit::Ok
    })
}
