//! The lineage graph: what every node reads from.

use super::Resolver;
use crate::semantic::model::Node;

impl Resolver {
    pub(super) fn build_lineage(&mut self) {
        let m = &mut self.model;
        let mut up: std::collections::BTreeMap<Node, Vec<Node>> = std::collections::BTreeMap::new();
        for (i, e) in m.events.iter().enumerate() {
            if let Some(p) = e.producer {
                up.entry(Node::Event(i)).or_default().push(Node::System(p));
            }
        }
        for (i, t) in m.tables.iter().enumerate() {
            for s in &t.sources {
                if let Node::SystemTable(sys, _) = s {
                    up.entry(s.clone()).or_default().push(Node::System(*sys));
                }
                up.entry(Node::Table(i)).or_default().push(s.clone());
            }
        }
        for (i, c) in m.concepts.iter().enumerate() {
            let _ = i;
            for (sys, t) in &c.authorities {
                up.entry(Node::SystemTable(*sys, t.clone()))
                    .or_default()
                    .push(Node::System(*sys));
            }
        }
        for (i, x) in m.metrics.iter().enumerate() {
            if let Some(f) = x.from {
                up.entry(Node::Metric(i)).or_default().push(Node::Table(f));
            }
        }
        for (i, c) in m.consumers.iter().enumerate() {
            for (_, n) in &c.uses {
                up.entry(Node::Consumer(i)).or_default().push(n.clone());
            }
        }
        for v in up.values_mut() {
            v.sort();
            v.dedup();
        }
        let mut down: std::collections::BTreeMap<Node, Vec<Node>> = std::collections::BTreeMap::new();
        for (n, ups) in &up {
            for u in ups {
                down.entry(u.clone()).or_default().push(n.clone());
            }
        }
        for v in down.values_mut() {
            v.sort();
        }
        m.upstream = up;
        m.downstream = down;
    }
}
