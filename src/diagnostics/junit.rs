//! JUnit XML: one test suite per file, one failing test case per finding, one passing
//! case for a file without findings. CI systems show it as a test report.

use super::render::Location;
use super::{Diagnostic, Severity};
use crate::span::{FileId, SourceMap};

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}') => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// `suite` names the run (`truthline check`); `files` are the files to report on.
pub fn junit(sources: &SourceMap, diags: &[Diagnostic], files: &[FileId], suite: &str) -> String {
    let failing = |d: &Diagnostic| d.severity >= Severity::Warning;
    let mut body = String::new();
    let (mut total, mut failures) = (0, 0);
    for &f in files {
        let name = &sources.get(f).name;
        let here: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.primary_span().map(|s| s.file) == Some(f))
            .collect();
        let fails = here.iter().filter(|d| failing(d)).count();
        let cases = here.len().max(1);
        total += cases;
        failures += fails;
        body.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{cases}\" failures=\"{fails}\" errors=\"0\" skipped=\"0\">\n",
            escape(name)
        ));
        if here.is_empty() {
            body.push_str(&format!(
                "    <testcase name=\"no findings\" classname=\"{}\"/>\n",
                escape(name)
            ));
        }
        for d in here {
            let loc = d.primary_span().map(|s| Location::of(sources, s));
            let at = loc
                .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
                .unwrap_or_default();
            let case = format!("{} {}: {}", d.code.code, d.code.name, d.message);
            body.push_str(&format!(
                "    <testcase name=\"{}\" classname=\"{}\">\n",
                escape(&case),
                escape(name)
            ));
            let detail = format!(
                "{at}\n{}{}",
                d.message,
                d.help.as_ref().map(|h| format!("\nhelp: {h}")).unwrap_or_default()
            );
            if failing(d) {
                body.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                    escape(&d.message),
                    d.severity.as_str(),
                    escape(&detail)
                ));
            } else {
                body.push_str(&format!("      <system-out>{}</system-out>\n", escape(&detail)));
            }
            body.push_str("    </testcase>\n");
        }
        body.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{}\" tests=\"{total}\" failures=\"{failures}\">\n{body}</testsuites>\n",
        escape(suite)
    )
}
