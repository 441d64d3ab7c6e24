//! What changed from one version of an event or metric to the next, in words, for the
//! version history on its page. (`truthline changelog` compares a project with a
//! baseline; this compares the versions that live side by side in one project.)

use super::text::{literal, names};
use crate::semantic::model::{Event, Metric, Model};
use std::collections::BTreeMap;

fn changed(out: &mut Vec<String>, what: &str, old: Option<String>, new: Option<String>) {
    quoted(out, what, old.map(|o| format!("`{o}`")), new.map(|n| format!("`{n}`")));
}

/// Prose (an intent) is quoted, not shown as code.
fn changed_prose(out: &mut Vec<String>, what: &str, old: Option<String>, new: Option<String>) {
    quoted(out, what, old.map(|o| format!("“{o}”")), new.map(|n| format!("“{n}”")));
}

fn quoted(out: &mut Vec<String>, what: &str, old: Option<String>, new: Option<String>) {
    match (old, new) {
        (Some(o), Some(n)) if o != n => out.push(format!("{what} changed from {o} to {n}")),
        (None, Some(n)) => out.push(format!("{what} set to {n}")),
        (Some(o), None) => out.push(format!("{what} removed (was {o})")),
        _ => {}
    }
}

/// Field by field (renames followed through `@renamed_from`), then the event's settings.
pub fn event_changes(old: &Event, new: &Event) -> Vec<String> {
    let mut out = Vec::new();
    let mut matched: BTreeMap<&str, &str> = BTreeMap::new();
    for f in &new.fields {
        let from = if old.field(&f.name).is_some() {
            Some(f.name.as_str())
        } else {
            f.renamed_from.as_deref().filter(|r| old.field(r).is_some())
        };
        let Some(from) = from else {
            out.push(format!("field `{}` added ({})", f.name, type_text(f)));
            continue;
        };
        matched.insert(from, &f.name);
        let Some(o) = old.field(from) else { continue };
        if from != f.name {
            out.push(format!("field `{from}` renamed to `{}`", f.name));
        }
        changed(
            &mut out,
            &format!("type of `{}`", f.name),
            Some(type_text(o)),
            Some(type_text(f)),
        );
        changed(
            &mut out,
            &format!("default of `{}`", f.name),
            o.default.as_ref().map(literal),
            f.default.as_ref().map(literal),
        );
        if o.pii != f.pii {
            out.push(format!(
                "`{}` {} tagged pii",
                f.name,
                if f.pii { "is now" } else { "is no longer" }
            ));
        }
    }
    for o in &old.fields {
        if !matched.contains_key(o.name.as_str()) {
            out.push(format!("field `{}` removed", o.name));
        }
    }
    let (a, b) = (&old.item.ast, &new.item.ast);
    let text = |x: &Option<crate::span::Spanned<Vec<crate::syntax::ast::Name>>>| x.as_ref().map(|k| names(&k.value));
    changed(&mut out, "key", text(&a.key), text(&b.key));
    changed(&mut out, "dedupe key", text(&a.dedupe), text(&b.dedupe));
    changed(
        &mut out,
        "event time",
        a.event_time.as_ref().map(|n| n.text.clone()),
        b.event_time.as_ref().map(|n| n.text.clone()),
    );
    changed(
        &mut out,
        "lateness",
        a.lateness.as_ref().map(|l| l.value.to_string()),
        b.lateness.as_ref().map(|l| l.value.to_string()),
    );
    changed(
        &mut out,
        "compatibility",
        a.compatibility.as_ref().map(|c| word(&c.value)),
        b.compatibility.as_ref().map(|c| word(&c.value)),
    );
    out
}

/// The definition's parts, compared by their normalized SQL where they are SQL.
pub fn metric_changes(model: &Model, old: &Metric, new: &Metric) -> Vec<String> {
    let mut out = Vec::new();
    let (a, b) = (&old.item.ast, &new.item.ast);
    changed_prose(
        &mut out,
        "intent",
        a.intent.as_ref().map(|s| s.value.clone()),
        b.intent.as_ref().map(|s| s.value.clone()),
    );
    let from = |m: &Metric| m.from.map(|t| model.tables[t].item.ast.name.text.clone());
    changed(&mut out, "source table", from(old), from(new));
    let sql = |s: &Option<crate::semantic::model::SqlInfo>, w: &Option<crate::syntax::ast::Sql>| {
        s.as_ref()
            .map(|i| i.normalized.clone())
            .or_else(|| w.as_ref().map(|w| w.text.clone()))
    };
    changed(
        &mut out,
        "measure",
        sql(&old.measure, &a.measure),
        sql(&new.measure, &b.measure),
    );
    changed(
        &mut out,
        "eligibility (`where`)",
        sql(&old.filter, &a.filter),
        sql(&new.filter, &b.filter),
    );
    let t = |m: &crate::syntax::ast::Metric| m.time.clone();
    let (ta, tb) = (t(a), t(b));
    changed(
        &mut out,
        "time column",
        ta.as_ref().map(|t| t.column.text.clone()),
        tb.as_ref().map(|t| t.column.text.clone()),
    );
    changed(
        &mut out,
        "grain",
        ta.as_ref()
            .and_then(|t| t.grain.as_ref())
            .map(|g| g.value.as_str().to_string()),
        tb.as_ref()
            .and_then(|t| t.grain.as_ref())
            .map(|g| g.value.as_str().to_string()),
    );
    changed(
        &mut out,
        "time zone",
        ta.as_ref().and_then(|t| t.timezone.as_ref()).map(|z| z.value.clone()),
        tb.as_ref().and_then(|t| t.timezone.as_ref()).map(|z| z.value.clone()),
    );
    changed(
        &mut out,
        "window",
        ta.as_ref().and_then(|t| t.window.as_ref()).map(|w| w.value.to_string()),
        tb.as_ref().and_then(|t| t.window.as_ref()).map(|w| w.value.to_string()),
    );
    changed(
        &mut out,
        "lateness",
        ta.as_ref()
            .and_then(|t| t.lateness.as_ref())
            .map(|w| w.value.to_string()),
        tb.as_ref()
            .and_then(|t| t.lateness.as_ref())
            .map(|w| w.value.to_string()),
    );
    changed(
        &mut out,
        "dimensions",
        a.dimensions.as_ref().map(|d| names(&d.value)),
        b.dimensions.as_ref().map(|d| names(&d.value)),
    );
    changed(
        &mut out,
        "unit",
        a.unit.as_ref().map(|u| u.value.clone()),
        b.unit.as_ref().map(|u| u.value.clone()),
    );
    let rec = |m: &crate::syntax::ast::Metric| {
        m.reconcile
            .as_ref()
            .map(|r| format!("{} within {}", r.target.text, r.tolerance.value))
    };
    changed(&mut out, "reconciliation", rec(a), rec(b));
    out
}

fn type_text(c: &crate::semantic::model::Column) -> String {
    format!("{}{}", c.ty, if c.nullable { "?" } else { "" })
}

/// A keyword enum as written in contracts: `backward_transitive`.
pub fn word<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
