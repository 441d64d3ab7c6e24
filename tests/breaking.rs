//! Breaking-change fixtures, in the manner of buf's `testdata/breaking`:
//!
//! ```text
//! tests/fixtures/breaking/<rule-name>/<case>/baseline/*.truth
//! tests/fixtures/breaking/<rule-name>/<case>/current/*.truth
//! tests/fixtures/breaking/<rule-name>/<case>/current/truthline.yaml   (optional: its `breaking:` section)
//! tests/fixtures/breaking/<rule-name>/<case>/args                     (optional: `--mode MODE`, as on the command line)
//! tests/fixtures/breaking/<rule-name>/<case>/changes.snap             (the JSON report, reviewed)
//! ```
//!
//! Each case is compared the way `truthline breaking current --against baseline` does it:
//! both folders and the standard library in one source map, each side checked on its own
//! (today is 2026-06-01), the settings taken from the config and the arguments. The case
//! name says the expected verdict for the folder's rule:
//!
//! - `reject_<what>`: the rule reports a change that *fails the gate*: one that is not
//!   allowed (by a new version, an acknowledgement, the level or an unconsumed element)
//!   and is either breaking or at least a warning (what `--fail-on warning` fails on; a
//!   warning-only rule such as `field-default-changed` is never "breaking");
//! - `accept_<what>`: the rule reports no such change (it may report an allowed or a
//!   compatible one).
//!
//! The JSON report of every case is snapshotted next to it: it carries every change with
//! its exact location in both files. A registry test keeps the folders and the rules in
//! step.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use truthline::checks::breaking::{self, report, Change, Input, Settings};
use truthline::config::Config;
use truthline::diagnostics::codes::Category;
use truthline::diagnostics::Severity;
use truthline::span::{FileId, SourceMap};
use truthline::syntax::ast::{CompatMode, Date};

/// The day every case is compared on (sunsets, acknowledgement expiries).
const TODAY: Date = Date {
    year: 2026,
    month: 6,
    day: 1,
};

/// Cases whose verdict is known to be wrong because of an engine limitation, each with
/// why. The harness requires them to still fail, so that the entry is removed once the
/// engine is fixed. Entries are `("<rule-name>/<case>", why)`.
const PENDING: &[(&str, &str)] = &[];

/// `TRUTHLINE_BREAKING_CASES=field-renamed,enum-symbol-added/reject_` runs only the cases
/// whose `<rule>/<case>` starts with one of the prefixes.
fn selected(id: &str) -> bool {
    match std::env::var("TRUTHLINE_BREAKING_CASES") {
        Ok(list) if !list.trim().is_empty() => list.split(',').any(|p| id.starts_with(p.trim())),
        _ => true,
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/breaking")
}

fn dirs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

fn name_of(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// Every `.truth` file under `dir`, sorted, with its path relative to `dir`.
fn truth_files(dir: &Path) -> Vec<(String, PathBuf)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else if p.extension().is_some_and(|e| e == "truth") {
                let rel = p.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, p));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A compared case: the source map (for locations) and the judged changes.
struct Compared {
    sources: SourceMap,
    changes: Vec<Change>,
}

fn mode_from_args(case: &Path) -> Option<CompatMode> {
    let text = std::fs::read_to_string(case.join("args")).ok()?;
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [] => None,
        ["--mode", mode] => Some(
            serde_json::from_value(serde_json::Value::String(mode.replace('-', "_")))
                .unwrap_or_else(|e| panic!("{}: unknown mode `{mode}`: {e}", case.display())),
        ),
        _ => panic!("{}/args: only `--mode MODE` is supported, got {text:?}", case.display()),
    }
}

fn compare(case: &Path) -> Compared {
    let label = format!("{}/{}", name_of(case.parent().unwrap()), name_of(case));
    let config_path = case.join("current/truthline.yaml");
    let config = match std::fs::read_to_string(&config_path) {
        Ok(text) => Config::parse(&text).unwrap_or_else(|e| panic!("{label}: truthline.yaml: {}", e.message)),
        Err(_) => Config::default(),
    };
    let mut sources = SourceMap::new();
    let side = |dir: &str, sources: &mut SourceMap| -> Vec<FileId> {
        let files = truth_files(&case.join(dir));
        assert!(!files.is_empty(), "{label}: no .truth files in {dir}/");
        files
            .into_iter()
            .map(|(rel, path)| {
                let (id, decode) =
                    truthline::syntax::add_source(sources, format!("{dir}/{rel}"), std::fs::read(path).unwrap());
                assert!(decode.is_none(), "{label}: {dir}/{rel} is not UTF-8");
                id
            })
            .collect()
    };
    let base_ids = side("baseline", &mut sources);
    let current_ids = side("current", &mut sources);
    let std_ids: Vec<FileId> = truthline::stdlib::FILES
        .iter()
        .map(|(name, text)| sources.add(*name, *text))
        .collect();
    let options = truthline::Options {
        today: Some(TODAY),
        config,
    };
    let check = |ids: &[FileId]| {
        let all: Vec<FileId> = ids.iter().chain(&std_ids).copied().collect();
        truthline::check_files(&sources, &all, &options)
    };
    let (old, new) = (check(&base_ids), check(&current_ids));
    // A fixture that does not parse or resolve would compare a partial model and pass
    // for the wrong reason.
    for (which, checked) in [("baseline", &old), ("current", &new)] {
        let errors: Vec<String> = checked
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Error && matches!(d.code.category, Category::Syntax | Category::Semantic)
            })
            .map(|d| format!("{} {}", d.code.name, d.message))
            .collect();
        assert!(errors.is_empty(), "{label}: the {which} side has errors: {errors:#?}");
    }
    let cfg = &options.config.breaking;
    let settings = Settings {
        default_mode: cfg.mode,
        mode_override: mode_from_args(case),
        level: cfg.level,
        allow_unconsumed: cfg.allow_unconsumed,
        acknowledgements: cfg.acknowledged.clone(),
        today: Some(TODAY),
    };
    let changes = breaking::compare(&Input {
        old: &old.model,
        new: &new.model,
        settings: &settings,
    });
    Compared { sources, changes }
}

