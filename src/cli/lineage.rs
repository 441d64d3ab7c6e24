//! `truthline lineage NAME[.COLUMN] [PATH] [--upstream|--downstream] [--depth N]
//! [--format human|json|dot]`: where a column comes from and what it flows into, with
//! how each step makes it, the consumers that read it and its classification.

use super::output::print;
use super::Exit;
use clap::ValueEnum;
use serde_json::{json, Value};
use std::path::Path;
use truthline::diagnostics::codes::Category;
use truthline::lineage::{self, plain_name, Col, ColumnLineage, How, Reached};
use truthline::semantic::model::{Model, Node};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LineageFormat {
    Human,
    Json,
    Dot,
}

/// Which way to walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Both,
}

pub struct Args<'a> {
    pub target: &'a str,
    pub path: &'a Path,
    pub direction: Direction,
    pub depth: Option<usize>,
    pub format: LineageFormat,
}

pub fn run(args: &Args<'_>, color: bool) -> miette::Result<Exit> {
    let loaded = super::project::load(args.path)?;
    let (checked, g) = truthline::check_traced(&loaded.sources, &loaded.options);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .chain(&checked.diagnostics)
        // Lint findings say nothing about where columns come from; what does not parse or
        // resolve does.
        .filter(|d| {
            d.severity == truthline::diagnostics::Severity::Error
                && matches!(d.code.category, Category::Syntax | Category::Semantic)
        })
        .cloned()
        .collect();
    if !errors.is_empty() {
        eprint!(
            "{}",
            truthline::diagnostics::render::human(&loaded.sources, &errors, color)
        );
        eprintln!("lineage needs a project that parses and resolves: fix the errors above first");
        return Ok(Exit::Findings);
    }
    let model = &checked.model;
    let (node, column) = match lineage::find::find(model, &g, args.target) {
        Ok(t) => t,
        Err(why) => {
            let help = match &why.suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "name a table, event, metric or consumer, optionally with a column: `payments.amount`, `net_revenue@2`".into(),
            };
            return Err(miette::miette!(help = help, "{}", why.message));
        }
    };
    let columns: Vec<Col> = match &column {
        Some(c) => vec![Col::new(node.clone(), c.clone())],
        None => node_columns(&g, &node),
    };
    // A whole node shows each column's direct neighbours unless a depth is given.
    let depth = args.depth.or(if column.is_none() { Some(1) } else { None });
    let views: Vec<View> = columns.iter().map(|c| view(&g, c, args.direction, depth)).collect();
    let text = match args.format {
        LineageFormat::Human => human(model, &g, &node, &views),
        LineageFormat::Json => serde_json::to_string_pretty(&json(model, &g, &node, &views)).unwrap_or_default() + "\n",
        LineageFormat::Dot => dot(model, &views),
    };
    print(&text);
    Ok(Exit::Ok)
}

/// The columns of a node; for a consumer, the columns it reads.
fn node_columns(g: &ColumnLineage, node: &Node) -> Vec<Col> {
    if matches!(node, Node::Consumer(_)) {
        return g
            .readers
            .iter()
            .filter(|(_, rs)| rs.contains(node))
            .map(|(c, _)| c.clone())
            .collect();
    }
    g.columns_of(node)
        .iter()
        .map(|n| Col::new(node.clone(), n.clone()))
        .collect()
}

struct View {
    col: Col,
    up: Vec<Reached>,
    down: Vec<Reached>,
}

fn view(g: &ColumnLineage, col: &Col, dir: Direction, depth: Option<usize>) -> View {
    View {
        col: col.clone(),
        up: if dir == Direction::Down {
            Vec::new()
        } else {
            g.upstream(col, depth)
        },
        down: if dir == Direction::Up {
            Vec::new()
        } else {
            g.downstream(col, depth)
        },
    }
}

fn kind(node: &Node) -> &'static str {
    match node {
        Node::System(_) => "system",
        Node::SystemTable(..) => "system table",
        Node::Event(_) => "event",
        Node::Table(_) => "table",
        Node::Metric(_) => "metric",
        Node::Consumer(_) => "consumer",
    }
}

fn readers(model: &Model, g: &ColumnLineage, col: &Col) -> Vec<String> {
    g.readers_of(col).iter().map(|r| consumer_label(model, r)).collect()
}

