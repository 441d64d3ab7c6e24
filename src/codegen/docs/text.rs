//! Turning contract text into page data: documentation into paragraphs, columns into
//! rows, literals as written. Everything stays plain text; the templates escape it.

use super::links::{label, link_of};
use crate::semantic::model::{Column, Model, Node};
use crate::semantic::types::Type;
use crate::syntax::ast::{Field, Literal, TypeKind};
use serde_json::{json, Value};

/// Text split into plain runs and `code` runs (between backticks), for the `inline`
/// partial, which wraps the code runs in `<code>` and escapes both. An unmatched
/// backtick stays as written.
pub fn inline(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else { break };
        if start > 0 {
            out.push(json!({"t": &rest[..start], "code": false}));
        }
        out.push(json!({"t": &rest[start + 1..start + 1 + len], "code": true}));
        rest = &rest[start + len + 2..];
    }
    if !rest.is_empty() {
        out.push(json!({"t": rest, "code": false}));
    }
    out
}

/// Doc comment paragraphs as runs for the `inline` partial.
pub fn paragraphs(docs: &[String]) -> Vec<Vec<Value>> {
    plain_paragraphs(docs).iter().map(|p| inline(p)).collect()
}

/// Lines of text (a list of changes) as runs for the `inline` partial.
pub fn inline_all(lines: &[String]) -> Vec<Vec<Value>> {
    lines.iter().map(|l| inline(l)).collect()
}

/// Doc comment lines as paragraphs (blank lines separate them).
fn plain_paragraphs(docs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in docs.iter().flat_map(|d| d.lines()) {
        let line = line.trim();
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The first paragraph, for lists and search.
pub fn summary(docs: &[String]) -> String {
    plain_paragraphs(docs).into_iter().next().unwrap_or_default()
}

pub fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => format!("{s:?}"),
        Literal::Number(n) | Literal::Ident(n) => n.clone(),
        Literal::Percent(p) => format!("{p}%"),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".into(),
        Literal::Date(d) => d.to_string(),
        Literal::Duration(d) => d.to_string(),
    }
}

/// Resolved types longer than this show shortened (an ISO currency enum has 180 symbols).
const MAX_TYPE_CHARS: usize = 80;

fn shorten(text: String) -> String {
    if text.chars().count() <= MAX_TYPE_CHARS {
        return text;
    }
    let mut s: String = text.chars().take(MAX_TYPE_CHARS - 1).collect();
    s.push('…');
    s
}

/// A named type as written (`std.money`), where a field names one.
fn written(fields: &[Field], name: &str) -> Option<String> {
    let f = fields.iter().find(|f| f.name.text == name)?;
    match &f.ty.kind {
        TypeKind::Named { name, args } if args.is_empty() => Some(name.text.clone()),
        TypeKind::Named { name, args } => Some(format!(
            "{}({})",
            name.text,
            args.iter().map(|a| a.value.to_string()).collect::<Vec<_>>().join(",")
        )),
        _ => None,
    }
}

/// A field or column as a row: name, type (as written, and resolved when that differs),
/// nullability, default, doc and tags.
pub fn column(c: &Column, fields: &[Field]) -> Value {
    // A named enum or fixed type shows what it stands for, not its name again.
    let resolved = match &c.ty {
        Type::Enum { symbols, .. } => format!("enum({})", symbols.join(", ")),
        Type::Fixed { size, .. } => format!("fixed({size})"),
        t => t.to_string(),
    };
    let (ty, resolved) = match written(fields, &c.name) {
        Some(w) if w != resolved => (w, Some(shorten(resolved))),
        _ => (shorten(resolved), None),
    };
    let mut tags: Vec<String> = Vec::new();
    if c.pii {
        tags.push("pii".into());
    }
    tags.extend(c.tags.iter().filter(|t| t.as_str() != "pii").cloned());
    if let Some(cl) = &c.classification {
        tags.push(format!("classification: {}", cl.value));
    }
    let mut limits: Vec<String> = Vec::new();
    if let Some(l) = &c.constraints.length {
        limits.push(match l.value.0 {
            Some(min) => format!("length {min}..{}", l.value.1),
            None => format!("length ≤ {}", l.value.1),
        });
    }
    if let Some(r) = &c.constraints.range {
        limits.push(format!("range {}..{}", r.value.0, r.value.1));
    }
    if let Some(p) = &c.constraints.pattern {
        limits.push(format!("pattern {}", p.value));
    }
    json!({
        "name": c.name,
        "type": ty,
        "resolved": resolved,
        "nullable": c.nullable,
        "default": c.default.as_ref().map(literal),
        "doc": c.doc.as_deref().map(inline),
        "tags": tags,
        "limits": limits,
        "renamed_from": c.renamed_from,
    })
}

/// Columns with the fields they are declared by (for the types as written).
pub fn columns(cs: &[Column], fields: &[Field]) -> Vec<Value> {
    cs.iter().map(|c| column(c, fields)).collect()
}

/// A link to a node: its label, kind and page.
pub fn node_ref(model: &Model, n: &Node) -> Value {
    json!({
        "label": label(model, n),
        "kind": super::links::kind(model, n),
        "url": link_of(model, n),
    })
}

pub fn node_refs(model: &Model, ns: &[Node]) -> Vec<Value> {
    ns.iter().map(|n| node_ref(model, n)).collect()
}

/// Names joined with commas: `order_id, valid_from`.
pub fn names(ns: &[crate::syntax::ast::Name]) -> String {
    ns.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(", ")
}

/// The Markdown of a rule's documentation as blocks of plain text: headings,
/// paragraphs and code, which the template wraps in elements and escapes.
pub fn markdown_blocks(md: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut para = String::new();
    let mut code: Option<String> = None;
    let flush = |para: &mut String, out: &mut Vec<Value>| {
        if !para.is_empty() {
            out.push(json!({"kind": "p", "text": inline(&std::mem::take(para))}));
        }
    };
    for line in md.lines() {
        if let Some(c) = code.as_mut() {
            if line.trim_start().starts_with("```") {
                out.push(json!({"kind": "pre", "text": code.take().unwrap_or_default()}));
            } else {
                c.push_str(line);
                c.push('\n');
            }
            continue;
        }
        if line.trim_start().starts_with("```") {
            flush(&mut para, &mut out);
            code = Some(String::new());
        } else if let Some(h) = line.strip_prefix('#') {
            flush(&mut para, &mut out);
            out.push(json!({"kind": "h", "text": h.trim_start_matches('#').trim()}));
        } else if line.trim().is_empty() {
            flush(&mut para, &mut out);
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(line.trim());
        }
    }
    if let Some(c) = code {
        out.push(json!({"kind": "pre", "text": c}));
    }
    flush(&mut para, &mut out);
    out
}
