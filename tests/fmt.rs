//! `truthline fmt`: fixtures under `tests/fixtures/fmt/<case>/input.truth` with their
//! formatting snapshotted next to them, every contract of the repository formatted, and
//! the command line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use truthline::fmt::{ast_shape, format, verify};
use truthline::span::FileId;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/fmt", "*/input.truth", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        let out = format(&input).unwrap_or_else(|d| panic!("{} does not parse: {d:#?}", path.display()));
        if let Err(e) = verify(&input, &out) {
            panic!("{}: {e}\n{out}", path.display());
        }
        let mut settings = insta::Settings::clone_current();
        settings.remove_snapshot_suffix();
        settings.set_snapshot_path(path.parent().unwrap());
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!("formatted", out));
    });
}

fn truth_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            truth_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "truth") {
            out.push(p);
        }
    }
}

/// Every contract of the repository that parses formats to a text that says the same thing
/// and is formatted itself.
#[test]
fn every_contract_formats_idempotently_and_keeps_its_meaning() {
    let mut files = Vec::new();
    for dir in ["tests/fixtures", "examples", "contracts"] {
        truth_files(&root().join(dir), &mut files);
    }
    files.sort();
    let mut formatted = 0;
    for f in &files {
        // Fixtures of invalid UTF-8 and of syntax errors are not formatted.
        let Ok(input) = std::fs::read_to_string(f) else { continue };
        let Ok(out) = format(&input) else { continue };
        formatted += 1;
        let again = format(&out).unwrap_or_else(|d| panic!("{}: the output does not parse: {d:#?}\n{out}", f.display()));
        assert_eq!(again, out, "{}: not idempotent", f.display());
        let (before, _) = truthline::syntax::parse(FileId(0), &input);
        let (after, _) = truthline::syntax::parse(FileId(0), &out);
        assert_eq!(ast_shape(&before), ast_shape(&after), "{}: the tree changed", f.display());
        if let Err(e) = verify(&input, &out) {
            panic!("{}: {e}", f.display());
        }
    }
    assert!(formatted >= 4, "only {formatted} files formatted");
}
