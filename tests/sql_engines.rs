//! The commerce example's generated SQL, run on real engines (PostgreSQL, MariaDB,
//! DuckDB) over its sample data: duplicates removed, late events on the right day, SCD2
//! intervals correct, incremental steps idempotent within the lateness window, and
//! `net_revenue v2` equal to a value computed here, independently, from the CSV files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod engines;
mod example;

use engines::{Engine, Session};
use example::{model, DIR as EXAMPLE, FAILING};
use std::collections::BTreeMap;
use std::path::Path;
use truthline::codegen::sql::dialect::DialectName;
use truthline::semantic::types::Type;
use truthline::semantic::Model;

fn dialect(e: Engine) -> DialectName {
    match e {
        Engine::Postgres => DialectName::Postgres,
        Engine::Mariadb => DialectName::Mysql,
        Engine::Duckdb => DialectName::Duckdb,
        Engine::Datafusion => DialectName::Datafusion,
    }
}

/// The generated files of one dialect, by path below `sql/<dialect>/`.
fn generated(model: &Model, d: DialectName) -> BTreeMap<String, String> {
    let prefix = format!("sql/{}/", d.as_str());
    truthline::codegen::sql::generate(model, &[d])
        .unwrap()
        .into_iter()
        .map(|f| (f.path.trim_start_matches(&prefix).to_string(), f.contents))
        .collect()
}

fn csv(table: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(Path::new(EXAMPLE).join("data").join(format!("{table}.csv"))).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().split(',').map(str::to_string).collect();
    (
        header,
        lines.map(|l| l.split(',').map(str::to_string).collect()).collect(),
    )
}

/// `INSERT` statements for a CSV file, each value a literal of its column's type.
fn inserts(model: &Model, e: Engine, table: &str) -> String {
    let d = dialect(e).dialect();
    let t = model.tables.iter().find(|t| t.item.ast.name.text == table).unwrap();
    let (header, rows) = csv(table);
    let cols: Vec<String> = header.iter().map(|h| d.ident(h)).collect();
    let mut sql = String::new();
    for row in rows {
        let vals: Vec<String> = header
            .iter()
            .zip(&row)
            .map(|(h, v)| {
                let ty = &t.column(h).unwrap_or_else(|| panic!("{table} has no column {h}")).ty;
                match ty {
                    _ if v.is_empty() => "NULL".to_string(),
                    Type::Bool => v.to_uppercase(),
                    Type::Int | Type::Long | Type::Decimal { .. } => v.clone(),
                    Type::Timestamp { .. } if e != Engine::Mariadb => format!("TIMESTAMP {}", d.string(v)),
                    Type::Date if e != Engine::Mariadb => format!("DATE {}", d.string(v)),
                    _ => d.string(v),
                }
            })
            .collect();
        sql.push_str(&format!(
            "INSERT INTO {} ({}) VALUES ({});\n",
            d.qualified("commerce", table),
            cols.join(", "),
            vals.join(", ")
        ));
    }
    sql
}

/// Runs the full refresh: schemas and raw tables, the sample data, then every model.
fn deploy(s: &Session, model: &Model, files: &BTreeMap<String, String>) {
    let order: Vec<&str> = files["deploy_order.txt"]
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect();
    for f in order.iter().filter(|f| f.starts_with("000") || f.contains("/raw/")) {
        s.exec(&files[*f]).unwrap_or_else(|e| panic!("{:?} {f}: {e}", s.engine));
    }
    for t in [
        "raw_order_paid",
        "raw_refund_issued",
        "raw_orders_cdc",
        "raw_ledger_daily_totals",
    ] {
        s.exec(&inserts(model, s.engine, t))
            .unwrap_or_else(|e| panic!("{:?} loading {t}: {e}", s.engine));
    }
    for f in &order {
        s.exec(&files[*f]).unwrap_or_else(|e| panic!("{:?} {f}: {e}", s.engine));
    }
}

