//! `breaking --against git:REF --history` on a real git repository with several commits:
//! under a transitive mode, the current definition must read every earlier definition of
//! the event that REF's history holds, as a schema registry checks every registered
//! version, not only the one at REF.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod run;

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn project(mode: &str, fields: &str) -> String {
    format!(
        r##"namespace shop

team payments {{ contact "#payments" }}

system checkout {{ domain operational engine postgres owner payments read via events }}

event order_paid v1 {{
    owner          payments
    from           checkout
    compatibility  {mode}
    key            order_id
    delivery       exactly_once
    event_time     paid_at
    fields {{
        order_id  string
        paid_at   timestamp
{fields}
    }}
}}
"##
    )
}

/// A repository whose history holds three definitions of `order_paid v1`, edited in
/// place: without `n`, with `n int default 0`, then with `n` renamed `quantity`; the work
/// tree then drops the default.
fn repository(mode: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::create_dir(dir.join("contracts")).unwrap();
    let file = dir.join("contracts/shop.truth");
    for (fields, message) in [
        ("", "first definition"),
        ("        n         int default 0", "n with a default"),
        ("        quantity  int default 0 @renamed_from(n)", "n renamed quantity"),
    ] {
        std::fs::write(&file, project(mode, fields)).unwrap();
        // A commit that touches no contract is no state of its own.
        std::fs::write(dir.join("README.md"), message).unwrap();
        git(dir, &["add", "-A"]);
        git(dir, &["commit", "-q", "-m", message]);
    }
    std::fs::write(dir.join("NOTES.md"), "unrelated").unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "no contract touched"]);
    std::fs::write(&file, project(mode, "        quantity  int @renamed_from(n)")).unwrap();
    tmp
}

fn breaking(dir: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["breaking", "contracts", "--against", "git:main"];
    args.extend(extra);
    let (code, out, err) = run::truthline_in(dir, &args);
    (code, format!("{out}{err}"))
}

#[test]
fn history_finds_a_break_with_an_earlier_definition_that_the_baseline_hides() {
    let repo = repository("backward_transitive");
    let dir = repo.path();
    // Against REF alone, removing a default from a field both sides have breaks nothing.
    let (code, out) = breaking(dir, &[]);
    assert_eq!(code, 0, "{out}");
    // The first definition had no `n`: a reader without a default cannot read its data.
    let (code, out) = breaking(dir, &["--history"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("against its definition at "), "{out}");
    assert!(out.contains("`quantity`"), "{out}");
    // Exactly one earlier definition lacks the field; the report names it once.
    assert_eq!(out.matches("against its definition at ").count(), 1, "{out}");
}

#[test]
fn history_changes_nothing_under_a_mode_that_is_not_transitive() {
    let repo = repository("backward_transitive");
    let (code, out) = breaking(repo.path(), &["--history", "--mode", "backward"]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = breaking(repo.path(), &["--history", "--mode", "full-transitive"]);
    assert_eq!(code, 1, "{out}");
}

#[test]
fn history_needs_a_git_baseline() {
    let repo = repository("backward_transitive");
    let (code, out, err) = run::truthline_in(
        repo.path(),
        &["breaking", "contracts", "--against", "contracts", "--history"],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("`--history` reads the history of a git baseline"), "{err}");
}
