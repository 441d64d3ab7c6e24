//! The canonical form of a contract file, printed from its syntax tree.
//!
//! `namespace` first, one blank line between declarations, blocks over several lines
//! indented by two spaces, each block's entries in the order of the grammar's entry list,
//! the types of a block of fields in one column, strings re-escaped, SQL as written. The
//! comments, which the tree leaves out, are put back next to the node they belong to (see
//! `attach`). Formatting is idempotent and never changes what a file says: [`verify`]
//! proves both for one file, and the command line runs it before writing anything.

mod attach;
mod decls;
mod event;
mod expect;
mod layout;
mod metric;
mod table;
mod text;
mod types;

#[cfg(test)]
mod tests;

use crate::diagnostics::{Diagnostic, Severity};
use crate::span::{FileId, Span, Spanned};
use crate::syntax::ast::{self, Decl, DeclKind, Duration, Name, Sql, Waiver};
use crate::syntax::comments::{self, CommentKind};
use layout::{Block, Node, Seg};
use serde::Serialize;
use serde_json::Value;
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
    let found = comments::scan(file, text, &sql_lines(&tree));
    let cx = Cx {
        text,
        trivia: found
            .iter()
            .map(|c| (c.span.start as usize, c.span.end as usize))
            .collect(),
    };
    let mut root = cx.file(&tree);
    // Doc lines that document a declaration or field are in the tree; one that documents
    // nothing (a warning) is kept where it is, like a comment.
    let owned = owned_docs(&tree, &found);
    let kept: Vec<Range<usize>> = found
        .iter()
        .filter(|c| c.kind == CommentKind::Line || !owned.contains(&(c.span.start as usize)))
        .map(|c| c.span.range())
        .collect();
    attach::attach(&mut root, text, &kept);
    Ok(layout::print_file(&root))
}

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
    match format(formatted) {
        Ok(again) if again == formatted => Ok(()),
        _ => Err("formatting the formatted text changes it again".to_string()),
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

/// Where the doc lines that the tree holds (as some node's `docs`) start: a node's docs
/// are the first doc lines from its start on.
fn owned_docs(tree: &ast::File, found: &[comments::Comment]) -> std::collections::HashSet<usize> {
    let starts: Vec<usize> = found
        .iter()
        .filter(|c| c.kind == CommentKind::Doc)
        .map(|c| c.span.start as usize)
        .collect();
    let mut owned = std::collections::HashSet::new();
    let mut own = |span: Span, docs: &[String]| {
        let first = starts.partition_point(|&s| s < span.start as usize);
        owned.extend(starts.iter().skip(first).take(docs.len()).copied());
    };
    for d in &tree.decls {
        own(d.span, &d.docs);
        let mut fields: Vec<&ast::Field> = Vec::new();
        match &d.kind {
            DeclKind::Event(e) => fields.extend(e.fields.iter().flat_map(|f| &f.value)),
            DeclKind::Table(t) => fields.extend(t.columns.iter().flat_map(|f| &f.value)),
            DeclKind::Struct(s) => fields.extend(&s.fields),
            DeclKind::Columns(c) => fields.extend(&c.columns),
            DeclKind::Type(t) => nested_fields(&t.ty, &mut fields),
            _ => {}
        }
        while let Some(f) = fields.pop() {
            own(f.span, &f.docs);
            nested_fields(&f.ty, &mut fields);
        }
    }
    owned
}

/// The fields of the struct types inside a type.
fn nested_fields<'t>(ty: &'t ast::TypeExpr, out: &mut Vec<&'t ast::Field>) {
    match &ty.kind {
        ast::TypeKind::Struct(fields) => out.extend(fields),
        ast::TypeKind::List(t) => nested_fields(t, out),
        ast::TypeKind::Map(k, v) => {
            nested_fields(k, out);
            nested_fields(v, out);
        }
        ast::TypeKind::Named { .. } | ast::TypeKind::Enum(_) => {}
    }
}

