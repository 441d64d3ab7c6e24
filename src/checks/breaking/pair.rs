//! Pairing old and new elements, once, for every rule: events, tables and metrics by
//! qualified name and version; fields and columns by name, honouring declared renames
//! (`@renamed_from`). A new version of an element is paired with the latest earlier one
//! (a version bump); transitive modes add pairs with every other earlier version.
//! The `expect` entries of a table are paired by the guarantee they give.

use crate::semantic::model::{Column, Id, Model};
use crate::syntax::ast::{Cadence, CompatMode, Expectation, ExpectationKind};
use std::collections::BTreeMap;

/// One old and one new element (either may be absent: added or removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElemPair {
    /// `ns.name`.
    pub name: String,
    pub old: Option<Id>,
    pub new: Option<Id>,
    /// The new element has a higher version than the old one.
    pub bump: bool,
    /// An extra pair added for a transitive mode (not the adjacent version).
    pub transitive: bool,
    /// For a transitive pair whose new side was edited in place: the baseline's id of that
    /// same version, so that differences the baseline already had are not reported again.
    pub in_place: Option<Id>,
}

/// Fields or columns of a pair, matched: indices into the old and new lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldPair {
    pub old: Option<usize>,
    pub new: Option<usize>,
    /// Matched through `@renamed_from`.
    pub renamed: bool,
}

#[derive(Debug, Default)]
pub struct Pairs {
    pub events: Vec<ElemPair>,
    pub tables: Vec<ElemPair>,
    pub metrics: Vec<ElemPair>,
    /// For each event pair with both sides, its fields matched (parallel to `events`).
    pub event_fields: Vec<Vec<FieldPair>>,
    /// For each table pair with both sides, its columns matched (parallel to `tables`).
    pub table_columns: Vec<Vec<FieldPair>>,
    /// For each table pair with both sides, the guarantees of its `expect` entries
    /// matched (parallel to `tables`).
    pub table_expectations: Vec<Vec<ExpectPair>>,
    /// Metric versions of the baseline that the current project dropped after a newer
    /// version replaced them (`new` is `None`). They are not in `metrics`: dropping a
    /// replaced version is its normal end, unless its sunset has not come yet.
    pub retired_metrics: Vec<ElemPair>,
}

/// One guarantee of a table's `expect` entries, in the baseline and the current project:
/// `(expect id, index in its expectations)` on each side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectPair {
    /// What is guaranteed, about which columns (current names): `not_null(amount)`,
    /// `unique(order_id, valid_from)`, `freshness(paid_at)`, `check(positive_amount)`.
    pub key: String,
    /// The columns it is about (current names); empty for a table-wide guarantee.
    pub columns: Vec<String>,
    pub old: Option<(Id, usize)>,
    pub new: Option<(Id, usize)>,
}

/// A matched guarantee with both expectations looked up.
pub struct ExpectMatched<'a> {
    pub key: &'a str,
    pub columns: &'a [String],
    pub old: Option<&'a Expectation>,
    pub new: Option<&'a Expectation>,
}

/// A matched field with both columns looked up.
pub struct Matched<'a> {
    pub old: Option<&'a Column>,
    pub new: Option<&'a Column>,
    pub renamed: bool,
}

impl Pairs {
    /// Every event pair with both sides, with its fields.
    pub fn event_fields<'a>(
        &'a self,
        old: &'a Model,
        new: &'a Model,
    ) -> impl Iterator<Item = (&'a ElemPair, Vec<Matched<'a>>)> {
        self.events.iter().zip(&self.event_fields).filter_map(move |(p, f)| {
            let (o, n) = (&old.events[p.old?].fields, &new.events[p.new?].fields);
            Some((p, lookup(f, o, n)))
        })
    }

    /// Every table pair with both sides, with its columns.
    pub fn table_columns<'a>(
        &'a self,
        old: &'a Model,
        new: &'a Model,
    ) -> impl Iterator<Item = (&'a ElemPair, Vec<Matched<'a>>)> {
        self.tables.iter().zip(&self.table_columns).filter_map(move |(p, f)| {
            let (o, n) = (&old.tables[p.old?].columns, &new.tables[p.new?].columns);
            Some((p, lookup(f, o, n)))
        })
    }
}

