//! `truthline init [DIR]`: a new project that checks clean, in the canonical format, with
//! a `truthline.yaml` and a pre-commit configuration. Never overwrites a file.

use super::output::print;
use super::{new_files, Exit};
use std::path::Path;

pub fn run(dir: &Path) -> miette::Result<Exit> {
    let files: Vec<(String, String)> = truthline::scaffold::files()
        .into_iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let written = new_files::write_all(dir, &files)?;
    let mut out = String::new();
    for p in &written {
        out.push_str(&format!("created {}\n", p.display()));
    }
    let shown = dir.display().to_string();
    out.push_str(&format!(
        "\na new project in `{shown}`, one example of each kind of declaration. Next:\n  \
         truthline check {shown}\n  \
         truthline fmt {shown}\n  \
         pre-commit install   (in the git repository; see {shown}/.pre-commit-config.yaml)\n"
    ));
    print(&out);
    Ok(Exit::Ok)
}
