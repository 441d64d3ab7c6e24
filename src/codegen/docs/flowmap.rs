//! The truth map's picture: systems that hold data on the left, the systems it lands in
//! on the right, one arrow per way it moves (events, CDC, snapshot, replica) with how
//! many tables it feeds. Boxes are coloured by truth domain. Built from the same flows
//! as the table under it; deterministic; names XML-escaped.

use super::graph::xml_escape;
use super::links::page_of;
use super::versions::word;
use crate::semantic::model::{Id, Model, Node};
use std::collections::BTreeMap;
use std::fmt::Write;

/// `(from system, into system, how)` → tables fed that way.
pub type Flows = BTreeMap<(Option<Id>, Option<Id>, &'static str), Vec<Node>>;

const MAX_PER_COLUMN: usize = 16;
const BOX_W: usize = 200;
const BOX_H: usize = 40;
const ROW_H: usize = 52;
const GAP: usize = 300;
const PAD: usize = 16;

fn domain(model: &Model, s: Id) -> String {
    model.systems[s]
        .domain()
        .map(|d| word(&d))
        .unwrap_or_else(|| "unknown".into())
}

/// Systems of one side, operational first, then by name; the rest past the limit folded.
fn column(model: &Model, ids: impl Iterator<Item = Id>) -> (Vec<Id>, usize) {
    let mut v: Vec<Id> = ids.collect();
    v.sort_by_key(|s| {
        let d = model.systems[*s].domain().map_or(9, |d| d as usize);
        (d, model.systems[*s].item.ast.name.text.clone(), *s)
    });
    v.dedup();
    let more = v.len().saturating_sub(MAX_PER_COLUMN);
    v.truncate(MAX_PER_COLUMN);
    (v, more)
}

pub fn svg(model: &Model, flows: &Flows) -> Option<String> {
    let known: Vec<(Id, Id, &str, usize)> = flows
        .iter()
        .filter_map(|((f, t, how), tables)| Some(((*f)?, (*t)?, *how, tables.len())))
        .collect();
    if known.is_empty() {
        return None;
    }
    let (left, more_l) = column(model, known.iter().map(|k| k.0));
    let (right, more_r) = column(model, known.iter().map(|k| k.1));
    let rows = (left.len() + usize::from(more_l > 0)).max(right.len() + usize::from(more_r > 0));
    let width = PAD * 2 + BOX_W * 2 + GAP;
    let height = PAD * 2 + rows.saturating_sub(1) * ROW_H + BOX_H;
    let xr = PAD + BOX_W + GAP;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"flowmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"How data moves between systems\">\
<defs><marker id=\"flow-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>"
    );
    let row_of = |side: &[Id], s: Id| side.iter().position(|x| *x == s);
    let mut drawn: BTreeMap<usize, usize> = BTreeMap::new();
    for (f, t, how, n) in &known {
        let (Some(a), Some(b)) = (row_of(&left, *f), row_of(&right, *t)) else {
            continue;
        };
        let (x1, y1) = (PAD + BOX_W, PAD + a * ROW_H + BOX_H / 2);
        let (x2, y2) = (xr, PAD + b * ROW_H + BOX_H / 2);
        let mid = (x1 + x2) / 2;
        let label = xml_escape(&format!("{how} · {n} table{}", if *n == 1 { "" } else { "s" }));
        let _ = write!(
            s,
            "<g class=\"flow\"><title>{label}</title><path class=\"edge {}\" d=\"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}\" marker-end=\"url(#flow-arrow)\"/></g>",
            xml_escape(&how.to_lowercase())
        );
        // The label sits on the middle of its arrow.
        // Labels start where the arrows leave their system, one under the other.
        let k = drawn.entry(a).or_default();
        let tx = x1 + 10;
        let ty = y1 - 6 + *k * 13;
        *k += 1;
        let _ = write!(s, "<text class=\"flow-label\" x=\"{tx}\" y=\"{ty}\">{label}</text>");
    }
    for (x, side, more) in [(PAD, &left, more_l), (xr, &right, more_r)] {
        for (r, id) in side.iter().enumerate() {
            let y = PAD + r * ROW_H;
            let sys = &model.systems[*id].item.ast;
            let sub = format!(
                "{}{}",
                domain(model, *id),
                sys.engine
                    .as_ref()
                    .map(|e| format!(" · {}", e.text))
                    .unwrap_or_default()
            );
            let _ = write!(
                s,
                "<a href=\"{}\"><g class=\"node domain-{}\"><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"4\"/><text x=\"{}\" y=\"{}\">{}</text><text class=\"kind\" x=\"{}\" y=\"{}\">{}</text></g></a>",
                xml_escape(&page_of(model, &Node::System(*id))),
                xml_escape(&domain(model, *id)),
                xml_escape(&format!("system {} ({sub})", sys.name.text)),
                x + 8,
                y + 17,
                xml_escape(&sys.name.text),
                x + 8,
                y + 32,
                xml_escape(&sub)
            );
        }
        if more > 0 {
            let y = PAD + side.len() * ROW_H;
            let _ = write!(
                s,
                "<g class=\"node more\"><rect x=\"{x}\" y=\"{y}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"4\"/><text x=\"{}\" y=\"{}\">+{more} more</text></g>",
                x + 8,
                y + 25
            );
        }
    }
    s.push_str("</svg>");
    Some(s)
}
