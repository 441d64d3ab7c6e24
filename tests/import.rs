//! `truthline import` through the real binary, on the schemas in
//! `tests/fixtures/import/`: the contracts written (snapshotted), what was reported about
//! facts that could not be carried over, and what `truthline check` then says of them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod run;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn truthline(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run::truthline_in(dir, args)
}

/// Imports one fixture into a fresh folder: the report and the files written.
fn import(format: &str, fixture: &str) -> (tempfile::TempDir, String, BTreeMap<String, String>) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("contracts");
    let (code, stdout, stderr) = truthline(
        &fixtures(),
        &["import", format, fixture, "--out", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let mut files = BTreeMap::new();
    for e in std::fs::read_dir(&out).unwrap() {
        let p = e.unwrap().path();
        files.insert(
            p.file_name().unwrap().to_string_lossy().into_owned(),
            std::fs::read_to_string(&p).unwrap(),
        );
    }
    (tmp, stdout, files)
}

/// `text` with every run of spaces made one.
fn squeezed(text: &str) -> String {
    text.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn joined(files: &BTreeMap<String, String>) -> String {
    files.iter().map(|(n, t)| format!("=== {n}\n{t}")).collect()
}

/// The codes of the findings in a human report, in order.
fn codes(report: &str) -> Vec<String> {
    report
        .lines()
        .filter_map(|l| {
            let l = l.strip_prefix("warning[").or(l.strip_prefix("error["))?;
            Some(l[..4].to_string())
        })
        .collect()
}

/// `truthline check` of the imported folder, as JSON: the codes found.
fn check_codes(dir: &Path) -> Vec<String> {
    let (_, out, err) = truthline(dir, &["check", "contracts", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    let mut c: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    c.sort();
    c.dedup();
    c
}

#[test]
fn avro_records_enums_unions_logical_types_defaults_and_aliases() {
    let (tmp, report, files) = import("avro", "order_paid.avsc");
    insta::assert_snapshot!(joined(&files));
    let text = &files["order_paid.truth"];
    for line in [
        "type channel = enum(web, ios, android, other)",
        "channel         channel default web @enum_default(other)",
        "customer_email  string? default null @renamed_from(email)",
        "amount          decimal(18,2)",
        "paid_at         timestamp(6)",
        "billing         address? default null",
        "ref             union<string, long>",
    ] {
        // What the line says, not how the formatter lines it up.
        assert!(squeezed(text).contains(&squeezed(line)), "`{line}` missing:\n{text}");
    }
    // The union of two types is kept; the sort order and the custom property are reported.
    assert_eq!(codes(&report), ["I002", "I002"], "{report}");
    // What Avro cannot say, and the check asks for: owner, key, event time, dedupe, mode.
    assert_eq!(check_codes(tmp.path()), ["L007", "L008", "L009", "L014", "L018"]);
}

#[test]
fn json_schema_types_formats_required_constraints_and_refs() {
    let (tmp, report, files) = import("json-schema", "customer.schema.json");
    insta::assert_snapshot!(joined(&files));
    assert!(report.contains("the keyword `multipleOf` is left out"), "{report}");
    assert_eq!(check_codes(tmp.path()), ["L007", "L008", "L009", "L014", "L018"]);
}

#[test]
fn postgres_ddl_columns_keys_foreign_keys_checks_check_clean() {
    let (tmp, report, files) = import("postgres", "shop.postgres.sql");
    insta::assert_snapshot!(joined(&files));
    assert!(report.contains("`JSONB` has no exact contract type"), "{report}");
    assert!(report.contains("`CREATE INDEX orders_customer"), "{report}");
    assert!(report.contains("the default `now()` of `created_at`"), "{report}");
    assert!(check_codes(tmp.path()).is_empty());
}

#[test]
fn mysql_ddl_enums_comments_composite_keys_check_clean() {
    let (tmp, report, files) = import("mysql", "shop.mysql.sql");
    insta::assert_snapshot!(joined(&files));
    assert!(report.contains("does not say unsigned"), "{report}");
    assert!(check_codes(tmp.path()).is_empty());
}

#[test]
fn odcs_objects_properties_keys_classification_check_clean() {
    let (tmp, report, files) = import("odcs", "orders.odcs.yaml");
    insta::assert_snapshot!(joined(&files));
    assert!(
        report.contains("`quality` of `orders.reference` is left out"),
        "{report}"
    );
    assert!(report.contains("the section `slaProperties` is left out"), "{report}");
    assert!(check_codes(tmp.path()).is_empty());
}

#[test]
fn unreadable_input_is_an_error_with_its_position_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bad.avsc"), "{\"type\": \"record\",\n \"fields\": [}\n").unwrap();
    let (code, out, err) = truthline(tmp.path(), &["import", "avro", "bad.avsc", "--out", "out"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("error[I001]") && out.contains("bad.avsc:2:"), "{out}");
    assert!(!tmp.path().join("out").exists(), "a folder was written");

    std::fs::write(tmp.path().join("bad.sql"), "CREATE TABLE t (a int,, b int);\n").unwrap();
    let (code, out, _) = truthline(tmp.path(), &["import", "postgres", "bad.sql", "--out", "out"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[I001]") && out.contains("bad.sql:1:"), "{out}");
}

#[test]
fn import_never_overwrites_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("order_paid.truth"), "// mine\n").unwrap();
    let avsc = fixtures().join("order_paid.avsc");
    let (code, out, err) = truthline(tmp.path(), &["import", "avro", avsc.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("refusing to overwrite"), "{err}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("order_paid.truth")).unwrap(),
        "// mine\n"
    );
}

#[test]
fn a_generated_schema_of_300_tables_imports_and_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen_ddl.py");
    let sql = std::process::Command::new("python3")
        .arg(script)
        .arg("300")
        .output()
        .unwrap();
    assert!(sql.status.success());
    std::fs::write(tmp.path().join("schema.sql"), &sql.stdout).unwrap();
    let (code, out, err) = truthline(tmp.path(), &["import", "postgres", "schema.sql", "--out", "contracts"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("imported 300 contract files"), "{out}");
    let (code, out, err) = truthline(tmp.path(), &["check", "contracts"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("no problems found"), "{out}");
}
