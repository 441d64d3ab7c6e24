//! Parser, resolver, lints and every renderer on arbitrary bytes: never a panic, every
//! label inside its file on character boundaries, valid JSON and SARIF, and the same
//! report twice.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use truthline::diagnostics::{github, junit, render, sarif};
use truthline::span::SourceMap;

fuzz_target!(|data: &[u8]| {
    let mut sources = SourceMap::new();
    let (ids, decode) = common::add_files(&mut sources, "p", &common::split(data, common::FILE_SEPARATOR));
    let mut all = ids.clone();
    all.extend(common::add_std(&mut sources));
    let checked = common::check(&sources, &all, &common::options());
    let mut diags = decode;
    diags.extend(checked.diagnostics.iter().cloned());
    for d in &diags {
        for l in &d.labels {
            let text = &sources.get(l.span.file).text;
            let (s, e) = (l.span.start as usize, l.span.end as usize);
            assert!(
                s <= e && e <= text.len(),
                "label {s}..{e} outside a file of {} bytes: {d:?}",
                text.len()
            );
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "label {s}..{e} splits a character: {d:?}"
            );
        }
    }
    let _ = render::human(&sources, &diags, false);
    let json = render::json(&sources, &diags, ids.len());
    assert!(common::is_json(&json), "invalid JSON report:\n{json}");
    let s = sarif::sarif(&sources, &diags);
    assert!(common::is_json(&s), "invalid SARIF:\n{s}");
    let _ = github::github(&sources, &diags);
    let _ = junit::junit(&sources, &diags, &ids, "fuzz");
    // Determinism: the same sources give the same findings.
    let again = common::check(&sources, &all, &common::options());
    assert_eq!(
        render::json(&sources, &checked.diagnostics, ids.len()),
        render::json(&sources, &again.diagnostics, ids.len()),
        "two checks of the same sources differ"
    );
});