impl Pairs {
    /// Every table pair with both sides, with the guarantees of its expectations.
    pub fn table_expectations<'a>(
        &'a self,
        old: &'a Model,
        new: &'a Model,
    ) -> impl Iterator<Item = (&'a ElemPair, Vec<ExpectMatched<'a>>)> {
        self.tables
            .iter()
            .zip(&self.table_expectations)
            .filter(|(p, _)| p.old.is_some() && p.new.is_some())
            .map(move |(p, list)| {
                let get = |m: &'a Model, at: Option<(Id, usize)>| {
                    at.and_then(|(e, k)| m.expects[e].item.ast.expectations.get(k))
                };
                (
                    p,
                    list.iter()
                        .map(|x| ExpectMatched {
                            key: &x.key,
                            columns: &x.columns,
                            old: get(old, x.old),
                            new: get(new, x.new),
                        })
                        .collect(),
                )
            })
    }
}

/// For each table pair `(old id, new id)` with declared renames, each renamed baseline
/// column's current name.
pub type Renames = BTreeMap<(Id, Id), BTreeMap<String, String>>;

impl Pairs {
    /// Every column renamed through `@renamed_from`, by table pair.
    pub fn renames(&self, old: &Model, new: &Model) -> Renames {
        let mut out = Renames::new();
        for (p, f) in self.tables.iter().zip(&self.table_columns) {
            let (Some(o), Some(n)) = (p.old, p.new) else { continue };
            for x in f.iter().filter(|x| x.renamed) {
                if let (Some(a), Some(b)) = (x.old, x.new) {
                    let (a, b) = (&old.tables[o].columns[a].name, &new.tables[n].columns[b].name);
                    out.entry((o, n)).or_default().insert(a.clone(), b.clone());
                }
            }
        }
        out
    }
}

/// For a transitive pair whose current version was edited in place: the default the
/// baseline's own copy of that version gave the field `name`, if it had the field with one.
/// A break against an earlier version that lacks the field is then the removal of that
/// default, not the addition of the field.
pub fn default_removed_in_place<'a>(
    p: &ElemPair,
    old: &'a Model,
    name: &str,
) -> Option<&'a crate::syntax::ast::Literal> {
    let same = p.in_place?;
    old.events.get(same)?.field(name)?.default.as_ref()
}

/// The current name of a baseline column of a matched table (itself unless renamed).
pub fn current_name<'a>(columns: &[Matched<'a>], old_name: &'a str) -> &'a str {
    columns
        .iter()
        .find(|m| m.old.is_some_and(|o| o.name == old_name))
        .and_then(|m| m.new.map(|n| n.name.as_str()))
        .unwrap_or(old_name)
}

/// The baseline name of a current field: the one it declares `@renamed_from` when it was
/// paired through it, or its own. Rules that compare entries naming fields (`key`,
/// `dedupe`, `event_time`) map the current names through it, so a declared rename is no
/// change of key.
pub fn baseline_name<'a>(fields: &[Matched<'a>], current: &'a str) -> &'a str {
    fields
        .iter()
        .find(|m| m.new.is_some_and(|n| n.name == current))
        .and_then(|m| m.old)
        .map_or(current, |o| o.name.as_str())
}

fn lookup<'a>(f: &[FieldPair], o: &'a [Column], n: &'a [Column]) -> Vec<Matched<'a>> {
    f.iter()
        .map(|x| Matched {
            old: x.old.map(|i| &o[i]),
            new: x.new.map(|i| &n[i]),
            renamed: x.renamed,
        })
        .collect()
}

type Versions = BTreeMap<String, Vec<(Option<u32>, Id)>>;

fn versions<'a>(items: impl Iterator<Item = (String, Option<u32>)> + 'a) -> Versions {
    let mut m: Versions = BTreeMap::new();
    for (i, (name, v)) in items.enumerate() {
        m.entry(name).or_default().push((v, i));
    }
    for v in m.values_mut() {
        v.sort();
    }
    m
}

fn pair_versions(old: &Versions, new: &Versions, transitive: impl Fn(Id) -> bool) -> Vec<ElemPair> {
    pair_and_retire(old, new, transitive, true).0
}

