//! Per-code fixtures: `tests/fixtures/codes/<code-name>/{reject,accept}_<what>.truth`.
//!
//! Every `reject_` case must report the folder's code and every `accept_` case must not;
//! the rendered human output of each case is snapshotted next to it (`<case>.snap`). A
//! registry test keeps the folders and `codes::all()` in step.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use truthline::diagnostics::codes::{self, Category};
use truthline::diagnostics::{render, Diagnostic};
use truthline::span::SourceMap;

/// Codes whose input is generated rather than written as a fixture; each is covered by the
/// named test instead.
const GENERATED: &[(&str, &str)] = &[
    // A file over 4 MiB: tests/robustness.rs `ten_megabytes_are_refused`.
    ("file-too-large", "tests/robustness.rs"),
    // 20,000 nested blocks and types: tests/robustness.rs `deep_*`.
    ("nesting-too-deep", "tests/robustness.rs"),
];

/// Codes whose fixtures are written but which `check_project` does not report yet, because
/// the stage that reports them is not wired into it. Their reject cases are not required to
/// report the code; once one does, this test fails so that the entry is removed.
/// Entries are `(code name, why)`.
const PENDING: &[(&str, &str)] = &[];

/// The categories whose every code must have a fixture folder here. Breaking rules have
/// their own baseline/current fixtures under `tests/fixtures/breaking/`, checked by
/// `tests/breaking.rs`.
const REQUIRED_CATEGORIES: &[Category] = &[Category::Syntax, Category::Semantic, Category::Lint];

fn codes_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codes")
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    out.sort();
    out
}

fn code_folders() -> Vec<PathBuf> {
    sorted_entries(&codes_dir())
        .into_iter()
        .filter(|p| p.is_dir())
        .collect()
}

fn cases(folder: &Path) -> Vec<PathBuf> {
    sorted_entries(folder)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "truth"))
        .collect()
}

fn file_stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

fn folder_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// Checks one fixture as a one-file project, the way `truthline check` does: the file (as
/// bytes, so invalid UTF-8 is reported) and the standard library.
fn check(folder: &str, path: &Path) -> (SourceMap, Vec<Diagnostic>) {
    let bytes = std::fs::read(path).unwrap();
    let mut sources = SourceMap::new();
    let name = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
    let (_, decode) = truthline::syntax::add_source(&mut sources, name, bytes);
    for (name, text) in truthline::stdlib::FILES {
        sources.add(*name, *text);
    }
    let mut diags: Vec<Diagnostic> = decode.into_iter().collect();
    // A fixed date, so sunsets and waiver expiries give the same verdict every day.
    let today = truthline::syntax::ast::Date {
        year: 2026,
        month: 6,
        day: 1,
    };
    diags.extend(
        truthline::check(
            &sources,
            &truthline::Options {
                today: Some(today),
                ..Default::default()
            },
        )
        .diagnostics,
    );
    truthline::diagnostics::sort(&mut diags);
    (sources, diags)
}

#[test]
fn every_fixture_reports_its_code_or_not_as_named() {
    let mut failures = Vec::new();
    let mut pending_reported = Vec::new();
    let mut ran = 0;
    for folder in code_folders() {
        let code = folder_name(&folder);
        let pending = PENDING.iter().any(|(c, _)| *c == code);
        for case in cases(&folder) {
            let name = file_stem(&case);
            let (sources, diags) = check(&code, &case);
            let found = diags.iter().any(|d| d.code.name == code);
            let codes_found: Vec<&str> = diags.iter().map(|d| d.code.name).collect();
            if name.starts_with("reject_") {
                if pending && found {
                    pending_reported.push(format!("{code}/{name}"));
                } else if !found && !pending {
                    failures.push(format!("{code}/{name}: expected `{code}`, got {codes_found:?}"));
                }
            } else if name.starts_with("accept_") {
                if found {
                    failures.push(format!(
                        "{code}/{name}: `{code}` reported, but the case is an accept case"
                    ));
                }
            } else {
                failures.push(format!("{code}/{name}: a case is named `reject_…` or `accept_…`"));
            }
            let text = render::human(&sources, &diags, false);
            insta::with_settings!({
                snapshot_path => folder.clone(),
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => format!("truthline check {code}/{name}.truth"),
            }, {
                insta::assert_snapshot!(name, text);
            });
            ran += 1;
        }
    }
    assert!(ran > 0, "no fixtures found under {}", codes_dir().display());
    assert!(
        pending_reported.is_empty(),
        "these pending codes are now reported; remove them from PENDING in tests/diagnostics.rs: {pending_reported:?}"
    );
    assert!(failures.is_empty(), "fixture failures:\n{}", failures.join("\n"));
}

#[test]
fn every_code_has_fixtures_and_every_fixture_folder_names_a_code() {
    let all = codes::all();
    let names: BTreeSet<&str> = all.iter().map(|c| c.name).collect();
    let generated: BTreeSet<&str> = GENERATED.iter().map(|(c, _)| *c).collect();
    let mut problems = Vec::new();

    for (code, _) in GENERATED.iter().chain(PENDING) {
        if !names.contains(code) {
            problems.push(format!("`{code}` is listed in tests/diagnostics.rs but is no code"));
        }
    }
    for folder in code_folders() {
        let name = folder_name(&folder);
        if !names.contains(name.as_str()) {
            problems.push(format!("tests/fixtures/codes/{name}/ names no code in codes::all()"));
        }
        if generated.contains(name.as_str()) {
            problems.push(format!("`{name}` has fixtures now: remove it from GENERATED"));
        }
    }
    for code in all.iter().filter(|c| REQUIRED_CATEGORIES.contains(&c.category)) {
        if generated.contains(code.name) {
            continue;
        }
        let folder = codes_dir().join(code.name);
        let rejects = if folder.is_dir() {
            cases(&folder)
                .iter()
                .filter(|p| file_stem(p).starts_with("reject_"))
                .count()
        } else {
            0
        };
        if rejects == 0 {
            problems.push(format!(
                "{} ({}) has no tests/fixtures/codes/{}/reject_*.truth",
                code.code, code.name, code.name
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_snapshot_belongs_to_a_case() {
    // A renamed or deleted case leaves its snapshot behind; insta does not notice.
    let mut orphans = Vec::new();
    for folder in code_folders() {
        for p in sorted_entries(&folder) {
            if p.extension().is_some_and(|e| e == "snap") && !p.with_extension("truth").exists() {
                orphans.push(p.display().to_string());
            }
        }
    }
    assert!(orphans.is_empty(), "snapshots without a case: {orphans:?}");
}
