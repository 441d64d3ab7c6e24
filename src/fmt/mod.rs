//! The canonical form of a contract file, printed from its syntax tree.
//!
//! The style the documentation and examples are written in: `namespace` first, one blank
//! line between declarations, blocks over several lines indented by four spaces, entries
//! in the order written with their values in one column (two spaces after the longest
//! keyword of the block), a blank line between entries kept; in a block of fields the
//! types in one column after the names, and the defaults and attributes in one column
//! after the types; a `uses` list on one line if it was written on one, else one target
//! per line; `source table` and `source tables` as written; strings re-escaped, SQL as
//! written. The
//! comments, which the tree leaves out, are put back next to the node they belong to (see
//! `attach`). Formatting is idempotent and never changes what a file says: [`verify`]
//! proves both for one file, and the command line runs it before writing anything.

mod attach;
mod decls;
mod entries;
mod event;
mod expect;
mod layout;
mod metric;
mod source;
mod table;
mod text;
mod types;
mod verify;

#[cfg(test)]
mod tests;

pub use text::string as string_literal;
pub use verify::{ast_shape, verify};

use crate::diagnostics::{Diagnostic, Severity};
use crate::span::FileId;
use crate::syntax::ast::{self, Decl, DeclKind};
use crate::syntax::comments::{self, CommentKind};
use entries::range;
use layout::{Block, Node, Seg};
use std::ops::Range;

/// Formats one file. A file with syntax errors is not formatted: its diagnostics are
/// returned instead.
pub fn format(text: &str) -> Result<String, Vec<Diagnostic>> {
    format_file(FileId(0), text)
}

/// [`format`], with diagnostics that name `file`.
pub fn format_file(file: FileId, text: &str) -> Result<String, Vec<Diagnostic>> {
    let (tree, diags) = crate::syntax::parse(file, text);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(diags);
    }
    Ok(format_tree(file, text, &tree))
}

/// Prints `tree`, the syntax tree of `text` (which parsed without an error), with the
/// comments of `text` put back.
pub(crate) fn format_tree(file: FileId, text: &str, tree: &ast::File) -> String {
    let found = comments::scan(file, text, &source::sql_lines(tree));
    let cx = Cx {
        text,
        trivia: found
            .iter()
            .map(|c| (c.span.start as usize, c.span.end as usize))
            .collect(),
    };
    let mut root = cx.file(tree);
    // Doc lines that document a declaration or field are in the tree; one that documents
    // nothing (a warning) is kept where it is, like a comment.
    let owned = source::owned_docs(tree, &found);
    let kept: Vec<Range<usize>> = found
        .iter()
        .filter(|c| c.kind == CommentKind::Line || !owned.contains(&(c.span.start as usize)))
        .map(|c| c.span.range())
        .collect();
    attach::attach(&mut root, text, &kept);
    layout::print_file(&root)
}

/// What the builders of the layout tree read: the text, and where its comments are.
struct Cx<'a> {
    text: &'a str,
    /// Start and end of every comment and doc line, in order.
    trivia: Vec<(usize, usize)>,
}

impl Cx<'_> {
    fn file(&self, f: &ast::File) -> Block {
        let mut items = Vec::new();
        if let Some(ns) = &f.namespace {
            let (start, end) = range(ns.span);
            items.push(Node::leaf(start, end, format!("namespace {}", ns.text)));
        }
        items.extend(f.decls.iter().map(|d| self.decl(d)));
        let mut file = Block {
            open: None,
            close: self.text.len(),
            items,
            ..Block::default()
        };
        self.trim_ends(&mut file);
        file
    }

    fn decl(&self, d: &Decl) -> Node {
        match &d.kind {
            DeclKind::Team(t) => self.team(d, t),
            DeclKind::System(s) => self.system(d, s),
            DeclKind::Concept(c) => self.concept(d, c),
            DeclKind::Event(e) => self.event(d, e),
            DeclKind::Table(t) => self.table(d, t),
            DeclKind::Expect(x) => self.expect(d, x),
            DeclKind::Metric(m) => self.metric(d, m),
            DeclKind::Consumer(c) => self.consumer(d, c),
            DeclKind::Type(t) => self.type_alias(d, t),
            DeclKind::Struct(s) => self.fields_decl(d, "struct", &s.name, &s.attributes, &s.fields),
            DeclKind::Columns(c) => self.fields_decl(d, "columns", &c.name, &[], &c.columns),
        }
    }

    /// A declaration's node, with its docs and no text yet.
    fn decl_node(&self, d: &Decl) -> Node {
        let (start, end) = range(d.span);
        let mut n = Node::new(start, end);
        n.docs = d.docs.clone();
        n
    }

    /// `head {`, the entries, `}`: a declaration whose `{` follows `head_end` and whose
    /// `}` ends it.
    fn block_decl(&self, d: &Decl, head: String, head_end: u32, mut items: Vec<Node>) -> Node {
        // Entries stay in the order written: the author chose it.
        items.sort_by_key(|n| n.start);
        let mut n = self.decl_node(d);
        n.push(head + " ");
        let close = (d.span.end as usize).saturating_sub(1);
        n.segs.push(Seg::Block(self.block(head_end as usize, close, items)));
        n
    }

    fn block(&self, open_from: usize, close: usize, items: Vec<Node>) -> Block {
        Block {
            open: Some(self.brace(open_from, b'{')),
            close,
            items,
            ..Block::default()
        }
    }
}
