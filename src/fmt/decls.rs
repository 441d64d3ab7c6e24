//! The small declarations: team, system, concept, consumer, type, struct, columns.

use super::entries::{list_entry, name_entry, range, waivers, word_entry};
use super::layout::{Node, Seg};
use super::text::{names, string, version, word};
use super::Cx;
use crate::syntax::ast::*;

impl Cx<'_> {
    pub fn team(&self, d: &Decl, t: &Team) -> Node {
        let mut items: Vec<Node> = t
            .contacts
            .iter()
            .map(|c| Node::entry(c.span.start as usize, c.span.end as usize, "contact", string(&c.value)))
            .collect();
        items.extend(waivers(&t.waivers));
        self.block_decl(d, format!("team {}", t.name.text), t.name.span.end, items)
    }

    pub fn system(&self, d: &Decl, s: &System) -> Node {
        let mut items = Vec::new();
        items.extend(s.domain.as_ref().map(|v| word_entry("domain", v)));
        items.extend(s.engine.as_ref().map(|n| name_entry("engine", n)));
        items.extend(s.owner.as_ref().map(|n| name_entry("owner", n)));
        items.extend(s.read_via.as_ref().map(|l| {
            // Written `read    via cdc`: `via` begins the value.
            let (start, end) = range(l.span);
            Node::entry(start, end, "read", format!("via {}", names(&l.value)))
        }));
        items.extend(s.tables.as_ref().map(|l| list_entry("tables", l)));
        items.extend(s.ledger.map(|sp| {
            let (start, end) = range(sp);
            Node::entry(start, end, "ledger", "")
        }));
        items.extend(waivers(&s.waivers));
        self.block_decl(d, format!("system {}", s.name.text), s.name.span.end, items)
    }

    pub fn concept(&self, d: &Decl, c: &Concept) -> Node {
        let mut items: Vec<Node> = c.authorities.iter().map(|a| name_entry("authority", a)).collect();
        items.extend(c.identifier.as_ref().map(|l| list_entry("identifier", l)));
        items.extend(c.time.as_ref().map(|t| {
            let (start, end) = range(t.span);
            let kind = t
                .kind
                .as_ref()
                .map(|k| format!(" as {}", word(&k.value)))
                .unwrap_or_default();
            Node::entry(start, end, "time", format!("{}{kind}", t.column.text))
        }));
        items.extend(c.reconcile.as_ref().map(|r| {
            let (start, end) = range(r.span);
            let cadence = r
                .cadence
                .as_ref()
                .map(|k| format!(" {}", word(&k.value)))
                .unwrap_or_default();
            Node::entry(start, end, "reconcile", format!("with {}{cadence}", r.target.text))
        }));
        items.extend(c.owner.as_ref().map(|n| name_entry("owner", n)));
        items.extend(waivers(&c.waivers));
        self.block_decl(d, format!("concept {}", c.name.text), c.name.span.end, items)
    }

    pub fn consumer(&self, d: &Decl, c: &Consumer) -> Node {
        let mut items = Vec::new();
        items.extend(c.owner.as_ref().map(|n| name_entry("owner", n)));
        items.extend(c.kind.as_ref().map(|n| name_entry("kind", n)));
        items.extend(c.clearance.as_ref().map(|n| name_entry("clearance", n)));
        items.extend(self.uses(&c.uses));
        items.extend(waivers(&c.waivers));
        self.block_decl(d, format!("consumer {}", c.name.text), c.name.span.end, items)
    }

    /// One `uses` entry per `uses` written: its targets on one line when they were
    /// written on one, else one per line, lined up.
    fn uses(&self, uses: &[Use]) -> Vec<Node> {
        let mut out: Vec<Node> = Vec::new();
        let mut lines: Vec<String> = Vec::new();
        let mut broken = false;
        for (i, u) in uses.iter().enumerate() {
            let columns = if u.columns.is_empty() {
                String::new()
            } else {
                format!(" ({})", names(&u.columns))
            };
            let text = format!(
                "{} {}{}{columns}",
                word(&u.kind.value),
                u.target.text,
                version(&u.version)
            );
            let (start, end) = range(u.span);
            // The same `uses` goes on when only a comma stands between the two targets
            // (a comment between them starts a new entry, which keeps it in place).
            let between = i
                .checked_sub(1)
                .and_then(|k| self.text.get(uses[k].span.end as usize..start));
            match (between, out.last_mut()) {
                (Some(gap), Some(last)) if gap.trim() == "," => {
                    last.end = end;
                    broken |= gap.contains('\n');
                    lines.push(text);
                }
                _ => {
                    finish(out.last_mut(), &mut lines, broken);
                    broken = false;
                    out.push(Node::entry(start, end, "uses", ""));
                    lines.push(text);
                }
            }
        }
        finish(out.last_mut(), &mut lines, broken);
        out
    }

    pub fn type_alias(&self, d: &Decl, t: &TypeAlias) -> Node {
        let mut n = self.decl_node(d);
        n.push(format!("type {} = ", t.name.text));
        self.type_expr(&t.ty, &mut n);
        for a in &t.attributes {
            n.push(format!(" {}", super::types::attribute(a)));
        }
        n
    }

    /// `struct` and `columns` declarations: a name, their attributes, then fields.
    pub fn fields_decl(
        &self,
        d: &Decl,
        keyword: &str,
        name: &Name,
        attributes: &[Attribute],
        fields: &[Field],
    ) -> Node {
        let mut n = self.decl_node(d);
        n.push(format!("{keyword} {} ", name.text));
        for a in attributes {
            n.push(format!("{} ", super::types::attribute(a)));
        }
        let close = (d.span.end as usize).saturating_sub(1);
        let open_from = attributes.last().map_or(name.span.end, |a| a.span.end) as usize;
        n.segs.push(Seg::Block(self.field_block(open_from, close, fields)));
        n
    }
}

/// Puts the targets of one `uses` on its node: `a, b` on one line, or one per line.
fn finish(node: Option<&mut Node>, lines: &mut Vec<String>, broken: bool) {
    let Some(n) = node else { return };
    let all = std::mem::take(lines);
    if !broken {
        n.segs = vec![Seg::Text(all.join(", "))];
        return;
    }
    let last = all.len() - 1;
    let mut it = all
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i < last { l + "," } else { l });
    n.segs = vec![Seg::Text(it.next().unwrap_or_default())];
    n.segs.push(Seg::More(it.collect()));
}
