//! The commerce example checks clean, and each broken variant of it produces exactly the
//! expected finding at the expected place.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use truthline::diagnostics::render;
use truthline::span::SourceMap;
use truthline::syntax::ast::Date;

const EXAMPLE: &str = "examples/commerce";

/// The example's files (sorted, as the CLI reads them) plus the standard library, with
/// one file's text replaced.
fn load(edit: Option<(&str, String)>) -> SourceMap {
    let mut paths: Vec<_> = std::fs::read_dir(EXAMPLE)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "truth"))
        .collect();
    paths.sort();
    let mut sources = SourceMap::new();
    for p in paths {
        let name = p.display().to_string();
        let text = match &edit {
            Some((file, text)) if p.file_name().unwrap() == *file => text.clone(),
            _ => std::fs::read_to_string(&p).unwrap(),
        };
        sources.add(name, text);
    }
    for (name, text) in truthline::stdlib::FILES {
        sources.add(*name, *text);
    }
    sources
}

fn check(sources: &SourceMap) -> Vec<truthline::diagnostics::Diagnostic> {
    let options = truthline::Options {
        today: Some(Date {
            year: 2026,
            month: 6,
            day: 1,
        }),
        ..Default::default()
    };
    truthline::check(sources, &options).diagnostics
}

/// `file` with the first `old` after the line containing `anchor` replaced by `new`.
fn edited(file: &str, anchor: &str, old: &str, new: &str) -> String {
    let text = std::fs::read_to_string(Path::new(EXAMPLE).join(file)).unwrap();
    let at = text.find(anchor).unwrap_or_else(|| panic!("`{anchor}` not in {file}"));
    let rel = text[at..]
        .find(old)
        .unwrap_or_else(|| panic!("`{old}` not after `{anchor}` in {file}"));
    let pos = at + rel;
    format!("{}{new}{}", &text[..pos], &text[pos + old.len()..])
}

fn variant(name: &str, file: &str, anchor: &str, old: &str, new: &str, expected: &str) {
    let sources = load(Some((file, edited(file, anchor, old, new))));
    let diags = check(&sources);
    let codes: Vec<&str> = diags.iter().map(|d| d.code.name).collect();
    assert_eq!(
        codes,
        [expected],
        "variant {name}:\n{}",
        render::human(&sources, &diags, false)
    );
    insta::with_settings!({snapshot_path => "fixtures/commerce_variants", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, render::human(&sources, &diags, false));
    });
}

#[test]
fn the_example_checks_clean() {
    let sources = load(None);
    let diags = check(&sources);
    assert!(diags.is_empty(), "{}", render::human(&sources, &diags, false));
}

#[test]
fn analytics_writing_into_the_orders_db() {
    variant(
        "write_into_operational",
        "curated.truth",
        "table payments",
        "store          warehouse",
        "store          orders_db",
        "write-into-operational",
    );
}

#[test]
fn a_metric_with_no_owner() {
    variant(
        "metric_missing_owner",
        "metrics.truth",
        "metric net_revenue v2",
        "owner       finance\n",
        "",
        "metric-missing-owner",
    );
}

#[test]
fn an_event_without_a_dedupe_key() {
    variant(
        "event_missing_dedupe",
        "events.truth",
        "event order_paid v3",
        "dedupe         event_id\n",
        "",
        "event-missing-dedupe",
    );
}

#[test]
fn a_type_mismatch_between_an_event_field_and_what_reads_it() {
    variant(
        "type_mismatch",
        "events.truth",
        "event order_paid v3",
        "amount          std.money",
        "amount          string",
        "type-mismatch",
    );
}

#[test]
fn an_unknown_column_inside_a_measure() {
    variant(
        "unknown_column_in_measure",
        "metrics.truth",
        "metric net_revenue v2",
        "sum(amount)",
        "sum(amout)",
        "unknown-column",
    );
}
