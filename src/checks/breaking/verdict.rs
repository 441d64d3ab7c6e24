//! Settling each change: does it break the element's compatibility mode, is it allowed
//! by a new version or an acknowledgement, and who is affected downstream.

use super::pair::Pairs;
use super::{Change, Input, Level, Object};
use crate::diagnostics::{codes, Severity};
use crate::semantic::model::{Model, Node};
use crate::syntax::ast::{CompatMode, Date};
use serde::Deserialize;

/// A deliberate break, written down once so it does not fail every later change.
/// It matches the exact change (rule, element, path, old and new value) and stops
/// applying when the change differs or after `until`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// Rule code or name.
    pub rule: String,
    /// The element: `order_paid` or `commerce.order_paid`.
    pub element: String,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub old: Option<String>,
    #[serde(default)]
    pub new: Option<String>,
    pub reason: String,
    pub owner: String,
    #[serde(default)]
    pub until: Option<String>,
}

/// How strict the gate is.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The mode of elements that declare none.
    pub default_mode: Option<CompatMode>,
    /// `--mode`: overrides every element's own mode.
    pub mode_override: Option<CompatMode>,
    /// Changes above this level are reported but never fail.
    pub level: Level,
    /// A breaking change nothing consumes passes (reported as a warning).
    pub allow_unconsumed: bool,
    pub acknowledgements: Vec<Acknowledgement>,
    pub today: Option<Date>,
}

impl Acknowledgement {
    fn matches(&self, c: &Change) -> bool {
        let rule = codes::find(&self.rule).is_some_and(|r| std::ptr::eq(r, c.code));
        let element = c.name == self.element || c.name.ends_with(&format!(".{}", self.element));
        rule && element && self.path == c.path && self.old == c.old && self.new == c.new
    }

    fn expired(&self, today: Option<Date>) -> bool {
        match (&self.until, today) {
            (Some(u), Some(t)) => u.as_str() < t.to_string().as_str(),
            _ => false,
        }
    }
}

fn mode_of(m: &Model, object: Object, id: usize) -> Option<CompatMode> {
    match object {
        Object::Event => m.events[id].item.ast.compatibility.as_ref().map(|c| c.value),
        Object::Table => m.tables[id].item.ast.compatibility.as_ref().map(|c| c.value),
        Object::Metric => None,
    }
}

fn node(object: Object, id: usize) -> Node {
    match object {
        Object::Event => Node::Event(id),
        Object::Table => Node::Table(id),
        Object::Metric => Node::Metric(id),
    }
}

fn version_of(m: &Model, object: Object, id: usize) -> Option<u32> {
    match object {
        Object::Event => m.events[id].version(),
        Object::Table => m.tables[id].item.ast.version.as_ref().map(|v| v.value),
        Object::Metric => m.metrics[id].version(),
    }
}

/// The team that owns a node, where it names one.
fn owner_of(m: &Model, n: &Node) -> Option<usize> {
    match n {
        Node::Consumer(i) => m.consumers[*i].owner,
        Node::Metric(i) => m.metrics[*i].owner,
        Node::Table(i) => m.tables[*i].owner,
        Node::Event(i) => m.events[*i].owner,
        _ => None,
    }
}

