//! Column lineage: the commerce example's lineage per column, snapshotted (each line read
//! against the contracts when accepted), and `truthline lineage` as users run it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod example;
mod run;

use example::model;
use serde_json::Value;
use std::path::Path;
use truthline::lineage::{self, plain_name, Col, How};
use truthline::semantic::model::Node;

fn how(h: How) -> &'static str {
    match h {
        How::Identity => "copied",
        How::Transformation => "computed",
        How::Masked => "masked",
        How::Aggregation { erases: true } => "aggregated",
        How::Aggregation { erases: false } => "aggregated, values kept",
    }
}

#[test]
fn the_commerce_lineage_per_column() {
    let model = model();
    let (g, diags) = lineage::trace(&model);
    assert!(diags.is_empty(), "{diags:?}");
    let mut out = String::new();
    for (node, cols) in &g.columns {
        if matches!(node, Node::Table(i) if model.tables[*i].item.ns == "std") {
            continue;
        }
        out.push_str(&format!("{}\n", plain_name(&model, node)));
        for c in cols {
            let col = Col::new(node.clone(), c.clone());
            let ins: Vec<String> = g
                .inputs_of(&col)
                .iter()
                .map(|i| format!("{} ({})", g.describe(&model, &i.from), how(i.how)))
                .collect();
            let class = g
                .classes
                .get(&col)
                .map(|k| format!("  [{}]", k.label()))
                .unwrap_or_default();
            let readers: Vec<String> = g.readers_of(&col).iter().map(|r| plain_name(&model, r)).collect();
            let read = if readers.is_empty() {
                String::new()
            } else {
                format!("  read by {}", readers.join(", "))
            };
            let from = if ins.is_empty() {
                "made here".to_string()
            } else {
                ins.join(", ")
            };
            out.push_str(&format!("  {c} <- {from}{class}{read}\n"));
        }
        if let Some(steer) = g.indirect.get(node) {
            let s: Vec<String> = steer
                .iter()
                .map(|(c, k)| format!("{} ({k:?})", g.describe(&model, c)))
                .collect();
            out.push_str(&format!("  rows steered by {}\n", s.join(", ")));
        }
    }
    insta::with_settings!({snapshot_path => "fixtures/lineage", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!("commerce_columns", out);
    });
}

fn commerce() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/commerce")
}

#[test]
fn lineage_of_a_column_walks_both_ways() {
    let dir = commerce();
    let (code, out, err) = run::truthline_in(&dir, &["lineage", "payments.amount"]);
    assert_eq!(code, 0, "{err}");
    // Up to the event that carries it, down to the mart and the metrics that sum it.
    assert!(out.contains("← raw_order_paid.amount  (copied)"), "{out}");
    assert!(out.contains("← order_paid v3.amount  (copied)"), "{out}");
    assert!(out.contains("→ revenue_movements.amount  (copied)"), "{out}");
    assert!(out.contains("→ gross_revenue v1.value  (aggregated)"), "{out}");
    assert!(out.contains("churn_features (owner growth)"), "{out}");
    let (code, out, _) = run::truthline_in(&dir, &["lineage", "payments.amount", "--upstream", "--depth", "1"]);
    assert_eq!(code, 0);
    assert!(out.contains("← raw_order_paid.amount"), "{out}");
    assert!(!out.contains("order_paid v3"), "{out}");
    assert!(!out.contains('→'), "{out}");
}

#[test]
fn lineage_as_json_and_dot() {
    let dir = commerce();
    let (code, out, err) = run::truthline_in(&dir, &["lineage", "users_current.email", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let col = &v["columns"][0];
    assert_eq!(col["column"], "users_current.email");
    assert_eq!(col["classification"]["pii"], true);
    let up: Vec<&str> = col["upstream"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["column"].as_str().unwrap())
        .collect();
    assert_eq!(up, ["raw_users_cdc.email", "identity.users.email"]);
    let (code, out, _) = run::truthline_in(&dir, &["lineage", "users_current.email", "--format", "dot"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("digraph lineage {"), "{out}");
    assert!(
        out.contains("\"raw_users_cdc.email\" -> \"users_current.email\""),
        "{out}"
    );
}

#[test]
fn an_unknown_name_is_refused_with_a_suggestion() {
    let dir = commerce();
    let (code, _, err) = run::truthline_in(&dir, &["lineage", "paymnets.amount"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("did you mean `payments.amount`?"), "{err}");
    let (code, _, err) = run::truthline_in(&dir, &["lineage", "payments.amout"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("did you mean `payments.amount`?"), "{err}");
}
