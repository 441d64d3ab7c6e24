//! The gate per column, on a project of several files as a team writes it (an event, the
//! raw table that lands it, a curated table, a metric and consumers that name the columns
//! they read): a rename that reaches a table is reported for its SQL readers by name, an
//! unread column can go, a table column keeps its `@pii`, and one change is one finding.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod run;

use serde_json::Value;
use std::path::Path;

const SYSTEMS: &str = r##"namespace shop

team payments { contact "#payments" }
team finance { contact "#finance" }

system checkout { domain operational engine postgres owner payments read via events }
system warehouse { domain analytical engine duckdb owner finance }
"##;

fn events(email: &str) -> String {
    format!(
        r#"namespace shop

/// A payment was captured.
event order_paid v1 {{
    owner          payments
    from           checkout
    compatibility  backward
    key            order_id
    delivery       exactly_once
    event_time     paid_at
    fields {{
        order_id  string
        amount    decimal(18,2)
        tax       decimal(18,2)
        paid_at   timestamp
{email}
    }}
}}
"#
    )
}

fn tables(extra_column: &str, pii: &str) -> String {
    format!(
        r#"namespace shop

/// Payments as delivered: the columns come from the event.
table raw_order_paid {{
    layer      raw
    store      warehouse
    owner      payments
    source     event order_paid v1
    write      append
    retention  400d
}}

/// One row per order.
table payments {{
    layer          curated
    store          warehouse
    owner          finance
    source         table raw_order_paid
    materialized   table
    grain          order_id
    key            order_id
    compatibility  backward
    columns {{
        order_id  string
        amount    decimal(18,2)
        paid_at   timestamp
        buyer     string {pii}
{extra_column}
    }}
}}

expect payments {{
    not_null  order_id, amount
}}
"#
    )
}

const READERS: &str = r#"namespace shop

/// Revenue: reads `amount` only.
metric revenue v1 {
    owner    finance
    intent   "Money captured"
    from     payments
    measure  sum(amount)
    time     paid_at grain day timezone "UTC"
    unit     EUR
}

consumer ledger_export {
    owner  finance
    kind   export
    uses   table raw_order_paid
}

consumer payments_board {
    owner  finance
    kind   dashboard
    uses   table payments (order_id, amount), metric revenue v1
}
"#;

fn write(dir: &Path, email: &str, extra_column: &str, pii: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("systems.truth"), SYSTEMS).unwrap();
    std::fs::write(dir.join("events.truth"), events(email)).unwrap();
    std::fs::write(dir.join("tables.truth"), tables(extra_column, pii)).unwrap();
    std::fs::write(dir.join("readers.truth"), READERS).unwrap();
}

const EMAIL: &str = "        email     string";
const RENAMED: &str = "        customer_email  string @renamed_from(email)";
const NOTE: &str = "        note      string?";

/// `breaking current --against baseline`, its exit code and JSON report.
fn breaking(dir: &Path, config: Option<&str>) -> (i32, Value) {
    if let Some(c) = config {
        std::fs::write(dir.join("current/truthline.yaml"), c).unwrap();
    }
    let (code, out, err) = run::truthline_in(
        dir,
        &["breaking", "current", "--against", "baseline", "--format", "json"],
    );
    assert!(code == 0 || code == 1, "{out}{err}");
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}")),
    )
}

fn changes(report: &Value) -> Vec<&Value> {
    report["changes"].as_array().unwrap().iter().collect()
}

