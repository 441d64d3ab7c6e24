//! Builds the column graph from a resolved model: event landing, copies from systems'
//! tables, deduplication and history by column name, `transform` queries, metric
//! measures, filters, time and dimensions, and the columns consumers read.

use super::codes::{LINEAGE_CYCLE, STAR_OVER_UNKNOWN_COLUMNS, UNTRACEABLE_COLUMN};
use super::graph::{Col, ColumnLineage, How, Indirect, Input};
use super::query::{self, Problem};
use crate::diagnostics::Diagnostic;
use crate::semantic::model::{Id, Model, Node, Table};
use crate::span::Span;
use crate::syntax::ast::UseKind;
use rayon::prelude::*;

/// The column graph of `model`, with a diagnostic for each column whose origin cannot
/// be determined and each cycle between tables.
pub fn trace(model: &Model) -> (ColumnLineage, Vec<Diagnostic>) {
    let mut g = ColumnLineage::default();
    let mut diags = Vec::new();
    for (i, e) in model.events.iter().enumerate() {
        g.columns
            .insert(Node::Event(i), e.fields.iter().map(|f| f.name.clone()).collect());
    }
    for (i, t) in model.tables.iter().enumerate() {
        g.columns
            .insert(Node::Table(i), t.columns.iter().map(|c| c.name.clone()).collect());
    }
    let columns: usize = model.tables.iter().map(|t| t.columns.len()).sum();
    g.inputs.reserve(columns + model.metrics.len() * 2);
    // Each table is traced on its own, in parallel; the parts are merged in table order.
    let parts: Vec<(ColumnLineage, Vec<Diagnostic>)> = (0..model.tables.len())
        .into_par_iter()
        .map(|i| {
            let mut part = ColumnLineage::default();
            let mut found = Vec::new();
            table(model, i, &mut part, &mut found);
            (part, found)
        })
        .collect();
    for (part, found) in parts {
        g.inputs.extend(part.inputs);
        for (node, steer) in part.indirect {
            g.indirect.entry(node).or_default().extend(steer);
        }
        diags.extend(found);
    }
    // A system's table has the columns its copies take from it.
    let mut copied: Vec<Col> = g
        .inputs
        .values()
        .flatten()
        .filter(|i| matches!(i.from.node, Node::SystemTable(..)))
        .map(|i| i.from.clone())
        .collect();
    copied.sort();
    for c in copied {
        let cols = g.columns.entry(c.node).or_default();
        if !cols.iter().any(|n| **n == *c.name) {
            cols.push(c.name.to_string());
        }
    }
    for i in 0..model.metrics.len() {
        metric(model, i, &mut g);
    }
    consumers(model, &mut g);
    cycles(model, &mut diags);
    g.index();
    g.classes = super::classify::classes(model, &g);
    (g, diags)
}

fn table(model: &Model, i: Id, g: &mut ColumnLineage, diags: &mut Vec<Diagnostic>) {
    let t = &model.tables[i];
    let me = Node::Table(i);
    if t.item.ast.transform.is_some() {
        transform(model, i, g, diags);
        return;
    }
    let inherited = t.item.ast.columns.is_none();
    for c in &t.columns {
        let mut ins = Vec::new();
        for s in &t.sources {
            let copies = match s {
                // A landing copies each field to the column of its name.
                Node::Event(e) => model.events[*e].field(&c.name).is_some(),
                // A copy of a system's table: its columns are the table's own, but for
                // what the capture adds (`cdc_op`, `cdc_lsn`: named `cdc_*`, as the
                // generated SQL reads them).
                Node::SystemTable(..) => (t.declares(c) || inherited) && !c.name.starts_with("cdc_"),
                // Deduplication and history keep the source's columns by name.
                Node::Table(u) => {
                    let src = &model.tables[*u];
                    src.column(&c.name).is_some() || !src.columns_known
                }
                _ => false,
            };
            if copies {
                ins.push(Input {
                    from: Col::new(s.clone(), c.name.clone()),
                    how: How::Identity,
                });
            }
        }
        if ins.is_empty() {
            ins.extend(validity(model, t, &c.name));
        }
        if !ins.is_empty() {
            g.inputs.insert(Col::new(me.clone(), c.name.clone()), ins);
        }
    }
    // What decides which rows are kept.
    let sources: Vec<Node> = t
        .sources
        .iter()
        .filter(|s| matches!(s, Node::Table(_)))
        .cloned()
        .collect();
    let mut steer = Vec::new();
    if let Some(d) = &t.item.ast.dedupe {
        for n in d.on.iter().chain(d.keep.iter().map(|(_, c)| c)) {
            steer.extend(
                sources
                    .iter()
                    .map(|s| (Col::new(s.clone(), n.text.clone()), Indirect::Window)),
            );
        }
    }
    if t.item.ast.history.is_some() {
        for s in &sources {
            if let Node::Table(u) = s {
                if let Some(change) = model.tables[*u].change_column() {
                    steer.push((Col::new(s.clone(), change), Indirect::Window));
                }
            }
        }
    }
    if !steer.is_empty() {
        g.indirect.entry(me).or_default().extend(steer);
    }
}

