//! The comments of a file, which the syntax tree leaves out: `// …` line comments (and, for
//! tools that must keep every line, `///` doc lines). The formatter reads them to put each
//! comment back next to the node it belongs to.
//!
//! This is a lexical scan that mirrors the grammar's tokens: `"…"` strings (with `\`
//! escapes, never across a line), `"""…"""` SQL blocks and `'…'` SQL string literals are
//! skipped, so `'http://x'` holds no comment. The grammar reads a one-line SQL fragment to
//! the end of its line, and there a `"` is an ordinary character; callers that have the
//! syntax tree pass the extents of those fragments, which are then skipped whole and the
//! scan is exact. Without them, a lone `"` inside a one-line SQL fragment is read as
//! opening a string that ends with the line.

use crate::span::{FileId, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentKind {
    /// `// …`, and `//// …`, which the grammar also reads as a plain comment.
    Line,
    /// `/// …`: documentation, which the syntax tree holds when it documents something.
    Doc,
}

/// One comment; the span runs from the slashes to the end of the line, newline excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comment {
    pub kind: CommentKind,
    pub span: Span,
}

/// Every `//` line comment of `text`, in order (doc comments excluded).
pub fn line_comments(file: FileId, text: &str) -> Vec<Span> {
    scan(file, text, &[])
        .into_iter()
        .filter(|c| c.kind == CommentKind::Line)
        .map(|c| c.span)
        .collect()
}

/// Every comment and doc line of `text`, in order. `sql_lines` are the extents of the
/// one-line SQL fragments (as [`crate::syntax::ast::Sql::span`] gives them), in any order.
pub fn scan(file: FileId, text: &str, sql_lines: &[Span]) -> Vec<Comment> {
    let mut skips: Vec<(usize, usize)> = sql_lines.iter().map(|s| (s.start as usize, s.end as usize)).collect();
    skips.sort_unstable();
    let mut skips = skips.into_iter().peekable();
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while skips.peek().is_some_and(|&(start, _)| start < i) {
            skips.next();
        }
        if let Some(&(start, end)) = skips.peek() {
            if start == i && end > i {
                i = end;
                continue;
            }
        }
        i = match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = line_end(b, i);
                let doc = b.get(i + 2) == Some(&b'/') && b.get(i + 3) != Some(&b'/');
                let kind = if doc { CommentKind::Doc } else { CommentKind::Line };
                out.push(Comment {
                    kind,
                    span: Span::new(file, i, end),
                });
                end
            }
            b'"' if b[i..].starts_with(b"\"\"\"") => find(b, i + 3, b"\"\"\"").map_or(b.len(), |e| e + 3),
            b'"' => string_end(b, i + 1),
            b'\'' => find(b, i + 1, b"'").map_or(b.len(), |e| e + 1),
            _ => i + 1,
        };
    }
    out
}

/// The end of the line that `i` is on: the next `\n` or `\r`, or the end of the text.
fn line_end(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(b.len(), |p| i + p)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Just past the `"` that closes a string whose text starts at `i`; an unclosed string
/// ends with its line.
fn string_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        line_comments(FileId(0), text)
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn finds_line_comments_but_not_doc_comments() {
        let t = "// a\n/// doc\nteam x { // b\n}\n//// c\n//\n";
        assert_eq!(texts(t), ["// a", "// b", "//// c", "//"]);
        let all = scan(FileId(0), t, &[]);
        assert_eq!(all.iter().filter(|c| c.kind == CommentKind::Doc).count(), 1);
    }

    #[test]
    fn skips_strings_with_escapes() {
        let t = r#"team x { contact "http://a \" // b" // real
}"#;
        assert_eq!(texts(t), ["// real"]);
    }

    #[test]
    fn an_unclosed_string_ends_with_its_line() {
        assert_eq!(texts("contact \"abc\n// c\n"), ["// c"]);
    }

    #[test]
    fn skips_sql_blocks_and_sql_literals() {
        let t = "measure \"\"\"\n  sum(x) // not a comment\n\"\"\" // one\nwhere url = 'http://x' // two\n";
        assert_eq!(texts(t), ["// one", "// two"]);
    }

    #[test]
    fn sql_literals_may_span_lines() {
        assert_eq!(texts("where a = 'x\n// no\n' // yes\n"), ["// yes"]);
    }

    #[test]
    fn comments_end_at_carriage_returns() {
        let t = "// a\r\nteam x {}\r\n";
        assert_eq!(texts(t), ["// a"]);
    }

    #[test]
    fn sql_line_extents_make_double_quotes_plain() {
        let t = "where x = \"a // b\n";
        let start = t.find('x').unwrap_or(0);
        let end = t.find(" //").unwrap_or(0);
        let sql = [Span::new(FileId(0), start, end)];
        let found: Vec<&str> = scan(FileId(0), t, &sql).iter().map(|c| &t[c.span.range()]).collect();
        assert_eq!(found, ["// b"]);
        assert!(texts(t).is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["\"", "\"\"", "\"\"\"", "'", "/", "\"\\", "é//x", "\"é\\é\""] {
            let _ = scan(FileId(0), t, &[]);
        }
    }
}
