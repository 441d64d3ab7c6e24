//! Diagnostics for the catch-all nodes: a line the grammar could not read becomes one
//! precise error. When the line starts with a keyword the block knows, it is parsed again
//! with that keyword's rule alone, so the error points at the exact token that went wrong.

use super::codes::*;
use super::keywords::{describe, Block};
use super::parser::{Rule, TruthParser};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::span::{FileId, Span};
use pest::error::{ErrorVariant, InputLocation};
use pest::Parser;

/// A malformed line inside a block.
pub fn bad_entry(file: FileId, text: &str, span: Span, block: Block) -> Vec<Diagnostic> {
    let t = &text[span.range()];
    if let Some(d) = dangling_doc(file, text, t, span.start as usize) {
        return vec![d];
    }
    if let Some(d) = unterminated_string(file, t, span.start as usize) {
        return vec![d];
    }
    let word = first_word(t);
    if word.is_empty() {
        return vec![unexpected(file, t, span, block)];
    }
    if let Some(entry) = block.find(word) {
        return vec![
            reparse(file, t, span.start as usize, entry.rule, &format!("`{word}` entry"))
                .with_help(format!("write it as `{}`", entry.usage)),
        ];
    }
    let word_span = Span::new(file, span.start as usize, span.start as usize + word.len());
    let mut d = Diagnostic::new(
        &UNKNOWN_ENTRY,
        word_span,
        format!("unknown entry `{word}` in {}", a_block(block)),
    )
    .with_label_message("not an entry of this block");
    d = match did_you_mean(word, block.keywords()) {
        Some(m) => d.with_help(format!("did you mean `{m}`?")),
        None => d.with_help(format!("{} accepts: {}", a_block(block), list(block))),
    };
    vec![d]
}

/// A top-level line that is not a declaration.
pub fn bad_item(file: FileId, text: &str, span: Span, docs: &[String]) -> Vec<Diagnostic> {
    let t = &text[span.range()];
    let base = span.start as usize;
    if let Some(d) = dangling_doc(file, text, t, base) {
        return vec![d];
    }
    let _ = docs;
    if let Some(open) = unclosed_brace(t) {
        return vec![Diagnostic::new(
            &UNCLOSED_BLOCK,
            Span::new(file, base + open, base + open + 1),
            "this `{` is never closed",
        )
        .with_label_message("opened here")
        .with_note("everything after it was skipped")
        .with_help("add the missing `}` at the end of the block")];
    }
    if let Some(d) = unterminated_string(file, t, base) {
        return vec![d];
    }
    let word = first_word(t);
    if word == "namespace" {
        return vec![Diagnostic::new(
            &UNKNOWN_DECLARATION,
            trim_span(file, t, base),
            "`namespace` must come first in its file",
        )
        .with_help("move it to the top of the file; one file has one namespace")];
    }
    if let Some(entry) = Block::Top.find(word) {
        return vec![reparse(file, t, base, entry.rule, &format!("`{word}` declaration"))
            .with_help(format!("write it as `{}`", entry.usage))];
    }
    let word_span = if word.is_empty() {
        trim_span(file, t, base)
    } else {
        Span::new(file, base, base + word.len())
    };
    let found = if word.is_empty() {
        shown(&snippet(t))
    } else {
        word.to_string()
    };
    let mut d = Diagnostic::new(
        &UNKNOWN_DECLARATION,
        word_span,
        format!("expected a declaration, found `{found}`"),
    );
    d = match did_you_mean(word, Block::Top.keywords()) {
        Some(m) if !word.is_empty() => d.with_help(format!("did you mean `{m}`?")),
        _ => d.with_help(format!("declarations start with: {}", list(Block::Top))),
    };
    vec![d]
}

