//! `truthline init` through the real binary: the new project checks with no finding at
//! all, is in the canonical format, and a second `init` overwrites nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod run;

use std::path::Path;

fn truthline(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run::truthline_in(dir, args)
}

#[test]
fn init_scaffolds_a_project_that_checks_clean_and_is_formatted() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, err) = truthline(tmp.path(), &["init", "shop"]);
    assert_eq!(code, 0, "{out}{err}");
    let dir = tmp.path().join("shop");
    for name in [
        "truthline.yaml",
        ".pre-commit-config.yaml",
        "teams.truth",
        "events.truth",
        "metrics.truth",
    ] {
        assert!(dir.join(name).is_file(), "{name} is missing:\n{out}");
    }
    // Every kind of declaration has an example.
    let all: String = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "truth"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for kind in [
        "team", "system", "concept", "event", "table", "expect", "metric", "consumer", "type", "struct", "columns",
    ] {
        assert!(
            all.lines().any(|l| l.starts_with(&format!("{kind} "))),
            "no `{kind}` example"
        );
    }

    let (code, out, err) = truthline(&dir, &["check", "--format", "json", "--fail-on", "warning"]);
    assert_eq!(code, 0, "{out}{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = report["diagnostics"].as_array().expect("a list of findings");
    assert!(findings.is_empty(), "the new project has findings: {out}");

    let (code, out, err) = truthline(&dir, &["fmt", "--check"]);
    assert_eq!(code, 0, "not in the canonical format:\n{out}{err}");

    // The project builds, too; in a git repository, nothing it writes shows as a change.
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    };
    git(&["init", "-q"]);
    let before = git(&["status", "--porcelain", "--untracked-files=all"]);
    let (code, out, err) = truthline(&dir, &["build", "--dialect", "postgres"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = truthline(&dir, &["docs"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(dir.join(".truthline/build").is_dir() && dir.join(".truthline/docs").is_dir());
    assert_eq!(git(&["status", "--porcelain", "--untracked-files=all"]), before);
    assert!(before.contains(".gitignore"), "{before}");
}

#[test]
fn init_keeps_an_existing_gitignore_and_says_what_it_lacks() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join(".gitignore"), "node_modules/\n").unwrap();
    let (code, out, err) = truthline(tmp.path(), &["init"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(".gitignore")).unwrap(),
        "node_modules/\n"
    );
    assert!(out.contains("add `/.truthline/` to it"), "{out}");
    // One that already covers the output folder gets no hint.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join(".gitignore"), ".truthline/\n").unwrap();
    let (code, out, err) = truthline(tmp.path(), &["init"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains(".gitignore"), "{out}");
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("teams.truth"), "// mine\n").unwrap();
    let (code, out, err) = truthline(tmp.path(), &["init"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("refusing to overwrite") && err.contains("teams.truth"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("teams.truth")).unwrap(),
        "// mine\n"
    );
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "init wrote files although it refused");
}
