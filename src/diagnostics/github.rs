//! GitHub Actions workflow commands: one annotation per finding.

use super::render::Location;
use super::{Diagnostic, Severity};
use crate::span::SourceMap;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn github(sources: &SourceMap, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str(&format!("\nhelp: {h}"));
        }
        let title = escape_property(&format!("{} {}", d.code.code, d.code.name));
        match d.primary_span() {
            Some(s) => {
                let l = Location::of(sources, s);
                out.push_str(&format!(
                    "::{kind} file={},line={},col={},endLine={},endColumn={},title={title}::{}\n",
                    escape_property(&l.file),
                    l.line,
                    l.column,
                    l.end_line,
                    l.end_column,
                    escape_data(&message)
                ));
            }
            None => out.push_str(&format!("::{kind} title={title}::{}\n", escape_data(&message))),
        }
    }
    out
}
