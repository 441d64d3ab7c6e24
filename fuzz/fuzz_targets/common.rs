//! What every target shares: turning fuzz bytes into a project, and checking it without
//! parsing the standard library again for every input.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use truthline::span::{FileId, SourceMap};
use truthline::syntax::ast;

/// Separates the files of one project in a fuzz input.
pub const FILE_SEPARATOR: &[u8] = b"\n=====\n";
/// Separates the baseline from the current project in a `breaking` input.
pub const SIDE_SEPARATOR: &[u8] = b"\n#####\n";

/// Splits `data` at every `sep`.
pub fn split<'a>(data: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(sep.len()).position(|w| w == sep) {
        parts.push(&rest[..at]);
        rest = &rest[at + sep.len()..];
    }
    parts.push(rest);
    parts
}

/// Adds each part as a file `<prefix>/fN.truth`, the way the CLI reads bytes (invalid
/// UTF-8 becomes a diagnostic), and returns the ids with their decoding diagnostics.
pub fn add_files(
    sources: &mut SourceMap,
    prefix: &str,
    parts: &[&[u8]],
) -> (Vec<FileId>, Vec<truthline::diagnostics::Diagnostic>) {
    let mut ids = Vec::new();
    let mut diags = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let (id, d) = truthline::syntax::add_source(sources, format!("{prefix}/f{i}.truth"), p.to_vec());
        ids.push(id);
        diags.extend(d);
    }
    (ids, diags)
}

/// Adds the embedded standard library, as the CLI does for every project.
pub fn add_std(sources: &mut SourceMap) -> Vec<FileId> {
    truthline::stdlib::FILES
        .iter()
        .map(|(name, text)| sources.add(*name, *text))
        .collect()
}

/// `truthline::check_files(sources, ids, options)`, without parsing the standard library
/// (the files `add_std` added) again for every input: parsing is a pure function of a
/// file's id and text, so the tree of a standard file under a given id is parsed once and
/// reused. The key is the id and the file: the ids of the standard files move with the
/// number of files an input splits into. Every other file is parsed by `parse_files` as `check_files` parses it, and the
/// rest is the same code (`check_parsed`).
pub fn check(sources: &SourceMap, ids: &[FileId], options: &truthline::Options) -> truthline::Checked {
    static STD_TREES: OnceLock<Mutex<HashMap<(FileId, String), ast::File>>> = OnceLock::new();
    let is_std = |id: &FileId| {
        let f = sources.get(*id);
        !f.lossy
            && truthline::stdlib::FILES
                .iter()
                .any(|(name, text)| f.name == *name && f.text == *text)
    };
    let fresh: Vec<FileId> = ids.iter().copied().filter(|id| !is_std(id)).collect();
    // Its diagnostics are those of the files parsed here, in file order: a standard file
    // has none (asserted when it is parsed).
    let mut parsed = truthline::parse_files(sources, &fresh);
    let mut fresh_trees = std::mem::take(&mut parsed.files).into_iter();
    let mut cache = STD_TREES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    for id in ids {
        if is_std(id) {
            let key = (*id, sources.get(*id).name.clone());
            let tree = cache.entry(key).or_insert_with(|| {
                let (tree, diags) = truthline::syntax::parse(*id, &sources.get(*id).text);
                assert!(
                    diags.is_empty(),
                    "the standard library does not parse cleanly: {diags:?}"
                );
                tree
            });
            parsed.files.push((*id, tree.clone()));
        } else if let Some(file) = fresh_trees.next() {
            parsed.files.push(file);
        }
    }
    drop(cache);
    truthline::check_parsed(sources, parsed, options)
}

/// The options of a reproducible run (a fixed "today").
pub fn options() -> truthline::Options {
    truthline::Options {
        today: Some(truthline::syntax::ast::Date {
            year: 2026,
            month: 6,
            day: 1,
        }),
        config: Default::default(),
    }
}

/// Whether a checked project has any error (then it is not a "valid project").
pub fn has_errors(diags: &[truthline::diagnostics::Diagnostic]) -> bool {
    diags
        .iter()
        .any(|d| d.severity >= truthline::diagnostics::Severity::Error)
}

/// Whether `text` is JSON. Checks the syntax only (every value is read and dropped), which
/// is what the targets assert, without building a tree of the whole document.
pub fn is_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}
