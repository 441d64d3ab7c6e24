//! The bundled example, loaded as the CLI does (sorted files, then the standard library),
//! and what its sample data is known to fail. Each test crate uses part of it.

#![allow(dead_code)]

use truthline::semantic::Model;

pub const DIR: &str = "examples/commerce";

/// The example's resolved model; it must check clean.
pub fn model() -> Model {
    let mut sources = truthline::span::SourceMap::new();
    let mut paths: Vec<_> = std::fs::read_dir(DIR).unwrap().map(|e| e.unwrap().path()).collect();
    paths.retain(|p| p.extension().is_some_and(|x| x == "truth"));
    paths.sort();
    for p in paths {
        sources.add(p.display().to_string(), std::fs::read_to_string(&p).unwrap());
    }
    for (name, text) in truthline::stdlib::FILES {
        sources.add(*name, *text);
    }
    let checked = truthline::check(&sources, &truthline::Options::default());
    assert!(checked.diagnostics.is_empty(), "the example must check clean");
    checked.model
}

/// The tests the sample data fails on purpose (see examples/commerce/data/README.md).
pub const FAILING: &[(&str, &str)] = &[
    ("commerce.metric_gross_revenue_v1: reconcile", "error"),
    ("commerce.metric_net_revenue_v1: reconcile", "error"),
    ("commerce.orders_history: freshness(updated_at)", "error"),
    (
        "commerce.orders_history: references(user_id -> users_current.user_id)",
        "warning",
    ),
    ("commerce.payments: freshness(paid_at)", "error"),
    ("commerce.payments: late_share", "error"),
    (
        "commerce.payments: references(order_id -> orders_history.order_id)",
        "warning",
    ),
    ("commerce.raw_ledger_daily_totals: freshness(ingested_at)", "error"),
    ("commerce.raw_order_paid: freshness(ingested_at)", "error"),
    ("commerce.raw_orders_cdc: freshness(ingested_at)", "error"),
    ("commerce.raw_refund_issued: freshness(ingested_at)", "warning"),
    ("commerce.raw_users_cdc: freshness(ingested_at)", "error"),
    ("commerce.refunds: late_share", "warning"),
    (
        "commerce.revenue_movements: reconcile(amount with ledger.daily_totals)",
        "warning",
    ),
];

/// Runs the truthline binary: exit code, stdout, stderr.
pub fn truthline(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_truthline"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The tests a `truthline test --format json` report does not pass, with their
/// severity, sorted: the shape of `FAILING`.
pub fn not_passing(json: &str) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut out: Vec<(String, String)> = report["tests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["status"] != "pass")
        .map(|t| {
            (
                t["id"].as_str().unwrap().to_string(),
                t["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}
