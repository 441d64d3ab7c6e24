//! Type expressions → resolved types, with named types looked up and recursion caught.

use super::{Resolver, TypeDef};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::semantic::codes::{RECURSIVE_TYPE, UNKNOWN_TYPE};
use crate::semantic::index::{qualify, Group, Index};
use crate::semantic::types::{builtin, Type, BUILTINS};
use crate::syntax::ast::{self, TypeKind};

impl Resolver {
    pub(super) fn resolve_type_decls(&mut self) {
        for i in 0..self.type_decls.len() {
            self.type_decl(i);
        }
    }

    fn type_decl(&mut self, id: usize) -> Type {
        if let Some(t) = self.type_memo.get(&id) {
            return t.clone();
        }
        if let Some(pos) = self.type_stack.iter().position(|x| *x == id) {
            let cycle: Vec<String> = self.type_stack[pos..]
                .iter()
                .map(|i| self.type_decls[*i].name.clone())
                .collect();
            let d = &self.type_decls[id];
            self.diags.push(
                Diagnostic::new(
                    &RECURSIVE_TYPE,
                    d.span,
                    format!("type `{}` contains itself ({} → {})", d.name, cycle.join(" → "), d.name),
                )
                .with_help("break the cycle: a record cannot hold itself; keep an identifier instead"),
            );
            self.type_memo.insert(id, Type::Unknown);
            return Type::Unknown;
        }
        self.type_stack.push(id);
        let ns = self.type_decls[id].ns.clone();
        let ty = match &self.type_decls[id].def {
            TypeDef::Alias(expr) => {
                let expr = expr.clone();
                self.resolve_type(&ns, &expr)
            }
            TypeDef::Struct(fields) => {
                let fields = fields.clone();
                let fields = fields
                    .iter()
                    .map(|f| (f.name.text.clone(), self.resolve_type(&ns, &f.ty), f.ty.nullable))
                    .collect();
                Type::Struct {
                    name: Some(qualify(&ns, &self.type_decls[id].name)),
                    fields,
                }
            }
        };
        self.type_stack.pop();
        self.type_memo.insert(id, ty.clone());
        ty
    }

    /// The type a type expression written in namespace `ns` denotes.
    pub(super) fn resolve_type(&mut self, ns: &str, expr: &ast::TypeExpr) -> Type {
        match &expr.kind {
            TypeKind::Named { name, args } => {
                let args: Vec<u64> = args.iter().map(|a| a.value).collect();
                if let Some(t) = builtin(&name.text, &args) {
                    return t;
                }
                match self
                    .index
                    .lookup(Group::Type, ns, &name.text)
                    .and_then(|v| Index::pick(v, None).ok())
                {
                    Some(id) => self.type_decl(id),
                    None => {
                        let mut cands: Vec<String> = BUILTINS.iter().map(|s| s.to_string()).collect();
                        cands.extend(self.index.candidates(Group::Type, ns));
                        let mut d = Diagnostic::new(&UNKNOWN_TYPE, name.span, format!("unknown type `{}`", name.text));
                        if let Some(m) = did_you_mean(&name.text, cands.iter().map(String::as_str)) {
                            d = d.with_help(format!("did you mean `{m}`?"));
                        } else {
                            d = d.with_help("use a built-in type, or declare it with `type` or `struct` (standard ones are `std.money`, `std.currency_code`, `std.country_code`, …)");
                        }
                        self.diags.push(d);
                        Type::Unknown
                    }
                }
            }
            TypeKind::List(t) => Type::List(Box::new(self.resolve_type(ns, t)), t.nullable),
            TypeKind::Map(k, v) => Type::Map(
                Box::new(self.resolve_type(ns, k)),
                Box::new(self.resolve_type(ns, v)),
                v.nullable,
            ),
            TypeKind::Enum(symbols) => Type::Enum {
                symbols: symbols.iter().map(|s| s.text.clone()).collect(),
                default: None,
            },
            TypeKind::Struct(fields) => Type::Struct {
                name: None,
                fields: fields
                    .iter()
                    .map(|f| (f.name.text.clone(), self.resolve_type(ns, &f.ty), f.ty.nullable))
                    .collect(),
            },
        }
    }
}