fn consumer_label(model: &Model, r: &Node) -> String {
    let owner = match r {
        Node::Consumer(i) => model.consumers[*i]
            .owner
            .map(|t| model.teams[t].item.ast.name.text.clone()),
        _ => None,
    };
    match owner {
        Some(o) => format!("{} (owner {o})", plain_name(model, r)),
        None => plain_name(model, r),
    }
}

fn human(model: &Model, g: &ColumnLineage, node: &Node, views: &[View]) -> String {
    let mut out = format!("{} {}\n", kind(node), plain_name(model, node));
    if views.is_empty() {
        out.push_str("  no columns\n");
    }
    for v in views {
        out.push_str(&format!("\n{}", g.describe(model, &v.col)));
        if let Some(class) = g.classes.get(&v.col) {
            let from = if class.origin == v.col {
                String::new()
            } else {
                format!(", from {}", g.describe(model, &class.origin))
            };
            out.push_str(&format!("  [{}{from}]", class.label()));
        }
        out.push('\n');
        tree(model, g, &v.col, &v.up, "←", 1, &mut out);
        tree(model, g, &v.col, &v.down, "→", 1, &mut out);
        let mut read: Vec<String> = readers(model, g, &v.col);
        for r in &v.down {
            read.extend(readers(model, g, &r.col));
        }
        read.sort();
        read.dedup();
        if !read.is_empty() && !matches!(node, Node::Consumer(_)) {
            out.push_str(&format!("  read by {}\n", read.join(", ")));
        }
    }
    out
}

/// The steps reached from `from`, each followed by the steps reached from it: a walk
/// reaches each column once, so this is a tree.
fn tree(model: &Model, g: &ColumnLineage, from: &Col, steps: &[Reached], arrow: &str, level: usize, out: &mut String) {
    for r in steps.iter().filter(|r| r.via == *from && r.depth == level) {
        out.push_str(&format!(
            "  {}{arrow} {}  ({})\n",
            "  ".repeat(level - 1),
            g.describe(model, &r.col),
            r.how.label()
        ));
        tree(model, g, &r.col, steps, arrow, level + 1, out);
    }
}

fn col_json(model: &Model, g: &ColumnLineage, c: &Col) -> Value {
    json!({
        "column": g.describe(model, c),
        "node": plain_name(model, &c.node),
        "kind": kind(&c.node),
        "name": c.name,
    })
}

fn json(model: &Model, g: &ColumnLineage, node: &Node, views: &[View]) -> Value {
    let step = |r: &Reached| {
        let mut v = col_json(model, g, &r.col);
        v["depth"] = json!(r.depth);
        v["via"] = json!(g.describe(model, &r.via));
        v["transformation"] = json!(r.how.subtype());
        v["masking"] = json!(r.how == How::Masked);
        v
    };
    let columns: Vec<Value> = views
        .iter()
        .map(|v| {
            let mut c = col_json(model, g, &v.col);
            c["classification"] = g.classes.get(&v.col).map_or(
                Value::Null,
                |k| json!({"pii": k.pii, "level": k.level, "from": g.describe(model, &k.origin)}),
            );
            c["upstream"] = v.up.iter().map(step).collect();
            c["downstream"] = v.down.iter().map(step).collect();
            c["read_by"] = json!(readers(model, g, &v.col));
            c
        })
        .collect();
    json!({"node": plain_name(model, node), "kind": kind(node), "columns": columns})
}

fn dot(model: &Model, views: &[View]) -> String {
    let mut edges: Vec<String> = Vec::new();
    let id = |c: &Col| format!("\"{}.{}\"", plain_name(model, &c.node).replace('"', "'"), c.name);
    for v in views {
        for r in &v.up {
            edges.push(format!(
                "  {} -> {} [label=\"{}\"];",
                id(&r.col),
                id(&r.via),
                r.how.label()
            ));
        }
        for r in &v.down {
            edges.push(format!(
                "  {} -> {} [label=\"{}\"];",
                id(&r.via),
                id(&r.col),
                r.how.label()
            ));
        }
    }
    edges.sort();
    edges.dedup();
    let mut out = String::from("digraph lineage {\n  rankdir=LR;\n  node [shape=box];\n");
    for v in views {
        out.push_str(&format!("  {} [style=bold];\n", id(&v.col)));
    }
    for e in edges {
        out.push_str(&e);
        out.push('\n');
    }
    out.push_str("}\n");
    out
}
