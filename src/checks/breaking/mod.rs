//! The compatibility gate: every change between a baseline project and the current one,
//! found by rules that each compare one kind of paired element. Pairing happens once,
//! centrally ([`pair`]); rules only compare and report ([`rules`]).

pub mod compat;
pub mod pair;
pub mod readers;
pub mod report;
pub mod resolution;
pub mod review;
pub mod rules;
mod verdict;
mod wire;
mod word_diff;

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::semantic::Model;
use crate::span::Span;
use crate::syntax::ast::CompatMode;
use serde::{Deserialize, Serialize};

pub use verdict::{judge, Acknowledgement, Settings};

/// Who a change breaks, in schema-registry terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Breaks {
    /// New readers can no longer read data written with the old definition
    /// (consumers that upgrade first break).
    pub backward: bool,
    /// Old readers can no longer read data written with the new definition
    /// (producers that upgrade first break consumers).
    pub forward: bool,
}

impl Breaks {
    pub const NONE: Breaks = Breaks {
        backward: false,
        forward: false,
    };
    pub const BACKWARD: Breaks = Breaks {
        backward: true,
        forward: false,
    };
    pub const FORWARD: Breaks = Breaks {
        backward: false,
        forward: true,
    };
    pub const BOTH: Breaks = Breaks {
        backward: true,
        forward: true,
    };

    /// Whether the change breaks what `mode` promises.
    pub fn under(self, mode: CompatMode) -> bool {
        use CompatMode::*;
        match mode {
            None => false,
            Backward | BackwardTransitive => self.backward,
            Forward | ForwardTransitive => self.forward,
            Full | FullTransitive => self.backward || self.forward,
        }
    }

    pub fn describe(self) -> &'static str {
        match (self.backward, self.forward) {
            (true, true) => "breaks old and new readers",
            (true, false) => "breaks readers that upgrade first (backward)",
            (false, true) => "breaks readers that have not upgraded (forward)",
            (false, false) => "compatible",
        }
    }
}

/// Strictness levels: each includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Data can no longer be read: fields, types, enums, tables and columns.
    Wire,
    /// Data reads but means something else: keys, ordering, event time, metric
    /// definitions, grain.
    Semantic,
    /// Guarantees and governance: PII tags, stability, expectations, reconciliation.
    #[default]
    Governance,
}

/// The kind of element a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Object {
    Event,
    Table,
    Metric,
}

/// One change between baseline and current.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    #[serde(serialize_with = "crate::diagnostics::codes::serialize_code")]
    pub code: &'static Code,
    /// After versions, modes and acknowledgements are taken into account.
    pub severity: Severity,
    pub object: Object,
    /// `commerce.order_paid` (the element's qualified name, without version).
    pub name: String,
    /// `fields.amount`: where in the element; empty for the element itself.
    pub path: String,
    pub message: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub old_span: Option<Span>,
    pub new_span: Option<Span>,
    pub breaks: Breaks,
    /// Whether the change breaks the element's compatibility mode (or, for metrics and
    /// guarantees, is breaking by nature).
    pub breaking: bool,
    /// Why a breaking change is allowed (a new version, an acknowledgement).
    pub allowed: Option<String>,
    /// Consumers, tables and metrics downstream of the element.
    pub affected: Vec<String>,
    /// The teams that own what is affected, each once: `` team `finance` (#finance) ``.
    #[serde(skip)]
    pub owners: Vec<String>,
    pub help: Option<String>,
    #[serde(skip)]
    pub level: Level,
    /// The ids of the paired elements in the old and new models.
    #[serde(skip)]
    pub ids: (Option<crate::semantic::model::Id>, Option<crate::semantic::model::Id>),
    #[serde(skip)]
    pub version_bumped: bool,
}

impl Change {
    /// A change at the rule's default severity; `verdict::judge` settles it.
    pub fn new(
        code: &'static Code,
        object: Object,
        name: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Change {
            code,
            severity: code.severity,
            object,
            name: name.to_string(),
            path: path.into(),
            message: message.into(),
            old: None,
            new: None,
            old_span: None,
            new_span: None,
            breaks: Breaks::NONE,
            breaking: false,
            allowed: None,
            affected: Vec::new(),
            owners: Vec::new(),
            help: None,
            level: Level::Wire,
            ids: (None, None),
            version_bumped: false,
        }
    }

    /// A change about a paired element.
    pub fn on(
        code: &'static Code,
        object: Object,
        pair: &pair::ElemPair,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let mut c = Change::new(code, object, &pair.name, path, message);
        c.ids = (pair.old, pair.new);
        c.version_bumped = pair.bump;
        c
    }

    pub fn values(mut self, old: impl Into<Option<String>>, new: impl Into<Option<String>>) -> Self {
        self.old = old.into();
        self.new = new.into();
        self
    }

    pub fn spans(mut self, old: Option<Span>, new: Option<Span>) -> Self {
        self.old_span = old;
        self.new_span = new;
        self
    }

    pub fn breaks(mut self, b: Breaks) -> Self {
        self.breaks = b;
        self
    }

    pub fn level(mut self, l: Level) -> Self {
        self.level = l;
        self
    }

    pub fn help(mut self, h: impl Into<String>) -> Self {
        self.help = Some(h.into());
        self
    }