/// The pairs, and the old versions retired (superseded by a newer current version).
/// A new version is compared with the latest earlier one. With `retire_compared`
/// (metrics), an earlier version that the current project no longer declares is also
/// retired, and judged on its own by its sunset, even when a new version was compared
/// with it: consumers of a metric version lose it when it goes.
fn pair_and_retire(
    old: &Versions,
    new: &Versions,
    transitive: impl Fn(Id) -> bool,
    retire_compared: bool,
) -> (Vec<ElemPair>, Vec<ElemPair>) {
    let mut out = Vec::new();
    let mut retired = Vec::new();
    let names: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for name in names {
        let olds = old.get(name).map_or(&[][..], Vec::as_slice);
        let news = new.get(name).map_or(&[][..], Vec::as_slice);
        let mut used = vec![false; olds.len()];
        // Old versions the current project still declares.
        let mut kept = vec![false; olds.len()];
        for &(nv, nid) in news {
            // Declarations given twice (an error of their own) pair in order, so a
            // project compared with itself reports nothing.
            let same = (0..olds.len()).find(|&k| olds[k].0 == nv && !used[k]);
            let below = olds.iter().rposition(|(ov, _)| *ov < nv);
            let chosen = same
                .or(below)
                .or(if olds.is_empty() { None } else { Some(olds.len() - 1) });
            if let Some(k) = same {
                kept[k] = true;
            }
            match chosen {
                Some(k) => {
                    used[k] = true;
                    let bump = olds[k].0 < nv;
                    out.push(ElemPair {
                        name: name.clone(),
                        old: Some(olds[k].1),
                        new: Some(nid),
                        bump,
                        transitive: false,
                        in_place: None,
                    });
                    if transitive(nid) {
                        let in_place = same.map(|k| olds[k].1);
                        for (j, (ov, oid)) in olds.iter().enumerate() {
                            if j != k && *ov < nv {
                                out.push(ElemPair {
                                    name: name.clone(),
                                    old: Some(*oid),
                                    new: Some(nid),
                                    bump: true,
                                    transitive: true,
                                    in_place,
                                });
                            }
                        }
                    }
                }
                None => out.push(ElemPair {
                    name: name.clone(),
                    old: None,
                    new: Some(nid),
                    bump: false,
                    transitive: false,
                    in_place: None,
                }),
            }
        }
        for (k, &(_, oid)) in olds.iter().enumerate() {
            // A version that a newer one replaced is retired, not removed; only a name
            // that has no current version at all, or a version above every current
            // one, counts as removed.
            let superseded = news.iter().any(|(nv, _)| *nv > olds[k].0);
            let gone = || ElemPair {
                name: name.clone(),
                old: Some(oid),
                new: None,
                bump: false,
                transitive: false,
                in_place: None,
            };
            let compared_and_gone = used[k] && !kept[k] && retire_compared;
            if superseded && (compared_and_gone || !used[k]) {
                retired.push(gone());
            } else if !used[k] {
                out.push(gone());
            }
        }
    }
    (out, retired)
}

fn is_transitive(mode: Option<CompatMode>) -> bool {
    matches!(
        mode,
        Some(CompatMode::BackwardTransitive | CompatMode::ForwardTransitive | CompatMode::FullTransitive)
    )
}

/// The transitive pairs of in-place edits, with their new side replaced by the baseline's
/// own version: running the rules on these gives the differences the baseline already
/// had, which the real comparison does not report again.
pub fn baseline_shadow(pairs: &Pairs, old: &Model) -> Pairs {
    let shadow = |list: &[ElemPair]| -> Vec<ElemPair> {
        list.iter()
            .filter_map(|p| {
                p.in_place.map(|same| ElemPair {
                    new: Some(same),
                    in_place: None,
                    ..p.clone()
                })
            })
            .collect()
    };
    let events = shadow(&pairs.events);
    let tables = shadow(&pairs.tables);
    let event_fields = events
        .iter()
        .map(|p| match (p.old, p.new) {
            (Some(o), Some(n)) => fields(&old.events[o].fields, &old.events[n].fields),
            _ => Vec::new(),
        })
        .collect();
    let table_columns: Vec<Vec<FieldPair>> = tables
        .iter()
        .map(|p| match (p.old, p.new) {
            (Some(o), Some(n)) => fields(&old.tables[o].columns, &old.tables[n].columns),
            _ => Vec::new(),
        })
        .collect();
    let by_table = expects_by_table(old);
    let table_expectations = tables
        .iter()
        .zip(&table_columns)
        .map(|(p, cols)| match (p.old, p.new) {
            (Some(o), Some(n)) => expectations((old, &by_table[o]), o, (old, &by_table[n]), n, cols),
            _ => Vec::new(),
        })
        .collect();
    Pairs {
        events,
        tables,
        metrics: Vec::new(),
        event_fields,
        table_columns,
        table_expectations,
        ..Default::default()
    }
}

