//! `metric NAME vN { … }`.

use super::entries::{list_entry, name_entry, range, waivers, word_entry};
use super::layout::Node;
use super::text::{is_ident, string, version, word};
use super::Cx;
use crate::syntax::ast::*;

impl Cx<'_> {
    pub fn metric(&self, d: &Decl, m: &Metric) -> Node {
        let mut items = Vec::new();
        items.extend(m.owner.as_ref().map(|n| name_entry("owner", n)));
        items.extend(m.intent.as_ref().map(|s| {
            let (start, end) = range(s.span);
            Node::entry(start, end, "intent", string(&s.value))
        }));
        items.extend(m.from.as_ref().map(|n| name_entry("from", n)));
        items.extend(m.measure.as_ref().map(|s| self.sql_entry("measure", s)));
        items.extend(m.filter.as_ref().map(|s| self.sql_entry("where", s)));
        items.extend(m.time.as_ref().map(time));
        items.extend(m.dimensions.as_ref().map(|l| list_entry("dimensions", l)));
        items.extend(m.unit.as_ref().map(|u| {
            let (start, end) = range(u.span);
            // `unit usd` and `unit "usd"` read the same; a name is written bare.
            let value = if is_ident(&u.value) {
                u.value.clone()
            } else {
                string(&u.value)
            };
            Node::entry(start, end, "unit", value)
        }));
        items.extend(m.reconcile.as_ref().map(|r| {
            let (start, end) = range(r.span);
            Node::entry(
                start,
                end,
                "reconcile",
                format!("with {} tolerance {}%", r.target.text, r.tolerance.value),
            )
        }));
        items.extend(m.replaces.as_ref().map(|r| {
            let (start, end) = range(r.span);
            let sunset = r
                .sunset
                .as_ref()
                .map(|s| format!(" sunset {}", s.value))
                .unwrap_or_default();
            Node::entry(
                start,
                end,
                "replaces",
                format!("{} v{}{sunset}", r.name.text, r.version.value),
            )
        }));
        items.extend(m.sunset.as_ref().map(|s| {
            let (start, end) = range(s.span);
            Node::entry(start, end, "sunset", s.value.to_string())
        }));
        items.extend(m.stability.as_ref().map(|v| word_entry("stability", v)));
        items.extend(waivers(&m.waivers));
        let head_end = m.version.as_ref().map_or(m.name.span.end, |v| v.span.end);
        self.block_decl(
            d,
            format!("metric {}{}", m.name.text, version(&m.version)),
            head_end,
            items,
        )
    }

    /// `measure …`, `where …`: the SQL as written.
    pub(super) fn sql_entry(&self, keyword: &str, sql: &Sql) -> Node {
        let (text, end) = self.sql(sql);
        Node::entry(sql.span.start as usize, end, keyword, text)
    }
}

/// `time paid_at grain day timezone "UTC" window 28d lateness 3d`
fn time(t: &MetricTime) -> Node {
    let (start, end) = range(t.span);
    let mut text = t.column.text.clone();
    if let Some(g) = &t.grain {
        text.push_str(&format!(" grain {}", word(&g.value)));
    }
    if let Some(z) = &t.timezone {
        text.push_str(&format!(" timezone {}", string(&z.value)));
    }
    if let Some(w) = &t.window {
        text.push_str(&format!(" window {}", w.value));
    }
    if let Some(l) = &t.lateness {
        text.push_str(&format!(" lateness {}", l.value));
    }
    Node::entry(start, end, "time", text)
}
