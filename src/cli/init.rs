//! `truthline init [DIR]`: a new project that checks clean, in the canonical format, with
//! a `truthline.yaml` and a pre-commit configuration. Never overwrites a file.

use super::output::print;
use super::{new_files, Exit};
use std::path::Path;

pub fn run(dir: &Path) -> miette::Result<Exit> {
    use truthline::scaffold::{GITIGNORE, OUTPUT_DIR};
    // A `.gitignore` of the user's own (init in an existing repository) is kept, and is
    // not a reason to refuse: only a hint is printed when it lets the output in.
    let ignore = dir.join(GITIGNORE);
    let theirs = ignore.symlink_metadata().is_ok();
    let files: Vec<(String, String)> = truthline::scaffold::files()
        .into_iter()
        .filter(|(p, _)| !(theirs && *p == GITIGNORE))
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let written = new_files::write_all(dir, &files)?;
    let mut out = String::new();
    for p in &written {
        out.push_str(&format!("created {}\n", p.display()));
    }
    if theirs {
        let text = std::fs::read_to_string(&ignore).unwrap_or_default();
        let covered = text.lines().any(|l| l.trim().trim_matches('/') == OUTPUT_DIR);
        if !covered {
            out.push_str(&format!(
                "\nkept {} as it is; add `/{OUTPUT_DIR}/` to it so that what truthline writes is not committed\n",
                ignore.display()
            ));
        }
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
