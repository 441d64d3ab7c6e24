//! Renderings of diagnostics: human text (codespan-reporting) and JSON.

use super::{Diagnostic, Severity};
use crate::span::{FileId, SourceMap};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor};
use serde::Serialize;
use std::ops::Range;

impl<'a> Files<'a> for SourceMap {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.get(id).name)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.get(id).text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.get(id).line_col(byte_index).0 - 1)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let f = self.get(id);
        f.line_range(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: f.line_count(),
        })
    }
}

fn to_codespan(d: &Diagnostic) -> cs::Diagnostic<FileId> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
    };
    let labels = d
        .labels
        .iter()
        .map(|l| {
            let style = if l.primary {
                cs::LabelStyle::Primary
            } else {
                cs::LabelStyle::Secondary
            };
            cs::Label::new(style, l.span.file, l.span.range()).with_message(l.message.clone())
        })
        .collect();
    let mut notes = d.notes.clone();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    notes.push(format!("see: truthline explain {}", d.code.name));
    cs::Diagnostic::new(severity)
        .with_code(d.code.code)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Human text as a terminal shows it; `color` adds ANSI colours.
pub fn human(sources: &SourceMap, diags: &[Diagnostic], color: bool) -> String {
    let mut buf = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = term::Config::default();
    let mut out = String::new();
    for d in diags {
        // Rendering only fails on spans outside their file, which the stages never build;
        // that one finding falls back to a plain line and the others still render.
        buf.clear();
        if term::emit(&mut buf, &config, sources, &to_codespan(d)).is_ok() {
            out.push_str(&String::from_utf8_lossy(buf.as_slice()));
        } else {
            let (file, line, col) = locate(sources, d);
            out.push_str(&format!(
                "{}[{}]: {} at {file}:{line}:{col}\n\n",
                d.severity.as_str(),
                d.code.code,
                d.message
            ));
        }
    }
    out
}

fn locate(sources: &SourceMap, d: &Diagnostic) -> (String, usize, usize) {
    match d.primary_span() {
        Some(s) if (s.file.0 as usize) < sources.len() => {
            let f = sources.get(s.file);
            let (l, c) = f.line_col(s.start as usize);
            (f.name.clone(), l, c)
        }
        _ => (String::new(), 0, 0),
    }
}

/// A position in a file, 1-based, as every machine-readable output gives it.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn of(sources: &SourceMap, span: crate::span::Span) -> Location {
        let f = sources.get(span.file);
        let (line, column) = f.line_col(span.start as usize);
        let (end_line, end_column) = f.line_col(span.end as usize);
        Location {
            file: f.name.clone(),
            line,
            column,
            end_line,
            end_column,
        }
    }
}

#[derive(Serialize)]
struct JsonLabel {
    #[serde(flatten)]
    location: Location,
    message: String,
    primary: bool,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    #[serde(flatten)]
    location: Option<Location>,
    labels: Vec<JsonLabel>,
    notes: &'a [String],
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: &'static str,
    files_checked: usize,
    summary: Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Counts per severity.
#[derive(Debug, Serialize, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(diags: &[Diagnostic]) -> Summary {
        let mut s = Summary::default();
        for d in diags {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// The JSON report documented in `docs/json-output.md` (format version 1).
pub fn json(sources: &SourceMap, diags: &[Diagnostic], files_checked: usize) -> String {
    let diagnostics = diags
        .iter()
        .map(|d| JsonDiagnostic {
            code: d.code.code,
            name: d.code.name,
            severity: d.severity,
            message: &d.message,
            location: d.primary_span().map(|s| Location::of(sources, s)),
            labels: d
                .labels
                .iter()
                .map(|l| JsonLabel {
                    location: Location::of(sources, l.span),
                    message: l.message.clone(),
                    primary: l.primary,
                })
                .collect(),
            notes: &d.notes,
            help: d.help.as_deref(),
        })
        .collect();
    let report = JsonReport {
        version: 1,
        tool: "truthline",
        files_checked,
        summary: Summary::of(diags),
        diagnostics,
    };
    // Serializing plain owned data to a string cannot fail.
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}
