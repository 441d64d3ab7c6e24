//! `truthline export openlineage` of the commerce example, read by the OpenLineage Python
//! client (installed by `scripts/openlineage.sh`, which test.sh sources, and named by
//! `TRUTHLINE_OPENLINEAGE_PYTHON`; without it the test fails, never skips). The client's
//! classes are generated from the specification; `scripts/openlineage_validate.py` reads
//! each event into them strictly and writes it back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn python() -> String {
    std::env::var("TRUTHLINE_OPENLINEAGE_PYTHON").expect(
        "TRUTHLINE_OPENLINEAGE_PYTHON names a Python with openlineage-python: run scripts/test.sh, or `source scripts/openlineage.sh` first",
    )
}

fn validate(events: &str) -> (i32, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/openlineage_validate.py");
    let out = Command::new(python())
        .arg(script)
        .write_stdin(events.to_string())
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

fn export(dir: &Path) -> String {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/commerce");
    let out = Command::cargo_bin("truthline")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["export", "openlineage"])
        .arg(&example)
        .arg("--out")
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::read_to_string(PathBuf::from(dir).join("openlineage.ndjson")).unwrap()
}

fn event<'a>(events: &'a [Value], job: &str) -> &'a Value {
    events
        .iter()
        .find(|e| e["job"]["name"] == job)
        .unwrap_or_else(|| panic!("no job {job}"))
}

/// The input fields of one output column, as `name.field (SUBTYPE)`.
fn inputs(e: &Value, column: &str) -> Vec<String> {
    let mut v: Vec<String> = e["outputs"][0]["facets"]["columnLineage"]["fields"][column]["inputFields"]
        .as_array()
        .unwrap_or_else(|| panic!("no lineage for {column}"))
        .iter()
        .map(|i| {
            format!(
                "{}.{} ({})",
                i["name"].as_str().unwrap(),
                i["field"].as_str().unwrap(),
                i["transformations"][0]["subtype"].as_str().unwrap()
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_client_reads_every_event_of_the_commerce_example() {
    let tmp = tempfile::tempdir().unwrap();
    let text = export(tmp.path());
    let (code, log) = validate(&text);
    assert_eq!(code, 0, "{log}");
    // 9 tables built from sources, 6 metric versions.
    assert!(log.contains("15 events read, 0 problems"), "{log}");
    // Byte-identical on a second run.
    let again = tempfile::tempdir().unwrap();
    assert_eq!(export(again.path()), text);
}

#[test]
fn the_checker_refuses_what_the_specification_does_not_allow() {
    let tmp = tempfile::tempdir().unwrap();
    let text = export(tmp.path());
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    // A renamed key, a missing required field, a wrong type, an outdated facet version.
    let mut renamed = first.clone();
    let job = renamed["job"].as_object_mut().unwrap();
    let name = job.remove("name").unwrap();
    job.insert("title".into(), name);
    let mut missing = first.clone();
    missing.as_object_mut().unwrap().remove("eventTime");
    let mut wrong = first.clone();
    wrong["outputs"][0]["facets"]["schema"]["fields"][0]["ordinal_position"] = Value::String("1".into());
    let mut old = first.clone();
    old["outputs"][0]["facets"]["schema"]["_schemaURL"] = Value::String(
        "https://openlineage.io/spec/facets/1-0-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet".into(),
    );
    for bad in [renamed, missing, wrong, old] {
        let (code, log) = validate(&format!("{bad}\n"));
        assert_eq!(code, 1, "accepted: {bad}\n{log}");
    }
}

#[test]
fn column_lineage_follows_the_transform_query() {
    let tmp = tempfile::tempdir().unwrap();
    let events: Vec<Value> = export(tmp.path())
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Read off marts.truth by hand: a capture row takes the payment id, a refund row the
    // refund id; `booked_at` is `paid_at` or `refunded_at`.
    let movements = event(&events, "commerce.revenue_movements");
    assert_eq!(
        inputs(movements, "movement_id"),
        [
            "commerce.payments.payment_id (IDENTITY)",
            "commerce.refunds.refund_id (IDENTITY)"
        ]
    );
    assert_eq!(
        inputs(movements, "booked_at"),
        [
            "commerce.payments.paid_at (IDENTITY)",
            "commerce.refunds.refunded_at (IDENTITY)"
        ]
    );
    // `kind` is a constant: no input column.
    assert!(movements["outputs"][0]["facets"]["columnLineage"]["fields"]
        .get("kind")
        .is_none());
    // The join reads both payment ids; that steers every row.
    let dataset: Vec<String> = movements["outputs"][0]["facets"]["columnLineage"]["dataset"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{}.{} {}",
                i["name"].as_str().unwrap(),
                i["field"].as_str().unwrap(),
                i["transformations"][0]["subtype"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        dataset.contains(&"commerce.payments.payment_id JOIN".to_string()),
        "{dataset:?}"
    );
    assert!(
        dataset.contains(&"commerce.refunds.payment_id JOIN".to_string()),
        "{dataset:?}"
    );
    // The landing of an event reads its topic.
    let raw = event(&events, "commerce.raw_order_paid");
    assert_eq!(raw["inputs"][0]["namespace"], "kafka://payments_svc");
    assert_eq!(raw["inputs"][0]["name"], "payments.order_paid.v3");
    assert_eq!(inputs(raw, "amount"), ["payments.order_paid.v3.amount (IDENTITY)"]);
    // A metric's value aggregates its measure's columns.
    let gross = event(&events, "commerce.gross_revenue.v1");
    assert_eq!(inputs(gross, "value"), ["commerce.payments.amount (AGGREGATION)"]);
}