/// Settles every change in place.
pub fn judge(_pairs: &Pairs, input: &Input<'_>, changes: &mut [Change]) {
    let s = input.settings;
    // Column lineage of each side, traced when a change to a column first needs it.
    let old_lineage = std::cell::OnceCell::new();
    let new_lineage = std::cell::OnceCell::new();
    let lineage_of = |m: &Model| {
        if std::ptr::eq(m, input.old) {
            old_lineage.get_or_init(|| crate::lineage::trace(input.old).0)
        } else {
            new_lineage.get_or_init(|| crate::lineage::trace(input.new).0)
        }
    };
    for c in changes.iter_mut() {
        let (model, id) = match c.ids {
            (_, Some(n)) => (input.new, n),
            (Some(o), None) => (input.old, o),
            (None, None) => continue,
        };
        // Who reads it: consumers first, then tables and metrics. A change to one column of
        // a table affects only what reads that column.
        let column = match (c.object, c.path.strip_prefix("columns.")) {
            (Object::Table, Some(rest)) => Some(rest.split(['.', '[', '{']).next().unwrap_or(rest)),
            _ => None,
        };
        let renamed = std::ptr::eq(c.code, &super::rules::column_renamed::CODE);
        // `shown` is the model the readers are nodes of (the baseline's, for a rename).
        let (mut down, shown): (Vec<Node>, &Model) = match (column, renamed, c.ids.0, &c.old) {
            // Who still reads the old name, as the baseline knew them; a rename all of
            // whose readers moved in the same change breaks nobody.
            (Some(col), true, Some(o), Some(was)) => {
                let left = super::readers::rename_readers(&super::readers::Rename {
                    old: (input.old, lineage_of(input.old), o, was),
                    new: (input.new, lineage_of(input.new), id, col),
                });
                if !left.iter().any(|n| matches!(n, Node::Consumer(_) | Node::Table(_))) {
                    c.breaks = super::Breaks::NONE;
                }
                (left, input.old)
            }
            (Some(col), _, _, _) => (super::readers::column_readers(lineage_of(model), id, col), model),
            _ => (model.descendants(&node(c.object, id)), model),
        };
        down.sort_by_key(|n| !matches!(n, Node::Consumer(_)));
        let consumed = down.iter().any(|n| matches!(n, Node::Consumer(_)));
        c.affected = down
            .iter()
            .filter(|n| !matches!(n, Node::SystemTable(..) | Node::System(_)))
            .map(|n| shown.describe(n))
            .collect();
        c.owners = Vec::new();
        for team in down.iter().filter_map(|n| owner_of(shown, n)) {
            let t = &shown.teams[team].item.ast;
            let contact = t
                .contacts
                .first()
                .map(|c| format!(" ({})", c.value))
                .unwrap_or_default();
            let who = format!("team `{}`{contact}", t.name.text);
            if !c.owners.contains(&who) {
                c.owners.push(who);
            }
        }

        let mode = s
            .mode_override
            .or_else(|| mode_of(model, c.object, id))
            .or(s.default_mode)
            .unwrap_or(CompatMode::Backward);
        // Metric definitions and guarantees break by nature: `breaks` is set by the rule.
        let by_mode = match c.object {
            Object::Metric => c.breaks.backward || c.breaks.forward,
            _ => c.breaks.under(mode),
        };
        c.breaking = by_mode && c.level <= s.level;
        if !c.breaking {
            // A rule whose default is a warning (a changed default value, a column moved)
            // stays visible even when it breaks no reader.
            let warn = by_mode || c.code.severity == Severity::Warning;
            c.severity = if warn { Severity::Warning } else { Severity::Info };
            if by_mode {
                c.allowed = Some(format!("the gate is set to level `{:?}`", s.level).to_lowercase());
            }
            continue;
        }
        // Under a transitive mode every earlier version still declared must stay
        // readable, so a new version does not excuse a break against one of them: retire
        // the old version, or acknowledge the change.
        let transitive = matches!(
            mode,
            CompatMode::BackwardTransitive | CompatMode::ForwardTransitive | CompatMode::FullTransitive
        );
        let short = c.name.rsplit('.').next().unwrap_or(&c.name).to_string();
        if c.version_bumped && !transitive {
            let v = version_of(input.new, c.object, c.ids.1.unwrap_or(id))
                .map(|v| format!("v{v}"))
                .unwrap_or_default();
            c.allowed = Some(format!("{v} is a new version of `{short}`"));
            c.severity = Severity::Info;
            continue;
        }
        if c.version_bumped {
            let old = c
                .ids
                .0
                .and_then(|o| version_of(input.old, c.object, o))
                .map(|v| format!("v{v}"))
                .unwrap_or_default();
            let mode_name = format!("{mode:?}").to_lowercase().replace("transitive", "_transitive");
            c.message = format!(
                "{} (against {old}: under `{mode_name}`, every earlier version still declared must stay compatible)",
                c.message
            );
            c.help = Some(format!(
                "retire `{short} {old}` once its data is gone, change the mode, or acknowledge the change in `truthline.yaml`"
            ));
        }
        if let Some(a) = s.acknowledgements.iter().find(|a| a.matches(c)) {
            if !a.expired(s.today) {
                let until = a.until.as_ref().map(|u| format!(" until {u}")).unwrap_or_default();
                c.allowed = Some(format!("acknowledged by {}{until}: {}", a.owner, a.reason));
                c.severity = Severity::Info;
                continue;
            }
        }
        if s.allow_unconsumed && !consumed {
            c.allowed = Some("nothing consumes it".into());
            c.severity = Severity::Warning;
            continue;
        }
        c.severity = c.code.severity;
        if c.severity < Severity::Error && c.level == Level::Wire {
            c.severity = Severity::Error;
        }
    }
}
