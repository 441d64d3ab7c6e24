//! Puts each comment back on the layout tree. A comment after a node on the node's last
//! line trails that node; a comment after a `{` on its line trails the `{`; any other
//! comment leads the nearest node that follows it in the same block, or, with none, the
//! block's `}` (or the end of the file). A comment inside a node but outside its blocks
//! (between the words of a long entry) is moved above the node.

use super::layout::{Block, Line};
use std::ops::Range;

/// Attaches the comments (source extents, in order) to the tree.
pub fn attach(file: &mut Block, text: &str, comments: &[Range<usize>]) {
    mark_blank_lines(file, text);
    for c in comments {
        let body = text[c.clone()].trim_end().to_string();
        place(file, text, c.start, body);
    }
}

fn place(block: &mut Block, text: &str, at: usize, body: String) {
    if let Some(i) = block.items.iter().position(|n| n.start <= at && at < n.end) {
        let item = &mut block.items[i];
        if let Some(inner) = item
            .blocks_mut()
            .find(|b| b.open.is_some_and(|o| o < at) && at < b.close)
        {
            return place(inner, text, at, body);
        }
        // Inside the node's own words: above the node, after the comments already there.
        item.leading.push(Line {
            text: body,
            blank_before: blank_line_before(text, at),
        });
        item.body_blank = false;
        return;
    }
    let prev = block
        .items
        .iter()
        .enumerate()
        .filter(|(_, n)| n.end <= at)
        .max_by_key(|(_, n)| n.end)
        .map(|(i, _)| i);
    if let Some(i) = prev {
        let item = &mut block.items[i];
        if item.trailing.is_none() && same_line(text, item.end, at) {
            item.trailing = Some(body);
            return;
        }
    } else if let Some(open) = block.open {
        if block.open_comment.is_none() && same_line(text, open + 1, at) {
            block.open_comment = Some(body);
            return;
        }
    }
    let line = Line {
        text: body,
        blank_before: blank_line_before(text, at),
    };
    let next = block.items.iter_mut().filter(|n| n.start >= at).min_by_key(|n| n.start);
    match next {
        Some(n) => n.leading.push(line),
        None => block.closing.push(line),
    }
}

/// Only blanks (no newline, no token) between `from` and `to`.
fn same_line(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to)
        .is_some_and(|s| s.chars().all(|c| c == ' ' || c == '\t'))
}

/// The line above the one `at` is on is blank.
pub fn blank_line_before(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let Some(nl) = before.rfind('\n') else {
        return false;
    };
    let above = &before[..nl];
    let line = above.rfind('\n').map_or(above, |p| &above[p + 1..]);
    line.trim().is_empty()
}

/// Notes which nodes have a blank line above them in the source.
fn mark_blank_lines(block: &mut Block, text: &str) {
    for n in &mut block.items {
        n.body_blank = blank_line_before(text, n.start);
        for b in n.blocks_mut() {
            mark_blank_lines(b, text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fmt::layout::Node;

    #[test]
    fn blank_line_before_looks_at_the_line_above() {
        let t = "a\n\n  b\nc\n";
        assert!(blank_line_before(t, t.find('b').unwrap_or(0)));
        assert!(!blank_line_before(t, t.find('c').unwrap_or(0)));
        assert!(!blank_line_before(t, 0));
        assert!(!blank_line_before("x\ny", 2));
    }

    #[test]
    fn same_line_allows_only_blanks() {
        assert!(same_line("a  // c", 1, 3));
        assert!(!same_line("a\n// c", 1, 2));
        assert!(!same_line("a b // c", 1, 4));
    }

    #[test]
    fn places_trailing_leading_and_closing_comments() {
        let text = "{ // open\n  a // ta\n  // lb\n  b\n  // end\n}";
        let a = text.find("a //").unwrap_or(0);
        let b = text.find("b\n").unwrap_or(0);
        let mut block = Block {
            open: Some(0),
            close: text.len() - 1,
            items: vec![Node::leaf(a, a + 1, "a"), Node::leaf(b, b + 1, "b")],
            ..Block::default()
        };
        let comments: Vec<Range<usize>> = text
            .match_indices("//")
            .map(|(i, _)| i..text[i..].find('\n').map_or(text.len(), |e| i + e))
            .collect();
        attach(&mut block, text, &comments);
        assert_eq!(block.open_comment.as_deref(), Some("// open"));
        assert_eq!(block.items[0].trailing.as_deref(), Some("// ta"));
        assert_eq!(block.items[1].leading[0].text, "// lb");
        assert_eq!(block.closing[0].text, "// end");
    }
}