/// A `///` line that documents nothing: at the end of a file or block, or above an entry
/// (only declarations, fields and columns carry documentation).
fn dangling_doc(file: FileId, text: &str, t: &str, base: usize) -> Option<Diagnostic> {
    if !t.starts_with("///") {
        return None;
    }
    // After other text on its line, `///` would move to a line of its own when formatted
    // and take whatever follows it on the line along: that changes the file, so it is an
    // error rather than a dangling doc comment.
    let line_start = text[..base].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..base].trim().is_empty() {
        return Some(
            Diagnostic::new(
                &UNKNOWN_DECLARATION,
                Span::new(file, base, base + 3),
                "a doc comment must start its own line",
            )
            .with_label_message("after other text on this line")
            .with_help("put the `///` comment on the line above, or make it a plain `//` comment"),
        );
    }
    // A `{` on the doc line opens a block the skipped text runs on with: that block is
    // lost, not merely undocumented, so it is an error (the formatter would drop it).
    let line_end = t.find('\n').unwrap_or(t.len());
    if !t[line_end..].trim().is_empty() {
        let open = t[..line_end].find('{').unwrap_or(0);
        return Some(
            Diagnostic::new(
                &UNKNOWN_DECLARATION,
                Span::new(file, base + open, base + open + 1),
                "this block starts inside a doc comment",
            )
            .with_label_message("inside a `///` line")
            .with_note(
                "a `///` comment runs to the end of its line, so the block that follows it belongs to no declaration",
            )
            .with_help("start the declaration on a line of its own, below the comment"),
        );
    }
    Some(
        Diagnostic::new(
            &DANGLING_DOC_COMMENT,
            trim_span(file, t, base),
            "doc comment is not followed by a declaration, field or column",
        )
        .with_help("put the declaration right below it, or make it a plain `//` comment"),
    )
}

/// A malformed line inside `fields { … }` or `columns { … }`.
pub fn bad_field(file: FileId, text: &str, span: Span) -> Vec<Diagnostic> {
    let t = &text[span.range()];
    if let Some(d) = dangling_doc(file, text, t, span.start as usize) {
        return vec![d];
    }
    if let Some(d) = unterminated_string(file, t, span.start as usize) {
        return vec![d];
    }
    vec![reparse(file, t, span.start as usize, Rule::field, "field")
        .with_help("a field is `name type`, then optionally `default value` and `@attributes`, e.g. `amount decimal(18,2) @doc(\"…\")`")]
}

/// Parses `t` again with `rule` alone and turns the failure into a diagnostic.
fn reparse(file: FileId, t: &str, base: usize, rule: Rule, what: &str) -> Diagnostic {
    match TruthParser::parse(rule, t) {
        Err(e) => pest_error(file, base, &e).with_message_prefix(what),
        Ok(pairs) => {
            // The rule read a prefix; the rest of the line is what does not belong.
            let end = pairs.last().map_or(0, |p| p.as_span().end());
            let rest = &t[end..];
            let lead = rest.len() - rest.trim_start().len();
            let at = end + lead;
            let found = first_token(&t[at..]);
            Diagnostic::new(
                &SYNTAX_ERROR,
                Span::new(file, base + at, base + at + found.len().max(1)),
                format!("malformed {what}: unexpected `{}`", shown(found)),
            )
            .with_label_message("unexpected here")
        }
    }
}

/// A pest error at `base` in the file.
pub fn pest_error(file: FileId, base: usize, e: &pest::error::Error<Rule>) -> Diagnostic {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let line = e.line();
    let col = match e.line_col {
        pest::error::LineColLocation::Pos((_, c)) | pest::error::LineColLocation::Span((_, c), _) => c,
    };
    let rest: String = line.chars().skip(col.saturating_sub(1)).collect();
    let found = first_token(&rest);
    let start = base + pos;
    if let ErrorVariant::CustomError { message } = &e.variant {
        // pest's own guard ("stack limit reached", "call limit reached"): nesting that the
        // pre-check could not see, such as braces after a quote that is never closed.
        if message.ends_with("limit reached") {
            return super::limits::too_deep(Span::new(file, start, start + found.len()));
        }
    }
    let expected = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut words: Vec<&str> = positives
                .iter()
                .map(|r| describe(*r))
                .filter(|w| !w.is_empty())
                .collect();
            words.dedup();
            words.join(" or ")
        }
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let found_text = if found.is_empty() {
        "the end of the line".to_string()
    } else {
        format!("`{}`", shown(found))
    };
    let message = if expected.is_empty() {
        format!("unexpected {found_text}")
    } else {
        format!("expected {expected}, found {found_text}")
    };
    Diagnostic::new(&SYNTAX_ERROR, Span::new(file, start, start + found.len()), message).with_label_message(
        if expected.is_empty() {
            "unexpected here".to_string()
        } else {
            format!("expected {expected}")
        },
    )
}

