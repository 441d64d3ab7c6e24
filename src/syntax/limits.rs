//! Limits checked before parsing, so that no input can exhaust the stack or the clock.

use super::codes::{BIDI_CONTROL_CHARACTER, FILE_TOO_LARGE, IDENTIFIER_TOO_LONG, NESTING_TOO_DEEP};
use crate::diagnostics::Diagnostic;
use crate::span::{FileId, Span};

/// Larger files are refused: real contracts are a few kilobytes each.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Deeper nesting of `{ ( < [` is refused: real types nest three or four levels.
pub const MAX_NESTING: usize = 64;

/// Longer names are refused: PostgreSQL cuts identifiers to 63 bytes, so two longer names
/// could become one table or column.
pub const MAX_IDENTIFIER_BYTES: usize = 63;

/// The first limit the text breaks, as a diagnostic.
pub fn check(file: FileId, text: &str) -> Option<Diagnostic> {
    if text.len() > MAX_FILE_BYTES {
        return Some(too_large(file, text.len() as u64));
    }
    nesting(file, text)
}

/// The size diagnostic, for a file of `len` bytes.
pub fn too_large(file: FileId, len: u64) -> Diagnostic {
    Diagnostic::new(
        &FILE_TOO_LARGE,
        Span::new(file, 0, 0),
        format!("file is {len} bytes; the limit is {MAX_FILE_BYTES} bytes"),
    )
    .with_help("split the contracts into several files")
}

fn nesting(file: FileId, text: &str) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    // One depth per kind of bracket, `{ ( < [`: a closer of one kind (a `>` in SQL, a stray
    // `)`) must not cancel an opener of another and so hide real nesting.
    let mut depth = [0usize; 4];
    // Whether the last token was `list` or `map`: only then does `<` open a type; elsewhere
    // it is a comparison in SQL. Blanks and comments keep it, as they may sit between.
    let mut generic = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' => i = skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            // U+FEFF is a blank to the grammar.
            0xEF if bytes.get(i + 1..i + 3) == Some(&[0xBB, 0xBF][..]) => {
                i += 3;
                continue;
            }
            b if b.is_ascii_alphanumeric() || b == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                generic = matches!(&bytes[start..i], b"list" | b"map" | b"union");
                continue;
            }
            b'{' | b'(' | b'<' | b'[' if b != b'<' || generic => {
                depth[kind(b)] += 1;
                if depth.iter().sum::<usize>() > MAX_NESTING {
                    return Some(too_deep(Span::new(file, i, i + 1)));
                }
            }
            b'}' | b')' | b'>' | b']' => depth[kind(b)] = depth[kind(b)].saturating_sub(1),
            _ => {}
        }
        generic = false;
        i += 1;
    }
    None
}

/// A name longer than [`MAX_IDENTIFIER_BYTES`]: `span` covers one dotted part.
pub fn identifier_too_long(span: Span) -> Diagnostic {
    Diagnostic::new(
        &IDENTIFIER_TOO_LONG,
        span,
        format!(
            "name is {} bytes long; the limit is {MAX_IDENTIFIER_BYTES}",
            span.end - span.start
        ),
    )
    .with_label_message("too long")
    .with_help("choose a shorter name: it becomes a SQL identifier, which engines cut or refuse past 63 bytes")
}

/// Characters that reorder text on screen: embeddings, overrides, isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One diagnostic per raw bidirectional control character (at most one per line, so a
/// file full of them stays readable).
pub fn bidi(file: FileId, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Every bidirectional control is encoded in UTF-8 with the lead byte 0xE2; a file
    // without one (almost every file) needs no walk through its characters.
    if !text.as_bytes().contains(&0xE2) {
        return out;
    }
    let mut line_done = None;
    let mut line = 0usize;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            line += 1;
        } else if is_bidi_control(c) && line_done != Some(line) {
            line_done = Some(line);
            out.push(
                Diagnostic::new(
                    &BIDI_CONTROL_CHARACTER,
                    Span::new(file, i, i + c.len_utf8()),
                    format!(
                        "raw bidirectional control character U+{:04X}: the text reads differently from what is compiled",
                        c as u32
                    ),
                )
                .with_label_message("reorders the text around it")
                .with_help(format!("write it as the escape `\\u{{{:x}}}` inside a string, or remove it", c as u32)),
            );
        }
    }
    out
}

fn kind(bracket: u8) -> usize {
    match bracket {
        b'{' | b'}' => 0,
        b'(' | b')' => 1,
        b'<' | b'>' => 2,
        _ => 3,
    }
}

/// The nesting diagnostic; also used when the parser itself runs out of stack.
pub fn too_deep(span: Span) -> Diagnostic {
    Diagnostic::new(
        &NESTING_TOO_DEEP,
        span,
        format!("nesting is deeper than {MAX_NESTING} levels"),
    )
    .with_label_message("too deep here")
    .with_help("flatten the type: declare the inner parts as named `struct`s")
}

/// Index of the closing quote of the string opening at `start` (or the end of its line).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            // A backslash escapes the next character, but never the end of the line.
            b'\\' if !matches!(bytes.get(i + 1), Some(b'\n' | b'\r')) => i += 1,
            b'"' | b'\n' | b'\r' => return i,
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
    fn bidi_controls_are_found_once_per_line() {
        assert_eq!(bidi(FileId(0), "a \u{202e}\u{202e}\nb \u{2066}\n\u{200f}").len(), 2);
        let d = &bidi(FileId(0), "ab\u{202e}")[0];
        assert_eq!((d.labels[0].span.start, d.labels[0].span.end), (2, 5));
    }

    #[test]
    fn deep_nesting_is_refused_but_strings_do_not_count() {
        assert!(check(FileId(0), &"{".repeat(65)).is_some());
        assert!(check(FileId(0), &"{".repeat(64)).is_none());
        assert!(check(FileId(0), &format!("\"{}\"", "{".repeat(100))).is_none());
        assert!(check(FileId(0), &format!("// {}", "{".repeat(100))).is_none());
    }

    #[test]
    fn a_closer_of_another_kind_does_not_hide_nesting() {
        assert!(check(FileId(0), &"{>".repeat(65)).is_some());
        assert!(check(FileId(0), &"{)".repeat(65)).is_some());
        assert!(check(FileId(0), &format!("type t = {}int", "list //\n<".repeat(65))).is_some());
    }

    #[test]
    fn comparisons_in_sql_are_not_nesting() {
        let line = "expect t { check c: a < 0 and b <= 1 }\n";
        assert!(check(FileId(0), &line.repeat(100)).is_none());
        assert!(check(FileId(0), &format!("type t = {}int", "map<".repeat(65))).is_some());
    }

    #[test]
    fn a_string_ends_at_its_line_even_after_a_backslash() {
        assert!(check(FileId(0), &format!("\"a\\\n{}", "{".repeat(65))).is_some());
    }
}
