//! `table NAME { … }`.

use super::entries::{duration_entry, list_entry, name_entry, range, waivers, word_entry};
use super::layout::Node;
use super::text::{names, version, word};
use super::Cx;
use crate::syntax::ast::*;

impl Cx<'_> {
    pub fn table(&self, d: &Decl, t: &Table) -> Node {
        let mut items = Vec::new();
        items.extend(t.layer.as_ref().map(|v| word_entry("layer", v)));
        items.extend(t.store.as_ref().map(|n| name_entry("store", n)));
        items.extend(t.sources.iter().map(|s| self.source(s)));
        items.extend(t.owner.as_ref().map(|n| name_entry("owner", n)));
        items.extend(t.includes.iter().map(|n| name_entry("include", n)));
        items.extend(t.columns.as_ref().map(|c| self.fields_entry("columns", c)));
        items.extend(t.grain.as_ref().map(|l| list_entry("grain", l)));
        items.extend(t.key.as_ref().map(|l| list_entry("key", l)));
        items.extend(t.partition.as_ref().map(|p| {
            let (start, end) = range(p.span);
            let text = match &p.transform {
                Some(f) => format!("by {}({})", f.text, p.column.text),
                None => format!("by {}", p.column.text),
            };
            Node::entry(start, end, "partition", text)
        }));
        items.extend(t.retention.as_ref().map(|v| duration_entry("retention", v)));
        items.extend(t.history.as_ref().map(history));
        items.extend(t.dedupe.as_ref().map(|x| {
            let (start, end) = range(x.span);
            let keep = x
                .keep
                .as_ref()
                .map(|(k, by)| format!(" keep {} by {}", word(&k.value), by.text))
                .unwrap_or_default();
            Node::entry(start, end, "dedupe", format!("on {}{keep}", names(&x.on)))
        }));
        items.extend(t.lateness.as_ref().map(|v| duration_entry("lateness", v)));
        items.extend(t.write.as_ref().map(|v| word_entry("write", v)));
        items.extend(t.materialized.as_ref().map(|v| word_entry("materialized", v)));
        items.extend(t.compatibility.as_ref().map(|v| word_entry("compatibility", v)));
        items.extend(t.transform.as_ref().map(|s| self.sql_entry("transform", s)));
        items.extend(waivers(&t.waivers));
        let head_end = t.version.as_ref().map_or(t.name.span.end, |v| v.span.end);
        self.block_decl(
            d,
            format!("table {}{}", t.name.text, version(&t.version)),
            head_end,
            items,
        )
    }
}

impl Cx<'_> {
    /// `source event order_paid v3`, `source table a`, `source tables a, b`
    fn source(&self, s: &Source) -> Node {
        let (start, end) = range(s.span);
        // `table` and `tables` read the same: the word is kept as written.
        let kind = match s.kind.value {
            SourceKind::Tables => self.text.get(s.kind.span.range()).unwrap_or("tables").to_string(),
            k => word(&k),
        };
        let mut text = kind;
        for (i, t) in s.targets.iter().enumerate() {
            text.push_str(if i == 0 { " " } else { ", " });
            text.push_str(&t.text);
            if i == 0 {
                text.push_str(&version(&s.version));
            }
        }
        Node::entry(start, end, "source", text)
    }
}

/// `history scd2 valid_from f valid_to t current c`
fn history(h: &History) -> Node {
    let (start, end) = range(h.span);
    let mut text = "scd2".to_string();
    for (role, col) in [
        ("valid_from", &h.valid_from),
        ("valid_to", &h.valid_to),
        ("current", &h.current),
    ] {
        if let Some(c) = col {
            text.push_str(&format!(" {role} {}", c.text));
        }
    }
    Node::entry(start, end, "history", text)
}
