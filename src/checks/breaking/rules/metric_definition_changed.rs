//! What a metric computes changes.

use crate::checks::breaking::pair::{ElemPair, Pairs};
use crate::checks::breaking::{Breaks, Change, Input, Level, Object};
use crate::declare_code;
use crate::semantic::model::{Metric, Model, SqlInfo};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{Duration, Sql};

declare_code! {
    /// ## What it does
    /// Reports each part of a metric's definition that changed within one version: the
    /// source table (`from`), the `measure`, the eligibility filter (`where`), the time
    /// column, grain, window, timezone or lateness, and the `unit`. SQL is compared by its
    /// normalized syntax tree, with letter case ignored outside string literals, so
    /// layout and keyword case never count. Changes that come with a new version are
    /// reported as allowed.
    ///
    /// ## Why it matters
    /// Nothing fails: every dashboard keeps showing a number under the same name, and the
    /// number now means something else. Last quarter's figures no longer compare with this
    /// quarter's, and nobody was told. That is why a metric's meaning is versioned.
    ///
    /// ## Example
    /// ```truth
    /// metric net_revenue v2 { … where status = 'captured' and not is_test }   // baseline
    /// metric net_revenue v2 { … where status = 'captured' }                   // current
    /// ```
    ///
    /// ## Use instead
    /// Publish the new definition as a new version (`metric net_revenue v3`, with
    /// `replaces net_revenue v2 sunset DATE`), move consumers to it, and retire the old
    /// one at its sunset.
    pub static CODE = ("B042", "metric-definition-changed", Error, Breaking, "The definition of a metric changed");
}

