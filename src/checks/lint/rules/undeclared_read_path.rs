//! Operational systems are read only through the paths they declare.

use crate::declare_code;
use crate::checks::lint::Facts;
use crate::diagnostics::Diagnostic;
use crate::semantic::model::{Node, System, Table};
use crate::semantic::Model;
use crate::syntax::ast::{Domain, Name, Source, SourceKind};

declare_code! {
    /// ## What it does
    /// Reports a table that reads a system's table by `cdc`, `snapshot` or `replica`
    /// when the system's `read via` does not list that path, and a table that reads an
    /// event produced by an operational system whose `read via` does not list `events`.
    ///
    /// ## Why it matters
    /// The owners of a system decide how analytics may read it: a change stream, a
    /// replica, a nightly snapshot. A pipeline that takes another way in ends up querying
    /// the primary, loading the store users depend on, or copying data its owners never
    /// agreed to publish.
    ///
    /// ## Example
    /// ```truth
    /// system orders_db { domain operational engine postgres owner orders read via cdc }
    ///
    /// table raw_orders {
    ///   layer raw
    ///   source snapshot orders_db.orders
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// system orders_db { domain operational engine postgres owner orders read via cdc }
    ///
    /// table raw_orders {
    ///   layer raw
    ///   source cdc orders_db.orders
    /// }
    /// ```
    pub static CODE = ("L004", "undeclared-read-path", Error, Lint, "A table reads a system through a path it does not declare");
}

pub fn check(facts: &Facts<'_>, out: &mut Vec<Diagnostic>) {
    let m = facts.model;
    for t in &m.tables {
        for s in &t.item.ast.sources {
            for target in &s.targets {
                let Some(node) = t.sources.iter().find(|n| resolves_to(m, s, target, n)) else { continue };
                let at = if s.targets.len() == 1 { s.span } else { target.span };
                let found = match (s.kind.value, node) {
                    (SourceKind::Cdc | SourceKind::Snapshot | SourceKind::Replica, Node::SystemTable(sys, table)) => {
                        system_table(m, t, s, *sys, table, at)
                    }
                    (SourceKind::Event, Node::Event(e)) => event(m, t, *e, at),
                    _ => None,
                };
                out.extend(found);
            }
        }
    }
}

fn path_word(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Cdc => "cdc",
        SourceKind::Snapshot => "snapshot",
        SourceKind::Replica => "replica",
        SourceKind::Event => "events",
        SourceKind::Tables => "tables",
    }
}

fn system_table(m: &Model, t: &Table, s: &Source, sys: usize, table: &str, at: crate::span::Span) -> Option<Diagnostic> {
    let path = path_word(s.kind.value);
    let system = &m.systems[sys];
    if system.reads_via(path) {
        return None;
    }
    let name = &system.item.ast.name.text;
    let d = Diagnostic::new(&CODE, at, format!(
        "table `{}` reads `{name}.{table}` by {path}, a path `{name}` does not declare",
        t.item.ast.name.text
    ))
    .with_label_message(format!("read by {path}"));
    Some(with_read_paths(d, system, path))
}

fn event(m: &Model, t: &Table, e: usize, at: crate::span::Span) -> Option<Diagnostic> {
    let system = &m.systems[m.events[e].producer?];
    if system.domain() != Some(Domain::Operational) || system.reads_via("events") {
        return None;
    }
    let d = Diagnostic::new(&CODE, at, format!(
        "table `{}` reads {}, but its producer `{}` is operational and does not list `events` in `read via`",
        t.item.ast.name.text,
        m.describe(&Node::Event(e)),
        system.item.ast.name.text
    ))
    .with_label_message(format!("read through an event of `{}`", system.item.ast.name.text));
    Some(with_read_paths(d, system, "events"))
}

/// The secondary label at the system's `read via` (or its name), and the help.
fn with_read_paths(d: Diagnostic, system: &System, path: &str) -> Diagnostic {
    let name = &system.item.ast.name.text;
    match &system.item.ast.read_via {
        Some(r) => {
            let listed: Vec<String> = r.value.iter().map(|n| format!("`{}`", n.text)).collect();
            d.with_secondary(r.span, format!("`{name}` may be read only via {}", listed.join(", ")))
                .with_help(format!(
                    "read it through a path `{name}` declares, or, if its owners agree, add `{path}` to its `read via`"
                ))
        }
        None => d
            .with_secondary(system.item.ast.name.span, format!("`{name}` declares no `read via`"))
            .with_help(format!("agree a read path with the owners of `{name}` and declare it: `read via {path}`")),
    }
}

/// Whether `node`, one of the table's resolved sources, is what `target` of `s` names.
fn resolves_to(m: &Model, s: &Source, target: &Name, node: &Node) -> bool {
    let named = |ns: &str, name: &str, text: &str| text == name || text.strip_prefix(ns).and_then(|r| r.strip_prefix('.')) == Some(name);
    match (s.kind.value, node) {
        (SourceKind::Event, Node::Event(e)) => {
            let ev = &m.events[*e];
            named(&ev.item.ns, &ev.item.ast.name.text, &target.text)
                && s.version.as_ref().is_none_or(|v| ev.version() == Some(v.value))
        }
        (SourceKind::Cdc | SourceKind::Snapshot | SourceKind::Replica, Node::SystemTable(sys, table)) => {
            let it = &m.systems[*sys].item;
            target.text.rsplit_once('.').is_some_and(|(sn, tn)| tn == table && named(&it.ns, &it.ast.name.text, sn))
        }
        _ => false,
    }
}
