//! Where things are in the source: the comments and SQL fragments, the braces, the true
//! ends of nodes, SQL as written.

use super::layout::Block;
use super::Cx;
use crate::span::Span;
use crate::syntax::ast::{self, DeclKind, Sql};
use crate::syntax::comments::{self, CommentKind};
use std::collections::HashSet;

/// Where the doc lines that the tree holds (as some node's `docs`) start: a node's docs
/// are the first doc lines from its start on.
pub fn owned_docs(tree: &ast::File, found: &[comments::Comment]) -> HashSet<usize> {
    let starts: Vec<usize> = found
        .iter()
        .filter(|c| c.kind == CommentKind::Doc)
        .map(|c| c.span.start as usize)
        .collect();
    let mut owned = HashSet::new();
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
        ast::TypeKind::Union(branches) => branches.iter().for_each(|b| nested_fields(b, out)),
        ast::TypeKind::Map(k, v) => {
            nested_fields(k, out);
            nested_fields(v, out);
        }
        ast::TypeKind::Named { .. } | ast::TypeKind::Enum(_) => {}
    }
}

/// The one-line SQL fragments of a file, which run to the end of their line.
pub fn sql_lines(tree: &ast::File) -> Vec<Span> {
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

impl Cx<'_> {
    /// Pulls each node's end back to the end of its last token: the span of a rule that
    /// ends in an optional or repeated part runs over the blanks and comments after it.
    pub fn trim_ends(&self, block: &mut Block) {
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

    /// Where the `{` or `}` that comes next after `from`, past blanks and comments, is.
    pub fn brace(&self, from: usize, brace: u8) -> usize {
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
    pub fn sql(&self, sql: &Sql) -> (String, usize) {
        let (start, end) = (sql.span.start as usize, sql.span.end as usize);
        if !sql.block {
            return (sql.text.clone(), end);
        }
        let open = self.text.get(..start).and_then(|t| t.rfind("\"\"\""));
        let close = self.text.get(end..).and_then(|t| t.find("\"\"\"")).map(|p| end + p);
        match (open, close) {
            (Some(o), Some(c)) => (self.text[o..c + 3].to_string(), c + 3),
            _ => (format!("\"\"\"{}\"\"\"", sql.text), end),
        }
    }
}
