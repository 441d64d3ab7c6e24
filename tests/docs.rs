//! The docs site rendered from models: snapshots of a few pages of the example, the
//! same bytes on every run, contract text escaped, and lineage graphs that stay small
//! on a large project. (tests/docs_site.rs opens the site in a real browser.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use truthline::codegen::docs::{generate, DocsOptions};
use truthline::codegen::sql::dialect::DialectName;
use truthline::codegen::OutputFile;

mod example;
mod html;

fn options() -> DocsOptions {
    DocsOptions {
        dialects: vec![DialectName::Postgres],
        title: "commerce".into(),
        changes: None,
    }
}

fn page<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no page {path}"))
        .contents
}

/// A model from sources given as text, with the standard library, as the CLI loads it.
fn model_of(files: &[(&str, String)]) -> truthline::semantic::Model {
    let mut sources = truthline::span::SourceMap::new();
    for (name, text) in files {
        sources.add(*name, text.clone());
    }
    for (name, text) in truthline::stdlib::FILES {
        sources.add(*name, *text);
    }
    let checked = truthline::check(&sources, &truthline::Options::default());
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity >= truthline::diagnostics::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    checked.model
}

#[test]
fn pages_of_the_example_are_snapshotted() {
    let files = generate(&example::model(), &options()).unwrap();
    for (name, path) in [
        ("docs_index", "index.html"),
        ("docs_metric_net_revenue", "metric/commerce.net_revenue.html"),
        ("docs_event_order_paid", "event/commerce.order_paid.html"),
    ] {
        insta::with_settings!({snapshot_path => "fixtures/docs", prepend_module_to_snapshot => false, omit_expression => true}, {
            insta::assert_snapshot!(name, page(&files, path));
        });
    }
}

/// Fails with every parse error of every HTML page of `files`.
fn assert_well_formed(files: &[OutputFile]) {
    let mut pages = 0;
    let bad: Vec<String> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .inspect(|_| pages += 1)
        .filter_map(|f| {
            let errors = html::errors(&f.contents);
            (!errors.is_empty()).then(|| format!("{}: {}", f.path, errors.join("; ")))
        })
        .collect();
    assert!(pages > 10, "only {pages} pages");
    assert!(
        bad.is_empty(),
        "pages that are not well-formed HTML:\n{}",
        bad.join("\n")
    );
}

#[test]
fn every_page_is_well_formed_html() {
    let all = DocsOptions {
        dialects: DialectName::ALL.to_vec(),
        title: "commerce <&> \"quoted\"".into(),
        changes: None,
    };
    assert_well_formed(&generate(&example::model(), &all).unwrap());
}

#[test]
fn the_checker_sees_a_page_that_is_not_well_formed() {
    // The check above would pass on anything if the parser reported nothing.
    assert!(
        html::errors("<!DOCTYPE html><html><head><title>t</title></head><body><div></span></div></body></html>").len()
            == 1
    );
    assert!(html::errors("<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>").is_empty());
}

#[test]
fn the_site_is_the_same_on_every_run() {
    let all = DocsOptions {
        dialects: DialectName::ALL.to_vec(),
        title: "commerce".into(),
        changes: None,
    };
    let a = generate(&example::model(), &all).unwrap();
    let b = generate(&example::model(), &all).unwrap();
    assert_eq!(a, b);
}

#[test]
fn every_kind_of_page_is_there_and_links_stay_inside_the_site() {
    let files = generate(&example::model(), &options()).unwrap();
    for path in [
        "index.html",
        "rules.html",
        "search-index.js",
        "assets/style.css",
        "assets/search.js",
        "concept/commerce.order.html",
        "system/commerce.orders_db.html",
        "event/commerce.order_paid.html",
        "table/commerce.payments.html",
        "metric/commerce.net_revenue.html",
        "team/commerce.finance.html",
        "consumer/commerce.board_report.html",
        "list/metrics.html",
    ] {
        assert!(files.iter().any(|f| f.path == path), "no {path}");
    }
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        // No absolute URL anywhere: the site makes no request outside itself.
        for bad in ["http://", "https://", "src=\"/", "href=\"/", "//cdn"] {
            let allowed = "xmlns=\"http://www.w3.org/2000/svg\"";
            assert!(
                !f.contents.replace(allowed, "").contains(bad),
                "{} contains {bad}",
                f.path
            );
        }
    }
    // Every rule code has its documentation on the rules page.
    let rules = page(&files, "rules.html");
    for c in truthline::diagnostics::codes::all() {
        assert!(
            rules.contains(&format!("id=\"{}\"", c.code)),
            "{} is not on the rules page",
            c.code
        );
    }
    let index = page(&files, "search-index.js");
    assert!(index.starts_with("// Generated by truthline"));
    assert!(index.contains("\"net_revenue v2\",\"metric\",\"metric/commerce.net_revenue.html#v2\""));
}