#[test]
fn a_renamed_event_field_reports_the_raw_column_and_its_readers_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("baseline"), EMAIL, NOTE, "@pii");
    write(&tmp.path().join("current"), RENAMED, NOTE, "@pii");
    let (_, out, _) = run::truthline_in(tmp.path(), &["check", "current"]);
    assert!(!out.contains("error[R"), "{out}");
    let (code, report) = breaking(tmp.path(), None);
    assert_eq!(code, 1, "{report:#}");
    let renamed: Vec<&Value> = changes(&report)
        .into_iter()
        .filter(|c| c["name"] == "column-renamed")
        .collect();
    assert_eq!(renamed.len(), 1, "{report:#}");
    let c = renamed[0];
    assert_eq!(c["element"], "shop.raw_order_paid");
    assert_eq!(c["path"], "columns.customer_email");
    assert_eq!(c["breaking"], true);
    // The export reads the whole raw table; the board reads the curated table only.
    assert_eq!(c["affected"], serde_json::json!(["consumer `ledger_export`"]), "{c:#}");
}

#[test]
fn removing_a_column_nobody_reads_passes_under_allow_unconsumed() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("baseline"), EMAIL, NOTE, "@pii");
    write(&tmp.path().join("current"), EMAIL, "", "@pii");
    // Without the setting, the removal breaks the table's mode.
    let (code, report) = breaking(tmp.path(), None);
    assert_eq!(code, 1, "{report:#}");
    let removed: Vec<&Value> = changes(&report)
        .into_iter()
        .filter(|c| c["name"] == "column-removed")
        .collect();
    assert_eq!(removed.len(), 1, "{report:#}");
    // The metric reads `amount`, the board `order_id` and `amount`: nobody reads `note`.
    assert_eq!(removed[0]["affected"], serde_json::json!([]), "{report:#}");
    let (code, report) = breaking(tmp.path(), Some("breaking:\n  allow_unconsumed: true\n"));
    assert_eq!(code, 0, "{report:#}");
}

#[test]
fn removing_a_read_column_still_breaks_under_allow_unconsumed() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("baseline"), EMAIL, NOTE, "@pii");
    write(&tmp.path().join("current"), EMAIL, NOTE, "@pii");
    // `tax` is read by the whole-table export of the raw table.
    let current = tmp.path().join("current/events.truth");
    let text = std::fs::read_to_string(&current)
        .unwrap()
        .replace("        tax       decimal(18,2)\n", "");
    std::fs::write(&current, text).unwrap();
    let (code, report) = breaking(tmp.path(), Some("breaking:\n  allow_unconsumed: true\n"));
    assert_eq!(code, 1, "{report:#}");
}

#[test]
fn removing_pii_from_a_table_column_fails() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("baseline"), EMAIL, NOTE, "@pii");
    write(&tmp.path().join("current"), EMAIL, NOTE, "");
    let (code, report) = breaking(tmp.path(), None);
    assert_eq!(code, 1, "{report:#}");
    let pii: Vec<&Value> = changes(&report)
        .into_iter()
        .filter(|c| c["name"] == "pii-tag-removed")
        .collect();
    assert_eq!(pii.len(), 1, "{report:#}");
    assert_eq!(pii[0]["element"], "shop.payments");
    assert_eq!(pii[0]["path"], "columns.buyer");
}

#[test]
fn one_change_is_one_finding() {
    // `amount` goes from the curated table: its `not_null` goes with it.
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("baseline"), EMAIL, NOTE, "@pii");
    write(&tmp.path().join("current"), EMAIL, NOTE, "@pii");
    let cur = tmp.path().join("current");
    let tables = std::fs::read_to_string(cur.join("tables.truth"))
        .unwrap()
        .replace("        amount    decimal(18,2)\n", "")
        .replace("not_null  order_id, amount", "not_null  order_id");
    std::fs::write(cur.join("tables.truth"), tables).unwrap();
    // The readers move off it in the same change.
    let readers = READERS
        .replace("measure  sum(amount)", "measure  count(order_id)")
        .replace(
            "uses   table payments (order_id, amount)",
            "uses   table payments (order_id)",
        );
    std::fs::write(cur.join("readers.truth"), readers).unwrap();
    let (_, report) = breaking(tmp.path(), None);
    let on_amount: Vec<String> = changes(&report)
        .iter()
        .filter(|c| c["element"] == "shop.payments" && c["path"].as_str().unwrap_or("").contains("amount"))
        .map(|c| format!("{} {}", c["name"], c["path"]))
        .collect();
    assert_eq!(on_amount, ["\"column-removed\" \"columns.amount\""], "{report:#}");
}

