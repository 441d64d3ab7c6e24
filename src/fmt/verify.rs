//! Proof that a formatting is right: the same tree, the same comments, and a text that
//! formatting leaves as it is.

use super::source::sql_lines;
use crate::diagnostics::Severity;
use crate::span::FileId;
use crate::syntax::ast;
use crate::syntax::comments::{self, CommentKind};
use serde_json::Value;

/// The syntax tree as JSON without its spans: two texts that say the same thing have the
/// same shape. Every `span` key is removed, and a bare span standing for a flag (such as
/// a system's `ledger`) becomes `true`.
pub fn ast_shape(file: &ast::File) -> Value {
    let mut v = serde_json::to_value(file).unwrap_or(Value::Null);
    strip_spans(&mut v);
    v
}

fn strip_spans(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("span");
            for (k, x) in m.iter_mut() {
                let user_text = k == "value" || k == "text";
                if !user_text && x.as_str().is_some_and(is_span) {
                    *x = Value::Bool(true);
                }
                strip_spans(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strip_spans),
        _ => {}
    }
}

/// `0:12..18`, as a [`Span`] serializes.
fn is_span(s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let Some((file, range)) = s.split_once(':') else {
        return false;
    };
    let Some((start, end)) = range.split_once("..") else {
        return false;
    };
    digits(file) && digits(start) && digits(end)
}

/// Checks that `formatted`, the formatting of `original`, says the same thing (same tree,
/// same comments) and is formatted itself. An error names the first difference; it is a
/// bug of the formatter.
pub fn verify(original: &str, formatted: &str) -> Result<(), String> {
    let (before, _) = crate::syntax::parse(FileId(0), original);
    let (after, diags) = crate::syntax::parse(FileId(0), formatted);
    if let Some(d) = diags.iter().find(|d| d.severity == Severity::Error) {
        return Err(format!("the formatted text does not parse: {}", d.message));
    }
    if ast_shape(&before) != ast_shape(&after) {
        return Err("the formatted text does not say the same thing".to_string());
    }
    if comment_texts(original, &before) != comment_texts(formatted, &after) {
        return Err("a comment was lost or changed".to_string());
    }
    // `format(formatted)`, without parsing `formatted` a second time: it parsed without
    // an error above, so its tree is what formatting it would print from.
    if super::format_tree(FileId(0), formatted, &after) == formatted {
        Ok(())
    } else {
        Err("formatting the formatted text changes it again".to_string())
    }
}

/// Every comment and doc line of a text, normalized as the formatter writes them, sorted.
fn comment_texts(text: &str, tree: &ast::File) -> Vec<String> {
    let mut out: Vec<String> = comments::scan(FileId(0), text, &sql_lines(tree))
        .iter()
        .map(|c| {
            let t = text[c.span.range()].trim_end();
            match c.kind {
                CommentKind::Line => t.to_string(),
                CommentKind::Doc => {
                    let d = &t[3..];
                    format!("///{}", d.strip_prefix(' ').unwrap_or(d))
                }
            }
        })
        .collect();
    out.sort();
    out
}
