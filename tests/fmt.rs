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
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
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
        let Ok(input) = std::fs::read_to_string(f) else {
            continue;
        };
        let Ok(out) = format(&input) else { continue };
        formatted += 1;
        let again =
            format(&out).unwrap_or_else(|d| panic!("{}: the output does not parse: {d:#?}\n{out}", f.display()));
        assert_eq!(again, out, "{}: not idempotent", f.display());
        let (before, _) = truthline::syntax::parse(FileId(0), &input);
        let (after, _) = truthline::syntax::parse(FileId(0), &out);
        assert_eq!(
            ast_shape(&before),
            ast_shape(&after),
            "{}: the tree changed",
            f.display()
        );
        if let Err(e) = verify(&input, &out) {
            panic!("{}: {e}", f.display());
        }
    }
    assert!(formatted >= 4, "only {formatted} files formatted");
}

/// The style people copy is the one the formatter writes: every example is formatted, and
/// so is every `truth` code block of the README and docs/ (each a file of its own).
#[test]
fn examples_and_documentation_snippets_are_in_the_canonical_format() {
    let mut files = Vec::new();
    truth_files(&root().join("examples"), &mut files);
    files.sort();
    assert!(files.len() >= 10, "the example is missing: {files:?}");
    let mut wrong = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let out = format(&text).unwrap_or_else(|d| panic!("{} does not parse: {d:#?}", f.display()));
        if out != text {
            wrong.push(format!("{}:\n{}", f.display(), first_difference(&text, &out)));
        }
    }
    let mut docs: Vec<PathBuf> = vec![root().join("README.md")];
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    docs.extend(pages);
    let mut snippets = 0;
    for doc in &docs {
        let text = std::fs::read_to_string(doc).unwrap();
        for (line, snippet) in truth_blocks(&text) {
            snippets += 1;
            let at = format!("{}:{line}", doc.display());
            let out = format(&snippet).unwrap_or_else(|d| panic!("{at}: the snippet does not parse: {d:#?}"));
            if out != snippet {
                wrong.push(format!("{at}:\n{}", first_difference(&snippet, &out)));
            }
        }
    }
    assert!(snippets >= 20, "only {snippets} `truth` blocks found");
    assert!(wrong.is_empty(), "not in the canonical format:\n{}", wrong.join("\n"));
}

/// The `truth` fenced blocks of a Markdown text, with the line each starts on.
fn truth_blocks(md: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, line) in md.lines().enumerate() {
        let fence = line.trim_start().starts_with("```");
        match &mut open {
            None if fence && line.trim_start().trim_start_matches('`').trim() == "truth" => {
                open = Some((i + 2, String::new()));
            }
            Some(_) if fence => out.extend(open.take()),
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {}
        }
    }
    out
}

/// The first line that differs, as written and as formatted.
fn first_difference(written: &str, formatted: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (written.lines().collect(), formatted.lines().collect());
    let i = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    format!(
        "  line {}\n  written:   {:?}\n  formatted: {:?}",
        i + 1,
        a.get(i).unwrap_or(&""),
        b.get(i).unwrap_or(&"")
    )
}

mod cli {
    use assert_cmd::Command;
    use std::path::Path;
    use std::time::{Duration, SystemTime};

    const MESSY: &str = "namespace n\nteam t {   contact \"x\" }\n";
    const TIDY: &str = "namespace n\n\nteam t {\n    contact \"x\"\n}\n";

    fn truthline(dir: &Path, args: &[&str]) -> (i32, String) {
        let out = Command::cargo_bin("truthline")
            .unwrap()
            .current_dir(dir)
            .args(["--color", "never"])
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
        (out.status.code().unwrap_or(-1), text)
    }

    fn old_mtime(path: &Path) -> SystemTime {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(t)
            .unwrap();
        t
    }