/// Whether a change fails the gate: not allowed, and breaking or at least a warning.
fn fails(c: &Change) -> bool {
    c.allowed.is_none() && (c.breaking || c.severity >= Severity::Warning)
}

#[test]
fn every_case_reports_its_rule_as_named() {
    let mut failures = Vec::new();
    let mut pending_fixed = Vec::new();
    let mut ran = 0;
    for folder in dirs(&root()) {
        let rule = name_of(&folder);
        for case in dirs(&folder) {
            let name = name_of(&case);
            let id = format!("{rule}/{name}");
            if !selected(&id) {
                continue;
            }
            let Compared { sources, changes } = compare(&case);
            let flagged: Vec<&Change> = changes.iter().filter(|c| c.code.name == rule && fails(c)).collect();
            let summary: Vec<String> = changes
                .iter()
                .map(|c| {
                    format!(
                        "{} {} {} ({:?}, allowed: {:?})",
                        c.code.name, c.name, c.path, c.severity, c.allowed
                    )
                })
                .collect();
            let problem = if name.starts_with("reject_") {
                if flagged.is_empty() {
                    Some(format!(
                        "{id}: expected `{rule}` to fail the gate; changes: {summary:#?}"
                    ))
                } else {
                    flagged
                        .iter()
                        .find(|c| c.new_span.is_none() && c.old_span.is_none())
                        .map(|c| format!("{id}: `{rule}` reported `{}` without a location", c.message))
                }
            } else if name.starts_with("accept_") {
                (!flagged.is_empty())
                    .then(|| format!("{id}: `{rule}` fails the gate in an accept case; changes: {summary:#?}"))
            } else {
                Some(format!("{id}: a case is named `reject_…` or `accept_…`"))
            };
            let pending = PENDING.iter().any(|(p, _)| *p == id);
            match (problem, pending) {
                (Some(p), false) => failures.push(p),
                (None, true) => pending_fixed.push(id.clone()),
                _ => {}
            }
            let json = report::json(&sources, &changes, "baseline");
            insta::with_settings!({
                snapshot_path => case.clone(),
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => format!("truthline breaking {id}/current --against {id}/baseline --format json"),
            }, {
                insta::assert_snapshot!("changes", json);
            });
            ran += 1;
        }
    }
    assert!(ran > 0, "no cases under {}", root().display());
    assert!(
        pending_fixed.is_empty(),
        "these cases now pass; remove them from PENDING in tests/breaking.rs: {pending_fixed:?}"
    );
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_reject_and_accept_cases() {
    let codes = breaking::codes();
    let names: BTreeSet<&str> = codes.iter().map(|c| c.name).collect();
    let mut problems = Vec::new();
    for folder in dirs(&root()) {
        let name = name_of(&folder);
        if !names.contains(name.as_str()) {
            problems.push(format!("tests/fixtures/breaking/{name}/ names no breaking rule"));
        }
    }
    for (id, _) in PENDING {
        if !root().join(id).is_dir() {
            problems.push(format!("PENDING lists `{id}`, which is no case"));
        }
    }
    let mut missing = Vec::new();
    for code in &codes {
        let folder = root().join(code.name);
        let cases: Vec<String> = if folder.is_dir() {
            dirs(&folder).iter().map(|p| name_of(p)).collect()
        } else {
            Vec::new()
        };
        let lacks: Vec<&str> = ["reject_", "accept_"]
            .into_iter()
            .filter(|k| !cases.iter().any(|c| c.starts_with(k)))
            .collect();
        if !lacks.is_empty() {
            let what = lacks.iter().map(|k| format!("{k}*")).collect::<Vec<_>>().join(" and ");
            missing.push(format!(
                "  {} {}: no tests/fixtures/breaking/{}/{what}",
                code.code, code.name, code.name
            ));
        }
    }
    if !missing.is_empty() {
        problems.push(format!(
            "{} rule(s) lack fixture cases:\n{}",
            missing.len(),
            missing.join("\n")
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_case_has_both_sides_and_every_snapshot_a_case() {
    let mut problems = Vec::new();
    for folder in dirs(&root()) {
        for case in dirs(&folder) {
            for side in ["baseline", "current"] {
                if !case.join(side).is_dir() {
                    problems.push(format!("{}: no {side}/ folder", case.display()));
                }
            }
            for entry in std::fs::read_dir(&case).unwrap() {
                let p = entry.unwrap().path();
                let file = name_of(&p);
                let known = ["baseline", "current", "args", "changes.snap"];
                if !known.contains(&file.as_str()) {
                    problems.push(format!(
                        "{}: unexpected `{file}` (a leftover `.snap.new`?)",
                        case.display()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
