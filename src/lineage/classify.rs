//! Classification that follows the data: a column made from a classified column
//! carries its classification, unless the values do not survive the way it is made.
//!
//! The rule: a copy or any computation passes the classification on (`upper(email)`,
//! `CASE WHEN email …`, `min(email)`); a hash or masking function (`md5`, `sha256`,
//! `hash`, `mask`…) and an aggregate that keeps no input value (`count`, `sum`, `avg`…)
//! stop it. `@pii` without a level counts as `confidential`.

use super::graph::{Col, ColumnLineage};
use crate::semantic::model::{Column, Model, Node};
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};

/// Classification levels in increasing strictness; names on one level are synonyms.
pub const LEVELS: &[&[&str]] = &[
    &["public"],
    &["internal"],
    &["confidential", "sensitive"],
    &["restricted"],
    &["secret"],
];

/// The rank `@pii` alone stands for.
pub const PII_RANK: usize = 2;

/// A level's place in [`LEVELS`]; `None` for a level outside the list.
pub fn rank(level: &str) -> Option<usize> {
    LEVELS.iter().position(|names| names.contains(&level))
}

/// What a column is classified as, declared or carried along lineage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Class {
    pub pii: bool,
    /// The strictest level, by name as written.
    pub level: Option<String>,
    /// The declared column it comes from (itself when declared here).
    pub origin: Col,
}

impl Class {
    /// Its rank: the level's, or that of `@pii`, whichever is stricter.
    pub fn rank(&self) -> usize {
        let level = self.level.as_deref().and_then(rank).unwrap_or(0);
        if self.pii {
            level.max(PII_RANK)
        } else {
            level
        }
    }

    /// `pii`, `confidential`, `pii, restricted`.
    pub fn label(&self) -> String {
        match (self.pii, &self.level) {
            (true, Some(l)) => format!("pii, {l}"),
            (true, None) => "pii".into(),
            (false, Some(l)) => l.clone(),
            (false, None) => String::new(),
        }
    }

    /// Adds `other` in; whether anything changed.
    fn merge(&mut self, other: &Class) -> bool {
        let mut changed = false;
        if other.pii && !self.pii {
            self.pii = true;
            changed = true;
        }
        let stricter = match (&self.level, &other.level) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(a), Some(b)) => rank(b).unwrap_or(0) > rank(a).unwrap_or(0),
        };
        if stricter {
            self.level.clone_from(&other.level);
            changed = true;
        }
        changed
    }
}

/// The declared classification of a column, if any.
pub fn declared(node: &Node, c: &Column) -> Option<Class> {
    let level = c.classification.as_ref().map(|l| l.value.clone());
    (c.pii || level.is_some()).then(|| Class {
        pii: c.pii,
        level,
        origin: Col::new(node.clone(), c.name.clone()),
    })
}

/// Whether a table's column is an event field it takes as it is (no `columns` block).
fn inherited(model: &Model, t: &crate::semantic::model::Table, c: &Column) -> bool {
    t.sources.iter().any(|s| match s {
        Node::Event(e) => model.events[*e].field(&c.name).is_some_and(|f| f.span == c.span),
        _ => false,
    })
}

/// Every classified column of the project: declared, or carried along lineage.
pub fn classes(model: &Model, g: &ColumnLineage) -> BTreeMap<Col, Class> {
    let mut out: BTreeMap<Col, Class> = BTreeMap::new();
    let mut queue = VecDeque::new();
    let declared_cols = model
        .events
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.fields.iter().map(move |c| (Node::Event(i), c)))
        .chain(model.tables.iter().enumerate().flat_map(|(i, t)| {
            // A column a table takes from its event is the event's, declared there.
            t.columns
                .iter()
                .filter(move |c| !inherited(model, t, c))
                .map(move |c| (Node::Table(i), c))
        }));
    for (node, c) in declared_cols {
        if let Some(class) = declared(&node, c) {
            let col = class.origin.clone();
            out.insert(col.clone(), class);
            queue.push_back(col);
        }
    }
    while let Some(col) = queue.pop_front() {
        let Some(class) = out.get(&col).cloned() else { continue };
        for next in g.outputs_of(&col) {
            let carries = g
                .inputs_of(next)
                .iter()
                .any(|i| i.from == col && i.how.carries_values());
            if !carries {
                continue;
            }
            let changed = match out.get_mut(next) {
                Some(have) => have.merge(&class),
                None => {
                    out.insert(next.clone(), class.clone());
                    true
                }
            };
            if changed {
                queue.push_back(next.clone());
            }
        }
    }
    out
}
