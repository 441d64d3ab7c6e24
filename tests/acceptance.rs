//! The acceptance case, through the real binary: a file with three separate syntax
//! errors yields exactly three diagnostics, each with its code, `file:line:column`, the
//! offending span underlined and a hint; the exit code is 1.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const FILE: &str = "three_syntax_errors.truth";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acceptance")
}

/// `truthline check three_syntax_errors.truth …` run in the fixture's folder, so the path
/// printed is the same on every machine.
fn check(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("truthline")
        .unwrap()
        .current_dir(dir())
        .env("NO_COLOR", "1")
        .args(["check", FILE])
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().expect("the binary was killed"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// One rendered diagnostic: its header line and the lines under it up to the next blank line
/// that precedes another header.
fn blocks(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.starts_with("error[") || line.starts_with("warning[") || line.starts_with("note[") {
            out.push(String::new());
        }
        if let Some(b) = out.last_mut() {
            b.push_str(line);
            b.push('\n');
        }
    }
    out
}

#[test]
fn three_syntax_errors_give_three_diagnostics_and_exit_1() {
    let (code, stdout, stderr) = check(&["--color", "never"]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let found = blocks(&stdout);
    assert_eq!(found.len(), 3, "expected exactly three diagnostics:\n{stdout}");
    // (code, line, column, the underline under the offending text)
    let expected = [
        ("error[S002]", 4, 3, "^^^^^^^"), // `contakt`
        ("error[S003]", 7, 1, "^^^^"),    // `evnt`
        ("error[S001]", 13, 12, "^^"),    // `3x`
    ];
    for (block, (header, line, column, underline)) in found.iter().zip(expected) {
        assert!(block.starts_with(header), "expected {header}:\n{block}");
        assert!(
            block.contains(&format!("┌─ {FILE}:{line}:{column}\n")),
            "expected {FILE}:{line}:{column}:\n{block}"
        );
        // The caret line under the source line starts at the column of the span.
        let carets = block
            .lines()
            .find(|l| l.contains('^'))
            .unwrap_or_else(|| panic!("no underline:\n{block}"));
        let bar = carets.find('│').unwrap() + '│'.len_utf8();
        let after_bar = &carets[bar..];
        let at = after_bar.find('^').unwrap();
        assert_eq!(
            at, column,
            "underline starts at column {column} (a blank follows the bar):\n{block}"
        );
        assert!(
            after_bar[at..].starts_with(underline) && !after_bar[at + underline.len()..].starts_with('^'),
            "{block}"
        );
        assert!(block.contains("= help: "), "every diagnostic carries a hint:\n{block}");
    }
    assert!(stdout.ends_with("checked 1 file: 3 errors, 0 warnings\n"), "{stdout}");

    insta::with_settings!({
        snapshot_path => dir(),
        prepend_module_to_snapshot => false,
        omit_expression => true,
        description => format!("truthline check {FILE} --color never"),
    }, {
        insta::assert_snapshot!("three_syntax_errors", stdout);
    });
}

#[test]
fn the_same_three_diagnostics_as_json() {
    let (code, stdout, _) = check(&["--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    let got: Vec<(String, String, u64, u64, bool)> = diags
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["help"].as_str().is_some_and(|h| !h.is_empty()),
            )
        })
        .collect();
    let want: Vec<(String, String, u64, u64, bool)> = [
        ("unknown-entry", 4, 3),
        ("unknown-declaration", 7, 1),
        ("syntax-error", 13, 12),
    ]
    .into_iter()
    .map(|(n, l, c)| (n.to_string(), FILE.to_string(), l, c, true))
    .collect();
    assert_eq!(got, want);
}
