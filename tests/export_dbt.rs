//! `truthline export dbt` of the commerce example, read by the real `dbt parse`
//! (dbt-core with the DuckDB adapter, installed by `scripts/dbt.sh`, which test.sh
//! sources, and named by `TRUTHLINE_DBT`; without it the test fails, never skips).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

#[test]
fn dbt_parse_accepts_the_exported_commerce_project() {
    let dbt = std::env::var("TRUTHLINE_DBT")
        .expect("TRUTHLINE_DBT names the dbt binary: run scripts/test.sh, or `source scripts/dbt.sh` first");
    let tmp = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/commerce");
    let project = tmp.path().join("dbt");
    let out = Command::cargo_bin("truthline")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["export", "dbt"])
        .arg(&example)
        .arg("--out")
        .arg(&project)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));

    // Every model enforces its contract, with a data type for every column.
    let schema: Value =
        truthline::yaml::from_str(&std::fs::read_to_string(project.join("models/schema.yml")).unwrap()).unwrap();
    let models = schema["models"].as_array().unwrap();
    assert!(models.len() >= 5, "{schema}");
    for m in models {
        assert_eq!(m["config"]["contract"]["enforced"], Value::Bool(true), "{m}");
        for c in m["columns"].as_array().unwrap() {
            assert!(c["data_type"].is_string(), "{c}");
        }
    }

    std::fs::write(
        tmp.path().join("profiles.yml"),
        format!(
            "truthline:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {}\n",
            tmp.path().join("warehouse.duckdb").display()
        ),
    )
    .unwrap();
    let parsed = std::process::Command::new(&dbt)
        .args(["parse", "--no-partial-parse", "--profiles-dir"])
        .arg(tmp.path())
        .arg("--project-dir")
        .arg(&project)
        .env("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&parsed.stdout),
        String::from_utf8_lossy(&parsed.stderr)
    );
    assert!(parsed.status.success(), "dbt parse failed:\n{log}");

    // dbt read the models, their contracts and the tests.
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(project.join("target/manifest.json")).unwrap()).unwrap();
    let nodes = manifest["nodes"].as_object().unwrap();
    let payments = &nodes["model.truthline_export.payments"];
    assert_eq!(payments["config"]["contract"]["enforced"], Value::Bool(true));
    assert_eq!(payments["columns"]["amount"]["data_type"], "decimal(18,2)");
    assert!(
        nodes
            .keys()
            .any(|k| k.starts_with("test.truthline_export.unique_payments_payment_id")),
        "no unique test on payments.payment_id"
    );
    assert!(manifest["sources"]
        .as_object()
        .unwrap()
        .contains_key("source.truthline_export.commerce.raw_order_paid"));
}