/// Pairs every event, table and metric of the two models. `mode_override` (`--mode`)
/// replaces each element's declared mode, `default_mode` stands for an undeclared one:
/// either way a transitive mode pairs a version with every earlier one.
pub fn pair(old: &Model, new: &Model, mode_override: Option<CompatMode>, default_mode: Option<CompatMode>) -> Pairs {
    let mode = |declared: Option<CompatMode>| mode_override.or(declared).or(default_mode);
    let q = |ns: &str, n: &str| format!("{ns}.{n}");
    let ev = |m: &Model| {
        versions(
            m.events
                .iter()
                .map(|e| (q(&e.item.ns, &e.item.ast.name.text), e.version())),
        )
    };
    let tb = |m: &Model| {
        versions(m.tables.iter().map(|t| {
            (
                q(&t.item.ns, &t.item.ast.name.text),
                t.item.ast.version.as_ref().map(|v| v.value),
            )
        }))
    };
    let mt = |m: &Model| {
        versions(
            m.metrics
                .iter()
                .map(|x| (q(&x.item.ns, &x.item.ast.name.text), x.version())),
        )
    };
    let events = pair_versions(&ev(old), &ev(new), |id| {
        is_transitive(mode(new.events[id].item.ast.compatibility.as_ref().map(|c| c.value)))
    });
    let tables = pair_versions(&tb(old), &tb(new), |id| {
        is_transitive(mode(new.tables[id].item.ast.compatibility.as_ref().map(|c| c.value)))
    });
    let event_fields = events
        .iter()
        .map(|p| match (p.old, p.new) {
            (Some(o), Some(n)) => fields(&old.events[o].fields, &new.events[n].fields),
            _ => Vec::new(),
        })
        .collect();
    let table_columns: Vec<Vec<FieldPair>> = tables
        .iter()
        .map(|p| match (p.old, p.new) {
            (Some(o), Some(n)) => fields(&old.tables[o].columns, &new.tables[n].columns),
            _ => Vec::new(),
        })
        .collect();
    let (old_expects, new_expects) = (expects_by_table(old), expects_by_table(new));
    let table_expectations = tables
        .iter()
        .zip(&table_columns)
        .map(|(p, cols)| match (p.old, p.new) {
            (Some(o), Some(n)) => expectations((old, &old_expects[o]), o, (new, &new_expects[n]), n, cols),
            _ => Vec::new(),
        })
        .collect();
    let (metrics, retired_metrics) = pair_and_retire(&mt(old), &mt(new), |_| false, true);
    Pairs {
        events,
        tables,
        metrics,
        event_fields,
        table_columns,
        table_expectations,
        retired_metrics,
    }
}

/// What one expectation guarantees: a kind, the columns (sorted where order does not
/// matter) and what else identifies it. `not_null a, b` gives one guarantee per column.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Guarantee {
    kind: &'static str,
    columns: Vec<String>,
    extra: String,
}

impl Guarantee {
    fn key(&self) -> String {
        let cols = self.columns.join(", ");
        match (self.kind, self.extra.is_empty()) {
            ("late_share", _) => "late_share".into(),
            ("volume" | "check", _) => format!("{}({})", self.kind, self.extra),
            (k, true) => format!("{k}({cols})"),
            ("references", false) => format!("references({cols} -> {})", self.extra),
            (k, false) => format!("{k}({cols} with {})", self.extra),
        }
    }
}

