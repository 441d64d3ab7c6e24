//! The registry of stable diagnostic codes.
//!
//! A code never changes meaning once released; its kebab-case name says the problem. Each
//! code's doc comment is its documentation, under fixed headings (what it does, why it
//! matters, example, use instead); `truthline explain` and the docs site print it.

use super::Severity;
use serde::Serialize;

/// Which stage reports a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Syntax,
    Semantic,
    Lint,
    Breaking,
    /// Import and export of other formats (`I…`).
    Interop,
}

/// A stable diagnostic code.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// `S001`: letter for the stage, then a number.
    pub code: &'static str,
    /// `unknown-entry`: kebab-case, names the problem.
    pub name: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// One line.
    pub summary: &'static str,
    /// Markdown with the headings `## What it does`, `## Why it matters`, `## Example`,
    /// `## Use instead`.
    pub doc: &'static str,
}

impl Code {
    /// The documentation with the one-space indent of doc comments removed.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }
}

pub(crate) fn serialize_code<S: serde::Serializer>(code: &&'static Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.code)
}

/// Declares a [`Code`] whose documentation is its doc comment.
#[macro_export]
macro_rules! declare_code {
    ($(#[doc = $doc:literal])* $vis:vis static $ident:ident = ($code:literal, $name:literal, $sev:ident, $cat:ident, $summary:literal);) => {
        $(#[doc = $doc])*
        $vis static $ident: $crate::diagnostics::Code = $crate::diagnostics::Code {
            code: $code,
            name: $name,
            severity: $crate::diagnostics::Severity::$sev,
            category: $crate::diagnostics::codes::Category::$cat,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
        };
    };
}

/// Every code the compiler can report, in code order.
pub fn all() -> Vec<&'static Code> {
    let mut v: Vec<&'static Code> = crate::syntax::codes::ALL.to_vec();
    v.extend_from_slice(crate::semantic::codes::ALL);
    v.extend_from_slice(crate::lineage::codes::ALL);
    v.extend(crate::checks::lint::codes());
    v.extend(crate::checks::breaking::codes());
    v.extend_from_slice(crate::interop::codes::ALL);
    v.sort_by_key(|c| c.code);
    v
}

/// Finds a code by its code (`S001`, case-insensitive) or its name (`unknown-entry`).
pub fn find(query: &str) -> Option<&'static Code> {
    all()
        .into_iter()
        .find(|c| c.code.eq_ignore_ascii_case(query) || c.name == query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for c in all() {
            assert!(codes.insert(c.code), "duplicate code {}", c.code);
            assert!(names.insert(c.name), "duplicate name {}", c.name);
            assert!(
                c.name
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
                "{} is not kebab-case",
                c.name
            );
            let letter = match c.category {
                Category::Syntax => 'S',
                Category::Semantic => 'R',
                Category::Lint => 'L',
                Category::Breaking => 'B',
                Category::Interop => 'I',
            };
            assert!(
                c.code.starts_with(letter) && c.code.len() == 4,
                "{} does not match its category",
                c.code
            );
        }
    }

    #[test]
    fn every_code_is_documented_under_the_fixed_headings() {
        for c in all() {
            let doc = c.documentation();
            for heading in ["## What it does", "## Why it matters", "## Example", "## Use instead"] {
                assert!(doc.contains(heading), "{} ({}) lacks `{heading}`", c.code, c.name);
            }
            assert!(
                !c.summary.is_empty() && !c.summary.ends_with('.'),
                "{}: summary",
                c.code
            );
        }
    }

    #[test]
    fn find_accepts_code_or_name() {
        let first = all()[0];
        assert_eq!(find(&first.code.to_lowercase()), Some(first));
        assert_eq!(find(first.name), Some(first));
        assert_eq!(find("no-such-code"), None);
    }
}
