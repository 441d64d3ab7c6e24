//! Fields and columns: from their syntax to [`Column`], and checks that a named column
//! exists.

use super::Resolver;
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::semantic::codes::{DUPLICATE_DEFINITION, UNKNOWN_COLUMN};
use crate::semantic::model::{Column, Constraints};
use crate::semantic::types::Type;
use crate::span::Spanned;
use crate::syntax::ast::{self, Literal};

impl Resolver {
    pub(super) fn column(&mut self, ns: &str, f: &ast::Field) -> Column {
        let mut ty = self.resolve_type(ns, &f.ty);
        let arg = |name: &str| {
            f.attributes
                .iter()
                .find(|a| a.name.text == name)
                .and_then(|a| a.args.first())
                .map(|l| literal_text(&l.value))
        };
        if let (Type::Enum { default, .. }, Some(d)) = (&mut ty, arg("enum_default")) {
            *default = Some(d);
        }
        let mut tags: Vec<String> = f
            .attributes
            .iter()
            .filter(|a| a.name.text == "tag" || a.name.text == "classification")
            .flat_map(|a| a.args.iter().map(|l| literal_text(&l.value)))
            .collect();
        tags.sort();
        let mut doc = arg("doc");
        if doc.is_none() && !f.docs.is_empty() {
            doc = Some(f.docs.join("\n"));
        }
        let nullable = f.ty.nullable || ty.holds_null();
        Column {
            name: f.name.text.clone(),
            ty,
            nullable,
            default: f.default.as_ref().map(|d| d.value.clone()),
            doc,
            pii: f.attributes.iter().any(|a| a.name.text == "pii"),
            tags,
            renamed_from: arg("renamed_from"),
            span: f.span,
            type_span: f.ty.span,
            default_span: f.default.as_ref().map(|d| d.span),
            pii_span: f.attributes.iter().find(|a| a.name.text == "pii").map(|a| a.span),
            classification: f
                .attributes
                .iter()
                .find(|a| a.name.text == "classification")
                .and_then(|a| a.args.first().map(|l| Spanned::new(literal_text(&l.value), a.span))),
            constraints: constraints(&f.attributes),
        }
    }

    /// Columns of a field list, reporting names given twice.
    pub(super) fn columns(&mut self, ns: &str, fields: &[ast::Field], out: &mut Vec<Column>) {
        for f in fields {
            let c = self.column(ns, f);
            if let Some(first) = out.iter().find(|x| x.name == c.name) {
                self.diags.push(
                    Diagnostic::new(
                        &DUPLICATE_DEFINITION,
                        f.name.span,
                        format!("column `{}` is declared twice", c.name),
                    )
                    .with_label_message("declared again here")
                    .with_secondary(first.span, "first declared here")
                    .with_help("remove one of them, or rename it"),
                );
                continue;
            }
            out.push(c);
        }
    }

    /// Reports `name` when it is not among `columns` of `what` (e.g. "table `payments`").
    pub(super) fn check_column_in(&mut self, columns: &[String], name: &ast::Name, what: &str) -> bool {
        if columns.contains(&name.text) {
            return true;
        }
        self.diags.push(unknown_column(columns, &name.text, name.span, what));
        false
    }
}

pub(super) fn unknown_column(columns: &[String], name: &str, span: crate::span::Span, what: &str) -> Diagnostic {
    let mut d = Diagnostic::new(&UNKNOWN_COLUMN, span, format!("{what} has no column `{name}`"))
        .with_label_message("unknown column");
    if let Some(m) = did_you_mean(name, columns.iter().map(String::as_str)) {
        d = d.with_help(format!("did you mean `{m}`?"));
    } else if !columns.is_empty() {
        let shown: Vec<String> = columns.iter().take(12).map(|c| format!("`{c}`")).collect();
        let more = if columns.len() > 12 { ", …" } else { "" };
        d = d.with_help(format!("its columns are {}{more}", shown.join(", ")));
    }
    d
}

/// `@length`, `@range` and `@pattern`, read from a field's attributes. Malformed ones were
/// reported when the file was lowered and are left out here.
fn constraints(attributes: &[ast::Attribute]) -> Constraints {
    let mut c = Constraints::default();
    for a in attributes {
        let args: Vec<&Literal> = a.args.iter().map(|l| &l.value).collect();
        let number = |l: &Literal| {
            if let Literal::Number(n) = l {
                Some(n.clone())
            } else {
                None
            }
        };
        let count = |l: &Literal| number(l).and_then(|n| n.parse::<u64>().ok());
        match (a.name.text.as_str(), args.as_slice()) {
            ("length", [max]) => c.length = count(max).map(|max| Spanned::new((None, max), a.span)),
            ("length", [min, max]) => {
                c.length = count(min)
                    .zip(count(max))
                    .map(|(min, max)| Spanned::new((Some(min), max), a.span));
            }
            ("range", [min, max]) => c.range = number(min).zip(number(max)).map(|r| Spanned::new(r, a.span)),
            ("pattern", [Literal::String(p)]) => c.pattern = Some(Spanned::new(p.clone(), a.span)),
            _ => {}
        }
    }
    c
}

pub(crate) fn literal_text(l: &Literal) -> String {
    match l {
        Literal::String(s) | Literal::Number(s) | Literal::Ident(s) | Literal::Percent(s) => s.clone(),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".into(),
        Literal::Date(d) => d.to_string(),
        Literal::Duration(d) => d.to_string(),
    }
}
