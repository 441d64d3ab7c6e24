//! Qualified names of every declaration, per kind, for resolution in one pass.

use super::model::Id;
use rustc_hash::FxHashMap;

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

const GROUPS: usize = Group::Columns as usize + 1;

/// One map per group, keyed by qualified name. Fx hashing: the keys are the project's
/// own names, not input an attacker picks to collide, and SipHash was a visible cost of
/// resolving 10,000 contracts.
#[derive(Debug, Default)]
pub struct Index {
    maps: [FxHashMap<String, Versions>; GROUPS],
}

impl Index {
    /// Adds a declaration; returns the id of an earlier one with the same name and version.
    pub fn insert(&mut self, group: Group, qualified: String, version: Option<u32>, id: Id) -> Option<Id> {
        let entry = self.maps[group as usize].entry(qualified).or_default();
        if let Some((_, first)) = entry.iter().find(|(v, _)| *v == version) {
            return Some(*first);
        }
        entry.push((version, id));
        None
    }

    /// Looks a reference up from namespace `ns`: first as `ns.text`, then as written.
    pub fn lookup(&self, group: Group, ns: &str, text: &str) -> Option<&Versions> {
        let map = &self.maps[group as usize];
        map.get(&qualify(ns, text)).or_else(|| map.get(text))
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
        let mut out: Vec<String> = self.maps[group as usize]
            .keys()
            .map(|q| q.strip_prefix(&prefix).map_or_else(|| q.clone(), str::to_string))
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
    let mut q = String::with_capacity(ns.len() + 1 + name.len());
    q.push_str(ns);
    q.push('.');
    q.push_str(name);
    q
}