/// A renamed column of a table whose id moved (a table declared before it in the current
/// project): its readers come from the baseline, its mode from the current project.
#[test]
fn a_renamed_column_of_a_table_whose_id_moved() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("baseline"), EMAIL, NOTE, "@pii");
    write(&tmp.path().join("current"), EMAIL, NOTE, "@pii");
    let cur = tmp.path().join("current");
    let tables = std::fs::read_to_string(cur.join("tables.truth")).unwrap().replace(
        "        buyer     string @pii",
        "        customer  string @pii @renamed_from(buyer)",
    );
    std::fs::write(cur.join("tables.truth"), tables).unwrap();
    std::fs::write(
        cur.join("aaa_refunds.truth"),
        "namespace shop\n\n/// Refunds, declared first.\ntable refunds {\n    layer    curated\n    store    warehouse\n    owner    finance\n    source   table raw_order_paid\n    grain    order_id\n    key      order_id\n    columns {\n        order_id  string\n    }\n}\n",
    )
    .unwrap();
    let (code, report) = breaking(tmp.path(), None);
    let renamed: Vec<&Value> = changes(&report)
        .into_iter()
        .filter(|c| c["name"] == "column-renamed")
        .collect();
    assert_eq!(renamed.len(), 1, "{report:#}");
    assert_eq!(renamed[0]["element"], "shop.payments");
    // Nobody names `buyer`: the board reads (order_id, amount), the metric `amount`.
    assert_eq!(renamed[0]["affected"], serde_json::json!([]), "{report:#}");
    assert_eq!(renamed[0]["breaking"], false, "{report:#}");
    assert_eq!(code, 0, "{report:#}");
}

/// A curated copy of the raw table's `email`, a metric on it and a consumer of it.
const CONTACTS: &str = r#"namespace shop

/// One row per order, with the buyer's address.
table contacts {
    layer          curated
    store          warehouse
    owner          finance
    source         table raw_order_paid
    dedupe         on order_id keep latest by paid_at
    grain          order_id
    key            order_id
    compatibility  backward
    columns {
        order_id  string
        paid_at   timestamp
        email     string @pii
    }
}

/// Buyers with an address on file.
metric buyers v1 {
    owner    finance
    intent   "Orders whose buyer left an address"
    from     contacts
    measure  count(email)
    time     paid_at grain day timezone "UTC"
    unit     orders
}

consumer crm_sync {
    owner  finance
    kind   export
    uses   table contacts (order_id, email)
}

consumer buyers_board {
    owner  finance
    kind   dashboard
    uses   metric buyers v1
}
"#;

#[test]
fn a_renamed_event_field_names_the_curated_and_metric_readers_downstream() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("baseline"), EMAIL, NOTE, "@pii");
    write(&tmp.path().join("current"), RENAMED, NOTE, "@pii");
    for side in ["baseline", "current"] {
        std::fs::write(tmp.path().join(side).join("contacts.truth"), CONTACTS).unwrap();
    }
    let (code, report) = breaking(tmp.path(), None);
    assert_eq!(code, 1, "{report:#}");
    let renamed: Vec<&Value> = changes(&report)
        .into_iter()
        .filter(|c| c["name"] == "column-renamed")
        .collect();
    assert_eq!(renamed.len(), 1, "{report:#}");
    let mut affected: Vec<String> = renamed[0]["affected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    affected.sort();
    // Read off the contracts: the export reads the whole raw table; `contacts` copies
    // `email` by name; `buyers` counts it; the CRM sync names it; the board reads
    // `buyers`. `payments` and `revenue` never read `email`.
    assert_eq!(
        affected,
        [
            "consumer `buyers_board`",
            "consumer `crm_sync`",
            "consumer `ledger_export`",
            "metric `buyers v1`",
            "table `contacts`"
        ],
        "{report:#}"
    );
}

