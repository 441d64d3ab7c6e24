//! `breaking` on two projects: the input is `baseline #####-line current`, each side files
//! split by `=====` lines. Never a panic; a project compared with itself has no change;
//! every change has a location; the comparison is the same twice.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use truthline::checks::breaking::{self, Settings};
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
    }
});
