//! Types, fields and attributes.

use super::{Lower, P};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::span::Spanned;
use crate::syntax::ast::{Attribute, Field, Literal, TypeExpr, TypeKind};
use crate::syntax::codes::{INVALID_ATTRIBUTE, INVALID_TYPE_PARAMETERS, UNKNOWN_ATTRIBUTE};
use crate::syntax::parser::Rule;
use crate::syntax::recover;

/// Attributes a field may carry, with the arguments each takes.
const ATTRIBUTES: &[(&str, &str)] = &[
    ("doc", "one string: @doc(\"ISO 4217 code\")"),
    ("pii", "no arguments: @pii"),
    ("tag", "one or more names or strings: @tag(finance)"),
    ("classification", "one name: @classification(confidential)"),
    ("renamed_from", "one name: @renamed_from(email)"),
    (
        "deprecated",
        "no arguments, or one string: @deprecated(\"use amount_minor\")",
    ),
    ("length", "a maximum, or a minimum and a maximum: @length(1, 64)"),
    ("pattern", "one string: @pattern(\"^[A-Z]{3}$\")"),
    ("range", "a minimum and a maximum: @range(0, 100)"),
    ("enum_default", "one enum symbol: @enum_default(other)"),
    (
        "aliases",
        "one or more names, on a struct or a named enum or fixed type: @aliases(address, location)",
    ),
];

impl Lower<'_> {
    pub fn type_expr(&mut self, p: P<'_>) -> TypeExpr {
        let span = self.span(&p);
        let mut nullable = false;
        let mut kind = TypeKind::Enum(Vec::new());
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::nullable => nullable = true,
                Rule::list_type => {
                    let inner = c.into_inner().next().map(|t| self.type_expr(t));
                    kind = TypeKind::List(Box::new(inner.unwrap_or_else(|| placeholder(span))));
                }
                Rule::map_type => {
                    let mut it = c.into_inner();
                    let k = it
                        .next()
                        .map(|t| self.type_expr(t))
                        .unwrap_or_else(|| placeholder(span));
                    let v = it
                        .next()
                        .map(|t| self.type_expr(t))
                        .unwrap_or_else(|| placeholder(span));
                    kind = TypeKind::Map(Box::new(k), Box::new(v));
                }
                Rule::union_type => kind = TypeKind::Union(c.into_inner().map(|t| self.type_expr(t)).collect()),
                Rule::enum_type => {
                    kind = TypeKind::Enum(c.into_inner().next().map(|l| self.names(l)).unwrap_or_default())
                }
                Rule::struct_type => kind = TypeKind::Struct(self.fields(c)),
                _ => kind = self.named_type(c),
            }
        }
        TypeExpr { kind, nullable, span }
    }

    fn named_type(&mut self, p: P<'_>) -> TypeKind {
        let mut it = p.into_inner();
        let Some(name) = it.next().map(|n| self.name(n)) else {
            return TypeKind::Enum(Vec::new());
        };
        let written = it.len();
        let args: Vec<Spanned<u64>> = it
            .filter_map(|a| {
                let span = self.span(&a);
                self.number::<u64>(a.as_str(), span, "type parameter")
                    .map(|v| Spanned::new(v, span))
            })
            .collect();
        // A parameter out of range is reported already; its absence is no second problem.
        let problem = if args.len() == written {
            builtin_arity(&name.text, &args)
        } else {
            None
        };
        if let Some(problem) = problem {
            // The name and its parameters up to the `)`; the rule's own span may run on over
            // the blanks after a type without parameters.
            let span = match args.last() {
                Some(last) => {
                    let end = last.span.end as usize;
                    let close = self.text[end..].find(')').map_or(end, |i| end + i + 1);
                    crate::span::Span::new(self.file, name.span.start as usize, close)
                }
                None => name.span,
            };
            self.diags.push(
                Diagnostic::new(&INVALID_TYPE_PARAMETERS, span, format!("`{}` {problem}", name.text))
                    .with_help(builtin_usage(&name.text)),
            );
        }
        TypeKind::Named { name, args }
    }

    /// The fields or columns of a `{ … }` block.
    pub fn fields(&mut self, p: P<'_>) -> Vec<Field> {
        let mut out = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::field => out.push(self.field(c)),
                Rule::bad_field => {
                    let d = recover::bad_field(self.file, self.text, self.span(&c));
                    self.diags.extend(d);
                }
                _ => {}
            }
        }
        out
    }

    /// A fields block with its span.
    pub fn field_block(&mut self, p: P<'_>) -> Spanned<Vec<Field>> {
        let span = self.span(&p);
        Spanned::new(self.fields(p), span)
    }

    pub fn field(&mut self, p: P<'_>) -> Field {
        let span = self.span(&p);
        let mut docs = Vec::new();
        let mut name = None;
        let mut ty = None;
        let mut default = None;
        let mut attributes = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::doc_line => docs.push(super::doc_line(c)),
                Rule::ident => name = Some(self.name(c)),
                Rule::type_expr => ty = Some(self.type_expr(c)),
                Rule::default_value => {
                    default = c
                        .into_inner()
                        .find(|l| l.as_rule() == Rule::literal)
                        .and_then(|l| self.literal(l));
                }
                Rule::attribute => attributes.push(self.attribute(c)),
                _ => {}
            }
        }
        let name = name.unwrap_or_else(|| crate::syntax::ast::Name {
            text: String::new(),
            span,
        });
        Field {
            docs,
            name,
            ty: ty.unwrap_or_else(|| placeholder(span)),
            default,
            attributes,
            span,
        }
    }

    pub fn attribute(&mut self, p: P<'_>) -> Attribute {
        let span = self.span(&p);
        let mut name = None;
        let mut args = Vec::new();
        // Arguments that did not parse (`@doc("never closed`) or did not lower (an invalid
        // date) are reported already; judging the rest would add a second, wrong finding.
        let mut reported = self.text[span.end as usize..].starts_with('(');
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => name = Some(self.name(c)),
                Rule::attribute_args => {
                    let written: Vec<_> = c.into_inner().collect();
                    let n = written.len();
                    args = written.into_iter().filter_map(|l| self.literal(l)).collect();
                    reported = args.len() < n;
                }
                _ => {}
            }
        }
        let name = name.unwrap_or_else(|| crate::syntax::ast::Name {
            text: String::new(),
            span,
        });
        let attr = Attribute { name, args, span };
        self.check_attribute(&attr, reported);
        attr
    }

    fn check_attribute(&mut self, a: &Attribute, args_reported: bool) {
        let Some((_, usage)) = ATTRIBUTES.iter().find(|(n, _)| *n == a.name.text) else {
            let mut d = Diagnostic::new(
                &UNKNOWN_ATTRIBUTE,
                a.name.span,
                format!("unknown attribute `@{}`", a.name.text),
            );
            if let Some(m) = did_you_mean(&a.name.text, ATTRIBUTES.iter().map(|(n, _)| *n)) {
                d = d.with_help(format!("did you mean `@{m}`?"));
            } else {
                let all: Vec<String> = ATTRIBUTES.iter().map(|(n, _)| format!("@{n}")).collect();
                d = d.with_help(format!("known attributes: {}", all.join(", ")));
            }
            self.diags.push(d);
            return;
        };
        if args_reported {
            return;
        }
        if let Some(problem) = attribute_problem(&a.name.text, &a.args) {
            self.diags.push(
                Diagnostic::new(&INVALID_ATTRIBUTE, a.span, format!("`@{}` {problem}", a.name.text))
                    .with_help(format!("`@{}` takes {usage}", a.name.text)),
            );
        }
    }
}