/// SQL text compared case-insensitively, except inside string literals (`'Captured'`
/// and `'captured'` select different rows).
fn canonical(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    for c in sql.chars() {
        if c == '\'' {
            quoted = !quoted;
        }
        if quoted {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// One comparable part of a definition.
struct Part {
    path: &'static str,
    words: &'static str,
    /// As shown, and where it is written.
    shown: Option<(String, Span)>,
    /// What is compared: equal keys mean the same.
    key: Option<String>,
}

fn part(path: &'static str, words: &'static str, shown: Option<(String, Span)>, key: impl Fn(&str) -> String) -> Part {
    let key = shown.as_ref().map(|(v, _)| key(v));
    Part {
        path,
        words,
        shown,
        key,
    }
}

/// A SQL part: its normalized text (as written when it did not parse) and its span.
fn sql(info: Option<&SqlInfo>, ast: Option<&Sql>) -> Option<(String, Span)> {
    let ast = ast?;
    let text = info.map_or_else(
        || ast.text.split_whitespace().collect::<Vec<_>>().join(" "),
        |i| i.normalized.clone(),
    );
    Some((text, ast.span))
}


/// The source table, qualified when it resolved.
fn from(model: &Model, m: &Metric) -> Option<(String, Span)> {
    let f = m.item.ast.from.as_ref()?;
    let name = m.from.map_or_else(
        || f.text.clone(),
        |t| format!("{}.{}", model.tables[t].item.ns, model.tables[t].item.ast.name.text),
    );
    Some((name, f.span))
}

/// The parts of `m`; `rename` gives a column of its source table its current name.
fn parts(model: &Model, m: &Metric, rename: &dyn Fn(&str) -> String) -> Vec<Part> {
    let a = &m.item.ast;
    let t = a.time.as_ref();
    let duration = |d: Option<&Spanned<Duration>>| d.map(|d| (d.value.to_string(), d.span));
    let millis = |d: Option<&Spanned<Duration>>| d.map(|d| d.value.millis().to_string());
    let (window, lateness) = (t.and_then(|t| t.window.as_ref()), t.and_then(|t| t.lateness.as_ref()));
    let as_is = |v: &str| v.to_string();
    let mut w = part("time.window", "window", duration(window), as_is);
    w.key = millis(window);
    let mut l = part("time.lateness", "lateness", duration(lateness), as_is);
    l.key = millis(lateness);
    // SQL compares by meaning: commuted operands, flipped comparisons, `IN` order and
    // redundant parentheses are the same definition (docs/breaking.md).
    let meaning = |info: Option<&SqlInfo>, part: &mut Part| {
        if let (Some(i), Some(_)) = (info, &part.key) {
            part.key = Some(canonical(&i.canonical));
        }
    };
    let mut measure = part("measure", "measure", sql(m.measure.as_ref(), a.measure.as_ref()), canonical);
    meaning(m.measure.as_ref(), &mut measure);
    let mut filter = part("where", "eligibility filter", sql(m.filter.as_ref(), a.filter.as_ref()), canonical);
    meaning(m.filter.as_ref(), &mut filter);
    vec![
        part("from", "source table", from(model, m), as_is),
        measure,
        filter,
        part(
            "time.column",
            "time column",
            t.map(|t| (t.column.text.clone(), t.column.span)),
            rename,
        ),
        part(
            "time.grain",
            "time grain",
            t.and_then(|t| t.grain.as_ref())
                .map(|g| (g.value.as_str().to_string(), g.span)),
            as_is,
        ),
        w,
        part(
            "time.timezone",
            "timezone",
            t.and_then(|t| t.timezone.as_ref()).map(|z| (z.value.clone(), z.span)),
            str::to_ascii_lowercase,
        ),
        l,
        part(
            "unit",
            "unit",
            a.unit.as_ref().map(|u| (u.value.clone(), u.span)),
            as_is,
        ),
    ]
}

fn report(p: &ElemPair, name: &str, spans: (Span, Span), old: Part, new: Part) -> Option<Change> {
    let words = old.words;
    let message = match (&old.shown, &new.shown) {
        (Some((a, _)), Some((b, _))) => format!("metric `{name}` changed its {words} from `{a}` to `{b}`"),
        (Some((a, _)), None) => format!("metric `{name}` no longer declares its {words} (was `{a}`)"),
        (None, Some((b, _))) => format!("metric `{name}` now declares a {words}: `{b}`"),
        (None, None) => return None,
    };
    let old_span = old.shown.as_ref().map_or(spans.0, |(_, s)| *s);
    let new_span = new.shown.as_ref().map_or(spans.1, |(_, s)| *s);
    Some(
        Change::on(&CODE, Object::Metric, p, old.path, message)
            .values(old.shown.map(|(v, _)| v), new.shown.map(|(v, _)| v))
            .spans(Some(old_span), Some(new_span))
            .breaks(Breaks::BOTH)
            .level(Level::Semantic)
            .help("a new meaning is a new version: publish it as a new version with `replaces … sunset`, and move consumers to it"),
    )
}

pub fn check(pairs: &Pairs, input: &Input<'_>, out: &mut Vec<Change>) {
    let renames = pairs.renames(input.old, input.new);
    for p in &pairs.metrics {
        let (Some(o), Some(n)) = (p.old, p.new) else { continue };
        let (mo, mn) = (&input.old.metrics[o], &input.new.metrics[n]);
        let v = mn.version().map(|v| format!(" v{v}")).unwrap_or_default();
        let name = format!("{}{v}", mn.item.ast.name.text);
        let spans = (mo.item.ast.name.span, mn.item.ast.name.span);
        let renamed = mo.from.zip(mn.from).and_then(|k| renames.get(&k));
        let rename = |c: &str| {
            renamed
                .and_then(|r| r.get(c))
                .map_or_else(|| c.to_string(), Clone::clone)
        };
        for (old, new) in parts(input.old, mo, &rename)
            .into_iter()
            .zip(parts(input.new, mn, &|c: &str| c.to_string()))
        {
            if old.key != new.key {
                out.extend(report(p, &name, spans, old, new));
            }
        }
    }
}