    #[test]
    fn rewrites_what_changes_and_touches_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.truth"), MESSY).unwrap();
        std::fs::write(dir.path().join("b.truth"), TIDY).unwrap();
        let before = old_mtime(&dir.path().join("b.truth"));
        let (code, out) = truthline(dir.path(), &["fmt", "."]);
        assert_eq!(code, 0, "{out}");
        assert!(
            out.contains("formatted ./a.truth") && out.contains("formatted 1 file, 1 already formatted"),
            "{out}"
        );
        assert_eq!(std::fs::read_to_string(dir.path().join("a.truth")).unwrap(), TIDY);
        assert_eq!(
            std::fs::metadata(dir.path().join("b.truth"))
                .unwrap()
                .modified()
                .unwrap(),
            before
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "a temporary file was left: {names:?}");
    }

    #[test]
    fn check_changes_nothing_and_fails_when_a_file_would_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.truth");
        std::fs::write(&file, MESSY).unwrap();
        let (code, out) = truthline(dir.path(), &["fmt", "a.truth", "--check"]);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains("would reformat a.truth\n--- a/a.truth\n+++ b/a.truth\n@@ -1,2 +1,5 @@\n namespace n\n-team t {   contact \"x\" }\n+\n+team t {"),
            "{out}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), MESSY);
        // The diff is minimal, with three lines of context: one change in a long file
        // shows that line and its neighbours only (`contact` of t10 is line 44: two
        // lines of namespace, four per team).
        let long: String = (0..20)
            .map(|i| format!("team t{i} {{\n    contact \"x\"\n}}\n\n"))
            .collect();
        let long = format!("namespace n\n\n{}", long.trim_end_matches('\n').to_string() + "\n");
        let messy = long.replace("team t10 {\n    contact \"x\"", "team t10 {\n  contact   \"x\"");
        std::fs::write(&file, &messy).unwrap();
        let (code, out) = truthline(dir.path(), &["fmt", "a.truth", "--check"]);
        assert_eq!(code, 1, "{out}");
        let patch = &out[out.find("--- a/").unwrap()..out.find("1 file would be").unwrap()];
        assert_eq!(
            patch,
            "--- a/a.truth\n+++ b/a.truth\n@@ -41,7 +41,7 @@\n }\n \n team t10 {\n-  contact   \"x\"\n+    contact \"x\"\n }\n \n team t11 {\n"
        );
        // It is a patch `git apply` takes: applied to the file, it gives the formatting.
        std::fs::write(dir.path().join("fmt.patch"), patch).unwrap();
        let applied = Command::new("git")
            .args(["apply", "--unsafe-paths", "-p1", "fmt.patch"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(applied.status.success(), "{}", String::from_utf8_lossy(&applied.stderr));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), long);
        std::fs::remove_file(dir.path().join("fmt.patch")).unwrap();
        std::fs::write(&file, TIDY).unwrap();
        let (code, out) = truthline(dir.path(), &["fmt", "a.truth", "--check"]);
        assert_eq!(code, 0, "{out}");
        assert!(
            out.contains("0 files would be reformatted, 1 already formatted"),
            "{out}"
        );
    }

    #[test]
    fn refuses_files_with_syntax_errors() {
        let dir = tempfile::tempdir().unwrap();
        let bad = "team t {   contakt \"x\" }\n";
        std::fs::write(dir.path().join("bad.truth"), bad).unwrap();
        std::fs::write(dir.path().join("good.truth"), MESSY).unwrap();
        let (code, out) = truthline(dir.path(), &["fmt", "."]);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains("error[S002]") && out.contains("1 file with errors left as it is"),
            "{out}"
        );
        assert_eq!(std::fs::read_to_string(dir.path().join("bad.truth")).unwrap(), bad);
        assert_eq!(std::fs::read_to_string(dir.path().join("good.truth")).unwrap(), TIDY);
    }

    #[test]
    fn io_failures_exit_2() {
        let dir = tempfile::tempdir().unwrap();
        let (code, out) = truthline(dir.path(), &["fmt", "missing.truth"]);
        assert_eq!(code, 2, "{out}");
        std::fs::write(dir.path().join("latin1.truth"), b"team t { contact \"caf\xe9\" }\n").unwrap();
        let (code, out) = truthline(dir.path(), &["fmt", "."]);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("not valid UTF-8"), "{out}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        std::fs::write(dir.path().join("real/a.truth"), MESSY).unwrap();
        std::os::unix::fs::symlink(dir.path().join("real/a.truth"), dir.path().join("link.truth")).unwrap();
        let (code, out) = truthline(dir.path(), &["fmt", "link.truth"]);
        assert_eq!(code, 0, "{out}");
        assert!(std::fs::symlink_metadata(dir.path().join("link.truth"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(dir.path().join("real/a.truth")).unwrap(), TIDY);
    }
}

/// A comment at the end of any line, or on a line of its own before any line, of every
/// formatting fixture survives formatting, which stays idempotent; so does a blank line.
#[test]
fn comments_anywhere_survive() {
    let mut files = Vec::new();
    truth_files(&root().join("tests/fixtures/fmt"), &mut files);
    files.sort();
    for f in &files {
        let Ok(input) = std::fs::read_to_string(f) else {
            continue;
        };
        if format(&input).is_err() {
            continue;
        }
        let lines: Vec<&str> = input.lines().collect();
        for i in 0..lines.len() {
            for variant in [0, 1, 2] {
                let mut v: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                match variant {
                    0 => v[i].push_str(" // probe"),
                    1 => v.insert(i, "// probe".to_string()),
                    _ => v.insert(i, String::new()),
                }
                let text = v.join("\n");
                // A probe inside a string or a SQL block is no comment, or may break it.
                let Ok(out) = format(&text) else { continue };
                if let Err(e) = verify(&text, &out) {
                    panic!(
                        "{} line {} variant {variant}: {e}\n{text}\n---\n{out}",
                        f.display(),
                        i + 1
                    );
                }
            }
        }
    }
}
