//! Import then export gives back the same schema, compared as parsed structures (JSON or
//! YAML values), not as text: Avro → contract → Avro, and ODCS → contract → ODCS.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod run;

use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roundtrip")
}

fn truthline(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run::truthline_in(dir, args);
    let text = format!("{out}{err}");
    assert_eq!(code, 0, "truthline {args:?}:\n{text}");
    text
}

/// Imports `fixture` as `format`, exports the contracts back; the exported files.
fn round_trip(import: &str, export: &str, fixture: &str) -> Vec<(String, String)> {
    let tmp = tempfile::tempdir().unwrap();
    let src = fixtures().join(fixture);
    truthline(
        tmp.path(),
        &["import", import, src.to_str().unwrap(), "--out", "contracts"],
    );
    truthline(tmp.path(), &["export", export, "contracts", "--out", "exported"]);
    let mut files: Vec<(String, String)> = std::fs::read_dir(tmp.path().join("exported"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn avro_to_contract_to_avro_keeps_the_schema() {
    let files = round_trip("avro", "avro", "payment.avsc");
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].0, "payments.payment_captured.v1.avsc");
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("payment.avsc")).unwrap()).unwrap();
    let back: Value = serde_json::from_str(&files[0].1).unwrap();
    assert_eq!(
        back,
        original,
        "exported:\n{}",
        serde_json::to_string_pretty(&back).unwrap()
    );
}

#[test]
fn odcs_to_contract_to_odcs_keeps_the_schema() {
    let files = round_trip("odcs", "odcs", "orders.odcs.yaml");
    assert_eq!(files.len(), 1, "{files:?}");
    let original: Value =
        truthline::yaml::from_str(&std::fs::read_to_string(fixtures().join("orders.odcs.yaml")).unwrap()).unwrap();
    let back: Value = truthline::yaml::from_str(&files[0].1).unwrap();
    // Imported tables are ordered by name; ODCS gives the order no meaning.
    let by_name = |v: &Value| {
        let mut objs = v["schema"].as_array().unwrap().clone();
        objs.sort_by_key(|o| o["name"].as_str().unwrap().to_string());
        objs
    };
    assert_eq!(by_name(&back), by_name(&original), "exported:\n{}", files[0].1);
    for key in ["apiVersion", "kind", "domain"] {
        assert_eq!(back[key], original[key], "{key}");
    }
}

#[test]
fn exported_json_schema_validates_what_the_contract_allows_and_rejects_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/commerce");
    truthline(
        tmp.path(),
        &["export", "json-schema", example.to_str().unwrap(), "--out", "schemas"],
    );
    let text = std::fs::read_to_string(tmp.path().join("schemas/commerce.order_paid.v3.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("not a JSON Schema: {e}"));
    let good = serde_json::json!({
        "event_id": "0b7f4c4e-2a47-4b4e-9a4e-6c1f1f5f3b11", "order_id": "o-1", "payment_id": "p-1",
        "user_id": "u-1", "amount": "12.50", "currency": "EUR", "channel": "web", "coupon": null,
        "is_test": false, "status": "captured", "paid_at": "2026-05-01T10:00:00Z", "customer_email": null
    });
    let errors: Vec<String> = validator.iter_errors(&good).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    for (field, bad) in [
        ("amount", serde_json::json!("12.505")),
        ("currency", serde_json::json!("ZZZ")),
        ("order_id", Value::Null),
    ] {
        let mut doc = good.clone();
        doc[field] = bad;
        assert!(!validator.is_valid(&doc), "{field} = {} was accepted", doc[field]);
    }
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("paid_at");
    assert!(!validator.is_valid(&missing), "a required field may be missing");
}
