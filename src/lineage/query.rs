//! Column lineage through a `transform` query, read with sqlparser: which input columns
//! each output column is made of, and how; which columns steer the rows (joins, filters,
//! groupings). Names resolve the way SQL resolves them: CTEs, derived tables and aliases
//! in scope, innermost first; `*` expands against declared columns. What cannot be
//! resolved is reported with its place in the text, never guessed.

use super::graph::{Col, How, Indirect, Input};
use crate::semantic::model::Node;
use crate::semantic::sql::{offset_of, AGGREGATES};
use sqlparser::ast::{
    Expr, GroupByExpr, Ident, JoinConstraint, JoinOperator, Query, Select, SelectItem, SelectItemQualifiedWildcardKind,
    SetExpr, TableFactor, TableWithJoins, Visit, Visitor, WildcardAdditionalOptions,
};
use std::ops::{ControlFlow, Range};

/// Hash and masking functions: their result does not reveal the input's values.
const MASKING: &[&str] = &[
    "md5",
    "sha",
    "sha1",
    "sha2",
    "sha224",
    "sha256",
    "sha384",
    "sha512",
    "hash",
    "hashtext",
    "farm_fingerprint",
    "xxhash64",
    "xxhash32",
    "murmur_hash3_32",
    "crc32",
    "mask",
    "redact",
];

/// Aggregates that return (or collect) input values; every other aggregate SQL
/// fragments know ([`crate::semantic::sql::AGGREGATES`]: `count`, `sum`, `avg`…) keeps
/// none.
const KEEPING: &[&str] = &[
    "min",
    "max",
    "any_value",
    "arbitrary",
    "first",
    "last",
    "first_value",
    "last_value",
    "median",
    "mode",
    "percentile_disc",
    "percentile_cont",
    "array_agg",
    "string_agg",
    "group_concat",
    "listagg",
    "collect_list",
    "collect_set",
];

/// Words that parse as a column name where a function takes a date part
/// (`DATEADD(day, 1, x)`): never a column when nothing in scope has that name.
const DATE_PARTS: &[&str] = &[
    "year",
    "quarter",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
    "microsecond",
    "dow",
    "doy",
    "epoch",
    "current_date",
    "current_timestamp",
    "current_time",
];

/// A column a query gives: its name (none for an expression without an alias), what
/// it is made of, and where its expression is written.
#[derive(Debug, Clone)]
pub struct Output {
    pub name: Option<String>,
    pub inputs: Vec<Input>,
    /// Where it is written; turned into a byte range only when reported.
    pub span: sqlparser::tokenizer::Span,
}

/// Something the tracer could not resolve, with its byte range in the query text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A column name that resolves to nothing, or to more than one relation.
    Unresolved {
        name: String,
        range: Range<usize>,
        why: String,
    },
    /// `*` over a relation whose columns are not declared.
    StarOverUnknown { relation: String, range: Range<usize> },
    /// A part of the query the tracer does not read (`VALUES`, table functions…).
    Unsupported { what: String, range: Range<usize> },
}

/// What a query gives, and what it could not trace.
#[derive(Debug, Default)]
pub struct Traced {
    pub outputs: Vec<Output>,
    pub indirect: Vec<(Col, Indirect)>,
    pub problems: Vec<Problem>,
}

/// What the tracer needs to know of a table a query names: its node and, when declared,
/// its columns.
pub type Lookup<'a> = dyn Fn(&str) -> Option<(Node, Option<Vec<String>>)> + 'a;

/// Traces `query` (whose text is `text`) against the tables `lookup` knows.
pub fn trace(text: &str, query: &Query, lookup: &Lookup<'_>) -> Traced {
    let mut t = Tracer {
        text,
        lookup,
        out: Traced::default(),
    };
    let outputs = t.query(query, &[], &[]);
    t.out.outputs = outputs;
    t.out
}

