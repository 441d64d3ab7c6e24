//! Reading `.truth` files: text → syntax tree, with every syntax error as a diagnostic.

pub mod ast;
pub mod codes;
pub mod comments;
mod keywords;
mod limits;
mod lower;
mod parser;
mod recover;

use crate::diagnostics::Diagnostic;
use crate::span::FileId;
pub use limits::{MAX_FILE_BYTES, MAX_IDENTIFIER_BYTES, MAX_NESTING};
use pest::Parser;

/// Parses one file. The tree holds every declaration that could be read; the diagnostics
/// name every part that could not. A file with errors still yields a (partial) tree.
pub fn parse(file: FileId, text: &str) -> (ast::File, Vec<Diagnostic>) {
    let empty = ast::File {
        namespace: None,
        decls: Vec::new(),
    };
    if let Some(d) = limits::check(file, text) {
        return (empty, vec![d]);
    }
    let bidi = limits::bidi(file, text);
    let (tree, mut diags) = match parser::TruthParser::parse(parser::Rule::file, text) {
        Ok(mut pairs) => match pairs.next() {
            Some(root) => lower::file(file, text, root),
            None => (empty, Vec::new()),
        },
        // The catch-all productions accept any text, so this is unreachable in practice;
        // it is still reported rather than unwrapped.
        Err(e) => (empty, vec![recover::pest_error(file, 0, &e)]),
    };
    diags.extend(bidi);
    (tree, diags)
}

/// Keywords that start a declaration, for tools that complete or highlight.
pub fn declaration_keywords() -> Vec<&'static str> {
    keywords::Block::Top.keywords().collect()
}

/// Adds a file too large to be read (over [`MAX_FILE_BYTES`]) as an empty placeholder, with
/// its size diagnostic: a caller can refuse it without reading it into memory.
pub fn add_oversized(sources: &mut crate::span::SourceMap, name: String, len: u64) -> (FileId, Diagnostic) {
    let id = sources.add_lossy(name, String::new());
    (id, limits::too_large(id, len))
}

/// Adds a file read as bytes. Invalid UTF-8 becomes a diagnostic at the first bad byte; the
/// file is then kept with the bad bytes replaced, so the diagnostic can show it.
pub fn add_source(sources: &mut crate::span::SourceMap, name: String, bytes: Vec<u8>) -> (FileId, Option<Diagnostic>) {
    match String::from_utf8(bytes) {
        Ok(text) => (sources.add(name, text), None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // The replacement character is 3 bytes in the lossy text.
            let id = sources.add_lossy(name, text);
            let span = crate::span::Span::new(id, valid, valid + 3);
            let d = Diagnostic::new(
                &codes::INVALID_UTF8,
                span,
                format!("file is not valid UTF-8 (first bad byte at offset {valid})"),
            )
            .with_label_message("not UTF-8")
            .with_help("save the file as UTF-8");
            (id, Some(d))
        }
    }
}