fn guarantees(kind: &ExpectationKind, name: &dyn Fn(&str) -> String) -> Vec<Guarantee> {
    let g = |kind, columns: Vec<String>, extra: String| Guarantee { kind, columns, extra };
    match kind {
        ExpectationKind::Freshness { column, .. } => vec![g("freshness", vec![name(&column.text)], String::new())],
        ExpectationKind::Volume { cadence, .. } => {
            let c = match cadence.value {
                Cadence::Hourly => "hourly",
                Cadence::Daily => "daily",
                Cadence::Weekly => "weekly",
                Cadence::Monthly => "monthly",
            };
            vec![g("volume", Vec::new(), c.into())]
        }
        ExpectationKind::Unique { columns } => {
            let mut cols: Vec<String> = columns.iter().map(|c| name(&c.text)).collect();
            cols.sort();
            cols.dedup();
            vec![g("unique", cols, String::new())]
        }
        ExpectationKind::NotNull { columns } => columns
            .iter()
            .map(|c| g("not_null", vec![name(&c.text)], String::new()))
            .collect(),
        ExpectationKind::Accepted { column, .. } => vec![g("accepted", vec![name(&column.text)], String::new())],
        ExpectationKind::References { column, target } => {
            vec![g("references", vec![name(&column.text)], target.text.clone())]
        }
        ExpectationKind::Reconcile { column, target, .. } => {
            vec![g("reconcile", vec![name(&column.text)], target.text.clone())]
        }
        ExpectationKind::LateShare { .. } => vec![g("late_share", Vec::new(), String::new())],
        ExpectationKind::Check { name: n, .. } => vec![g("check", Vec::new(), n.text.clone())],
    }
}

/// For each table, the `expect` declarations about it.
fn expects_by_table(m: &Model) -> Vec<Vec<Id>> {
    let mut out = vec![Vec::new(); m.tables.len()];
    for (e, x) in m.expects.iter().enumerate() {
        if let Some(list) = x.table.and_then(|t| out.get_mut(t)) {
            list.push(e);
        }
    }
    out
}

/// The guarantees of the `expect` declarations `expects`, each once (the first entry
/// that gives it), with where it is written.
fn table_guarantees(m: &Model, expects: &[Id], name: &dyn Fn(&str) -> String) -> Vec<(Guarantee, (Id, usize))> {
    let mut out: Vec<(Guarantee, (Id, usize))> = Vec::new();
    for &e in expects {
        for (k, item) in m.expects[e].item.ast.expectations.iter().enumerate() {
            for g in guarantees(&item.kind, name) {
                if !out.iter().any(|(h, _)| *h == g) {
                    out.push((g, (e, k)));
                }
            }
        }
    }
    out
}

/// The expectations of two versions of a table, matched by guarantee, with baseline
/// columns under their current names. A `unique` set pairs with the same set, else with
/// a current `unique` on some of its columns (a stronger guarantee).
fn expectations(
    (old, old_expects): (&Model, &[Id]),
    o: Id,
    (new, new_expects): (&Model, &[Id]),
    n: Id,
    cols: &[FieldPair],
) -> Vec<ExpectPair> {
    let (oc, nc) = (&old.tables[o].columns, &new.tables[n].columns);
    let rename = |c: &str| -> String {
        cols.iter()
            .find(|f| f.old.is_some_and(|i| oc[i].name == c))
            .and_then(|f| f.new)
            .map_or_else(|| c.to_string(), |i| nc[i].name.clone())
    };
    let olds = table_guarantees(old, old_expects, &rename);
    let news = table_guarantees(new, new_expects, &|c: &str| c.to_string());
    let mut used = vec![false; news.len()];
    let mut out = Vec::new();
    for (g, at) in &olds {
        let same = news.iter().position(|(h, _)| h == g);
        let stronger = || {
            (g.kind == "unique")
                .then(|| {
                    news.iter()
                        .position(|(h, _)| h.kind == "unique" && h.columns.iter().all(|c| g.columns.contains(c)))
                })
                .flatten()
        };
        let found = same.or_else(stronger);
        if let Some(i) = found {
            used[i] = true;
        }
        out.push(ExpectPair {
            key: g.key(),
            columns: g.columns.clone(),
            old: Some(*at),
            new: found.map(|i| news[i].1),
        });
    }
    for (i, (g, at)) in news.iter().enumerate() {
        if !used[i] {
            out.push(ExpectPair {
                key: g.key(),
                columns: g.columns.clone(),
                old: None,
                new: Some(*at),
            });
        }
    }
    out
}

