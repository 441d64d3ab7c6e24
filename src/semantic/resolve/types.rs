//! Type expressions → resolved types, with named types looked up and recursion caught.

use super::{Resolver, TypeDef};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::semantic::codes::{ALIAS_COLLISION, DUPLICATE_UNION_BRANCH, INVALID_UNION, RECURSIVE_TYPE, UNKNOWN_TYPE};
use crate::semantic::index::{qualify, Group, Index};
use crate::semantic::model::NamedType;
use crate::semantic::types::{builtin, StructField, Type, BUILTINS};
use crate::syntax::ast::{self, TypeKind};

impl Resolver {
    pub(super) fn resolve_type_decls(&mut self) {
        for i in 0..self.type_decls.len() {
            self.type_decl(i);
        }
        self.check_type_aliases();
    }

    fn type_decl(&mut self, id: usize) -> Type {
        if let Some(t) = self.type_memo.get(&id) {
            return t.clone();
        }
        if let Some(pos) = self.type_stack.iter().position(|x| *x == id) {
            // A cycle through a struct is a recursive record, legal in Avro (a linked
            // list, a tree): the inner mention is a reference by name. A cycle of aliases
            // and containers alone has no finite form.
            if let TypeDef::Struct(_) = self.type_decls[id].def {
                return Type::Ref(qualify(&self.type_decls[id].ns, &self.type_decls[id].name));
            }
            if self.type_stack[pos..]
                .iter()
                .any(|i| matches!(self.type_decls[*i].def, TypeDef::Struct(_)))
            {
                // An alias inside the cycle (`type nodes = list<node>`): its expression
                // again, where the struct it reaches is now a reference.
                if let TypeDef::Alias(expr) = &self.type_decls[id].def {
                    let (expr, ns) = (expr.clone(), self.type_decls[id].ns.clone());
                    return self.resolve_type(&ns, &expr);
                }
            }
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
        let qualified = qualify(&ns, &self.type_decls[id].name);
        let (ty, named) = match &self.type_decls[id].def {
            TypeDef::Alias(expr) => {
                let expr = expr.clone();
                match self.resolve_type(&ns, &expr) {
                    // `type channel = enum(…)` and `type md5 = fixed(16)` name the type.
                    Type::Enum {
                        symbols,
                        default,
                        name: None,
                    } if matches!(expr.kind, TypeKind::Enum(_)) => (
                        Type::Enum {
                            symbols,
                            default,
                            name: Some(qualified.clone()),
                        },
                        true,
                    ),
                    Type::Fixed { size, name: None } => (
                        Type::Fixed {
                            size,
                            name: Some(qualified.clone()),
                        },
                        true,
                    ),
                    other => (other, false),
                }
            }
            TypeDef::Struct(fields) => {
                let fields = fields.clone();
                let fields = fields.iter().map(|f| self.struct_field(&ns, f)).collect();
                (
                    Type::Struct {
                        name: Some(qualified.clone()),
                        fields,
                    },
                    true,
                )
            }
        };
        self.type_stack.pop();
        self.type_memo.insert(id, ty.clone());
        let aliases: Vec<String> = self.type_decls[id].aliases.iter().map(|a| a.text.clone()).collect();
        if named {
            self.model.named.insert(
                qualified,
                NamedType {
                    ty: ty.clone(),
                    aliases,
                    span: self.type_decls[id].span,
                },
            );
        } else if let Some(a) = self.type_decls[id].aliases.first() {
            self.diags.push(
                Diagnostic::new(
                    &ALIAS_COLLISION,
                    a.span,
                    format!(
                        "`{}` is no named type: only a struct, an enum or a fixed type has aliases",
                        self.type_decls[id].name
                    ),
                )
                .with_help("remove `@aliases(…)`, or declare the type as `struct`, `enum(…)` or `fixed(n)`"),
            );
        }
        ty
    }

    /// A field of a struct, with its default and earlier names.
    fn struct_field(&mut self, ns: &str, f: &ast::Field) -> StructField {
        let mut ty = self.resolve_type(ns, &f.ty);
        let attr = |name: &str| {
            f.attributes
                .iter()
                .filter(|a| a.name.text == name)
                .flat_map(|a| a.args.first())
                .map(|l| super::columns::literal_text(&l.value))
                .next()
        };
        if let (Type::Enum { default, .. }, Some(d)) = (&mut ty, attr("enum_default")) {
            *default = Some(d);
        }
        StructField {
            name: f.name.text.clone(),
            nullable: f.ty.nullable || ty.holds_null(),
            ty,
            default: f.default.as_ref().map(|d| super::columns::literal_text(&d.value)),
            aliases: attr("renamed_from").into_iter().collect(),
        }
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
            TypeKind::Union(branches) => self.union(ns, expr, branches),
            TypeKind::Enum(symbols) => Type::Enum {
                symbols: symbols.iter().map(|s| s.text.clone()).collect(),
                default: None,
                name: None,
            },
            TypeKind::Struct(fields) => Type::Struct {
                name: None,
                fields: fields.iter().map(|f| self.struct_field(ns, f)).collect(),
            },
        }
    }
}