/// The validity columns of an SCD2 history are made from the source's change time.
fn validity(model: &Model, t: &Table, name: &str) -> Vec<Input> {
    let Some(h) = &t.item.ast.history else {
        return Vec::new();
    };
    let named = |n: &Option<crate::syntax::ast::Name>, default: &str| {
        n.as_ref().map_or(default.to_string(), |n| n.text.clone())
    };
    let cols = [
        named(&h.valid_from, "valid_from"),
        named(&h.valid_to, "valid_to"),
        named(&h.current, "is_current"),
    ];
    if !cols.iter().any(|c| c == name) {
        return Vec::new();
    }
    t.sources
        .iter()
        .filter_map(|s| match s {
            Node::Table(u) => model.tables[*u].change_column().map(|c| Input {
                from: Col::new(s.clone(), c),
                how: How::Transformation,
            }),
            _ => None,
        })
        .collect()
}

fn transform(model: &Model, i: Id, g: &mut ColumnLineage, diags: &mut Vec<Diagnostic>) {
    let t = &model.tables[i];
    let Some(sql_text) = &t.item.ast.transform else { return };
    // A transform that does not parse is reported where it is resolved. The tree is read
    // again here, on every core, rather than kept from resolution: on 10,000 contracts
    // the kept trees took 54 MiB of a 176 MiB peak, for the same time end to end.
    let Some(read) = &t.transform else { return };
    let Ok(q) = crate::semantic::sql::parse_query(&sql_text.text) else {
        return;
    };
    let (q, reads) = (&q, read.reads.as_slice());
    let lookup = |name: &str| {
        reads.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, id)| {
            let u = &model.tables[*id];
            let cols = u
                .columns_known
                .then(|| u.columns.iter().map(|c| c.name.clone()).collect());
            (Node::Table(*id), cols)
        })
    };
    let traced = query::trace(&sql_text.text, q, &lookup);
    let at = |r: std::ops::Range<usize>| {
        let start = sql_text.span.start as usize;
        Span::new(sql_text.span.file, start + r.start, start + r.end.max(r.start))
    };
    let table_name = &t.item.ast.name.text;
    for p in &traced.problems {
        diags.push(match p {
            Problem::Unresolved { name, range, why } => Diagnostic::new(
                &UNTRACEABLE_COLUMN,
                at(range.clone()),
                format!("the transform of `{table_name}` reads `{name}`, whose origin cannot be traced: {why}"),
            )
            .with_label_message("cannot be traced")
            .with_help("name a column of a table the transform reads (see its `columns`), qualified by its alias when two have it"),
            Problem::StarOverUnknown { relation, range } => Diagnostic::new(
                &STAR_OVER_UNKNOWN_COLUMNS,
                at(range.clone()),
                format!("`*` over `{relation}`, whose columns are not declared: the columns of `{table_name}` cannot be traced"),
            )
            .with_label_message("expands to columns truthline cannot see")
            .with_help(format!("declare the columns of `{relation}`, or list the columns the query selects instead of `*`")),
            Problem::Unsupported { what, range } => Diagnostic::new(
                &UNTRACEABLE_COLUMN,
                at(range.clone()),
                format!("the transform of `{table_name}` uses {what}, which lineage does not read"),
            )
            .with_label_message("not traced")
            .with_help("write it as a query over the declared sources (joins, CTEs and subqueries are traced)"),
        });
    }
    let me = Node::Table(i);
    // Past a `*` or a part lineage does not read, which columns the query gives is
    // unknown: that was reported once, and missing columns would only repeat it.
    let blind = traced
        .problems
        .iter()
        .any(|p| matches!(p, Problem::StarOverUnknown { .. } | Problem::Unsupported { .. }));
    for c in &t.columns {
        let found = traced
            .outputs
            .iter()
            .filter(|o| o.name.as_ref().is_some_and(|n| n.eq_ignore_ascii_case(&c.name)))
            .collect::<Vec<_>>();
        match found.as_slice() {
            [] if blind => {}
            [] => {
                let unnamed = traced.outputs.iter().filter(|o| o.name.is_none()).count();
                let why = if unnamed > 0 {
                    format!("; {unnamed} of its columns are expressions without a name")
                } else {
                    String::new()
                };
                diags.push(
                    Diagnostic::new(
                        &UNTRACEABLE_COLUMN,
                        c.span,
                        format!(
                            "column `{}` of `{table_name}` is not a column of its transform{why}",
                            c.name
                        ),
                    )
                    .with_label_message("no column of the query has this name")
                    .with_secondary(sql_text.span, "the transform")
                    .with_help(format!("select it by name in the transform (`… AS {}`)", c.name)),
                );
            }
            outs => {
                let mut ins: Vec<Input> = outs.iter().flat_map(|o| o.inputs.clone()).collect();
                ins.sort();
                ins.dedup();
                if !ins.is_empty() {
                    g.inputs.insert(Col::new(me.clone(), c.name.clone()), ins);
                }
            }
        }
    }
    if !traced.indirect.is_empty() {
        g.indirect.entry(me).or_default().extend(traced.indirect);
    }
}

