//! Where a fact is in an input text, for diagnostics. JSON and YAML parsers keep no
//! positions, so a fact is found by searching its words in order from a starting point:
//! good enough to point at the right line.

use crate::span::{FileId, Span};

/// The span of the last of `needles`, each searched after the previous one's match; the
/// deepest that was found if some are missing, the file start if none is.
pub fn find(file: FileId, text: &str, needles: &[&str]) -> Span {
    let mut at = 0usize;
    let mut found = Span::new(file, 0, 0);
    for n in needles.iter().filter(|n| !n.is_empty()) {
        match text.get(at..).and_then(|rest| rest.find(n)) {
            Some(i) => {
                let start = at + i;
                found = Span::new(file, start, start + n.len());
                at = start + n.len();
            }
            None => break,
        }
    }
    found
}

/// `"word"`: a JSON string as it appears in the text.
pub fn quoted(word: &str) -> String {
    format!("\"{word}\"")
}

/// The position a parser reports (1-based line and column) as a one-character span.
pub fn at_line_col(file: FileId, text: &str, line: usize, column: usize) -> Span {
    let src = crate::span::SourceFile::new("", text);
    src.line_range(line.saturating_sub(1))
        .map(|r| {
            let at = (r.start + column.saturating_sub(1)).min(r.end);
            Span::new(file, at, (at + 1).min(r.end))
        })
        .unwrap_or(Span::new(file, 0, 0))
}