/// Net revenue v2 per day, computed from the CSV files without any SQL: captured,
/// non-test payments (one per event) on the day paid, minus refunds (one per refund) on
/// the day refunded.
fn expected_net_revenue() -> BTreeMap<String, i64> {
    let cents = |v: &str| -> i64 {
        let (a, b) = v.split_once('.').unwrap_or((v, "0"));
        a.parse::<i64>().unwrap() * 100 + format!("{b:0<2}")[..2].parse::<i64>().unwrap()
    };
    let mut out = BTreeMap::new();
    let (h, rows) = csv("raw_order_paid");
    let col = |h: &[String], n: &str| h.iter().position(|x| x == n).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for r in &rows {
        if !seen.insert(r[col(&h, "event_id")].clone()) {
            continue;
        }
        if r[col(&h, "status")] == "captured" && r[col(&h, "is_test")] == "false" {
            *out.entry(r[col(&h, "paid_at")][..10].to_string()).or_insert(0) += cents(&r[col(&h, "amount")]);
        }
    }
    let (h, rows) = csv("raw_refund_issued");
    let mut seen = std::collections::BTreeSet::new();
    for r in &rows {
        if seen.insert(r[col(&h, "refund_id")].clone()) {
            *out.entry(r[col(&h, "refunded_at")][..10].to_string()).or_insert(0) -= cents(&r[col(&h, "refund_amount")]);
        }
    }
    out
}

fn money(v: &str) -> i64 {
    let v = v.trim();
    let neg = v.starts_with('-');
    let (a, b) = v
        .trim_start_matches('-')
        .split_once('.')
        .unwrap_or((v.trim_start_matches('-'), "0"));
    let c = a.parse::<i64>().unwrap() * 100 + format!("{b:0<2}")[..2].parse::<i64>().unwrap();
    if neg {
        -c
    } else {
        c
    }
}

