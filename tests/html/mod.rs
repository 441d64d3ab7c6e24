//! Whether a page is well-formed HTML: parsed by html5ever (through scraper), the parser
//! browsers' algorithm is written for, which reports every parse error the HTML standard
//! defines (a stray end tag, an element left open, a bad attribute, text before the
//! doctype…). Shared by tests/docs.rs and the `codegen` fuzz target.

/// The parse errors of `page`, none when it is well-formed.
pub fn errors(page: &str) -> Vec<String> {
    scraper::Html::parse_document(page)
        .errors
        .into_iter()
        .map(|e| e.into_owned())
        .collect()
}
