//! The lint rule catalog: one file per rule under `rules/`, each a [`Code`] (whose doc
//! comment is the rule's documentation) and a `check` function over the model.

pub mod rules;

use crate::diagnostics::{Code, Diagnostic};
use crate::lineage::ColumnLineage;
use crate::semantic::Model;

/// What a rule reads: the model and its column lineage.
pub struct Facts<'a> {
    pub model: &'a Model,
    pub lineage: &'a ColumnLineage,
}

/// A lint rule: its code and what it runs.
pub struct Rule {
    pub code: &'static Code,
    pub check: fn(&Facts<'_>, &mut Vec<Diagnostic>),
}

/// Runs every rule; findings come back in rule order (sorting happens later).
pub fn run(model: &Model, lineage: &ColumnLineage) -> Vec<Diagnostic> {
    let facts = Facts { model, lineage };
    let mut out = Vec::new();
    for rule in rules::ALL {
        (rule.check)(&facts, &mut out);
    }
    out
}

/// The codes of every rule.
pub fn codes() -> Vec<&'static Code> {
    rules::ALL.iter().map(|r| r.code).collect()
}

/// Declares the rule modules and the registry in one list, so a rule cannot be written
/// and forgotten.
#[macro_export]
macro_rules! lint_rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every lint rule, in code order.
        pub static ALL: &[$crate::checks::lint::Rule] = &[
            $($crate::checks::lint::Rule { code: &$module::CODE, check: $module::check },)*
        ];
    };
}
