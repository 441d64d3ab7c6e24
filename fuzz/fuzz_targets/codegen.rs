//! SQL generation for every dialect on any project that checks without errors: never a
//! panic, every generated statement parses back under its dialect (`generate` returns an
//! error otherwise, which is a bug), every path is plain and relative, and the output is
//! the same twice.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use truthline::codegen::sql::dialect::DialectName;
use truthline::span::SourceMap;

fuzz_target!(|data: &[u8]| {
    let mut sources = SourceMap::new();
    let (mut ids, decode) = common::add_files(&mut sources, "p", &common::split(data, common::FILE_SEPARATOR));
    if !decode.is_empty() {
        return;
    }
    ids.extend(common::add_std(&mut sources));
    let checked = common::check(&sources, &ids, &common::options());
    if common::has_errors(&checked.diagnostics) {
        return;
    }
    let files = match truthline::codegen::sql::generate(&checked.model, &DialectName::ALL) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    for f in &files {
        assert!(
            std::path::Path::new(&f.path)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_))),
            "not a plain relative path: {}",
            f.path
        );
    }
    let again = truthline::codegen::sql::generate(&checked.model, &DialectName::ALL).ok();
    let same = again.is_some_and(|a| {
        a.len() == files.len()
            && a.iter()
                .zip(&files)
                .all(|(x, y)| x.path == y.path && x.contents == y.contents)
    });
    assert!(same, "two generations differ");
});
