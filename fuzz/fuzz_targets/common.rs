//! What every target shares: turning fuzz bytes into a project.
#![allow(dead_code)]

use truthline::span::{FileId, SourceMap};

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
