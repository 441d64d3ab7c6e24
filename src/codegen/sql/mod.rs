//! SQL models per dialect: raw landing DDL, curated models (deduplication, SCD type 2
//! history, incremental upserts over the lateness window), one view per metric version
//! with a stable unversioned name, and reconciliation queries against the ledger.
//!
//! Every statement is parsed back with sqlparser under its dialect before it is
//! returned: a statement that does not parse is a compiler bug, reported as an error.

pub mod dialect;
pub mod dialects;
pub mod fragment;
mod metric;
mod models;
pub mod quality;
mod raw;
mod reconcile;

use super::OutputFile;
use crate::semantic::model::{Id, Node};
use crate::semantic::Model;
use dialect::{Dialect, DialectName};
use sqlparser::parser::Parser;

/// A generated statement that its own dialect cannot parse: a bug in truthline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodegenError {
    pub path: String,
    pub statement: String,
    pub message: String,
}

impl std::fmt::Display for CodegenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "generated SQL in {} does not parse ({}); this is a bug in truthline, please report it with the contract that caused it:\n{}",
            self.path, self.message, self.statement
        )
    }
}

/// One generated SQL file: header comment lines and statements.
pub(crate) struct SqlFile {
    pub path: String,
    pub header: Vec<String>,
    pub statements: Vec<String>,
}

/// What every generator needs: the model and the dialect.
pub(crate) struct Ctx<'a> {
    pub model: &'a Model,
    /// The time freshness is judged at (`YYYY-MM-DD HH:MM:SS`, UTC); `None`: the clock.
    pub now: Option<&'a str>,
    pub d: &'a dyn Dialect,
}

impl Ctx<'_> {
    pub fn table(&self, t: Id) -> String {
        let x = &self.model.tables[t].item;
        self.d.qualified(&x.ns, &x.ast.name.text)
    }

    pub fn id(&self, name: &str) -> String {
        self.d.ident(name)
    }

    pub fn dir(&self, ns: &str, kind: &str) -> String {
        format!("sql/{}/{ns}/{kind}", self.d.name().as_str())
    }
}

/// The quality tests of the model for one dialect (what `truthline test` runs).
pub fn quality_tests(model: &Model, dialect: DialectName) -> Vec<quality::QualityTest> {
    quality_tests_at(model, dialect, None)
}

/// [`quality_tests`], with freshness judged at `now` (`YYYY-MM-DD HH:MM:SS`, UTC) rather
/// than the database's clock.
pub fn quality_tests_at(model: &Model, dialect: DialectName, now: Option<&str>) -> Vec<quality::QualityTest> {
    quality::tests(&Ctx {
        model,
        d: dialect.dialect(),
        now,
    })
}

/// The SQL of one metric version in one dialect, as `build` writes it: its views, then
/// its reconciliation query when it has one. The docs site shows it; `None` when the
/// contract lacks what the view needs.
pub fn metric_sql(model: &Model, metric: Id, dialect: DialectName) -> Option<String> {
    let ctx = Ctx {
        model,
        d: dialect.dialect(),
        now: None,
    };
    let mut text = render(&metric::metric_views(&ctx, metric)?);
    if let Some(r) = reconcile::reconciliation(&ctx, metric) {
        text.push('\n');
        text.push_str(&render(&r));
    }
    Some(text)
}

/// Generates the SQL of every dialect asked for, in a fixed order.
pub fn generate(model: &Model, dialects: &[DialectName]) -> Result<Vec<OutputFile>, CodegenError> {
    let mut out = Vec::new();
    for name in dialects {
        let ctx = Ctx {
            model,
            d: name.dialect(),
            now: None,
        };
        let mut files = vec![schemas(&ctx)];
        for t in table_order(model) {
            files.extend(match model.tables[t].layer() {
                Some(crate::syntax::ast::Layer::Raw) => vec![raw::raw_table(&ctx, t)],
                _ => models::derived_table(&ctx, t),
            });
        }
        for m in 0..model.metrics.len() {
            files.extend(metric::metric_views(&ctx, m));
        }
        files.extend(metric::stable_views(&ctx));
        for m in 0..model.metrics.len() {
            files.extend(reconcile::reconciliation(&ctx, m));
        }
        let tests = quality::tests(&ctx);
        let (test_files, manifest) = quality::files(&ctx, &tests);
        let mut order = Vec::new();
        for f in &files {
            parse_back(&ctx, f)?;
            if !f.path.ends_with(".incremental.sql") {
                order.push(
                    f.path
                        .trim_start_matches(&format!("sql/{}/", name.as_str()))
                        .to_string(),
                );
            }
            out.push(OutputFile {
                path: f.path.clone(),
                contents: render(f),
            });
        }
        for f in &test_files {
            parse_back(&ctx, f)?;
            out.push(OutputFile {
                path: f.path.clone(),
                contents: render(f),
            });
        }
        out.push(OutputFile {
            path: format!("sql/{}/tests.json", name.as_str()),
            contents: manifest,
        });
        out.push(OutputFile {
            path: format!("sql/{}/deploy_order.txt", name.as_str()),
            contents: format!(
                "# Files to run, in this order, for a full refresh. Incremental models\n# (`*.incremental.sql`) run after it, in the same order.\n{}\n",
                order.join("\n")
            ),
        });
    }
    Ok(out)
}

