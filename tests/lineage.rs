//! Column lineage: the commerce example's lineage per column, snapshotted (each line read
//! against the contracts when accepted), and `truthline lineage` as users run it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod example;
mod run;

use example::model;
use serde_json::Value;
use std::path::Path;
use truthline::lineage::{self, plain_name, Col};
use truthline::semantic::model::Node;

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
                .map(|i| format!("{} ({})", g.describe(&model, &i.from), i.how.label()))
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

/// The fenced blocks of a Markdown file with the given info string.
fn blocks(text: &str, info: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in text.lines() {
        match &mut cur {
            Some(b) if line.starts_with("```") => {
                out.push(std::mem::take(b));
                cur = None;
            }
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
            None if line.trim() == format!("```{info}") => cur = Some(String::new()),
            None => {}
        }
    }
    out
}

#[test]
fn docs_lineage_md_says_what_the_binary_does() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/lineage.md")).unwrap();
    // The example output is what `truthline lineage payments.amount` prints.
    let shown = blocks(&doc, "text");
    let (_, out, _) = run::truthline_in(&commerce(), &["lineage", "payments.amount"]);
    assert_eq!(shown[0], out);
    // The snippet checks clean beside the example, its consumer within its clearance;
    // with the address copied instead of hashed, the clearance lint fires.
    let snippet = &blocks(&doc, "truth")[0];
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(commerce()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "truth") {
            std::fs::copy(&p, tmp.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(tmp.path().join("crm.truth"), snippet).unwrap();
    let (code, out, err) = run::truthline_in(tmp.path(), &["check", "."]);
    assert_eq!(code, 0, "{out}{err}");
    let copied = snippet.replace("sha256(email) AS email_hash", "email AS email_hash");
    std::fs::write(tmp.path().join("crm.truth"), copied).unwrap();
    let (code, out, _) = run::truthline_in(tmp.path(), &["check", "."]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[L041]"), "{out}");
    // Every command line shown is one the binary accepts.
    for cmd in blocks(&doc, "sh").join("").lines() {
        let args: Vec<&str> = cmd.split(" | ").next().unwrap().split_whitespace().skip(1).collect();
        let (code, out, err) = run::truthline_in(&commerce(), &args);
        assert_eq!(code, 0, "{cmd}: {out}{err}");
    }
}
