//! `breaking` on two projects: the input is `baseline #####-line current`, each side files
//! split by `=====` lines. Never a panic; a project compared with itself has no change;
//! every change has a location; the comparison is the same twice; the docs site's page of
//! the changes is well-formed HTML.
#![no_main]

mod common;
#[path = "../../tests/html/mod.rs"]
mod html;

use libfuzzer_sys::fuzz_target;
use truthline::checks::breaking::{self, Settings};
use truthline::codegen::docs::{Changes, DocsOptions};
use truthline::codegen::sql::dialect::DialectName;
use truthline::span::SourceMap;

fuzz_target!(|data: &[u8]| {
    let sides = common::split(data, common::SIDE_SEPARATOR);
    let (old_bytes, new_bytes) = match sides.as_slice() {
        [old, new] => (*old, *new),
        [one] => (*one, *one),
        _ => return,
    };
    let mut sources = SourceMap::new();
    let std_ids = common::add_std(&mut sources);
    let (mut old_ids, old_decode) =
        common::add_files(&mut sources, "base", &common::split(old_bytes, common::FILE_SEPARATOR));
    let (mut new_ids, new_decode) =
        common::add_files(&mut sources, "cur", &common::split(new_bytes, common::FILE_SEPARATOR));
    if !old_decode.is_empty() || !new_decode.is_empty() {
        return;
    }
    old_ids.extend(&std_ids);
    new_ids.extend(&std_ids);
    let opts = common::options();
    let old = common::check(&sources, &old_ids, &opts);
    let new = common::check(&sources, &new_ids, &opts);
    let settings = Settings {
        today: opts.today,
        ..Settings::default()
    };
    let changes = breaking::compare(&breaking::Input {
        old: &old.model,
        new: &new.model,
        settings: &settings,
    });
    for c in &changes {
        assert!(c.to_diagnostic().is_some(), "a change without a location: {c:?}");
    }
    let again = breaking::compare(&breaking::Input {
        old: &old.model,
        new: &new.model,
        settings: &settings,
    });
    assert_eq!(format!("{changes:?}"), format!("{again:?}"), "two comparisons differ");
    // Only for a project that checks clean: itself against itself is no change.
    if !common::has_errors(&new.diagnostics) {
        let same = breaking::compare(&breaking::Input {
            old: &new.model,
            new: &new.model,
            settings: &settings,
        });
        assert!(same.is_empty(), "a project differs from itself: {same:?}");
        if !changes.is_empty() {
            changes_page_is_well_formed(&new.model, changes);
        }
    }
});

/// `truthline docs --against` on this pair: its changes page, the one page that shows the
/// changes, parses as HTML without an error.
fn changes_page_is_well_formed(model: &truthline::semantic::Model, list: Vec<breaking::Change>) {
    let options = DocsOptions {
        dialects: vec![DialectName::Postgres],
        title: "fuzz".into(),
        changes: Some(Changes {
            baseline: "git:<base> & \"main\"".into(),
            list,
        }),
    };
    let site = match truthline::codegen::docs::generate(model, &options) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let page = site
        .iter()
        .find(|f| f.path == "changes.html")
        .map(|f| f.contents.as_str());
    let page = page.unwrap_or_else(|| panic!("no changes.html"));
    let errors = html::errors(page);
    assert!(errors.is_empty(), "changes.html is not well-formed: {errors:?}\n{page}");
}