fn placeholder(span: crate::span::Span) -> TypeExpr {
    TypeExpr {
        kind: TypeKind::Enum(Vec::new()),
        nullable: false,
        span,
    }
}

fn is_number(l: &Literal) -> bool {
    matches!(l, Literal::Number(_))
}

fn attribute_problem(name: &str, args: &[Spanned<Literal>]) -> Option<String> {
    let vals: Vec<&Literal> = args.iter().map(|a| &a.value).collect();
    let n = vals.len();
    let ok = match name {
        "pii" => n == 0,
        "doc" | "pattern" => n == 1 && matches!(vals[0], Literal::String(_)),
        "tag" => n >= 1 && vals.iter().all(|v| matches!(v, Literal::String(_) | Literal::Ident(_))),
        "classification" | "renamed_from" | "enum_default" => n == 1 && matches!(vals[0], Literal::Ident(_)),
        "aliases" => n >= 1 && vals.iter().all(|v| matches!(v, Literal::Ident(_))),
        "deprecated" => n == 0 || (n == 1 && matches!(vals[0], Literal::String(_))),
        "length" | "range" => {
            let min_n = if name == "length" { 1 } else { 2 };
            if !(min_n..=2).contains(&n) || !vals.iter().all(|v| is_number(v)) {
                false
            } else if n == 2 {
                let f = |l: &Literal| {
                    if let Literal::Number(s) = l {
                        s.parse::<f64>().ok()
                    } else {
                        None
                    }
                };
                match (f(vals[0]), f(vals[1])) {
                    (Some(a), Some(b)) if a > b => return Some(format!("has its minimum {a} above its maximum {b}")),
                    _ => true,
                }
            } else {
                true
            }
        }
        _ => true,
    };
    (!ok).then(|| "has the wrong arguments".to_string())
}

/// What is wrong with a built-in scalar's parameters, if anything. Named types are
/// resolved later and may take none.
fn builtin_arity(name: &str, args: &[Spanned<u64>]) -> Option<String> {
    let v: Vec<u64> = args.iter().map(|a| a.value).collect();
    match name {
        "decimal" => match v.as_slice() {
            [p, s] if (1..=38).contains(p) && s <= p => None,
            [p, s] if s > p => Some(format!("has scale {s} above its precision {p}")),
            [_, _] => Some("precision must be between 1 and 38".into()),
            _ => Some("needs a precision and a scale".into()),
        },
        "string" | "bytes" => {
            (v.len() > 1 || v.first() == Some(&0)).then(|| "takes at most a positive maximum length".into())
        }
        "fixed" => (v.len() != 1 || v[0] == 0).then(|| "needs a positive size".into()),
        "timestamp" | "time" => (v.len() > 1 || v.first().is_some_and(|p| *p > 9))
            .then(|| "takes at most a fractional-second precision from 0 to 9".into()),
        "bool" | "int" | "long" | "float" | "double" | "uuid" | "date" | "duration" => {
            (!v.is_empty()).then(|| "takes no parameters".into())
        }
        _ => None,
    }
}

fn builtin_usage(name: &str) -> String {
    match name {
        "decimal" => "write `decimal(precision, scale)`, for example `decimal(18,2)`".into(),
        "string" | "bytes" => format!("write `{name}` or `{name}(255)`"),
        "fixed" => "write `fixed(16)`".into(),
        "timestamp" | "time" => format!("write `{name}` or `{name}(6)`"),
        _ => format!("write `{name}` without parameters"),
    }
}
