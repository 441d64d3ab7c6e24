//! The syntax tree of every `tests/fixtures/parse/accept_*.truth`, snapshotted as YAML next
//! to the fixture (`<case>.snap`). Spans print as `file:start..end` byte ranges.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use truthline::span::FileId;

fn parse_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parse")
}

fn fixtures() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(parse_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "truth"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_accept_fixture_parses_cleanly_to_the_snapshotted_tree() {
    let files = fixtures();
    assert!(!files.is_empty(), "no fixtures under {}", parse_dir().display());
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("accept_"),
            "{name}: parse fixtures are `accept_…` cases"
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let (tree, diags) = truthline::syntax::parse(FileId(0), &text);
        let messages: Vec<String> = diags.iter().map(|d| format!("{} {}", d.code.name, d.message)).collect();
        assert!(messages.is_empty(), "{name} does not parse cleanly: {messages:#?}");
        insta::with_settings!({
            snapshot_path => parse_dir(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("syntax tree of tests/fixtures/parse/{name}.truth"),
        }, {
            insta::assert_yaml_snapshot!(name, tree);
        });
    }
}

#[test]
fn parsing_is_deterministic() {
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        let a = truthline::syntax::parse(FileId(0), &text);
        let b = truthline::syntax::parse(FileId(0), &text);
        assert_eq!(a.0, b.0, "{}", path.display());
        assert_eq!(a.1, b.1, "{}", path.display());
    }
}
