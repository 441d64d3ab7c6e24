//! Parsing costs a bounded number of grammar rule calls per byte, on valid contracts and on
//! inputs built to make error recovery read the same text again and again. pest counts
//! its rule calls and can stop a parse at a budget (`pest::set_call_limit`), so this is a
//! count, not a clock: it fails the same way on every machine, under any load.
//!
//! One test in its own binary: the budget is process-wide.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::num::NonZeroUsize;
use std::path::Path;
use truthline::span::SourceMap;

/// Rule calls allowed per byte of input. The bundled example's files need 2 or 3, the
/// worst input below 22 (measured with the budget set to 1, which makes the test print
/// what each case needs); the budget leaves room for grammar changes, not for re-reading.
const BUDGET_PER_BYTE: usize = 40;
/// What any file may spend besides, so that tiny inputs are not judged by their size.
const BUDGET_BASE: usize = 20_000;

/// The diagnostics of parsing `text` under a budget of `calls` (none: no budget).
fn parse_under(text: &str, calls: Option<usize>) -> String {
    let mut sources = SourceMap::new();
    let id = sources.add("a.truth", text.to_string());
    pest::set_call_limit(calls.and_then(NonZeroUsize::new));
    let (tree, diags) = truthline::syntax::parse(id, text);
    pest::set_call_limit(None);
    format!("{tree:?}\n{diags:?}")
}

/// The fewest rule calls that parse `text` as without a budget, per byte, searched up to
/// `most` calls a byte (a parse that re-reads its input can take minutes unbounded).
fn calls_per_byte(text: &str, free: &str, most: usize) -> String {
    let (mut lo, mut hi) = (1usize, BUDGET_BASE + most * text.len());
    if parse_under(text, Some(hi)) != free {
        return format!("over {most}");
    }
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if parse_under(text, Some(mid)) == free {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    format!("{:.0}", lo as f64 / text.len().max(1) as f64)
}

#[test]
fn parsing_costs_a_bounded_number_of_rule_calls_per_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<(String, String)> = Vec::new();
    for dir in ["examples/commerce", "tests/fixtures/fuzz", "fuzz/known"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "truth" || x == "bin"))
            .collect();
        paths.sort();
        for p in paths {
            let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            cases.push((p.display().to_string(), text));
        }
    }
    // Each doc line above a declaration that fails was once a new start for it: the
    // declaration was parsed again under every one of them.
    cases.push((
        "doc lines above a broken declaration".into(),
        format!("{}table t {{\n  columns {{\n    a {{\n", "/// doc\n".repeat(2_000)),
    ));
    // Each line of a block that opens a block never closed read the rest of the file.
    cases.push((
        "unclosed blocks inside a block".into(),
        format!(
            "table t {{\n{}",
            format!("  a {{\n{}", "    x y\n".repeat(200)).repeat(60)
        ),
    ));
    // The same at the top level, and a `{` after a quote that is never closed.
    cases.push((
        "unclosed blocks".into(),
        format!("x {{\n{}", "y z\n".repeat(100)).repeat(60),
    ));
    cases.push(("strings".into(), "{\"\"}\n{\n\"\n".repeat(60)));

    let mut over = Vec::new();
    for (what, text) in &cases {
        let budget = BUDGET_BASE + BUDGET_PER_BYTE * text.len();
        // A parse the budget stops reports nesting too deep; one it does not stop is
        // the parse, and only then is the unbounded parse (slow if it re-reads) needed.
        let budgeted = parse_under(text, Some(budget));
        if !budgeted.contains("nesting-too-deep") {
            continue;
        }
        let free = parse_under(text, None);
        if budgeted != free {
            over.push(format!(
                "{what}: {} rule calls a byte ({} bytes)",
                calls_per_byte(text, &free, 10 * BUDGET_PER_BYTE),
                text.len()
            ));
        }
    }
    assert!(
        over.is_empty(),
        "parsing re-reads its input (budget {BUDGET_PER_BYTE} calls a byte):\n{}",
        over.join("\n")
    );
}
