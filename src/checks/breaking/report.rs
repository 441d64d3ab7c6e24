//! Reports of a comparison: JSON (documented in `docs/json-output.md`) and the Markdown
//! changelog.

use super::{Change, Object};
use crate::diagnostics::render::Location;
use crate::span::SourceMap;
use serde::Serialize;

#[derive(Serialize)]
struct JsonChange<'a> {
    code: &'static str,
    name: &'static str,
    severity: crate::diagnostics::Severity,
    breaking: bool,
    allowed: Option<&'a str>,
    object: Object,
    element: &'a str,
    path: &'a str,
    message: &'a str,
    old: Option<&'a str>,
    new: Option<&'a str>,
    breaks: super::Breaks,
    location: Option<Location>,
    baseline_location: Option<Location>,
    affected: &'a [String],
    help: Option<&'a str>,
}

/// Counts of a comparison.
#[derive(Serialize, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Breaking and not allowed: these fail the gate.
    pub breaking: usize,
    /// Breaking but allowed by a new version, an acknowledgement or the settings.
    pub allowed: usize,
    /// Not breaking, but worth a look (a changed default, a moved column).
    pub warnings: usize,
    pub compatible: usize,
}

impl Counts {
    pub fn of(changes: &[Change]) -> Counts {
        let mut c = Counts::default();
        for x in changes {
            match (x.breaking, x.allowed.is_some()) {
                (true, false) => c.breaking += 1,
                (true, true) | (false, true) => c.allowed += 1,
                (false, false) if x.severity == crate::diagnostics::Severity::Warning => c.warnings += 1,
                (false, false) => c.compatible += 1,
            }
        }
        c
    }
}

pub fn json(sources: &SourceMap, changes: &[Change], baseline: &str) -> String {
    let list: Vec<JsonChange> = changes
        .iter()
        .map(|c| JsonChange {
            code: c.code.code,
            name: c.code.name,
            severity: c.severity,
            breaking: c.breaking,
            allowed: c.allowed.as_deref(),
            object: c.object,
            element: &c.name,
            path: &c.path,
            message: &c.message,
            old: c.old.as_deref(),
            new: c.new.as_deref(),
            breaks: c.breaks,
            location: c.new_span.map(|s| Location::of(sources, s)),
            baseline_location: c.old_span.map(|s| Location::of(sources, s)),
            affected: &c.affected,
            help: c.help.as_deref(),
        })
        .collect();
    let v = serde_json::json!({
        "version": 1,
        "tool": "truthline",
        "baseline": baseline,
        "summary": Counts::of(changes),
        "changes": list,
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

fn object_word(o: Object) -> &'static str {
    match o {
        Object::Event => "event",
        Object::Table => "table",
        Object::Metric => "metric",
    }
}

/// `1 warning`, `2 warnings`.
pub fn warnings(n: usize) -> String {
    format!("{n} warning{}", if n == 1 { "" } else { "s" })
}

/// Markdown grouped by element, elements with breaking changes first.
pub fn markdown(changes: &[Change], baseline: &str) -> String {
    let mut out = format!("# Changes since `{baseline}`\n\n");
    if changes.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let counts = Counts::of(changes);
    out.push_str(&format!(
        "{} breaking, {} allowed, {}, {} compatible.\n",
        counts.breaking,
        counts.allowed,
        warnings(counts.warnings),
        counts.compatible
    ));
    let mut groups: Vec<(Object, &str, Vec<&Change>)> = Vec::new();
    for c in changes {
        match groups.iter_mut().find(|(o, n, _)| *o == c.object && *n == c.name) {
            Some(g) => g.2.push(c),
            None => groups.push((c.object, &c.name, vec![c])),
        }
    }
    groups.sort_by_key(|(o, n, list)| {
        (
            !list.iter().any(|c| c.breaking && c.allowed.is_none()),
            object_word(*o),
            n.to_string(),
        )
    });
    for (o, name, list) in groups {
        out.push_str(&format!("\n## {} `{name}`\n\n", object_word(o)));
        for c in list {
            let tag = match (c.breaking, &c.allowed) {
                (true, None) => "**breaking**".to_string(),
                (true, Some(a)) | (false, Some(a)) => format!("allowed ({a})"),
                (false, None) if c.severity == crate::diagnostics::Severity::Warning => "warning".to_string(),
                (false, None) => "compatible".to_string(),
            };
            // Values the message already states are not repeated; a long one (a query)
            // is shown as a word diff.
            let said = |v: &String| c.message.contains(&format!("`{v}`"));
            let long = |v: &String| v.chars().count() > super::LABEL_VALUE;
            let values = match (&c.old, &c.new) {
                (Some(o), Some(n)) if long(o) || long(n) => {
                    format!(" (changed: {})", super::word_diff::word_diff(o, n))
                }
                (Some(o), Some(n)) if said(o) && said(n) => String::new(),
                (Some(o), Some(n)) => format!(" (`{o}` → `{n}`)"),
                (Some(o), None) if !said(o) && !long(o) => format!(" (`{o}` removed)"),
                (None, Some(n)) if !said(n) && !long(n) => format!(" (`{n}` added)"),
                _ => String::new(),
            };
            out.push_str(&format!("- {tag} `{}`: {}{values}.", c.code.name, c.message));
            if !c.affected.is_empty() {
                out.push_str(&format!(" Affects {}.", c.affected.join(", ")));
            }
            out.push('\n');
        }
    }
    out
}