trait Prefix {
    fn with_message_prefix(self, what: &str) -> Self;
}

impl Prefix for Diagnostic {
    fn with_message_prefix(mut self, what: &str) -> Self {
        self.message = format!("malformed {what}: {}", self.message);
        self
    }
}

fn unexpected(file: FileId, t: &str, span: Span, block: Block) -> Diagnostic {
    let found = first_token(t);
    let start = span.start as usize;
    Diagnostic::new(
        &SYNTAX_ERROR,
        Span::new(file, start, start + found.len().max(1)),
        format!("unexpected `{}` in {}", shown(found), a_block(block)),
    )
    .with_label_message("unexpected here")
    .with_help(format!("{} accepts: {}", a_block(block), list(block)))
}

/// "a `team` block", "an `event` block".
fn a_block(block: Block) -> String {
    let name = block.name();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} `{name}` block")
}

/// Text from the file as a message quotes it: control characters (a NUL byte, say) escaped.
fn shown(t: &str) -> String {
    t.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn list(block: Block) -> String {
    block
        .keywords()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn first_word(t: &str) -> &str {
    let end = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(t.len());
    &t[..end]
}

/// A word, or a single character, at the start of `t`.
fn first_token(t: &str) -> &str {
    let t = t.split(['\n', '\r']).next().unwrap_or("");
    let w = first_word(t);
    if !w.is_empty() {
        return w;
    }
    t.chars().next().map_or("", |c| &t[..c.len_utf8()])
}

fn snippet(t: &str) -> String {
    let line = t.lines().next().unwrap_or("").trim();
    let s: String = line.chars().take(24).collect();
    if s.len() < line.len() {
        format!("{s}…")
    } else {
        s
    }
}

fn trim_span(file: FileId, t: &str, base: usize) -> Span {
    let line = t.lines().next().unwrap_or("");
    Span::new(file, base, base + line.trim_end().len())
}

/// The offset of the first `"` on a line that is never closed on that line.
fn unterminated_string(file: FileId, t: &str, base: usize) -> Option<Diagnostic> {
    let mut offset = 0;
    for line in t.split_inclusive('\n') {
        let b = line.as_bytes();
        let mut i = 0;
        let mut open: Option<usize> = None;
        while i < b.len() {
            match (b[i], open) {
                (b'/', None) if b.get(i + 1) == Some(&b'/') => break,
                (b'\'', None) => {
                    // SQL string literals may hold a `"`.
                    i += 1;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                }
                (b'"', None) => open = Some(i),
                (b'"', Some(_)) => open = None,
                (b'\\', Some(_)) => i += 1,
                _ => {}
            }
            i += 1;
        }
        if let Some(o) = open {
            if o >= 2 && &b[o - 2..=o] == b"\"\"\"" {
                let at = base + offset + o - 2;
                return Some(
                    Diagnostic::new(
                        &UNTERMINATED_STRING,
                        Span::new(file, at, at + 3),
                        "SQL block is not closed",
                    )
                    .with_label_message("this `\"\"\"` has no closing `\"\"\"`")
                    .with_help("end the SQL with `\"\"\"`"),
                );
            }
            let end = line.trim_end().len().max(o + 1);
            return Some(
                Diagnostic::new(
                    &UNTERMINATED_STRING,
                    Span::new(file, base + offset + o, base + offset + end),
                    "string is not closed",
                )
                .with_label_message("this string has no closing `\"` on its line")
                .with_help("add the closing `\"`; strings cannot span lines (use `\\n`)"),
            );
        }
        offset += line.len();
    }
    None
}

/// The offset of a `{` in `t` that has no matching `}`.
fn unclosed_brace(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let mut stack = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    if b[i] == b'\\' && b.get(i + 1) != Some(&b'\n') {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' => stack.push(i),
            b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.first().copied()
}