fn scenario(engine: Engine) {
    let model = model();
    let files = generated(&model, dialect(engine));
    let s = Session::new(engine);
    deploy(&s, &model, &files);
    let q = |n: &str| dialect(engine).dialect().qualified("commerce", n);

    // Duplicates removed: seven deliveries of six events, three of two refunds.
    assert_eq!(
        s.rows(&format!("SELECT COUNT(*) FROM {};", q("payments"))),
        ["6"],
        "{engine:?}"
    );
    assert_eq!(
        s.rows(&format!("SELECT COUNT(*) FROM {};", q("refunds"))),
        ["2"],
        "{engine:?}"
    );

    // SCD2: o-1001 placed → paid → shipped (the doubled `paid` change counts once), each
    // version ending where the next begins, only the last one current.
    let versions = s.rows(&format!(
        "SELECT status, CAST(valid_from AS CHAR(19)) AS vf, COALESCE(CAST(valid_to AS CHAR(19)), '-') AS vt, CASE WHEN is_current THEN 1 ELSE 0 END AS cur FROM {} WHERE order_id = 'o-1001' ORDER BY valid_from;",
        q("orders_history")
    ));
    let versions: Vec<String> = versions.iter().map(|r| r.replace('T', " ")).collect();
    assert_eq!(
        versions,
        [
            "placed|2026-11-01 09:58:00|2026-11-01 10:00:00|0",
            "paid|2026-11-01 10:00:00|2026-11-02 08:00:00|0",
            "shipped|2026-11-02 08:00:00|-|1",
        ],
        "{engine:?}"
    );
    // A delete in the change log ends the order's last version and is no version itself.
    assert_eq!(
        s.rows(&format!(
            "SELECT status, COALESCE(CAST(valid_to AS CHAR(19)), '-') AS vt, CASE WHEN is_current THEN 1 ELSE 0 END AS cur FROM {} WHERE order_id = 'o-1009';",
            q("orders_history")
        ))
        .iter()
        .map(|r| r.replace('T', " "))
        .collect::<Vec<_>>(),
        ["placed|2026-11-02 10:30:00|0"],
        "{engine:?}"
    );
    assert_eq!(
        s.rows(&format!(
            "SELECT COUNT(*) FROM {} WHERE order_id = 'o-1002' AND is_current;",
            q("orders_history")
        )),
        ["1"],
        "{engine:?}"
    );

    // net_revenue v2, summed over its dimensions, per day: equal to the independent value.
    let got: BTreeMap<String, i64> = s
        .rows(&format!(
            "SELECT CAST(day AS CHAR(10)) AS d, SUM(value) AS v FROM {} GROUP BY day ORDER BY day;",
            q("metric_net_revenue_v2")
        ))
        .iter()
        .map(|r| {
            let (d, v) = r.split_once('|').unwrap();
            (d.to_string(), money(v))
        })
        .collect();
    let expected = expected_net_revenue();
    assert_eq!(got, expected, "{engine:?}");
    assert_eq!(
        expected.get("2026-11-01"),
        Some(&15000),
        "the late payment belongs to 1 November"
    );
    // The stable name points to v2.
    assert_eq!(
        s.rows(&format!("SELECT COUNT(*) FROM {};", q("metric_net_revenue"))),
        s.rows(&format!("SELECT COUNT(*) FROM {};", q("metric_net_revenue_v2"))),
    );
    // Reconciliation: both days agree with the ledger's latest snapshot.
    assert_eq!(
        s.rows(&format!(
            "SELECT CAST(day AS CHAR(10)) AS d, CASE WHEN within_tolerance THEN 1 ELSE 0 END AS ok FROM {} ORDER BY day;",
            q("reconcile_net_revenue_v2")
        )),
        ["2026-10-28|1", "2026-11-01|1", "2026-11-02|1"],
        "{engine:?}"
    );

    // The quality tests give the same verdicts here as `truthline test` on the embedded
    // engine (tests/quality.rs): the generated test SQL is portable, catalog included.
    let mut failing: Vec<(String, String)> = Vec::new();
    for t in truthline::codegen::sql::quality_tests(&model, dialect(engine)) {
        let q = t.query.unwrap_or_else(|| panic!("{engine:?}: {} has no query", t.id));
        // Counted, so that a row of NULLs is not mistaken for no row by a client.
        let n = s.rows(&format!("SELECT COUNT(*) AS n FROM ({q}) AS v;"));
        if n != ["0"] {
            failing.push((t.id, t.severity.as_str().to_string()));
        }
    }
    failing.sort();
    let expected: Vec<(String, String)> = FAILING.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(failing, expected, "{engine:?}");
    // `truthline test` on the database itself: the same verdicts, read-only.
    if let Some(url) = s.url() {
        let name = if engine == Engine::Postgres {
            "postgres"
        } else {
            "mysql"
        };
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_truthline"))
            .args(["test", EXAMPLE, "--engine", name, "--format", "json"])
            .env("TRUTHLINE_DB", &url)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{engine:?}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!stdout.contains(&url), "the URL is never printed");
        let cli = example::not_passing(&stdout);
        assert_eq!(cli, expected, "{engine:?}: truthline test");
    }

    // Incremental step: a late payment within the lateness window lands, a redelivery
    // changes nothing, a payment older than the window is left for a full refresh.
    let d = dialect(engine).dialect();
    let ts = |v: &str| {
        if engine == Engine::Mariadb {
            d.string(v)
        } else {
            format!("TIMESTAMP {}", d.string(v))
        }
    };
    let date = |v: &str| {
        if engine == Engine::Mariadb {
            d.string(v)
        } else {
            format!("DATE {}", d.string(v))
        }
    };
    let row = |id: &str, pay: &str, paid: &str| {
        format!(
            "INSERT INTO {} (event_id, order_id, payment_id, user_id, amount, currency, channel, coupon, is_test, status, paid_at, customer_email, ingested_at, source, schema_version, {}) VALUES ('8f0c2b7e-0d3c-4b1e-9a51-00000000000{id}', 'o-200{id}', '{pay}', 'u-4', 10.00, 'EUR', 'web', NULL, FALSE, 'captured', {}, NULL, {}, 'kafka:order_paid', 3, {});\n",
            q("raw_order_paid"),
            d.ident("partition"),
            ts(paid),
            ts("2026-11-04 09:00:00"),
            date(&paid[..10])
        )
    };
    let mut new_rows = row("6", "pay-6", "2026-11-01 18:00:00");
    new_rows.push_str(&row("7", "pay-7", "2026-10-20 12:00:00"));
    new_rows.push_str(&row("1", "pay-1", "2026-11-01 10:00:00"));
    s.exec(&new_rows).unwrap();
    let payments = || {
        s.rows(&format!(
            "SELECT payment_id FROM {} ORDER BY payment_id;",
            q("payments")
        ))
    };
    let Some(step) = files.get("commerce/curated/payments.incremental.sql") else {
        // DataFusion cannot upsert: it gets the full refresh only, which takes every row.
        assert_eq!(engine, Engine::Datafusion, "only DataFusion lacks an incremental step");
        s.exec(&files["commerce/curated/payments.sql"]).unwrap();
        assert_eq!(
            payments(),
            ["pay-1", "pay-2", "pay-3", "pay-4", "pay-5", "pay-6", "pay-7", "pay-8"]
        );
        return;
    };
    s.exec(step).unwrap_or_else(|e| panic!("{engine:?} incremental: {e}"));
    s.exec(step)
        .unwrap_or_else(|e| panic!("{engine:?} incremental, again: {e}"));
    assert_eq!(
        payments(),
        ["pay-1", "pay-2", "pay-3", "pay-4", "pay-5", "pay-6", "pay-8"],
        "{engine:?}: pay-6 (late, within 3 days) lands once; pay-7 (older than the window) does not"
    );
}

#[test]
fn postgres_runs_the_generated_models() {
    scenario(Engine::Postgres);
    composites(Engine::Postgres);
}

