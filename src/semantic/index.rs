//! Qualified names of every declaration, per kind, for resolution in one pass.

use super::model::Id;
use std::collections::HashMap;

/// Declarations that share a name space. Types and structs share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Team,
    System,
    Concept,
    Event,
    Table,
    Metric,
    Consumer,
    Type,
    Columns,
}

impl Group {
    pub fn word(self) -> &'static str {
        match self {
            Group::Team => "team",
            Group::System => "system",
            Group::Concept => "concept",
            Group::Event => "event",
            Group::Table => "table",
            Group::Metric => "metric",
            Group::Consumer => "consumer",
            Group::Type => "type",
            Group::Columns => "column set",
        }
    }
}

/// Every version of a name: `(version, id)`, in declaration order.
pub type Versions = Vec<(Option<u32>, Id)>;

#[derive(Debug, Default)]
pub struct Index {
    map: HashMap<(Group, String), Versions>,
}

impl Index {
    /// Adds a declaration; returns the id of an earlier one with the same name and version.
    pub fn insert(&mut self, group: Group, qualified: String, version: Option<u32>, id: Id) -> Option<Id> {
        let entry = self.map.entry((group, qualified)).or_default();
        if let Some((_, first)) = entry.iter().find(|(v, _)| *v == version) {
            return Some(*first);
        }
        entry.push((version, id));
        None
    }

    /// Looks a reference up from namespace `ns`: first as `ns.text`, then as written.
    pub fn lookup(&self, group: Group, ns: &str, text: &str) -> Option<&Versions> {
        self.map
            .get(&(group, qualify(ns, text)))
            .or_else(|| self.map.get(&(group, text.to_string())))
    }

    /// The one version a reference means: the one named, or the latest when none is.
    /// `Err` lists the versions that exist when the named one does not.
    pub fn pick(versions: &Versions, version: Option<u32>) -> Result<Id, Vec<Option<u32>>> {
        match version {
            Some(v) => versions
                .iter()
                .find(|(x, _)| *x == Some(v))
                .map(|(_, id)| *id)
                .ok_or_else(|| versions.iter().map(|(v, _)| *v).collect()),
            None => versions
                .iter()
                .max_by_key(|(v, _)| *v)
                .map(|(_, id)| *id)
                .ok_or_default(),
        }
    }

    /// Names a reference from `ns` could have meant, for "did you mean".
    pub fn candidates(&self, group: Group, ns: &str) -> Vec<String> {
        let prefix = format!("{ns}.");
        let mut out: Vec<String> = self
            .map
            .keys()
            .filter(|(g, _)| *g == group)
            .map(|(_, q)| q.strip_prefix(&prefix).map_or_else(|| q.clone(), str::to_string))
            .collect();
        out.sort();
        out
    }
}

trait OkOrDefault<T, E: Default> {
    fn ok_or_default(self) -> Result<T, E>;
}

impl<T, E: Default> OkOrDefault<T, E> for Option<T> {
    fn ok_or_default(self) -> Result<T, E> {
        self.ok_or_else(E::default)
    }
}

pub fn qualify(ns: &str, name: &str) -> String {
    format!("{ns}.{name}")
}
