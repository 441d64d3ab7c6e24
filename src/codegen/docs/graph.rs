//! The lineage graph of one object as SVG: its neighbourhood (up to two hops upstream
//! and downstream), laid out left to right by layer (sources, events, raw, curated,
//! marts, metrics, consumers). Only a neighbourhood is drawn, never the whole project,
//! so a graph stays readable in a project of thousands of objects; a column with too
//! many nodes folds the rest into one "+N more" box. The layout depends only on the
//! model, so the same project draws the same picture byte for byte.

use super::links::{kind, label, link_of, rank};
use crate::semantic::model::{Model, Node};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write;

/// How far upstream and downstream the graph reaches.
pub const HOPS: usize = 2;
/// Nodes drawn per column before the rest fold into one box.
const MAX_PER_COLUMN: usize = 12;
const COL_W: usize = 220;
const BOX_W: usize = 180;
const BOX_H: usize = 34;
const ROW_H: usize = 44;
const PAD: usize = 16;
/// Characters of a name drawn in a box; the full name is in its tooltip.
const MAX_CHARS: usize = 26;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The nodes within `hops` of `focus`, each with its signed distance (negative:
/// upstream), nearest first.
fn neighbourhood(model: &Model, focus: &[Node], hops: usize) -> BTreeMap<Node, i64> {
    let mut dist: BTreeMap<Node, i64> = focus.iter().map(|n| (n.clone(), 0)).collect();
    for sign in [-1i64, 1] {
        let mut queue: VecDeque<(Node, usize)> = focus.iter().map(|n| (n.clone(), 0)).collect();
        while let Some((n, d)) = queue.pop_front() {
            if d == hops {
                continue;
            }
            let next = if sign < 0 {
                model.upstream_of(&n).to_vec()
            } else {
                model.downstream_of(&n)
            };
            for m in next {
                if !dist.contains_key(&m) {
                    dist.insert(m.clone(), sign * (d as i64 + 1));
                    queue.push_back((m, d + 1));
                }
            }
        }
    }
    dist
}

/// One drawn box: a node, or the fold of a column's remaining nodes.
enum Cell {
    Node(Node),
    More(usize),
}

/// The SVG of the neighbourhood of `focus` (the versions of one object), or `None` when
/// it has no lineage. Links are relative to a page one folder below the site root.
pub fn lineage_svg(model: &Model, focus: &[Node]) -> Option<String> {
    let dist = neighbourhood(model, focus, HOPS);
    if dist.len() <= focus.len() {
        return None;
    }
    let nodes: Vec<&Node> = dist.keys().collect();
    let edges: BTreeSet<(Node, Node)> = nodes
        .iter()
        .flat_map(|n| {
            model
                .upstream_of(n)
                .iter()
                .filter(|u| dist.contains_key(*u))
                .map(|u| (u.clone(), (*n).clone()))
        })
        .collect();
    let columns = assign_columns(model, &dist, &edges);
    let grid = order_columns(model, &dist, &edges, &columns);
    Some(draw(model, focus, &edges, &grid))
}

/// A column per node: its layer, pushed right of anything it reads from in the same
/// layer (a curated table built from another), then empty columns removed.
fn assign_columns(model: &Model, dist: &BTreeMap<Node, i64>, edges: &BTreeSet<(Node, Node)>) -> BTreeMap<Node, usize> {
    let mut col: BTreeMap<Node, usize> = dist.keys().map(|n| (n.clone(), rank(model, n))).collect();
    // Bounded: a cycle (which `check` reports) must not loop forever.
    for _ in 0..dist.len() {
        let mut changed = false;
        for (u, v) in edges {
            let (cu, cv) = (col[u], col[v]);
            if cv <= cu {
                col.insert(v.clone(), cu + 1);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let used: BTreeSet<usize> = col.values().copied().collect();
    let index: BTreeMap<usize, usize> = used.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    col.into_iter().map(|(n, c)| (n, index[&c])).collect()
}

/// The boxes of each column, top to bottom: the nearest nodes kept, each placed near
/// the average row of what it reads from (fewer crossings), ties by name.
fn order_columns(
    model: &Model,
    dist: &BTreeMap<Node, i64>,
    edges: &BTreeSet<(Node, Node)>,
    columns: &BTreeMap<Node, usize>,
) -> Vec<Vec<Cell>> {
    let width = columns.values().max().map_or(0, |m| m + 1);
    let mut grid: Vec<Vec<Cell>> = Vec::with_capacity(width);
    let mut row: BTreeMap<Node, usize> = BTreeMap::new();
    for c in 0..width {
        let mut here: Vec<&Node> = columns.iter().filter(|(_, k)| **k == c).map(|(n, _)| n).collect();
        here.sort_by_key(|n| (dist[*n].unsigned_abs(), label(model, n), (*n).clone()));
        let folded = if here.len() > MAX_PER_COLUMN {
            let n = here.len() - (MAX_PER_COLUMN - 1);
            here.truncate(MAX_PER_COLUMN - 1);
            n
        } else {
            0
        };
        let mut keyed: Vec<(usize, String, &Node)> = here
            .into_iter()
            .map(|n| {
                let preds: Vec<usize> = edges
                    .iter()
                    .filter(|(_, v)| v == n)
                    .filter_map(|(u, _)| row.get(u).copied())
                    .collect();
                // Average row of the predecessors, scaled to keep integer keys.
                let key = if preds.is_empty() {
                    usize::MAX
                } else {
                    preds.iter().sum::<usize>() * 100 / preds.len()
                };
                (key, label(model, n), n)
            })
            .collect();
        keyed.sort();
        let mut cells: Vec<Cell> = Vec::new();
        for (r, (_, _, n)) in keyed.into_iter().enumerate() {
            row.insert(n.clone(), r * 100);
            cells.push(Cell::Node(n.clone()));
        }
        if folded > 0 {
            cells.push(Cell::More(folded));
        }
        grid.push(cells);
    }
    grid
}

fn short(text: &str) -> String {
    if text.chars().count() <= MAX_CHARS {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(MAX_CHARS - 1).collect();
        s.push('…');
        s
    }
}

fn draw(model: &Model, focus: &[Node], edges: &BTreeSet<(Node, Node)>, grid: &[Vec<Cell>]) -> String {
    let rows = grid.iter().map(Vec::len).max().unwrap_or(1);
    let width = PAD * 2 + grid.len().saturating_sub(1) * COL_W + BOX_W;
    let height = PAD * 2 + rows.saturating_sub(1) * ROW_H + BOX_H;
    let mut at: BTreeMap<&Node, (usize, usize)> = BTreeMap::new();
    for (c, cells) in grid.iter().enumerate() {
        for (r, cell) in cells.iter().enumerate() {
            if let Cell::Node(n) = cell {
                at.insert(n, (PAD + c * COL_W, PAD + r * ROW_H));
            }
        }
    }
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"lineage\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Lineage graph\">\
<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>"
    );
    for (u, v) in edges {
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (at.get(u), at.get(v)) else {
            continue;
        };
        let (x1, y1, x2, y2) = (x1 + BOX_W, y1 + BOX_H / 2, x2, y2 + BOX_H / 2);
        let mid = (x1 + x2) / 2;
        let _ = write!(
            s,
            "<path class=\"edge\" d=\"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}\" marker-end=\"url(#arrow)\"/>"
        );
    }
    for (c, cells) in grid.iter().enumerate() {
        for (r, cell) in cells.iter().enumerate() {
            let (x, y) = (PAD + c * COL_W, PAD + r * ROW_H);
            match cell {
                Cell::Node(n) => node_box(&mut s, model, n, focus.contains(n), x, y),
                Cell::More(k) => {
                    let _ = write!(
                        s,
                        "<g class=\"node more\"><rect x=\"{x}\" y=\"{y}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"4\"/><text x=\"{}\" y=\"{}\">+{k} more</text></g>",
                        x + 8,
                        y + 22
                    );
                }
            }
        }
    }
    s.push_str("</svg>");
    s
}

fn node_box(s: &mut String, model: &Model, n: &Node, is_focus: bool, x: usize, y: usize) {
    let name = label(model, n);
    let k = kind(model, n);
    let class = k.replace(' ', "-");
    let title = xml_escape(&format!("{k} {name}"));
    let shape = format!(
        "<rect x=\"{x}\" y=\"{y}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"4\"/><text class=\"kind\" x=\"{}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\">{}</text>",
        x + 8,
        y + 12,
        xml_escape(k),
        x + 8,
        y + 27,
        xml_escape(&short(&name))
    );
    if is_focus {
        let _ = write!(s, "<g class=\"node focus {class}\"><title>{title}</title>{shape}</g>");
    } else {
        let href = xml_escape(&format!("../{}", link_of(model, n)));
        let _ = write!(
            s,
            "<a href=\"{href}\"><g class=\"node {class}\"><title>{title}</title>{shape}</g></a>"
        );
    }
}
