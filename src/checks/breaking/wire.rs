//! The wire verdict of event changes, settled by Avro's resolution ([`super::resolution`]):
//! a rule says *what* changed; whether the change breaks new readers of old data
//! (backward) or old readers of new data (forward) is what resolving the two definitions
//! in each direction finds at that place, and nothing else. A mismatch no rule described
//! (inside a nested record, a union, a renamed type) is reported here, once, at its path.
//!
//! Both directions are answered by the same function with the roles swapped, so a pair
//! judged `backward` and the reversed pair judged `forward` get one answer.

use super::pair::{FieldPair, Pairs};
use super::resolution::{self, Kind, Mismatch};
use super::rules::{
    enum_symbol_added, enum_symbol_removed, field_added_without_default, field_made_nullable, field_made_required,
    field_removed, field_type_changed, named_type_renamed, union_branch_added, union_branch_removed,
};
use super::{Breaks, Change, Input, Level, Object};
use crate::diagnostics::Code;
use crate::semantic::model::Column;

/// A mismatch placed on a field pair of the event pair.
struct Placed<'a> {
    field: usize,
    m: &'a Mismatch,
}

/// Sets `breaks` of every wire-level event change from resolution, and adds the
/// mismatches no change covers.
pub fn settle(pairs: &Pairs, input: &Input<'_>, changes: &mut Vec<Change>) {
    let mut added = Vec::new();
    // The event changes resolution settles, by pair: each pair looks up its own once,
    // rather than every pair scanning every change. Rules about what resolution does not
    // read (length, range and pattern limits) keep their own verdict.
    let mut by_pair: std::collections::HashMap<(Option<usize>, Option<usize>), Vec<usize>> =
        std::collections::HashMap::new();
    for (k, c) in changes.iter().enumerate() {
        let settled = KINDS
            .iter()
            .any(|kind| describes(c.code, *kind, true) || describes(c.code, *kind, false));
        if c.object == Object::Event && settled {
            by_pair.entry(c.ids).or_default().push(k);
        }
    }
    for (p, fields) in pairs.events.iter().zip(&pairs.event_fields) {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (old, new) = (&input.old.events[o], &input.new.events[n]);
        let backward = resolution::read((input.old, &old.fields), (input.new, &new.fields));
        let forward = resolution::read((input.new, &new.fields), (input.old, &old.fields));
        let names = Names {
            fields,
            old: &old.fields,
            new: &new.fields,
        };
        // Backward: the reader is the new definition; forward: the old one.
        let bw: Vec<Placed> = place(&backward, |m| names.of(m, true));
        let fw: Vec<Placed> = place(&forward, |m| names.of(m, false));
        let mut covered_bw = vec![false; bw.len()];
        let mut covered_fw = vec![false; fw.len()];
        for &k in by_pair.get(&(p.old, p.new)).map_or(&[][..], Vec::as_slice) {
            let c = &mut changes[k];
            let Some((field, rest)) = split(&c.path).and_then(|(f, r)| names.by_name(f).map(|i| (i, r))) else {
                continue;
            };
            let hit = |list: &[Placed], covered: &mut [bool], backward: bool| {
                let mut any = false;
                for (k, x) in list.iter().enumerate() {
                    if x.field == field && x.m.rest == rest && describes(c.code, x.m.kind, backward) {
                        covered[k] = true;
                        any = true;
                    }
                }
                any
            };
            c.breaks = Breaks {
                backward: hit(&bw, &mut covered_bw, true),
                forward: hit(&fw, &mut covered_fw, false),
            };
        }
        // Each finding once: (field, path, rule) with the directions it was found in.
        let mut seen: Vec<((usize, String, &'static str), bool)> = Vec::new();
        let start = added.len();
        for (list, covered, is_backward) in [(&bw, &covered_bw, true), (&fw, &covered_fw, false)] {
            for (x, _) in list.iter().zip(covered.iter()).filter(|(_, c)| !**c) {
                let code = code_for(x.m.kind, is_backward);
                let path = format!("fields.{}{}", names.shown(x.field), x.m.rest);
                let key = (x.field, path.clone(), code.code);
                if let Some(k) = seen.iter().position(|(s, _)| *s == key) {
                    // The same mismatch again (another branch of one union), or in the
                    // other direction: one finding, breaking each direction it was met in.
                    let c: &mut Change = &mut added[start + k];
                    if seen[k].1 != is_backward {
                        c.breaks = Breaks::BOTH;
                    }
                    continue;
                }
                seen.push((key, is_backward));
                let f = &fields[x.field];
                let (oc, nc) = (f.old.map(|i| &old.fields[i]), f.new.map(|i| &new.fields[i]));
                let direction = if is_backward {
                    "new readers of old data"
                } else {
                    "readers that have not upgraded, reading new data"
                };
                let mut c = Change::on(
                    code,
                    Object::Event,
                    p,
                    path.clone(),
                    format!("`{}`: {} ({direction})", &path["fields.".len()..], x.m.message),
                )
                .spans(oc.map(|c| c.type_span), nc.map(|c| c.type_span))
                .breaks(if is_backward { Breaks::BACKWARD } else { Breaks::FORWARD })
                .level(Level::Wire)
                .help(help_for(x.m.kind));
                c.old = oc.map(|c| c.ty.to_string());
                c.new = nc.map(|c| c.ty.to_string());
                added.push(c);
            }
        }
    }
    changes.extend(added);
}

const KINDS: [Kind; 6] = [
    Kind::MissingDefault,
    Kind::EnumSymbol,
    Kind::Name,
    Kind::Branch,
    Kind::Null,
    Kind::Type,
];

/// The rule that names a mismatch of `kind` found reading in one direction.
fn code_for(kind: Kind, backward: bool) -> &'static Code {
    match (kind, backward) {
        (Kind::MissingDefault, true) => &field_added_without_default::CODE,
        (Kind::MissingDefault, false) => &field_removed::CODE,
        (Kind::EnumSymbol, true) => &enum_symbol_removed::CODE,
        (Kind::EnumSymbol, false) => &enum_symbol_added::CODE,
        (Kind::Null, true) => &field_made_required::CODE,
        (Kind::Null, false) => &field_made_nullable::CODE,
        (Kind::Branch, true) => &union_branch_removed::CODE,
        (Kind::Branch, false) => &union_branch_added::CODE,
        (Kind::Name, _) => &named_type_renamed::CODE,
        (Kind::Type, _) => &field_type_changed::CODE,
    }
}

fn help_for(kind: Kind) -> &'static str {
    match kind {
        Kind::MissingDefault => "give the field a `default` (a nullable one `default null`), or publish a new version",
        Kind::EnumSymbol => "declare a default symbol (`@enum_default(…)`) before symbols change",
        Kind::Name => "keep the type's name, or list its earlier name: `@aliases(old_name)`",
        Kind::Branch => "keep every branch readers know; add branches only after readers have them",
        Kind::Null => "keep the field nullable on both sides during a migration",
        Kind::Type => "add a field with the new type instead, or publish a new version of the event",
    }
}

