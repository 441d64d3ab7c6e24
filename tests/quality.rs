//! `truthline test` on the commerce example with the embedded engine: exactly which
//! quality tests pass and which fail on its sample data, in every output format; and
//! proof that a run cannot write.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

mod example;
use example::{not_passing, truthline, FAILING};

#[test]
fn the_example_passes_and_fails_exactly_the_expected_tests() {
    let (code, stdout, stderr) = truthline(&["test", "examples/commerce", "--format", "json"]);
    assert_eq!(code, 1, "error-severity failures exit 1\n{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let tests = report["tests"].as_array().unwrap();
    let failing = not_passing(&stdout);
    let expected: Vec<(String, String)> = FAILING.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(failing, expected);
    assert!(tests.iter().all(|t| t["status"] != "error"), "every test could run");
    // Among the passing: duplicates removed, SCD2 sound, and net revenue v2 reconciles.
    for id in [
        "commerce.payments: dedupe(event_id)",
        "commerce.orders_history: scd2_overlap",
        "commerce.orders_history: scd2_current",
        "commerce.metric_net_revenue_v2: reconcile",
        "commerce.payments: schema",
    ] {
        let t = tests
            .iter()
            .find(|t| t["id"] == id)
            .unwrap_or_else(|| panic!("no test {id}"));
        assert_eq!(t["status"], "pass", "{id}");
    }
    // The failing rows say why: net revenue v1 is 30.00 short of the ledger on 1 November.
    let v1 = tests
        .iter()
        .find(|t| t["id"] == "commerce.metric_net_revenue_v1: reconcile")
        .unwrap();
    let rows = v1["sample"]["rows"].as_array().unwrap();
    assert!(
        rows.iter()
            .any(|r| r[0] == "2026-11-01" && r[2] == "120.00" && r[3] == "150.00"),
        "{v1:#}"
    );
}

#[test]
fn human_output_is_the_same_every_run_and_junit_parses() {
    let (_, first, _) = truthline(&["test", "examples/commerce"]);
    let (_, second, _) = truthline(&["test", "examples/commerce"]);
    assert_eq!(first, second);
    assert!(first.contains("FAIL  commerce.payments: late_share"), "{first}");
    assert!(first.contains("ran 63 tests on datafusion (embedded)"), "{first}");
    let (_, xml, _) = truthline(&["test", "examples/commerce", "--format", "junit"]);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suite = doc.descendants().find(|n| n.has_tag_name("testsuite")).unwrap();
    assert_eq!(suite.attribute("tests"), Some("63"));
    assert_eq!(suite.attribute("failures"), Some(FAILING.len().to_string().as_str()));
}

/// `--now` judges freshness at a given time instead of the clock. The boundary is read
/// off the sample file here: `raw_refund_issued` must have landed within 12 hours, so the
/// test passes 11 hours after its newest `ingested_at` and fails 13 hours after it.
#[test]
fn freshness_is_judged_at_now_when_given() {
    let csv = std::fs::read_to_string("examples/commerce/data/raw_refund_issued.csv").unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "ingested_at").unwrap();
    let newest = lines.map(|l| l.split(',').nth(col).unwrap().to_string()).max().unwrap();
    // `2026-11-12 09:00:00` → hours later, on the same or the next day (the file's rows
    // land before 11:00, so 13 hours later stays within the next day).
    let (date, time) = newest.split_once(' ').unwrap();
    let hour: u32 = time[..2].parse().unwrap();
    assert!(
        hour < 11,
        "the boundary arithmetic below assumes an early landing: {newest}"
    );
    let at = |plus: u32| format!("{date}T{:02}{}Z", hour + plus, &time[2..]);
    let status = |now: &str| {
        let (_, out, err) = truthline(&["test", "examples/commerce", "--now", now]);
        let line = out
            .lines()
            .find(|l| l.ends_with("commerce.raw_refund_issued: freshness(ingested_at)"))
            .unwrap_or_else(|| panic!("{out}{err}"))
            .to_string();
        (line, out)
    };
    let (inside, first) = status(&at(11));
    assert!(inside.starts_with("PASS"), "{inside}");
    let (outside, _) = status(&at(13));
    assert!(outside.starts_with("WARN"), "a warning-severity test: {outside}");
    // The same answer on every run, whatever the clock says.
    assert_eq!(status(&at(11)).1, first);
    // A time that is not one is refused before anything runs.
    let (code, _, err) = truthline(&["test", "examples/commerce", "--now", "2026-11-31x"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a UTC time"), "{err}");
}

#[test]
fn a_check_that_tries_to_write_is_refused_before_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir("examples/commerce").unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    let expectations = dir.path().join("expectations.truth");
    let text = std::fs::read_to_string(&expectations).unwrap();
    assert!(
        text.contains("positive_refund: refund_amount > 0"),
        "the example changed"
    );
    let text = text.replace(
        "positive_refund: refund_amount > 0",
        "positive_refund: refund_amount > 0; DELETE FROM payments",
    );
    std::fs::write(&expectations, text).unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let (code, stdout, _) = truthline(&["test", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("sql-syntax-error") || stdout.contains("S016"),
        "{stdout}"
    );
    assert!(stdout.contains("no test was run"), "{stdout}");
}

#[test]
fn the_engine_refuses_to_write_during_a_test_and_data_is_unchanged() {
    let engine = truthline::engine::Embedded::new().unwrap();
    engine
        .execute("CREATE TABLE t (x INT); INSERT INTO t VALUES (1), (2);")
        .unwrap();
    let t = Duration::from_secs(10);
    for sql in [
        "DELETE FROM t",
        "DROP TABLE t",
        "INSERT INTO t VALUES (3)",
        "CREATE TABLE u (y INT)",
    ] {
        assert!(engine.query_read_only(sql, t).is_err(), "`{sql}` must be refused");
    }
    let rows = engine.query_read_only("SELECT COUNT(*) AS n FROM t", t).unwrap();
    assert_eq!(rows.rows, [["2"]]);
}

/// The example's data as Parquet files, written by the embedded engine from the CSV
/// files, typed as the contract says (`typed`) or as CSV inference guesses.
fn parquet_copy(typed: bool) -> tempfile::TempDir {
    let model = example::model();
    let d = truthline::codegen::sql::dialect::DialectName::Datafusion.dialect();
    let dir = tempfile::tempdir().unwrap();
    let engine = truthline::engine::Embedded::new().unwrap();
    for e in std::fs::read_dir("examples/commerce/data").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "csv") {
            continue;
        }
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        let table = model.tables.iter().find(|t| t.item.ast.name.text == name).unwrap();
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("{} {}", c.name, d.type_name(&c.ty)))
            .collect();
        let schema = if typed {
            format!("({})", columns.join(", "))
        } else {
            String::new()
        };
        let out = dir.path().join(format!("{name}.parquet"));
        engine
            .execute(&format!(
                "CREATE EXTERNAL TABLE {name} {schema} STORED AS CSV LOCATION '{}' OPTIONS ('format.has_header' 'true'); \
                 COPY (SELECT * FROM {name}) TO '{}' STORED AS PARQUET;",
                p.display(),
                out.display()
            ))
            .unwrap();
    }
    dir
}

fn verdicts(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn parquet_files_give_the_same_verdicts_as_csv() {
    let dir = parquet_copy(true);
    let (_, csv, _) = truthline(&["test", "examples/commerce", "--format", "json"]);
    let (code, parquet, stderr) = truthline(&[
        "test",
        "examples/commerce",
        "--data",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(verdicts(&parquet), verdicts(&csv));
}

#[test]
fn the_schema_test_catches_files_whose_types_drifted() {
    // Inferred from CSV, amounts become floating point and strings stay strings.
    let dir = parquet_copy(false);
    let (_, out, _) = truthline(&[
        "test",
        "examples/commerce",
        "--data",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v = verdicts(&out);
    let status = |id: &str| v.iter().find(|(i, _)| i == id).map(|(_, s)| s.as_str());
    assert_eq!(status("commerce.raw_order_paid: schema"), Some("fail"));
    assert_eq!(status("commerce.raw_ledger_daily_totals: schema"), Some("fail"));
}