/// The Avro type a branch is written as, for the rule that a union holds one branch of
/// each unnamed type (`int` and `date` are both Avro ints).
fn avro_kind(t: &Type) -> Option<&'static str> {
    match t {
        // Named types are told apart by name.
        Type::Struct { name: Some(_), .. } | Type::Enum { name: Some(_), .. } | Type::Fixed { name: Some(_), .. } => {
            None
        }
        Type::Ref(_) | Type::Union(_) | Type::Unknown => None,
        t => Some(t.avro_base()),
    }
}

/// The name of a named branch, unqualified, as Avro compares them.
fn branch_name(t: &Type) -> Option<&str> {
    match t {
        Type::Struct { name: Some(n), .. } | Type::Enum { name: Some(n), .. } | Type::Fixed { name: Some(n), .. } => {
            Some(n.rsplit('.').next().unwrap_or(n))
        }
        Type::Ref(n) => Some(n.rsplit('.').next().unwrap_or(n)),
        _ => None,
    }
}

impl Resolver {
    /// `union<…>`: its branches, each a distinct type.
    fn union(&mut self, ns: &str, expr: &ast::TypeExpr, branches: &[ast::TypeExpr]) -> Type {
        let mut out: Vec<Type> = Vec::new();
        let mut seen: Vec<(String, crate::span::Span)> = Vec::new();
        for b in branches {
            if let TypeKind::Union(_) = b.kind {
                self.diags.push(
                    Diagnostic::new(&INVALID_UNION, b.span, "a union cannot hold a union directly")
                        .with_help("list the inner union's branches in the outer one"),
                );
                continue;
            }
            if b.nullable {
                self.diags.push(
                    Diagnostic::new(
                        &INVALID_UNION,
                        b.span,
                        "a branch of a union cannot be nullable on its own",
                    )
                    .with_help("write `null` as a branch of the union, or `?` after the whole union"),
                );
            }
            let t = self.resolve_type(ns, b);
            let key = branch_name(&t)
                .map(|n| format!("named `{n}`"))
                .or_else(|| avro_kind(&t).map(|k| format!("`{k}`")));
            if let Some(key) = key {
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                    self.diags.push(
                        Diagnostic::new(
                            &DUPLICATE_UNION_BRANCH,
                            b.span,
                            format!("the union holds {key} twice: a reader could not tell which branch a value is"),
                        )
                        .with_label_message("again here")
                        .with_secondary(*first, "first here")
                        .with_help(
                            "keep one branch of each type; wrap one of them in a named struct to tell them apart",
                        ),
                    );
                    continue;
                }
                seen.push((key, b.span));
            }
            out.push(t);
        }
        if branches.len() < 2 {
            self.diags.push(
                Diagnostic::new(&INVALID_UNION, expr.span, "a union needs at least two branches")
                    .with_help("write the one type alone, or `T?` for a type that may be null"),
            );
        }
        Type::Union(out)
    }

    /// Aliases that name another type, or that two types both claim: a reader would not
    /// know which type data written under that name belongs to.
    pub(super) fn check_type_aliases(&mut self) {
        let mut claimed: Vec<(String, String, crate::span::Span)> = Vec::new();
        for d in &self.type_decls {
            for a in &d.aliases {
                let own = qualify(&d.ns, &d.name);
                let other_type = self
                    .index
                    .lookup(Group::Type, &d.ns, &a.text)
                    .and_then(|v| Index::pick(v, None).ok())
                    .map(|id| qualify(&self.type_decls[id].ns, &self.type_decls[id].name))
                    .filter(|q| *q != own);
                let twice = claimed
                    .iter()
                    .find(|(alias, owner, _)| *alias == a.text && *owner != d.name);
                let problem = match (other_type, twice) {
                    (Some(q), _) => Some((
                        format!("the alias `{}` of `{}` is the name of the type `{q}`", a.text, d.name),
                        None,
                    )),
                    (None, Some((_, owner, span))) => Some((
                        format!("the alias `{}` is claimed by `{}` and `{owner}`", a.text, d.name),
                        Some(*span),
                    )),
                    _ => None,
                };
                if let Some((message, first)) = problem {
                    let mut diag = Diagnostic::new(&ALIAS_COLLISION, a.span, message).with_help(
                        "an alias names the type's earlier name, which no other type may use: remove or rename it",
                    );
                    if let Some(f) = first {
                        diag = diag.with_secondary(f, "claimed first here");
                    }
                    self.diags.push(diag);
                }
                claimed.push((a.text.clone(), d.name.clone(), a.span));
            }
        }
    }
}
