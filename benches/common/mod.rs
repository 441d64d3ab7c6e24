//! What the benches share: reading a folder of contracts the way the command line does.

use truthline::span::SourceMap;

/// The `.truth` files of `dir` in path order, then the standard library.
pub fn load(dir: &std::path::Path) -> SourceMap {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    paths.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "truth"));
    paths.sort();
    let mut sources = SourceMap::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
        sources.add(p.display().to_string(), text);
    }
    for (name, text) in truthline::stdlib::FILES {
        sources.add(*name, *text);
    }
    sources
}