#[test]
fn text_from_contracts_is_escaped() {
    let evil = "<script>alert('pwned')</script> & <img src=x onerror=alert(1)>";
    let controls = "\u{0}\u{1b}\u{7f}\u{85}\u{fdd0}\u{ffff}";
    let source = format!(
        r#"namespace evil

/// Owns {evil} and `<b>bold</b>` in code
/// and controls: [{controls}]
team t {{ contact "{evil}" }}

/// The system {evil}
system s {{ domain operational engine postgres owner t read via events tables things }}

/// The concept {evil}
concept thing {{ authority s.things identifier thing_id time at as event owner t }}

/// The event {evil}
event happened v1 {{
  owner t
  from s
  compatibility backward
  key thing_id
  delivery at_least_once
  dedupe event_id
  event_time at
  topic "{evil}"
  fields {{
    event_id  uuid
    /// The field {evil}
    thing_id  string  @doc("{evil}")
    at        timestamp
  }}
}}
"#
    );
    let model = model_of(&[("evil.truth", source)]);
    let files = generate(&model, &options()).unwrap();
    assert_well_formed(&files);
    let mut seen = 0;
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        assert!(
            !f.contents.contains("<script>alert"),
            "{} lets a <script> through",
            f.path
        );
        assert!(!f.contents.contains("<img"), "{} lets an <img> through", f.path);
        seen += f
            .contents
            .matches("&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;")
            .count();
    }
    // The text is shown, as text: on the team, system, concept and event pages at least.
    assert!(seen >= 6, "the escaped text shows {seen} times");
    // Backticks become code, still escaped.
    let team = page(&files, "team/evil.t.html");
    assert!(team.contains("<code>&lt;b&gt;bold&lt;/b&gt;</code> in code"), "{team}");
    assert!(!team.contains("<b>"), "{team}");
    // Characters HTML does not allow in text (a NUL, controls, noncharacters) show as
    // U+FFFD, as a browser shows them; the pages are well-formed (checked above).
    assert!(
        team.contains("and controls: [\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}]"),
        "{team}"
    );
    let event = page(&files, "event/evil.happened.html");
    assert!(
        event.contains("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;"),
        "{event}"
    );
    // And were one to slip through, the pages' content security policy allows only the
    // site's own script files to run (Chromium enforces it on file:// too).
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        assert!(
            f.contents.contains("content=\"default-src 'none'; script-src 'self';"),
            "{} has no content security policy",
            f.path
        );
    }
    // The only script tags are the site's own.
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let scripts: Vec<&str> = f
            .contents
            .match_indices("<script")
            .map(|(i, _)| &f.contents[i..])
            .collect();
        assert_eq!(scripts.len(), 1, "{}", f.path);
        assert!(scripts[0].starts_with("<script src=\""), "{}", f.path);
    }
}

#[test]
fn svg_text_is_xml_escaped() {
    use truthline::codegen::docs::graph::xml_escape;
    assert_eq!(
        xml_escape("a<b>&\"c'\u{1}"),
        "a&lt;b&gt;&amp;&quot;c&#39;",
        "markup and control characters"
    );
}

/// A project where one system produces 60 events: its graph folds the extra nodes of
/// each column into one "+N more" box instead of drawing all of them.
#[test]
fn lineage_graphs_stay_small_on_a_large_project() {
    let mut text = String::from(
        "namespace big\n\nteam t { contact \"#t\" }\nsystem src { domain operational engine postgres owner t read via events }\nsystem wh { domain analytical engine duckdb owner t }\n",
    );
    for i in 0..60 {
        text.push_str(&format!(
            "event e{i} v1 {{ owner t from src compatibility backward key id delivery at_least_once dedupe id event_time at fields {{ id string at timestamp }} }}\n\
             table raw_e{i} {{ layer raw store wh owner t source event e{i} v1 include std.raw_metadata retention 30d write append partition by day(at) }}\n"
        ));
    }
    let model = model_of(&[("big.truth", text)]);
    let files = generate(&model, &options()).unwrap();
    let system = page(&files, "system/big.src.html");
    let svg = &system[system.find("<svg").unwrap()..system.find("</svg>").unwrap()];
    let boxes = svg.matches("<rect").count();
    // Three columns (system, events, raw tables), each at most 12 boxes.
    assert!(boxes <= 1 + 12 + 12, "{boxes} boxes");
    assert_eq!(svg.matches("+49 more").count(), 2, "{svg}");
    // Deterministic layout: the first events in name order are the ones drawn.
    assert!(svg.contains(">e0 v1<") && svg.contains(">e17 v1<"), "{svg}");
    // An event's own graph is small: its system, itself, its raw table.
    let event = page(&files, "event/big.e7.html");
    assert_eq!(event.matches("<rect").count(), 3, "{event}");
}

#[test]
fn table_pages_show_lineage_readers_and_classification_per_column() {
    let files = generate(&example::model(), &options()).unwrap();
    let movements = page(&files, "table/commerce.revenue_movements.html");
    // Read off marts.truth: `movement_id` is a payment id or a refund id, copied, and the
    // accounting export names it.
    let row = movements
        .split("<tr id=\"lineage-movement_id\">")
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .expect("a lineage row for movement_id");
    assert!(
        row.contains("href=\"../table/commerce.payments.html#lineage-payment_id\">payments.payment_id</a>"),
        "{row}"
    );
    assert!(
        row.contains("href=\"../table/commerce.refunds.html#lineage-refund_id\">refunds.refund_id</a>"),
        "{row}"
    );
    assert!(row.contains(">accounting_export</a>"), "{row}");
    // `users_current.email` is personal, from the raw copy of the identity database.
    let users = page(&files, "table/commerce.users_current.html");
    let row = users
        .split("<tr id=\"lineage-email\">")
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .expect("a lineage row for email");
    assert!(row.contains("<span class=\"tag\">pii</span>"), "{row}");
    assert!(row.contains(">raw_users_cdc.email</a>"), "{row}");
    // Every in-page lineage link lands on a row that exists.
    for f in files.iter().filter(|f| f.path.starts_with("table/")) {
        for part in f.contents.split("href=\"../").skip(1) {
            let target = part.split('"').next().unwrap();
            if let Some((path, anchor)) = target.split_once("#lineage-") {
                let page = page(&files, path);
                assert!(
                    page.contains(&format!("id=\"lineage-{anchor}\"")),
                    "{} links to {target}",
                    f.path
                );
            }
        }
    }
}