/// The inputs of an expression over one table's columns (a metric's measure): each
/// column it names, with how the value is made of it.
pub fn expr_inputs(e: &Expr, table: &Node) -> Vec<Input> {
    let mut out: Vec<Input> = collect(e, true)
        .names
        .into_iter()
        .map(|r| Input {
            from: Col::new(table.clone(), r.name),
            how: r.how,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A relation in scope: what the query calls it, its columns when known, and the
/// table behind it when it is one.
#[derive(Debug, Clone)]
struct Rel {
    alias: String,
    columns: Option<Vec<Output>>,
    base: Option<Node>,
}

#[derive(Debug, Clone, Default)]
struct Scope {
    rels: Vec<Rel>,
    /// Columns joined with `USING`: unqualified, they name every side at once.
    using: Vec<String>,
}

/// A CTE in scope.
#[derive(Debug, Clone)]
struct Cte {
    name: String,
    columns: Vec<Output>,
}

struct Tracer<'a> {
    text: &'a str,
    lookup: &'a Lookup<'a>,
    out: Traced,
}

enum Found {
    Inputs(Vec<Input>),
    Missing,
    /// In a relation already reported (an unknown table, a table function): its
    /// columns are unknown, and saying so again for each would be noise.
    Reported,
    Ambiguous(Vec<String>),
}

impl Tracer<'_> {
    fn range(&self, span: sqlparser::tokenizer::Span) -> Range<usize> {
        let start = offset_of(self.text, span.start);
        start..offset_of(self.text, span.end).max(start)
    }

    fn query(&mut self, q: &Query, ctes: &[Cte], outer: &[Scope]) -> Vec<Output> {
        let mut env: Vec<Cte> = ctes.to_vec();
        if let Some(with) = &q.with {
            for cte in &with.cte_tables {
                let name = cte.alias.name.value.to_lowercase();
                let mut cols = self.query(&cte.query, &env, outer);
                rename(
                    &mut cols,
                    &cte.alias
                        .columns
                        .iter()
                        .map(|c| c.name.value.clone())
                        .collect::<Vec<_>>(),
                );
                env.push(Cte { name, columns: cols });
            }
        }
        self.set_expr(&q.body, &env, outer)
    }

    fn set_expr(&mut self, body: &SetExpr, env: &[Cte], outer: &[Scope]) -> Vec<Output> {
        match body {
            SetExpr::Select(s) => self.select(s, env, outer),
            SetExpr::Query(q) => self.query(q, env, outer),
            SetExpr::SetOperation { left, right, .. } => {
                let mut l = self.set_expr(left, env, outer);
                let r = self.set_expr(right, env, outer);
                if l.len() != r.len() {
                    let range = l.first().map_or(0..0, |o| self.range(o.span));
                    self.out.problems.push(Problem::Unsupported {
                        what: format!(
                            "the two sides of a set operation give {} and {} columns",
                            l.len(),
                            r.len()
                        ),
                        range,
                    });
                }
                for (a, b) in l.iter_mut().zip(r) {
                    a.inputs.extend(b.inputs);
                    a.inputs.sort();
                    a.inputs.dedup();
                }
                l
            }
            SetExpr::Values(v) => v
                .rows
                .first()
                .map(|row| {
                    row.iter()
                        .enumerate()
                        .map(|(i, e)| Output {
                            name: Some(format!("column{}", i + 1)),
                            inputs: Vec::new(),
                            span: sqlparser::ast::Spanned::span(e),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            other => {
                let range = self.range(sqlparser::ast::Spanned::span(other));
                self.out.problems.push(Problem::Unsupported {
                    what: "a statement that is not a query".into(),
                    range,
                });
                Vec::new()
            }
        }
    }

    fn select(&mut self, s: &Select, env: &[Cte], outer: &[Scope]) -> Vec<Output> {
        let mut scope = Scope::default();
        let mut steering: Vec<(&Expr, Indirect)> = Vec::new();
        for twj in &s.from {
            self.from(twj, env, outer, &mut scope, &mut steering);
        }
        let scopes: Vec<Scope> = std::iter::once(scope).chain(outer.iter().cloned()).collect();
        let mut outputs = Vec::new();
        for item in &s.projection {
            match item {
                SelectItem::UnnamedExpr(e) => {
                    let name = match strip(e) {
                        Expr::Identifier(i) => Some(i.value.clone()),
                        Expr::CompoundIdentifier(p) => p.last().map(|i| i.value.clone()),
                        _ => None,
                    };
                    let inputs = self.expr(e, env, &scopes, true);
                    outputs.push(Output {
                        name,
                        inputs,
                        span: sqlparser::ast::Spanned::span(e),
                    });
                }
                SelectItem::ExprWithAlias { expr, alias } => {
                    let inputs = self.expr(expr, env, &scopes, true);
                    outputs.push(Output {
                        name: Some(alias.value.clone()),
                        inputs,
                        span: alias.span,
                    });
                }
                SelectItem::ExprWithAliases { expr, aliases } => {
                    let inputs = self.expr(expr, env, &scopes, false);
                    for a in aliases {
                        outputs.push(Output {
                            name: Some(a.value.clone()),
                            inputs: inputs.clone(),
                            span: a.span,
                        });
                    }
                }
                SelectItem::Wildcard(opts) => {
                    let rels: Vec<Rel> = scopes[0].rels.clone();
                    for rel in &rels {
                        self.star(rel, opts, &mut outputs);
                    }
                }
                SelectItem::QualifiedWildcard(kind, opts) => {
                    let range = self.range(opts.wildcard_token.0.span);
                    let SelectItemQualifiedWildcardKind::ObjectName(name) = kind else {
                        self.out.problems.push(Problem::Unsupported {
                            what: "`*` over an expression".into(),
                            range,
                        });
                        continue;
                    };
                    let alias = last_part(name);
                    match scopes[0].rels.iter().find(|r| r.alias == alias).cloned() {
                        Some(rel) => self.star(&rel, opts, &mut outputs),
                        None => self.out.problems.push(Problem::Unresolved {
                            name: format!("{alias}.*"),
                            range,
                            why: format!("no relation in the `FROM` is called `{alias}`"),
                        }),
                    }
                }
            }
        }
        let names: Vec<String> = outputs
            .iter()
            .filter_map(|o| o.name.as_ref().map(|n| n.to_lowercase()))
            .collect();
        if let Some(w) = &s.selection {
            steering.push((w, Indirect::Filter));
        }
        if let GroupByExpr::Expressions(exprs, _) = &s.group_by {
            steering.extend(exprs.iter().map(|e| (e, Indirect::GroupBy)));
        }
        if let Some(h) = &s.having {
            steering.push((h, Indirect::Filter));
        }
        if let Some(q) = &s.qualify {
            steering.push((q, Indirect::Window));
        }
        for (e, kind) in steering {
            self.steer(e, kind, env, &scopes, &names);
        }
        outputs
    }

    /// Adds the relations of one `FROM` item to `scope`, and its join conditions to
    /// what steers the rows.
    fn from<'q>(
        &mut self,
        twj: &'q TableWithJoins,
        env: &[Cte],
        outer: &[Scope],
        scope: &mut Scope,
        steering: &mut Vec<(&'q Expr, Indirect)>,
    ) {
        self.factor(&twj.relation, env, outer, scope, steering);
        for j in &twj.joins {
            self.factor(&j.relation, env, outer, scope, steering);
            let constraint = match &j.join_operator {
                JoinOperator::Join(c)
                | JoinOperator::Inner(c)
                | JoinOperator::Left(c)
                | JoinOperator::LeftOuter(c)
                | JoinOperator::Right(c)
                | JoinOperator::RightOuter(c)
                | JoinOperator::FullOuter(c)
                | JoinOperator::CrossJoin(c)
                | JoinOperator::Semi(c)
                | JoinOperator::LeftSemi(c)
                | JoinOperator::RightSemi(c)
                | JoinOperator::Anti(c)
                | JoinOperator::LeftAnti(c)
                | JoinOperator::RightAnti(c) => Some(c),
                JoinOperator::AsOf {
                    match_condition,
                    constraint,
                } => {
                    steering.push((match_condition, Indirect::Join));
                    Some(constraint)
                }
                _ => None,
            };
            match constraint {
                Some(JoinConstraint::On(e)) => steering.push((e, Indirect::Join)),
                Some(JoinConstraint::Using(names) | JoinConstraint::UsingAlias(names, _)) => {
                    for n in names {
                        let col = last_part(n);
                        for rel in &scope.rels {
                            if let Some(o) = find(rel, &col) {
                                for i in &o.inputs {
                                    self.out.indirect.push((i.from.clone(), Indirect::Join));
                                }
                            }
                        }
                        scope.using.push(col);
                    }
                }
                _ => {}
            }
        }
    }

    fn factor<'q>(
        &mut self,
        f: &'q TableFactor,
        env: &[Cte],
        outer: &[Scope],
        scope: &mut Scope,
        steering: &mut Vec<(&'q Expr, Indirect)>,
    ) {
        let alias_of = |a: &Option<sqlparser::ast::TableAlias>| a.as_ref().map(|a| a.name.value.to_lowercase());
        let renames = |a: &Option<sqlparser::ast::TableAlias>| {
            a.as_ref()
                .map(|a| a.columns.iter().map(|c| c.name.value.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        match f {
            TableFactor::Table { name, alias, args, .. } if args.is_none() => {
                let written = name
                    .0
                    .iter()
                    .filter_map(|p| p.as_ident())
                    .map(|i| i.value.clone())
                    .collect::<Vec<_>>()
                    .join(".");
                let short = last_part(name);
                let mut rel = if let Some(cte) = env.iter().rev().find(|c| name.0.len() == 1 && c.name == short) {
                    Rel {
                        alias: short.clone(),
                        columns: Some(cte.columns.clone()),
                        base: None,
                    }
                } else if let Some((node, cols)) = (self.lookup)(&written) {
                    Rel {
                        alias: short.clone(),
                        columns: cols.map(|cols| {
                            cols.into_iter()
                                .map(|c| Output {
                                    inputs: vec![Input {
                                        from: Col::new(node.clone(), c.clone()),
                                        how: How::Identity,
                                    }],
                                    name: Some(c),
                                    span: sqlparser::tokenizer::Span::empty(),
                                })
                                .collect()
                        }),
                        base: Some(node),
                    }
                } else {
                    // Reported where the table names resolve (unknown reference); its
                    // columns are unknown here.
                    Rel {
                        alias: short.clone(),
                        columns: None,
                        base: None,
                    }
                };
                if let Some(a) = alias_of(alias) {
                    rel.alias = a;
                }
                if let Some(cols) = &mut rel.columns {
                    rename(cols, &renames(alias));
                }
                scope.rels.push(rel);
            }
            TableFactor::Derived { subquery, alias, .. } => {
                let mut cols = self.query(subquery, env, outer);
                rename(&mut cols, &renames(alias));
                scope.rels.push(Rel {
                    alias: alias_of(alias).unwrap_or_default(),
                    columns: Some(cols),
                    base: None,
                });
            }
            TableFactor::NestedJoin {
                table_with_joins,
                alias,
            } => {
                let mut inner = Scope::default();
                self.from(table_with_joins, env, outer, &mut inner, steering);
                match alias_of(alias) {
                    // A parenthesized join with an alias is one relation of all its columns.
                    Some(a) => {
                        let cols: Vec<Output> = inner
                            .rels
                            .iter()
                            .flat_map(|r| r.columns.clone().unwrap_or_default())
                            .collect();
                        scope.rels.push(Rel {
                            alias: a,
                            columns: Some(cols),
                            base: None,
                        });
                    }
                    None => {
                        scope.rels.extend(inner.rels);
                        scope.using.extend(inner.using);
                    }
                }
            }
            other => {
                let range = self.range(sqlparser::ast::Spanned::span(other));
                self.out.problems.push(Problem::Unsupported {
                    what: "a table function in `FROM`".into(),
                    range,
                });
                scope.rels.push(Rel {
                    alias: alias_of(match other {
                        TableFactor::Table { alias, .. }
                        | TableFactor::Function { alias, .. }
                        | TableFactor::UNNEST { alias, .. }
                        | TableFactor::TableFunction { alias, .. } => alias,
                        _ => &None,
                    })
                    .unwrap_or_default(),
                    columns: None,
                    base: None,
                });
            }
        }
    }

    /// The columns `*` gives over one relation, less `EXCLUDE`/`EXCEPT`.
    fn star(&mut self, rel: &Rel, opts: &WildcardAdditionalOptions, outputs: &mut Vec<Output>) {
        let span = opts.wildcard_token.0.span;
        let Some(cols) = &rel.columns else {
            let range = self.range(span);
            self.out.problems.push(Problem::StarOverUnknown {
                relation: rel.alias.clone(),
                range,
            });
            return;
        };
        let mut skip: Vec<String> = Vec::new();
        if let Some(ex) = &opts.opt_exclude {
            skip.extend(match ex {
                sqlparser::ast::ExcludeSelectItem::Single(n) => vec![last_part(n)],
                sqlparser::ast::ExcludeSelectItem::Multiple(ns) => ns.iter().map(last_part).collect(),
            });
        }
        if let Some(ex) = &opts.opt_except {
            skip.push(ex.first_element.value.to_lowercase());
            skip.extend(ex.additional_elements.iter().map(|i| i.value.to_lowercase()));
        }
        for c in cols {
            if c.name.as_ref().is_some_and(|n| skip.contains(&n.to_lowercase())) {
                continue;
            }
            outputs.push(Output { span, ..c.clone() });
        }
    }

    /// The inputs of an expression: each column it reads, with how the value is made of
    /// it. `whole`: the expression is a projected column (a bare name copies).
    fn expr(&mut self, e: &Expr, env: &[Cte], scopes: &[Scope], whole: bool) -> Vec<Input> {
        let refs = collect(e, whole);
        let mut inputs = Vec::new();
        for r in refs.names {
            let found = self.resolved(scopes, &r, &[]);
            inputs.extend(found.into_iter().map(|i| Input {
                how: r.how.then(i.how),
                from: i.from,
            }));
        }
        for q in refs.subqueries {
            let before = self.out.indirect.len();
            for o in self.query(&q, env, scopes) {
                inputs.extend(o.inputs.into_iter().map(|i| Input {
                    how: How::Transformation.then(i.how),
                    from: i.from,
                }));
            }
            // What steers a scalar subquery's rows makes the value.
            let steered: Vec<Input> = self.out.indirect[before..]
                .iter()
                .map(|(c, _)| Input {
                    from: c.clone(),
                    how: How::Transformation,
                })
                .collect();
            inputs.extend(steered);
        }
        inputs.sort();
        inputs.dedup();
        inputs
    }

    /// Records the columns an expression that steers the rows reads.
    fn steer(&mut self, e: &Expr, kind: Indirect, env: &[Cte], scopes: &[Scope], aliases: &[String]) {
        let refs = collect(e, false);
        for r in refs.names {
            // `GROUP BY day` may name an output column in several engines.
            let found = self.resolved(scopes, &r, aliases);
            self.out.indirect.extend(found.into_iter().map(|i| (i.from, kind)));
        }
        for q in refs.subqueries {
            for o in self.query(&q, env, scopes) {
                self.out.indirect.extend(o.inputs.into_iter().map(|i| (i.from, kind)));
            }
        }
    }

    /// What a reference resolves to; what it cannot is reported (unless it is a date
    /// part, one of `aliases`, or in a relation already reported) and gives nothing.
    fn resolved(&mut self, scopes: &[Scope], r: &Ref, aliases: &[String]) -> Vec<Input> {
        let bare = r.qualifier.is_none();
        let lower = r.name.to_lowercase();
        match resolve(scopes, r.qualifier.as_deref(), &r.name) {
            Found::Inputs(found) => return found,
            Found::Missing if bare && (aliases.contains(&lower) || DATE_PARTS.contains(&lower.as_str())) => {}
            Found::Missing => self.unresolved(r, "no relation the query reads has this column".into()),
            Found::Reported => {}
            Found::Ambiguous(rels) => self.unresolved(
                r,
                format!(
                    "more than one relation has this column ({}): qualify it",
                    rels.join(", ")
                ),
            ),
        }
        Vec::new()
    }

    fn unresolved(&mut self, r: &Ref, why: String) {
        let name = match &r.qualifier {
            Some(q) => format!("{q}.{}", r.name),
            None => r.name.clone(),
        };
        let range = self.range(r.span);
        self.out.problems.push(Problem::Unresolved { name, range, why });
    }
}

/// The column `name` of a relation, if it has one.
fn find<'r>(rel: &'r Rel, name: &str) -> Option<&'r Output> {
    rel.columns
        .as_ref()?
        .iter()
        .find(|c| c.name.as_ref().is_some_and(|n| n.eq_ignore_ascii_case(name)))
}

/// Resolves a column name against the scopes, innermost first, as SQL does.
fn resolve(scopes: &[Scope], qualifier: Option<&str>, name: &str) -> Found {
    for scope in scopes {
        if let Some(q) = qualifier {
            let q = q.to_lowercase();
            let Some(rel) = scope.rels.iter().find(|r| r.alias == q) else {
                continue;
            };
            return match (find(rel, name), &rel.columns, &rel.base) {
                (Some(o), _, _) => Found::Inputs(o.inputs.clone()),
                (None, None, Some(base)) => Found::Inputs(vec![Input {
                    from: Col::new(base.clone(), name.to_string()),
                    how: How::Identity,
                }]),
                (None, None, None) => Found::Reported,
                _ => Found::Missing,
            };
        }
        let known: Vec<&Rel> = scope.rels.iter().filter(|r| find(r, name).is_some()).collect();
        let unknown: Vec<&Rel> = scope.rels.iter().filter(|r| r.columns.is_none()).collect();
        let using = scope.using.iter().any(|u| u.eq_ignore_ascii_case(name));
        match (known.as_slice(), unknown.as_slice()) {
            ([one], []) => return Found::Inputs(find(one, name).map(|o| o.inputs.clone()).unwrap_or_default()),
            (many, []) if many.len() > 1 && using => {
                return Found::Inputs(
                    many.iter()
                        .filter_map(|r| find(r, name))
                        .flat_map(|o| o.inputs.clone())
                        .collect(),
                )
            }
            ([], [one]) => {
                return match &one.base {
                    Some(base) => Found::Inputs(vec![Input {
                        from: Col::new(base.clone(), name.to_string()),
                        how: How::Identity,
                    }]),
                    None => Found::Reported,
                }
            }
            ([], []) => continue,
            _ => {
                return Found::Ambiguous(
                    known
                        .iter()
                        .chain(unknown.iter())
                        .map(|r| format!("`{}`", r.alias))
                        .collect(),
                )
            }
        }
    }
    // A qualified name whose qualifier is a column: a field of a struct column.
    if let Some(q) = qualifier {
        if let Found::Inputs(i) = resolve(scopes, None, q) {
            return Found::Inputs(
                i.into_iter()
                    .map(|i| Input {
                        how: How::Transformation.then(i.how),
                        from: i.from,
                    })
                    .collect(),
            );
        }
    }
    Found::Missing
}

/// A column reference in an expression, and how the expression's value is made of it.
struct Ref {
    qualifier: Option<String>,
    name: String,
    how: How,
    span: sqlparser::tokenizer::Span,
}

struct Refs {
    names: Vec<Ref>,
    subqueries: Vec<Query>,
}

/// The column references of an expression outside nested queries (those are returned
/// to be traced in their own scope), each with the functions around it.
fn collect(e: &Expr, whole: bool) -> Refs {
    struct V<'e> {
        root: &'e Expr,
        whole: bool,
        depth: usize,
        around: Vec<How>,
        out: Refs,
    }
    impl V<'_> {
        fn push(&mut self, e: &Expr, qualifier: Option<String>, ident: &Ident) {
            let bare = self.whole && std::ptr::eq(strip(self.root), e);
            let base = if bare { How::Identity } else { How::Transformation };
            let how = self.around.iter().fold(base, |acc, h| h.then(acc));
            self.out.names.push(Ref {
                qualifier,
                name: ident.value.clone(),
                how,
                span: ident.span,
            });
        }
    }
    impl Visitor for V<'_> {
        type Break = ();
        fn pre_visit_query(&mut self, _: &Query) -> ControlFlow<()> {
            self.depth += 1;
            ControlFlow::Continue(())
        }
        fn post_visit_query(&mut self, _: &Query) -> ControlFlow<()> {
            self.depth -= 1;
            ControlFlow::Continue(())
        }
        fn pre_visit_expr(&mut self, e: &Expr) -> ControlFlow<()> {
            if self.depth > 0 {
                return ControlFlow::Continue(());
            }
            match e {
                Expr::Identifier(i) => self.push(e, None, i),
                Expr::CompoundIdentifier(parts) if parts.len() >= 2 => {
                    let q = parts[parts.len() - 2].value.clone();
                    self.push(e, Some(q), &parts[parts.len() - 1]);
                }
                Expr::Function(f) => {
                    let name = f
                        .name
                        .0
                        .last()
                        .and_then(|p| p.as_ident())
                        .map(|i| i.value.to_lowercase())
                        .unwrap_or_default();
                    let how = if MASKING.contains(&name.as_str()) {
                        How::Masked
                    } else if KEEPING.contains(&name.as_str()) {
                        How::Aggregation { erases: false }
                    } else if AGGREGATES.contains(&name.as_str()) && f.over.is_none() {
                        How::Aggregation { erases: true }
                    } else {
                        How::Transformation
                    };
                    self.around.push(how);
                }
                Expr::Subquery(q)
                | Expr::Exists { subquery: q, .. }
                | Expr::In {
                    target: sqlparser::ast::InTarget::Subquery(q),
                    ..
                } => {
                    self.out.subqueries.push((**q).clone());
                }
                _ => {}
            }
            ControlFlow::Continue(())
        }
        fn post_visit_expr(&mut self, e: &Expr) -> ControlFlow<()> {
            if self.depth == 0 && matches!(e, Expr::Function(_)) {
                self.around.pop();
            }
            ControlFlow::Continue(())
        }
    }
    let mut v = V {
        root: e,
        whole,
        depth: 0,
        around: Vec::new(),
        out: Refs {
            names: Vec::new(),
            subqueries: Vec::new(),
        },
    };
    let _ = e.visit(&mut v);
    v.out
}

/// An expression without the parentheses around it.
fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Nested(inner) => strip(inner),
        other => other,
    }
}

fn last_part(name: &sqlparser::ast::ObjectName) -> String {
    name.0
        .last()
        .and_then(|p| p.as_ident())
        .map(|i| i.value.to_lowercase())
        .unwrap_or_default()
}

/// Applies column aliases (`AS t(a, b)`) by position.
fn rename(cols: &mut [Output], names: &[String]) {
    for (c, n) in cols.iter_mut().zip(names) {
        c.name = Some(n.clone());
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Two tables: `orders (id, customer_id, total, email)` and `customers (id, name)`.
    fn traced(sql: &str) -> Traced {
        let q = crate::semantic::sql::parse_query(sql).unwrap();
        let lookup = |name: &str| {
            let cols: &[&str] = match name {
                "orders" => &["id", "customer_id", "total", "email"],
                "customers" => &["id", "name"],
                _ => return None,
            };
            let node = Node::Table(usize::from(name == "customers"));
            Some((node, Some(cols.iter().map(|c| c.to_string()).collect())))
        };
        trace(sql, &q, &lookup)
    }

    /// Each output column as `name <- table.column how, …`; tables 0 = orders, 1 = customers.
    fn shown(t: &Traced) -> Vec<String> {
        t.outputs
            .iter()
            .map(|o| {
                let ins: Vec<String> = o
                    .inputs
                    .iter()
                    .map(|i| {
                        let table = if i.from.node == Node::Table(0) {
                            "orders"
                        } else {
                            "customers"
                        };
                        format!("{table}.{} {}", i.from.name, i.how.label())
                    })
                    .collect();
                format!("{} <- {}", o.name.clone().unwrap_or_default(), ins.join(", "))
            })
            .collect()
    }

    #[test]
    fn joins_aliases_and_expressions() {
        let t = traced(
            "SELECT o.id, c.name AS customer, o.total * 2 AS doubled, md5(o.email) AS email_key, \
             count(o.id) AS n, max(o.email) AS last_email \
             FROM orders AS o JOIN customers c ON c.id = o.customer_id GROUP BY o.id, c.name, o.total, o.email",
        );
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert_eq!(
            shown(&t),
            [
                "id <- orders.id copied",
                "customer <- customers.name copied",
                "doubled <- orders.total computed",
                "email_key <- orders.email masked",
                "n <- orders.id aggregated",
                "last_email <- orders.email aggregated, values kept",
            ]
        );
        let steer: Vec<String> = t.indirect.iter().map(|(c, k)| format!("{}:{k:?}", c.name)).collect();
        assert!(steer.contains(&"customer_id:Join".to_string()), "{steer:?}");
        assert!(steer.contains(&"id:Join".to_string()), "{steer:?}");
    }

    #[test]
    fn ctes_unions_stars_and_subqueries() {
        let t = traced(
            "WITH big AS (SELECT id, total FROM orders WHERE total > 100) \
             SELECT * FROM big \
             UNION ALL SELECT id, (SELECT max(total) FROM orders) FROM customers",
        );
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert_eq!(
            shown(&t),
            [
                "id <- orders.id copied, customers.id copied",
                "total <- orders.total copied, orders.total aggregated, values kept",
            ]
        );
        let t = traced("SELECT * EXCLUDE (email) FROM orders");
        assert_eq!(t.outputs.len(), 3);
        let t = traced("SELECT id FROM orders o JOIN customers c USING (id)");
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert_eq!(shown(&t), ["id <- orders.id copied, customers.id copied"]);
    }

    #[test]
    fn what_cannot_be_traced_is_said() {
        let t = traced("SELECT id FROM orders JOIN customers ON customers.id = orders.customer_id");
        assert!(
            matches!(&t.problems[..], [Problem::Unresolved { name, .. }] if name == "id"),
            "{:?}",
            t.problems
        );
        let t = traced("SELECT totl FROM orders");
        assert!(
            matches!(&t.problems[..], [Problem::Unresolved { name, .. }] if name == "totl"),
            "{:?}",
            t.problems
        );
        // An unknown table was reported where names resolve: its columns are not again.
        let t = traced("SELECT a, b FROM nowhere");
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        let t = traced("SELECT * FROM generate_series(1, 3) AS g");
        assert!(
            t.problems.iter().any(|p| matches!(p, Problem::Unsupported { .. })),
            "{:?}",
            t.problems
        );
    }
}
