//! SQL and docs generation on any project that checks without errors: never a panic,
//! every generated statement parses back under its dialect (`generate` returns an error
//! otherwise, which is a bug), every page of the docs site is well-formed HTML, every
//! path is plain and relative, and the SQL is the same twice (tests/docs.rs holds the
//! site to the same).
#![no_main]

mod common;
#[path = "../../tests/html/mod.rs"]
mod html;

use libfuzzer_sys::fuzz_target;
use truthline::codegen::docs::DocsOptions;
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
        assert_plain(&f.path);
    }
    let again = truthline::codegen::sql::generate(&checked.model, &DialectName::ALL).ok();
    assert!(again.is_some_and(|a| a == files), "two generations differ");

    // One dialect: the SQL of every dialect is checked above, and each more dialect
    // only adds a copy of it to the metric pages.
    let options = DocsOptions {
        dialects: vec![DialectName::Postgres],
        title: "fuzz <&> \"project\"".into(),
        changes: None,
    };
    let site = match truthline::codegen::docs::generate(&checked.model, &options) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    for f in &site {
        assert_plain(&f.path);
        if f.path.ends_with(".html") {
            let errors = html::errors(&f.contents);
            assert!(
                errors.is_empty(),
                "{} is not well-formed: {errors:?}\n{}",
                f.path,
                f.contents
            );
        }
    }
});

fn assert_plain(path: &str) {
    assert!(
        std::path::Path::new(path)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_))),
        "not a plain relative path: {path}"
    );
}
