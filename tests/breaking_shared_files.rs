//! `breaking` reads a baseline file that is byte for byte a current file only once (it is
//! that file). The report must be the one it would be if every baseline file were read
//! on its own: the same changes, the same affected consumers, the same locations, with
//! every baseline location still in a baseline file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn commerce() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/commerce")
}

/// The commerce example's contracts in a temporary folder, each file passed through `edit`.
fn copy_with(edit: impl Fn(&str, String) -> String) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(commerce()).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "truth") {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            let text = std::fs::read_to_string(&p).unwrap();
            std::fs::write(tmp.path().join(&name), edit(&name, text)).unwrap();
        }
    }
    tmp
}

fn replace_once(text: String, old: &str, new: &str) -> String {
    assert_eq!(text.matches(old).count(), 1, "`{old}` must occur once");
    text.replace(old, new)
}

fn breaking(project: &Path, baseline: &Path) -> Value {
    let out = Command::cargo_bin("truthline")
        .unwrap()
        .env("NO_COLOR", "1")
        .env("TRUTHLINE_TODAY", "2026-06-01")
        .args([
            "breaking",
            project.to_str().unwrap(),
            "--against",
            baseline.to_str().unwrap(),
        ])
        .args(["--format", "json"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Each location's file as (which side's folder, file name), so that reports over
/// different baseline folders compare.
fn normalized(mut report: Value, project: &Path, baseline: &Path) -> Value {
    report["baseline"] = Value::Null;
    for c in report["changes"].as_array_mut().unwrap() {
        for key in ["location", "baseline_location"] {
            if let Some(file) = c[key]["file"].as_str() {
                let p = Path::new(file);
                let side = if p.starts_with(project) {
                    "current"
                } else if p.starts_with(baseline) {
                    "baseline"
                } else {
                    panic!("{file} is in neither folder")
                };
                let name = p.file_name().unwrap().to_str().unwrap();
                c[key]["file"] = Value::String(format!("{side}/{name}"));
            }
        }
    }
    report
}

#[test]
fn identical_baseline_files_are_read_once_without_changing_the_report() {
    let current = copy_with(|name, text| match name {
        "metrics.truth" => replace_once(
            text,
            "    where       status = 'captured' and not is_test\n    time        booked_at",
            "    where       status = 'captured'\n    time        booked_at",
        ),
        "events.truth" => replace_once(text, "coupon          string?", "coupon          long?  "),
        _ => text,
    });
    // Every file but the two edited ones is byte for byte in the current project.
    let shared = copy_with(|_, text| text);
    // A comment at the end of each file: the same contracts at the same lines, but no
    // file is identical, so each is read on its own.
    let apart = copy_with(|_, text| text + "\n// baseline copy\n");

    let with_shared = breaking(current.path(), shared.path());
    let with_apart = breaking(current.path(), apart.path());
    let changes = with_shared["changes"].as_array().unwrap();
    assert!(changes.len() >= 2, "the two edits are found: {with_shared:#}");
    assert!(
        changes.iter().any(|c| c["affected"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "consumer `finance_dashboard`")),
        "a consumer declared in an unedited file is still found: {with_shared:#}"
    );
    let a = normalized(with_shared, current.path(), shared.path());
    let b = normalized(with_apart, current.path(), apart.path());
    assert_eq!(a, b);
    for c in a["changes"].as_array().unwrap() {
        if let Some(file) = c["baseline_location"]["file"].as_str() {
            assert!(file.starts_with("baseline/"), "{file}");
        }
    }
}