#[test]
fn mariadb_runs_the_generated_models() {
    scenario(Engine::Mariadb);
    composites(Engine::Mariadb);
}

#[test]
fn datafusion_runs_the_generated_models_in_process() {
    scenario(Engine::Datafusion);
    composites(Engine::Datafusion);
}

#[test]
fn duckdb_runs_the_generated_models() {
    scenario(Engine::Duckdb);
    composites(Engine::Duckdb);
}

/// A raw table of unions, a recursive struct, lists with nullable items and maps: each
/// composite column is a semi-structured column of its engine (docs/codegen.md), so a
/// JSON value written into it reads back, and a union with a `null` branch is nullable.
const COMPOSITES: &str = r##"namespace shapes

team platform { contact "#platform" }
system app { domain operational engine postgres owner platform read via events }
system lake { domain analytical engine duckdb owner platform }

struct card { last4 string }
struct voucher { code string }
struct category { name string  children list<category> }

event paid v1 {
    owner          platform
    from           app
    compatibility  full
    key            id
    delivery       exactly_once
    event_time     at
    fields {
        id      string
        at      timestamp
        tender  union<null, card, voucher> default null
        amount  union<long, string>
        tree    category
        tags    list<string?>
        attrs   map<string, union<long, double>>
    }
}

table raw_paid {
    layer      raw
    store      lake
    owner      platform
    source     event paid v1
    write      append
    retention  30d
    columns {
        id      string
        at      timestamp
        tender  union<null, card, voucher>
        amount  union<long, string>
        tree    category
        tags    list<string?>
        attrs   map<string, union<long, double>>
    }
}
"##;

fn composites(engine: Engine) {
    let mut sources = truthline::span::SourceMap::new();
    sources.add("shapes.truth", COMPOSITES);
    for (name, text) in truthline::stdlib::FILES {
        sources.add(*name, *text);
    }
    let checked = truthline::check(&sources, &truthline::Options::default());
    let resolution: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| !d.code.code.starts_with('L'))
        .map(|d| d.message.clone())
        .collect();
    assert!(resolution.is_empty(), "{resolution:?}");
    let t = checked
        .model
        .tables
        .iter()
        .find(|t| t.item.ast.name.text == "raw_paid")
        .unwrap();
    assert!(t.column("tender").unwrap().nullable, "a union with `null` is nullable");
    assert!(!t.column("amount").unwrap().nullable);
    let files = generated(&checked.model, dialect(engine));
    let s = Session::new(engine);
    if engine == Engine::Mariadb {
        s.exec("DROP DATABASE IF EXISTS shapes;").unwrap();
    }
    let order: Vec<&str> = files["deploy_order.txt"]
        .lines()
        .filter(|l| !l.starts_with('#') && (l.starts_with("000") || l.contains("/raw/")))
        .collect();
    assert!(order.iter().any(|f| f.contains("raw_paid")), "{order:?}");
    for f in &order {
        s.exec(&files[*f]).unwrap_or_else(|e| panic!("{engine:?} {f}: {e}"));
    }
    let d = dialect(engine).dialect();
    let table = d.qualified("shapes", "raw_paid");
    let json = |v: &str| d.string(v);
    s.exec(&format!(
        "INSERT INTO {table} ({}, {}, {}, {}, {}, {}) VALUES ({}, {}, {}, {}, {}, {});",
        d.ident("id"),
        d.ident("tender"),
        d.ident("amount"),
        d.ident("tree"),
        d.ident("tags"),
        d.ident("attrs"),
        d.string("p-1"),
        json(r#"{"card": {"last4": "4242"}}"#),
        json(r#"{"long": 1250}"#),
        json(r#"{"name": "root", "children": [{"name": "leaf", "children": []}]}"#),
        json(r#"["a", null]"#),
        json(r#"{"fee": {"double": 0.5}}"#),
    ))
    .unwrap_or_else(|e| panic!("{engine:?} insert: {e}"));
    s.exec(&format!(
        "INSERT INTO {table} ({}, {}) VALUES ({}, {});",
        d.ident("id"),
        d.ident("amount"),
        d.string("p-2"),
        json(r#"{"string": "12.50"}"#),
    ))
    .unwrap_or_else(|e| panic!("{engine:?} insert with a null union: {e}"));
    let rows = s.rows(&format!(
        "SELECT {}, CASE WHEN {} IS NULL THEN 'null' ELSE 'set' END FROM {table} ORDER BY {};",
        d.ident("id"),
        d.ident("tender"),
        d.ident("id")
    ));
    assert_eq!(rows, ["p-1|set", "p-2|null"], "{engine:?}");
}