/// A mart over `payments` with a hashed and a plain copy of `buyer` (`@pii`), and a
/// consumer cleared for internal data that reads `columns` of it.
fn mart(dir: &Path, columns: &str) {
    let text = format!(
        r#"namespace shop

/// Buyers per order, for the CRM.
table buyer_keys {{
    layer          mart
    store          warehouse
    owner          finance
    source         tables payments
    grain          order_id
    key            order_id
    transform      """
        SELECT p.order_id, sha256(p.buyer) AS buyer_hash, p.buyer AS buyer_copy
        FROM payments AS p
    """
    columns {{
        order_id    string
        buyer_hash  string
        buyer_copy  string
    }}
}}

consumer crm {{
    owner      finance
    kind       export
    clearance  internal
    uses       table buyer_keys ({columns})
}}
"#
    );
    std::fs::write(dir.join("mart.truth"), text).unwrap();
}

#[test]
fn a_hashed_pii_column_is_not_pii_downstream_and_a_plain_copy_is() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    write(&dir, EMAIL, NOTE, "@pii");
    mart(&dir, "order_id, buyer_hash");
    let (_, out, err) = run::truthline_in(&dir, &["check", "."]);
    assert!(!out.contains("error[R") && !out.contains("L041"), "{out}{err}");
    mart(&dir, "order_id, buyer_hash, buyer_copy");
    let (code, out, _) = run::truthline_in(&dir, &["check", "."]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[L041]"), "{out}");
    assert!(out.contains("`buyer_copy` (pii)"), "{out}");
    assert!(!out.contains("`buyer_hash`"), "{out}");
    // The lineage command says where the classification comes from (lint findings do
    // not stop it).
    let (code, out, err) = run::truthline_in(&dir, &["lineage", "buyer_keys", ".", "--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let col = |name: &str| {
        v["columns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(col("buyer_copy")["classification"]["from"], "payments.buyer");
    assert_eq!(col("buyer_hash")["classification"], Value::Null);
    assert_eq!(col("buyer_hash")["upstream"][0]["masking"], true);
}

#[test]
fn every_changed_column_is_one_finding() {
    // Four columns change at once: one removed, one losing `@pii`, one retyped, one
    // renamed; each is one finding, at its own path, and nothing else is reported.
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("baseline"), EMAIL, NOTE, "@pii");
    write(&tmp.path().join("current"), EMAIL, "        memo      string?", "");
    let cur = tmp.path().join("current");
    let tables = std::fs::read_to_string(cur.join("tables.truth"))
        .unwrap()
        .replace("        paid_at   timestamp\n", "        paid_at   date\n")
        .replace(
            "        amount    decimal(18,2)\n",
            "        total     decimal(18,2) @renamed_from(amount)\n",
        );
    std::fs::write(cur.join("tables.truth"), tables).unwrap();
    let readers = READERS.replace("measure  sum(amount)", "measure  sum(total)").replace(
        "uses   table payments (order_id, amount)",
        "uses   table payments (order_id, total)",
    );
    std::fs::write(cur.join("readers.truth"), readers).unwrap();
    std::fs::write(
        cur.join("tables.truth"),
        std::fs::read_to_string(cur.join("tables.truth"))
            .unwrap()
            .replace("not_null  order_id, amount", "not_null  order_id, total"),
    )
    .unwrap();
    let (_, report) = breaking(tmp.path(), None);
    let mut on_payments: Vec<String> = changes(&report)
        .iter()
        .filter(|c| c["element"] == "shop.payments")
        .map(|c| format!("{} {}", c["path"].as_str().unwrap(), c["name"].as_str().unwrap()))
        .collect();
    on_payments.sort();
    assert_eq!(
        on_payments,
        [
            "columns.buyer pii-tag-removed",
            "columns.memo column-added",
            "columns.note column-removed",
            "columns.paid_at column-type-changed",
            "columns.total column-renamed",
        ],
        "{report:#}"
    );
}