fn render(f: &SqlFile) -> String {
    let mut s = String::new();
    for line in &f.header {
        s.push_str(&comment(line));
    }
    for st in &f.statements {
        s.push('\n');
        s.push_str(st);
        s.push_str(";\n");
    }
    s
}

/// A line of a header comment; text from contracts cannot leave the comment, because
/// every line break in it starts a new `--` line.
pub(crate) fn comment(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(|l| format!("-- {l}\n").replace("-- \n", "--\n"))
        .collect()
}

fn parse_back(ctx: &Ctx<'_>, f: &SqlFile) -> Result<(), CodegenError> {
    let parser = ctx.d.parser();
    for st in &f.statements {
        if let Err(e) = Parser::parse_sql(parser.as_ref(), st) {
            return Err(CodegenError {
                path: f.path.clone(),
                statement: st.clone(),
                message: e.to_string(),
            });
        }
    }
    Ok(())
}

fn schemas(ctx: &Ctx<'_>) -> SqlFile {
    let mut namespaces: Vec<&str> = ctx.model.tables.iter().map(|t| t.item.ns.as_str()).collect();
    namespaces.extend(ctx.model.metrics.iter().map(|m| m.item.ns.as_str()));
    namespaces.sort_unstable();
    namespaces.dedup();
    SqlFile {
        path: format!("sql/{}/000_schemas.sql", ctx.d.name().as_str()),
        header: vec![
            "Generated by truthline. Do not edit: change the contracts and build again.".into(),
            "One schema per namespace of the project.".into(),
        ],
        statements: namespaces.iter().map(|ns| ctx.d.create_schema(ns)).collect(),
    }
}

/// Tables with every table they read from before them; ties in declaration order.
fn table_order(model: &Model) -> Vec<Id> {
    let n = model.tables.len();
    let mut state = vec![0u8; n];
    let mut out = Vec::with_capacity(n);
    for start in 0..n {
        // Iterative depth-first search, so a long chain cannot exhaust the stack.
        let mut stack = vec![(start, false)];
        while let Some((t, done)) = stack.pop() {
            if done {
                state[t] = 2;
                out.push(t);
                continue;
            }
            if state[t] != 0 {
                continue;
            }
            state[t] = 1;
            stack.push((t, true));
            for s in model.tables[t].sources.iter().rev() {
                if let Node::Table(u) = s {
                    if state[*u] == 0 {
                        stack.push((*u, false));
                    }
                }
            }
        }
    }
    out
}

/// The header every model file starts with: where it comes from.
pub(crate) fn header(what: String, docs: &[String]) -> Vec<String> {
    let mut h = vec![format!(
        "Generated by truthline from {what}. Do not edit: change the contract and build again."
    )];
    if !docs.is_empty() {
        h.push(String::new());
        h.extend(docs.iter().flat_map(|d| d.lines()).map(str::to_string));
    }
    h
}

/// `commerce.payments` or `commerce.payments v2`: the contract a file comes from.
pub(crate) fn contract(ns: &str, name: &str, version: Option<&crate::span::Spanned<u32>>) -> String {
    match version {
        Some(v) => format!("{ns}.{name} v{}", v.value),
        None => format!("{ns}.{name}"),
    }
}

/// Whole days, rounded up: a lateness of 36h reprocesses two days.
pub(crate) fn days(d: crate::syntax::ast::Duration) -> u64 {
    let ms = d.millis();
    u64::try_from(ms.div_ceil(86_400_000)).unwrap_or(u64::MAX)
}
