//! The one diagnostic type every stage reports with, and its renderings.

pub mod codes;
pub mod github;
pub mod junit;
pub mod render;
pub mod sarif;

use crate::span::Span;
use serde::Serialize;

pub use codes::Code;

/// How serious a finding is. `Error` fails `check`; the order is the strictness order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A span with a message; the primary label marks where the problem is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
    pub primary: bool,
}

/// A finding about the user's contracts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    #[serde(serialize_with = "codes::serialize_code")]
    pub code: &'static Code,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A finding at the code's default severity, pointing at `span`.
    pub fn new(code: &'static Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity,
            message: message.into(),
            labels: vec![Label {
                span,
                message: String::new(),
                primary: true,
            }],
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn with_label_message(mut self, message: impl Into<String>) -> Self {
        if let Some(l) = self.labels.first_mut() {
            l.message = message.into();
        }
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn primary_span(&self) -> Option<Span> {
        self.labels.iter().find(|l| l.primary).map(|l| l.span)
    }
}

/// Sorts diagnostics by file, position and code so output never depends on discovery order.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.primary_span().map(|s| (s.file, s.start, s.end));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.code.code.cmp(b.code.code))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// "did you mean `x`?" — the closest candidate within a small edit distance, or else the
/// shortest candidate that contains every word of it (`raw-retention` →
/// `raw-missing-retention`).
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let close = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1) && *d < c.len().max(2))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c);
    if close.is_some() {
        return close;
    }
    let words = |s: &str| {
        s.split(['-', '_', '.'])
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
    };
    let mine = words(word);
    if mine.len() < 2 {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| {
            let theirs = words(c);
            mine.iter().all(|w| theirs.contains(w))
        })
        .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_close_words_only() {
        let words = ["owner", "compatibility", "key"];
        assert_eq!(did_you_mean("ownr", words), Some("owner"));
        assert_eq!(did_you_mean("compatability", words), Some("compatibility"));
        assert_eq!(did_you_mean("zzzzzz", words), None);
        let rules = ["raw-missing-retention", "raw-missing-metadata"];
        assert_eq!(did_you_mean("raw-retention", rules), Some("raw-missing-retention"));
        assert_eq!(did_you_mean("retention", rules), None);
    }
}