    /// The change as a diagnostic: the current location first, the baseline second.
    pub fn to_diagnostic(&self) -> Option<Diagnostic> {
        let (primary, secondary) = match (self.new_span, self.old_span) {
            (Some(n), o) => (n, o.map(|o| (o, "in the baseline"))),
            (None, Some(o)) => (o, None),
            (None, None) => return None,
        };
        let mut d = Diagnostic::new(self.code, primary, self.message.clone());
        d.severity = self.severity;
        // A value goes on its label unless the message says it already, or it is too long
        // to read there: then a word diff says what changed.
        let long = |v: &Option<String>| v.as_ref().is_some_and(|v| v.chars().count() > LABEL_VALUE);
        let message = &self.message;
        fn shown<'v>(v: &'v Option<String>, message: &str) -> Option<&'v String> {
            v.as_ref()
                .filter(|v| v.chars().count() <= LABEL_VALUE && !message.contains(&format!("`{v}`")))
        }
        if self.new_span.is_none() {
            d = d.with_label_message("removed since the baseline");
        } else if let Some(new) = shown(&self.new, message) {
            d = d.with_label_message(format!("now: {new}"));
        } else if self.new.is_some() {
            d = d.with_label_message("now");
        }
        if let Some((span, _)) = secondary {
            let was = match (&self.old, shown(&self.old, message)) {
                (_, Some(o)) => format!("baseline: {o}"),
                (Some(_), None) => "baseline".to_string(),
                (None, None) => "in the baseline".to_string(),
            };
            d = d.with_secondary(span, was);
        }
        if let (Some(o), Some(n)) = (&self.old, &self.new) {
            if long(&self.old) || long(&self.new) {
                d = d.with_note(format!("changed: {}", word_diff::word_diff(o, n)));
            }
        }
        // An allowed change still breaks someone: said once, as what it would do and why
        // it passes.
        match (self.breaks != Breaks::NONE, &self.allowed) {
            (true, Some(a)) => d = d.with_note(format!("allowed, although it {}: {a}", self.breaks.describe())),
            (true, None) => d = d.with_note(self.breaks.describe()),
            (false, Some(a)) => d = d.with_note(format!("allowed: {a}")),
            (false, None) => {}
        }
        if !self.affected.is_empty() {
            d = d.with_note(format!("affected: {}", self.affected.join(", ")));
        }
        if let Some(h) = &self.help {
            d = d.with_help(h.clone());
        }
        Some(d)
    }
}

/// Values longer than this (a query) are not repeated on a label; a word diff shows what
/// changed instead.
pub(super) const LABEL_VALUE: usize = 80;

/// Everything `compare` needs besides the two models.
pub struct Input<'a> {
    pub old: &'a Model,
    pub new: &'a Model,
    pub settings: &'a Settings,
}

/// Every change from `old` to `new`, judged and sorted.
pub fn compare(input: &Input<'_>) -> Vec<Change> {
    let pairs = pair::pair(
        input.old,
        input.new,
        input.settings.mode_override,
        input.settings.default_mode,
    );
    let mut changes = Vec::new();
    for rule in rules::ALL {
        (rule.check)(&pairs, input, &mut changes);
    }
    wire::settle(&pairs, input, &mut changes);
    // An in-place edit under a transitive mode is compared with every earlier version;
    // what the baseline already differed by is not this change's doing.
    let shadow = pair::baseline_shadow(&pairs, input.old);
    if !shadow.events.is_empty() || !shadow.tables.is_empty() {
        let mut known = Vec::new();
        let baseline_only = Input {
            old: input.old,
            new: input.old,
            settings: input.settings,
        };
        for rule in rules::ALL {
            (rule.check)(&shadow, &baseline_only, &mut known);
        }
        wire::settle(&shadow, &baseline_only, &mut known);
        let key = |c: &Change| {
            (
                c.code.code,
                c.name.clone(),
                c.path.clone(),
                c.old.clone(),
                c.new.clone(),
                c.ids.0,
                (c.breaks.backward, c.breaks.forward),
            )
        };
        let known: std::collections::HashSet<_> = known.iter().map(key).collect();
        let transitive: std::collections::HashSet<(Option<usize>, Option<usize>)> = pairs
            .events
            .iter()
            .chain(&pairs.tables)
            .filter(|p| p.in_place.is_some())
            .map(|p| (p.old, p.new))
            .collect();
        changes.retain(|c| !(transitive.contains(&c.ids) && known.contains(&key(c))));
    }
    judge(&pairs, input, &mut changes);
    changes.sort_by(|a, b| {
        b.breaking
            .cmp(&a.breaking)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.code.code.cmp(b.code.code))
            .then_with(|| a.message.cmp(&b.message))
    });
    changes
}

/// A breaking rule: its code, and what it compares.
pub struct Rule {
    pub code: &'static Code,
    pub check: fn(&pair::Pairs, &Input<'_>, &mut Vec<Change>),
}

/// Declares the rule modules and the registry in one list.
#[macro_export]
macro_rules! breaking_rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every breaking rule, in code order.
        pub static ALL: &[$crate::checks::breaking::Rule] = &[
            $($crate::checks::breaking::Rule { code: &$module::CODE, check: $module::check },)*
        ];
    };
}

/// The codes of every rule.
pub fn codes() -> Vec<&'static Code> {
    rules::ALL.iter().map(|r| r.code).collect()
}
