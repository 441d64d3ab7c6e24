//! The bundled example, loaded as the CLI does (sorted files, then the standard library).

use truthline::semantic::Model;

#[allow(dead_code)] // not every test crate that loads the example reads its folder
pub const DIR: &str = "examples/commerce";

/// The example's resolved model; it must check clean.
pub fn model() -> Model {
    let mut sources = truthline::span::SourceMap::new();
    let mut paths: Vec<_> = std::fs::read_dir(DIR).unwrap().map(|e| e.unwrap().path()).collect();
    paths.retain(|p| p.extension().is_some_and(|x| x == "truth"));
    paths.sort();
    for p in paths {
        sources.add(p.display().to_string(), std::fs::read_to_string(&p).unwrap());
    }
    for (name, text) in truthline::stdlib::FILES {
        sources.add(*name, *text);
    }
    let checked = truthline::check(&sources, &truthline::Options::default());
    assert!(checked.diagnostics.is_empty(), "the example must check clean");
    checked.model
}