/// The one-line SQL fragments of a file, which run to the end of their line.
fn sql_lines(tree: &ast::File) -> Vec<Span> {
    let mut out = Vec::new();
    let mut add = |s: &Sql| {
        if !s.block {
            out.push(s.span);
        }
    };
    for d in &tree.decls {
        match &d.kind {
            DeclKind::Metric(m) => {
                m.measure.iter().chain(&m.filter).for_each(&mut add);
            }
            DeclKind::Expect(x) => {
                for e in &x.expectations {
                    if let ast::ExpectationKind::Check { sql, .. } = &e.kind {
                        add(sql);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// What the builders of the layout tree read: the text, and where its comments are.
pub(crate) struct Cx<'a> {
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

    /// Pulls each node's end back to the end of its last token: the span of a rule that
    /// ends in an optional or repeated part runs over the blanks and comments after it.
    fn trim_ends(&self, block: &mut Block) {
        for n in &mut block.items {
            n.end = self.token_end(n.end).max(n.start);
            n.blocks_mut().for_each(|b| self.trim_ends(b));
        }
    }

    fn token_end(&self, end: usize) -> usize {
        let b = self.text.as_bytes();
        let mut i = end.min(b.len());
        while i > 0 {
            if b[i - 1].is_ascii_whitespace() {
                i -= 1;
                continue;
            }
            let k = self.trivia.partition_point(|t| t.0 < i);
            match k.checked_sub(1).map(|k| self.trivia[k]) {
                Some((start, stop)) if i <= stop => i = start,
                _ => break,
            }
        }
        i
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
            DeclKind::Struct(s) => self.fields_decl(d, "struct", &s.name, &s.fields),
            DeclKind::Columns(c) => self.fields_decl(d, "columns", &c.name, &c.columns),
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
    fn block_decl(&self, d: &Decl, head: String, head_end: u32, items: Vec<Node>) -> Node {
        let mut n = self.decl_node(d);
        n.push(head + " ");
        let close = (d.span.end as usize).saturating_sub(1);
        n.segs
            .push(Seg::Block(self.block(head_end as usize, close, items)));
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

    /// Where the `{` or `}` that comes next after `from`, past blanks and comments, is.
    fn brace(&self, from: usize, brace: u8) -> usize {
        let b = self.text.as_bytes();
        let mut i = from;
        while i < b.len() {
            if b[i].is_ascii_whitespace() {
                i += 1;
            } else if let Ok(k) = self.trivia.binary_search_by_key(&i, |t| t.0) {
                i = self.trivia[k].1;
            } else {
                break;
            }
        }
        if b.get(i) == Some(&brace) {
            return i;
        }
        self.text
            .get(from..)
            .and_then(|t| t.find(char::from(brace)))
            .map_or(from, |p| from + p)
    }

    /// A SQL fragment as written, and where it ends: a one-line fragment trimmed, a
    /// `"""` block with its delimiters and everything between them.
    fn sql(&self, sql: &Sql) -> (String, usize) {
        let (start, end) = range(sql.span);
        if !sql.block {
            return (sql.text.clone(), end);
        }
        let open = self.text.get(..start).and_then(|t| t.rfind("\"\"\""));
        let close = self
            .text
            .get(end..)
            .and_then(|t| t.find("\"\"\""))
            .map(|p| end + p);
        match (open, close) {
            (Some(o), Some(c)) => (self.text[o..c + 3].to_string(), c + 3),
            _ => (format!("\"\"\"{}\"\"\"", sql.text), end),
        }
    }
}

fn range(span: Span) -> (usize, usize) {
    (span.start as usize, span.end as usize)
}

/// `keyword name`
fn name_entry(keyword: &str, n: &Name) -> Node {
    let (start, end) = range(n.span);
    Node::leaf(start, end, format!("{keyword} {}", n.text))
}

/// `keyword a, b`
fn list_entry(keyword: &str, l: &Spanned<Vec<Name>>) -> Node {
    let (start, end) = range(l.span);
    Node::leaf(start, end, format!("{keyword} {}", text::names(&l.value)))
}

/// `keyword word`, for entries whose value is one of a few words.
fn word_entry<T: Serialize>(keyword: &str, v: &Spanned<T>) -> Node {
    let (start, end) = range(v.span);
    Node::leaf(start, end, format!("{keyword} {}", text::word(&v.value)))
}

/// `keyword 3d`
fn duration_entry(keyword: &str, v: &Spanned<Duration>) -> Node {
    let (start, end) = range(v.span);
    Node::leaf(start, end, format!("{keyword} {}", v.value))
}

/// `waive CODE "reason" until DATE`, one node each.
fn waivers(list: &[Waiver]) -> Vec<Node> {
    list.iter()
        .map(|w| {
            let (start, end) = range(w.span);
            let until = w
                .until
                .as_ref()
                .map(|u| format!(" until {}", u.value))
                .unwrap_or_default();
            Node::leaf(
                start,
                end,
                format!(
                    "waive {} {}{until}",
                    w.code.value,
                    text::string(&w.reason.value)
                ),
            )
        })
        .collect()
}
