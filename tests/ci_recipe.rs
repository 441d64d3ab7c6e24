//! The CI recipes of `examples/ci/`: the GitHub Actions workflow parses and runs the
//! gate it documents; the shell recipe, run for real on a git repository, passes a clean
//! change and fails a breaking one.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

#[test]
fn the_github_workflow_parses_and_runs_the_gate() {
    let text = std::fs::read_to_string(root().join("examples/ci/github-actions.yml")).unwrap();
    let wf: Value = truthline::yaml::from_str(&text).unwrap();
    let jobs = wf["jobs"].as_object().expect("jobs");
    let steps: Vec<&Value> = jobs.values().flat_map(|j| j["steps"].as_array().unwrap()).collect();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    let has_run = |needle: &str| runs.iter().any(|r| r.contains(needle));
    assert!(has_run("truthline check \"$CONTRACTS\" --format github"));
    assert!(has_run("truthline check \"$CONTRACTS\" --format sarif"));
    assert!(has_run(
        "truthline breaking \"$CONTRACTS\" --against \"git:origin/${{ github.base_ref }}\" --format github"
    ));
    assert!(has_run("--format sarif > breaking.sarif"));
    assert!(has_run("--format markdown > breaking.md"));
    let comment = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("marocchino/sticky-pull-request-comment@"))
        })
        .expect("the breaking changes are posted as a comment");
    assert_eq!(comment["with"]["path"], "breaking.md");
    assert_eq!(jobs["contracts"]["permissions"]["pull-requests"], "write");
    assert!(has_run("truthline build \"$CONTRACTS\" --out build"));
    assert_eq!(
        uses.iter()
            .filter(|u| u.starts_with("github/codeql-action/upload-sarif@"))
            .count(),
        2
    );
    let pages = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("the docs site is published");
    assert_eq!(pages["with"]["path"], "build/docs");
    assert_eq!(jobs["contracts"]["permissions"]["security-events"], "write");
    // The flags the workflow passes exist.
    for args in [
        ["check", "--format", "github"],
        ["check", "--format", "sarif"],
        ["breaking", "--format", "github"],
        ["breaking", "--format", "markdown"],
    ] {
        let out = Command::new(assert_cmd::cargo::cargo_bin("truthline"))
            .args(args)
            .arg("--help")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@t.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@t.invalid")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn run_recipe(dir: &Path) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("truthline");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg(root().join("examples/ci/ci.sh"))
        .current_dir(dir)
        .env("PATH", path)
        .env("BASE", "main")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn the_shell_recipe_passes_a_clean_change_and_fails_a_breaking_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let init = Command::new(assert_cmd::cargo::cargo_bin("truthline"))
        .args(["init", "."])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(init.status.success());
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "init"]);
    git(dir, &["checkout", "-q", "-b", "feature"]);

    let (code, log) = run_recipe(dir);
    assert_eq!(code, 0, "{log}");
    assert!(dir.join("reports/check.xml").is_file() && dir.join("reports/breaking.xml").is_file());
    assert!(dir.join("build").is_dir(), "the project was not built:\n{log}");

    // A field's type changes: the gate fails and nothing is built.
    std::fs::remove_dir_all(dir.join("build")).unwrap();
    let events = dir.join("events.truth");
    let text = std::fs::read_to_string(&events).unwrap();
    std::fs::write(&events, text.replace("order_id   string", "order_id   long")).unwrap();
    let (code, log) = run_recipe(dir);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("order_id"), "{log}");
    assert!(!dir.join("build").exists());
}
