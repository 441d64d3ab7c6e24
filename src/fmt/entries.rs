//! Entries that every kind of block writes the same way.

use super::layout::Node;
use super::text;
use crate::span::{Span, Spanned};
use crate::syntax::ast::{Duration, Name, Waiver};
use serde::Serialize;

/// A span as byte offsets.
pub fn range(span: Span) -> (usize, usize) {
    (span.start as usize, span.end as usize)
}

/// `keyword name`
pub fn name_entry(keyword: &str, n: &Name) -> Node {
    let (start, end) = range(n.span);
    Node::entry(start, end, keyword, n.text.clone())
}

/// `keyword a, b`
pub fn list_entry(keyword: &str, l: &Spanned<Vec<Name>>) -> Node {
    let (start, end) = range(l.span);
    Node::entry(start, end, keyword, text::names(&l.value))
}

/// `keyword word`, for entries whose value is one of a few words.
pub fn word_entry<T: Serialize>(keyword: &str, v: &Spanned<T>) -> Node {
    let (start, end) = range(v.span);
    Node::entry(start, end, keyword, text::word(&v.value))
}

/// `keyword 3d`
pub fn duration_entry(keyword: &str, v: &Spanned<Duration>) -> Node {
    let (start, end) = range(v.span);
    Node::entry(start, end, keyword, v.value.to_string())
}

/// `waive CODE "reason" until DATE`, one node each.
pub fn waivers(list: &[Waiver]) -> Vec<Node> {
    list.iter()
        .map(|w| {
            let (start, end) = range(w.span);
            let until = w
                .until
                .as_ref()
                .map(|u| format!(" until {}", u.value))
                .unwrap_or_default();
            Node::entry(
                start,
                end,
                "waive",
                format!("{} {}{until}", w.code.value, text::string(&w.reason.value)),
            )
        })
        .collect()
}