/// A metric's columns: `value` (the measure) and one per dimension.
fn metric(model: &Model, i: Id, g: &mut ColumnLineage) {
    let m = &model.metrics[i];
    let me = Node::Metric(i);
    let Some(from) = m.from else { return };
    let src = Node::Table(from);
    let ast = &m.item.ast;
    let mut names = vec!["value".to_string()];
    if let Some(expr) = m.measure.as_ref().and_then(|x| x.expr.as_ref()) {
        let ins = query::expr_inputs(&expr.0, &src);
        if !ins.is_empty() {
            g.inputs.insert(Col::new(me.clone(), "value"), ins);
        }
    }
    let mut steer = Vec::new();
    if let Some(f) = &m.filter {
        steer.extend(
            f.columns
                .iter()
                .map(|c| (Col::new(src.clone(), c.clone()), Indirect::Filter)),
        );
    }
    if let Some(t) = &ast.time {
        steer.push((Col::new(src.clone(), t.column.text.clone()), Indirect::GroupBy));
    }
    if let Some(d) = &ast.dimensions {
        for n in &d.value {
            names.push(n.text.clone());
            g.inputs.insert(
                Col::new(me.clone(), n.text.clone()),
                vec![Input {
                    from: Col::new(src.clone(), n.text.clone()),
                    how: How::Identity,
                }],
            );
            steer.push((Col::new(src.clone(), n.text.clone()), Indirect::GroupBy));
        }
    }
    if !steer.is_empty() {
        g.indirect.entry(me.clone()).or_default().extend(steer);
    }
    g.columns.insert(me, names);
}

/// The columns each consumer reads: those it names, or all of a table, metric or event
/// it names without columns.
fn consumers(model: &Model, g: &mut ColumnLineage) {
    for (i, c) in model.consumers.iter().enumerate() {
        for (k, target) in &c.uses {
            let Some(u) = c.item.ast.uses.get(*k) else { continue };
            let all = u.columns.is_empty() || u.kind.value == UseKind::Metric;
            if all {
                g.whole.entry(target.clone()).or_default().push(Node::Consumer(i));
            }
            let cols: Vec<String> = if all {
                g.columns_of(target).to_vec()
            } else {
                u.columns.iter().map(|n| n.text.clone()).collect()
            };
            for name in cols {
                g.readers
                    .entry(Col::new(target.clone(), name))
                    .or_default()
                    .push(Node::Consumer(i));
            }
        }
    }
}

/// Reports each cycle of tables reading tables once, at its first table.
fn cycles(model: &Model, diags: &mut Vec<Diagnostic>) {
    let n = model.tables.len();
    // 0: not visited, 1: on the stack, 2: done.
    let mut state = vec![0u8; n];
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(Id, usize)> = vec![(start, 0)];
        let mut path: Vec<Id> = vec![start];
        state[start] = 1;
        while let Some((t, k)) = stack.last().copied() {
            let next = model.tables[t].sources.iter().filter_map(|s| match s {
                Node::Table(u) => Some(*u),
                _ => None,
            });
            let next: Vec<Id> = next.collect();
            if let Some(&u) = next.get(k) {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                match state[u] {
                    0 => {
                        state[u] = 1;
                        stack.push((u, 0));
                        path.push(u);
                    }
                    1 => {
                        let from = path.iter().position(|x| *x == u).unwrap_or(0);
                        let ring: Vec<Id> = path[from..].to_vec();
                        diags.push(cycle(model, &ring));
                    }
                    _ => {}
                }
            } else {
                state[t] = 2;
                stack.pop();
                path.pop();
            }
        }
    }
}

fn cycle(model: &Model, ring: &[Id]) -> Diagnostic {
    let first = ring
        .iter()
        .copied()
        .min_by_key(|t| model.tables[*t].item.ast.name.span)
        .unwrap_or(ring[0]);
    let names: Vec<String> = ring
        .iter()
        .chain(ring.first())
        .map(|t| format!("`{}`", model.tables[*t].item.ast.name.text))
        .collect();
    let t = &model.tables[first];
    let mut d = Diagnostic::new(
        &LINEAGE_CYCLE,
        t.item.ast.name.span,
        format!("tables read each other in a cycle: {}", names.join(" → ")),
    )
    .with_label_message("reads itself through its sources")
    .with_help("a table cannot be built from what is built from it; remove one `source tables` of the cycle");
    for other in ring.iter().filter(|x| **x != first) {
        d = d.with_secondary(model.tables[*other].item.ast.name.span, "in the cycle");
    }
    d
}