/// `fields.address.zip` → (`address`, `.zip`); `fields.tags[]` → (`tags`, `[]`).
fn split(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("fields.")?;
    let end = rest.find(['.', '[', '{', '<']).unwrap_or(rest.len());
    Some((&rest[..end], &rest[end..]))
}

/// Whether a change of rule `code` describes a mismatch of `kind` met reading in one
/// direction at its place: the mismatch is that change's doing, not a second one.
fn describes(code: &Code, kind: Kind, backward: bool) -> bool {
    use super::rules::{field_default_removed, field_renamed, logical_type_changed};
    let is = |c: &Code| std::ptr::eq(code, c);
    match (kind, backward) {
        (Kind::MissingDefault, true) => {
            is(&field_added_without_default::CODE) || is(&field_default_removed::CODE) || is(&field_renamed::CODE)
        }
        (Kind::MissingDefault, false) => is(&field_removed::CODE) || is(&field_renamed::CODE),
        (Kind::EnumSymbol, true) => is(&enum_symbol_removed::CODE),
        (Kind::EnumSymbol, false) => is(&enum_symbol_added::CODE),
        (Kind::Name, _) => is(&named_type_renamed::CODE),
        (Kind::Null, true) => is(&field_made_required::CODE) || is(&union_branch_removed::CODE),
        (Kind::Null, false) => is(&field_made_nullable::CODE) || is(&union_branch_added::CODE),
        (Kind::Branch, true) => is(&union_branch_removed::CODE) || is(&field_type_changed::CODE),
        (Kind::Branch, false) => is(&union_branch_added::CODE) || is(&field_type_changed::CODE),
        // A writer branch that no longer reads is the union change's doing.
        (Kind::Type, true) => {
            is(&field_type_changed::CODE) || is(&logical_type_changed::CODE) || is(&union_branch_removed::CODE)
        }
        (Kind::Type, false) => {
            is(&field_type_changed::CODE) || is(&logical_type_changed::CODE) || is(&union_branch_added::CODE)
        }
    }
}

fn place<'a>(list: &'a [Mismatch], field: impl Fn(&Mismatch) -> Option<usize>) -> Vec<Placed<'a>> {
    list.iter()
        .filter_map(|m| field(m).map(|f| Placed { field: f, m }))
        .collect()
}

/// The field pairs of one event pair, found by either side's names.
struct Names<'a> {
    fields: &'a [FieldPair],
    old: &'a [Column],
    new: &'a [Column],
}

impl Names<'_> {
    fn index(&self, name: &str, new_side: bool) -> Option<usize> {
        self.fields.iter().position(|f| {
            let (i, cols) = if new_side { (f.new, self.new) } else { (f.old, self.old) };
            i.is_some_and(|i| cols[i].name == name)
        })
    }

    /// The field pair of a mismatch: through the reader's field, else the writer's.
    fn of(&self, m: &Mismatch, reader_is_new: bool) -> Option<usize> {
        let by_reader = m.reader_field.as_deref().and_then(|r| self.index(r, reader_is_new));
        by_reader.or_else(|| m.writer_field.as_deref().and_then(|w| self.index(w, !reader_is_new)))
    }

    /// The field pair a change's path names: current names first, then baseline names.
    fn by_name(&self, name: &str) -> Option<usize> {
        self.index(name, true).or_else(|| self.index(name, false))
    }

    /// The name a field pair is reported under: the current one, else the baseline's.
    fn shown(&self, k: usize) -> &str {
        let f = &self.fields[k];
        match (f.new, f.old) {
            (Some(i), _) => &self.new[i].name,
            (None, Some(i)) => &self.old[i].name,
            (None, None) => "",
        }
    }
}
