//! Limits checked before parsing, so that no input can exhaust the stack or the clock.

use super::codes::{FILE_TOO_LARGE, NESTING_TOO_DEEP};
use crate::diagnostics::Diagnostic;
use crate::span::{FileId, Span};

/// Larger files are refused: real contracts are a few kilobytes each.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Deeper nesting of `{ ( < [` is refused: real types nest three or four levels.
pub const MAX_NESTING: usize = 64;

/// The first limit the text breaks, as a diagnostic.
pub fn check(file: FileId, text: &str) -> Option<Diagnostic> {
    if text.len() > MAX_FILE_BYTES {
        return Some(
            Diagnostic::new(&FILE_TOO_LARGE, Span::new(file, 0, 0), format!(
                "file is {} bytes; the limit is {MAX_FILE_BYTES} bytes",
                text.len()
            ))
            .with_help("split the contracts into several files"),
        );
    }
    nesting(file, text)
}

fn nesting(file: FileId, text: &str) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' | b'(' | b'<' | b'[' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(
                        Diagnostic::new(&NESTING_TOO_DEEP, Span::new(file, i, i + 1), format!(
                            "nesting is deeper than {MAX_NESTING} levels"
                        ))
                        .with_label_message("too deep here")
                        .with_help("flatten the type: declare the inner parts as named `struct`s"),
                    );
                }
            }
            b'}' | b')' | b'>' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Index of the closing quote of the string opening at `start` (or the end of its line).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'"' | b'\n' => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_but_strings_do_not_count() {
        assert!(check(FileId(0), &"{".repeat(65)).is_some());
        assert!(check(FileId(0), &"{".repeat(64)).is_none());
        assert!(check(FileId(0), &format!("\"{}\"", "{".repeat(100))).is_none());
        assert!(check(FileId(0), &format!("// {}", "{".repeat(100))).is_none());
    }
}
