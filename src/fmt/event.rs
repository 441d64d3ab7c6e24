//! `event NAME vN { … }`.

use super::entries::{duration_entry, list_entry, name_entry, range, waivers, word_entry};
use super::layout::{Node, Seg};
use super::text::{string, version};
use super::Cx;
use crate::syntax::ast::*;

impl Cx<'_> {
    pub fn event(&self, d: &Decl, e: &Event) -> Node {
        let mut items = Vec::new();
        items.extend(e.owner.as_ref().map(|n| name_entry("owner", n)));
        items.extend(e.produced_by.as_ref().map(|n| name_entry("from", n)));
        items.extend(e.compatibility.as_ref().map(|v| word_entry("compatibility", v)));
        items.extend(e.key.as_ref().map(|l| list_entry("key", l)));
        items.extend(e.delivery.as_ref().map(|v| word_entry("delivery", v)));
        items.extend(e.dedupe.as_ref().map(|l| list_entry("dedupe", l)));
        items.extend(e.event_time.as_ref().map(|n| name_entry("event_time", n)));
        items.extend(e.lateness.as_ref().map(|v| duration_entry("lateness", v)));
        items.extend(e.topic.as_ref().map(|t| {
            let (start, end) = range(t.span);
            Node::entry(start, end, "topic", string(&t.value))
        }));
        items.extend(e.stability.as_ref().map(|v| word_entry("stability", v)));
        items.extend(e.fields.as_ref().map(|f| self.fields_entry("fields", f)));
        items.extend(waivers(&e.waivers));
        let head_end = e.version.as_ref().map_or(e.name.span.end, |v| v.span.end);
        self.block_decl(
            d,
            format!("event {}{}", e.name.text, version(&e.version)),
            head_end,
            items,
        )
    }

    /// `fields { … }` or `columns { … }` inside a declaration.
    pub fn fields_entry(&self, keyword: &str, f: &crate::span::Spanned<Vec<Field>>) -> Node {
        let (start, end) = range(f.span);
        let mut n = Node::leaf(start, end, format!("{keyword} "));
        let block = self.field_block(start + keyword.len(), end.saturating_sub(1), &f.value);
        n.segs.push(Seg::Block(block));
        n
    }
}
