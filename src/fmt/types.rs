//! Types, fields and attributes.

use super::layout::{Block, Node, Seg, WRAP_AT};
use super::text::{literal, literals, names};
use super::Cx;
use crate::syntax::ast::{Attribute, Field, TypeExpr, TypeKind};

impl Cx<'_> {
    /// The fields of a `fields { … }`, `columns { … }`, `struct … { … }` block, whose `{`
    /// follows `open_from` and whose `}` is at `close`.
    pub fn field_block(&self, open_from: usize, close: usize, fields: &[Field]) -> Block {
        let mut b = self.block(open_from, close, fields.iter().map(|f| self.field(f)).collect());
        b.fields = true;
        b
    }

    /// `name  type  default x @attr(…)`, with the field's docs above.
    pub fn field(&self, f: &Field) -> Node {
        let mut n = Node::new(f.span.start as usize, f.span.end as usize);
        n.docs = f.docs.clone();
        n.label = Some(f.name.text.clone());
        self.type_expr(&f.ty, &mut n);
        let mut tail: Vec<String> = Vec::new();
        if let Some(d) = &f.default {
            tail.push(format!("default {}", literal(&d.value)));
        }
        tail.extend(f.attributes.iter().map(attribute));
        if !tail.is_empty() {
            n.tail = Some(tail.join(" "));
        }
        n
    }

    /// Writes a type onto the node's line; a struct type opens a block.
    pub fn type_expr(&self, ty: &TypeExpr, n: &mut Node) {
        match &ty.kind {
            TypeKind::Named { name, args } => {
                n.push(name.text.as_str());
                if !args.is_empty() {
                    let args: Vec<String> = args.iter().map(|a| a.value.to_string()).collect();
                    n.push(format!("({})", args.join(",")));
                }
            }
            TypeKind::List(inner) => {
                n.push("list<");
                self.type_expr(inner, n);
                n.push(">");
            }
            TypeKind::Map(k, v) => {
                n.push("map<");
                self.type_expr(k, n);
                n.push(", ");
                self.type_expr(v, n);
                n.push(">");
            }
            TypeKind::Union(branches) => {
                n.push("union<");
                for (i, b) in branches.iter().enumerate() {
                    if i > 0 {
                        n.push(", ");
                    }
                    self.type_expr(b, n);
                }
                n.push(">");
            }
            TypeKind::Enum(symbols) => {
                let one_line = format!("enum({})", names(symbols));
                if one_line.len() > WRAP_AT {
                    n.push("enum");
                    n.segs.push(Seg::Wrap(symbols.iter().map(|s| s.text.clone()).collect()));
                } else {
                    n.push(one_line);
                }
            }
            TypeKind::Struct(fields) => {
                n.push("struct ");
                let open_from = ty.span.start as usize + "struct".len();
                let open = self.brace(open_from, b'{');
                let last = fields.last().map_or(open + 1, |f| f.span.end as usize);
                let close = self.brace(last, b'}');
                n.segs.push(Seg::Block(self.field_block(open_from, close, fields)));
            }
        }
        if ty.nullable {
            n.push("?");
        }
    }
}

/// `@pii`, `@doc("…")`, `@range(0, 100)`
pub(super) fn attribute(a: &Attribute) -> String {
    if a.args.is_empty() {
        format!("@{}", a.name.text)
    } else {
        format!("@{}({})", a.name.text, literals(&a.args))
    }
}
