//! `truthline.yaml` through the real binary: rule levels, per-path overrides, `off`, and
//! invalid configurations (exit 2). Also: the standard library checks clean.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use std::path::Path;

/// A raw table without retention: `raw-missing-retention` (an error by default), and
/// nothing else to report.
const NO_RETENTION: &str = "namespace t\n\ntable raw_clicks {\n  layer raw\n  include std.raw_metadata\n}\n";

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn check(dir: &Path) -> (i32, serde_json::Value, String) {
    let out = Command::cargo_bin("truthline")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code().unwrap(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn severities(json: &serde_json::Value, name: &str) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["name"] == name)
        .map(|d| d["severity"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn without_config_the_default_level_applies() {
    let dir = project(&[("a.truth", NO_RETENTION)]);
    let (code, json, _) = check(dir.path());
    assert_eq!(severities(&json, "raw-missing-retention"), ["error"]);
    assert_eq!(code, 1);
}

#[test]
fn a_rule_can_be_lowered_to_a_warning_or_turned_off() {
    let dir = project(&[
        ("a.truth", NO_RETENTION),
        ("truthline.yaml", "rules:\n  raw-missing-retention: warning\n"),
    ]);
    let (code, json, _) = check(dir.path());
    assert_eq!(severities(&json, "raw-missing-retention"), ["warning"]);
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["severity"] != "error"),
        "{json:#}"
    );
    assert_eq!(code, 0);

    let dir = project(&[("a.truth", NO_RETENTION), ("truthline.yaml", "rules:\n  L003: off\n")]);
    let (_, json, _) = check(dir.path());
    assert!(severities(&json, "raw-missing-retention").is_empty());
}

#[test]
fn overrides_apply_per_path_and_the_last_match_wins() {
    let yaml = "rules:\n  raw-missing-retention: warning\noverrides:\n  - paths: [\"legacy/**\"]\n    rules:\n      raw-missing-retention: off\n  - paths: [\"legacy/keep/**\"]\n    rules:\n      raw-missing-retention: error\n";
    let dir = project(&[
        ("new.truth", NO_RETENTION),
        (
            "legacy/old.truth",
            &NO_RETENTION.replace("namespace t", "namespace old"),
        ),
        (
            "legacy/keep/kept.truth",
            &NO_RETENTION.replace("namespace t", "namespace kept"),
        ),
        ("truthline.yaml", yaml),
    ]);
    let (code, json, _) = check(dir.path());
    let mut found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["name"] == "raw-missing-retention")
        .map(|d| {
            (
                d["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("kept.truth".to_string(), "error".to_string()),
            ("new.truth".to_string(), "warning".to_string())
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn an_invalid_config_cannot_run() {
    for (yaml, expected) in [
        ("rules:\n  raw-retention: off\n", "did you mean `raw-missing-retention`"),
        ("rules:\n  S001: off\n", "is not a lint rule"),
        ("rulez: {}\n", "unknown field"),
        ("rules:\n  raw-missing-retention: loud\n", "unknown variant"),
        ("overrides:\n  - paths: [\"[\"]\n", "bad path pattern"),
    ] {
        let dir = project(&[("a.truth", NO_RETENTION), ("truthline.yaml", yaml)]);
        let (code, _, stderr) = check(dir.path());
        assert_eq!(code, 2, "{yaml}");
        assert!(stderr.contains(expected), "{yaml}: {stderr}");
        assert!(stderr.contains("truthline.yaml"), "names the file: {stderr}");
    }
}

#[test]
fn the_standard_library_checks_clean_on_its_own() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let (code, json, stderr) = check(&dir);
    assert_eq!(code, 0, "{json:#} {stderr}");
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{json:#}");
    assert_eq!(json["files_checked"], 4);
}
