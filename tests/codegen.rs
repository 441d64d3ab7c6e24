//! The SQL `build` generates for the commerce example, per dialect, snapshotted; it is
//! byte-identical from run to run; `truthline build` writes it atomically and never
//! replaces a folder it did not write.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use truthline::codegen::sql::dialect::DialectName;

mod example;
use example::{model, truthline};

#[test]
fn every_dialect_of_the_example_is_snapshotted() {
    let model = model();
    for d in DialectName::ALL {
        let files = truthline::codegen::sql::generate(&model, &[d]).unwrap();
        let joined: String = files
            .iter()
            .map(|f| format!("==> {} <==\n{}\n", f.path, f.contents))
            .collect();
        insta::with_settings!({snapshot_path => "fixtures/codegen", prepend_module_to_snapshot => false, omit_expression => true}, {
            insta::assert_snapshot!(format!("commerce_{}", d.as_str()), joined);
        });
    }
}

#[test]
fn generation_is_deterministic() {
    let a = truthline::codegen::sql::generate(&model(), &DialectName::ALL).unwrap();
    let b = truthline::codegen::sql::generate(&model(), &DialectName::ALL).unwrap();
    assert_eq!(a, b);
}

#[test]
fn names_and_strings_from_contracts_cannot_escape_their_quotes() {
    for d in DialectName::ALL {
        let dialect = d.dialect();
        // Contract names are plain identifiers (the grammar allows no quotes), so quoting
        // is a second line of defence; sqlparser cannot read BigQuery's `\`` escape.
        let ident = dialect.ident(if d == DialectName::Bigquery { "a\"b c" } else { "a\"b`c" });
        let literal = dialect.string("it's a \\' trap'; DROP TABLE users; --");
        let sql = format!("SELECT {literal} AS {ident}");
        let parsed = sqlparser::parser::Parser::parse_sql(dialect.parser().as_ref(), &sql)
            .unwrap_or_else(|e| panic!("{}: {sql}: {e}", d.as_str()));
        assert_eq!(parsed.len(), 1, "{}: {sql}", d.as_str());
    }
}

#[test]
fn build_writes_every_dialect_and_replaces_its_own_output_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = out.to_str().unwrap();
    let (code, stdout, stderr) = truthline(&[
        "build",
        "examples/commerce",
        "--out",
        o,
        "--dialect",
        "postgres",
        "--dialect",
        "mysql",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(out
        .join("sql/postgres/commerce/metrics/metric_net_revenue_v2.sql")
        .is_file());
    assert!(out.join("sql/mysql/deploy_order.txt").is_file());
    assert!(!out.join("sql/duckdb").exists());
    // A second build replaces the first as a whole: nothing stale is left behind.
    std::fs::write(out.join("sql/stale.sql"), "--").unwrap();
    let (code, ..) = truthline(&["build", "examples/commerce", "--out", o, "--dialect", "duckdb"]);
    assert_eq!(code, 0);
    assert!(out.join("sql/duckdb/deploy_order.txt").is_file());
    assert!(!out.join("sql/stale.sql").exists() && !out.join("sql/postgres").exists());
    // No temporary folder is left next to it.
    let siblings: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(siblings, ["out"]);
}

#[test]
fn build_refuses_a_folder_it_did_not_write_and_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("notes");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("keep.txt"), "my notes").unwrap();
    let (code, _, stderr) = truthline(&["build", "examples/commerce", "--out", mine.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("truthline did not write"), "{stderr}");
    assert_eq!(std::fs::read_to_string(mine.join("keep.txt")).unwrap(), "my notes");
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let (code, _, stderr) = truthline(&["build", "examples/commerce", "--out", file.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    let (code, _, stderr) = truthline(&[
        "build",
        "examples/commerce",
        "--dialect",
        "oracle",
        "--out",
        dir.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("unknown dialect"), "{stderr}");
}

#[test]
fn a_project_with_errors_builds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.truth"),
        "namespace x\nmetric m v1 { measure sum(\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, stdout, _) = truthline(&["build", dir.path().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("nothing was built"), "{stdout}");
    assert!(!Path::new(&out).exists());
}