/// Fields (or columns) of two lists, matched by name, then by declared rename, in the
/// order: every old field (with its match), then new-only fields.
pub fn fields(old: &[Column], new: &[Column]) -> Vec<FieldPair> {
    let mut out = Vec::new();
    let mut matched_new = vec![false; new.len()];
    for (k, o) in old.iter().enumerate() {
        let by_name = new.iter().position(|n| n.name == o.name);
        let by_rename = || {
            new.iter().position(|n| {
                n.renamed_from.as_deref() == Some(o.name.as_str()) && !old.iter().any(|x| x.name == n.name)
            })
        };
        match by_name.map(|i| (i, false)).or_else(|| by_rename().map(|i| (i, true))) {
            Some((i, renamed)) => {
                matched_new[i] = true;
                out.push(FieldPair {
                    old: Some(k),
                    new: Some(i),
                    renamed,
                });
            }
            None => out.push(FieldPair {
                old: Some(k),
                new: None,
                renamed: false,
            }),
        }
    }
    for (i, _) in new.iter().enumerate() {
        if !matched_new[i] {
            out.push(FieldPair {
                old: None,
                new: Some(i),
                renamed: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vs(items: &[(&str, Option<u32>)]) -> Versions {
        versions(items.iter().map(|(n, v)| (n.to_string(), *v)))
    }

    #[test]
    fn versions_pair_same_then_latest_below() {
        let old = vs(&[("e", Some(1)), ("e", Some(2)), ("gone", None)]);
        let new = vs(&[("e", Some(2)), ("e", Some(3)), ("added", None)]);
        let p = pair_versions(&old, &new, |_| false);
        let find = |n: &str| p.iter().filter(|x| x.name == n).cloned().collect::<Vec<_>>();
        // New ids: e v2 = 0, e v3 = 1, added = 2; old ids: e v1 = 0, e v2 = 1, gone = 2.
        assert_eq!(
            find("added"),
            [ElemPair {
                name: "added".into(),
                old: None,
                new: Some(2),
                bump: false,
                transitive: false,
                in_place: None
            }]
        );
        assert_eq!(
            find("gone"),
            [ElemPair {
                name: "gone".into(),
                old: Some(2),
                new: None,
                bump: false,
                transitive: false,
                in_place: None
            }]
        );
        let e = find("e");
        assert!(e.contains(&ElemPair {
            name: "e".into(),
            old: Some(1),
            new: Some(0),
            bump: false,
            transitive: false,
            in_place: None
        }));
        assert!(e.contains(&ElemPair {
            name: "e".into(),
            old: Some(1),
            new: Some(1),
            bump: true,
            transitive: false,
            in_place: None
        }));
        // v1 was superseded by v2 and v3: retired, not removed.
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn transitive_modes_add_every_earlier_version() {
        let old = vs(&[("e", Some(1)), ("e", Some(2))]);
        let new = vs(&[("e", Some(3))]);
        let p = pair_versions(&old, &new, |_| true);
        assert_eq!(p.len(), 2);
        assert!(p.iter().any(|x| x.old == Some(0) && x.transitive));
        assert!(p.iter().any(|x| x.old == Some(1) && !x.transitive && x.bump));
    }

    #[test]
    fn replaced_versions_that_are_dropped_are_retired() {
        // Old ids: m v1 = 0, m v2 = 1, n v1 = 2; new ids: m v2 = 0.
        let old = vs(&[("m", Some(1)), ("m", Some(2)), ("n", Some(1))]);
        let new = vs(&[("m", Some(2))]);
        let (pairs, retired) = pair_and_retire(&old, &new, |_| false, false);
        assert_eq!(retired.iter().map(|p| p.old).collect::<Vec<_>>(), [Some(0)]);
        assert!(retired.iter().all(|p| p.new.is_none()));
        // `n` has no current version: removed, not retired.
        assert!(pairs.iter().any(|p| p.name == "n" && p.new.is_none()));
        assert!(!pairs.iter().any(|p| p.old == Some(0)));
    }

    #[test]
    fn guarantees_are_keyed_by_what_they_promise() {
        let g = |kind, columns: &[&str], extra: &str| {
            Guarantee {
                kind,
                columns: columns.iter().map(|c| c.to_string()).collect(),
                extra: extra.into(),
            }
            .key()
        };
        assert_eq!(g("not_null", &["amount"], ""), "not_null(amount)");
        assert_eq!(g("unique", &["a", "b"], ""), "unique(a, b)");
        assert_eq!(g("volume", &[], "daily"), "volume(daily)");
        assert_eq!(g("check", &[], "positive"), "check(positive)");
        assert_eq!(
            g("references", &["order_id"], "orders.order_id"),
            "references(order_id -> orders.order_id)"
        );
        assert_eq!(
            g("reconcile", &["amount"], "ledger.totals"),
            "reconcile(amount with ledger.totals)"
        );
        assert_eq!(g("late_share", &[], ""), "late_share");
    }
}
