//! The docs site: a static HTML site rendered from the model with handlebars templates
//! embedded in the binary, in strict mode (a missing field is an error, not an empty
//! string). Pure: pages come back as [`OutputFile`]s and the caller writes them.
//!
//! The site works opened from disk (`file://`) and from any static host, offline: links
//! are relative, CSS and JavaScript are local files, and the search index is a script
//! (`search-index.js`) rather than JSON, since `fetch` of a file fails on `file://`.
//! Text from contracts only ever reaches a page through `{{ }}`, which escapes it; the
//! lineage SVG is built by [`graph`] with its text XML-escaped.

mod changes;
mod columns;
mod entities;
mod flowmap;
pub mod graph;
mod index;
pub mod links;
mod objects;
mod rules;
mod search;
mod text;
mod versions;

use super::sql::dialect::DialectName;
use super::OutputFile;
use crate::semantic::Model;
use handlebars::Handlebars;
use rayon::prelude::*;
use serde_json::Value;

/// What the site is built with besides the model.
#[derive(Debug, Clone)]
pub struct DocsOptions {
    /// The dialects whose SQL metric pages show, in this order.
    pub dialects: Vec<DialectName>,
    /// The project's name, shown in every page's header.
    pub title: String,
    /// Changes since a baseline (`truthline docs --against`), shown on `changes.html`.
    pub changes: Option<Changes>,
}

/// What `breaking` found against a baseline, for the site's changes page.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The baseline as given: a folder or `git:REV`.
    pub baseline: String,
    pub list: Vec<crate::checks::breaking::Change>,
}

/// A template that could not render: a bug in truthline, never in the contracts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocsError {
    pub page: String,
    pub message: String,
}

impl std::fmt::Display for DocsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the docs page {} could not be rendered ({}); this is a bug in truthline, please report it",
            self.page, self.message
        )
    }
}

/// One page to render: its path, its template and the data the template reads.
pub(crate) struct Page {
    pub path: String,
    pub template: &'static str,
    pub data: Value,
}

const TEMPLATES: &[(&str, &str)] = &[
    ("header", include_str!("templates/header.hbs")),
    ("footer", include_str!("templates/footer.hbs")),
    ("columns", include_str!("templates/columns.hbs")),
    ("refs", include_str!("templates/refs.hbs")),
    ("paragraphs", include_str!("templates/paragraphs.hbs")),
    ("inline", include_str!("templates/inline.hbs")),
    ("index", include_str!("templates/index.hbs")),
    ("list", include_str!("templates/list.hbs")),
    ("concept", include_str!("templates/concept.hbs")),
    ("system", include_str!("templates/system.hbs")),
    ("event", include_str!("templates/event.hbs")),
    ("table", include_str!("templates/table.hbs")),
    ("metric", include_str!("templates/metric.hbs")),
    ("team", include_str!("templates/team.hbs")),
    ("consumer", include_str!("templates/consumer.hbs")),
    ("rules", include_str!("templates/rules.hbs")),
    ("changes", include_str!("templates/changes.hbs")),
];

const STYLE: &str = include_str!("assets/style.css");
const SEARCH_JS: &str = include_str!("assets/search.js");

/// The templates, compiled once per process: compiling them parses every template (in a
/// profile of the `codegen` fuzz target, 27 of the 31 % its small sites took) and gives
/// the same registry every time.
fn registry() -> Result<&'static Handlebars<'static>, DocsError> {
    static REGISTRY: std::sync::OnceLock<Result<Handlebars<'static>, DocsError>> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(compile).as_ref().map_err(Clone::clone)
}

fn compile() -> Result<Handlebars<'static>, DocsError> {
    let mut hb = Handlebars::new();
    hb.register_escape_fn(escape);
    hb.set_strict_mode(true);
    hb.set_dev_mode(false);
    for (name, text) in TEMPLATES {
        hb.register_template_string(name, *text).map_err(|e| DocsError {
            page: format!("template {name}"),
            message: e.to_string(),
        })?;
    }
    Ok(hb)
}

/// handlebars' HTML escaping, after a character that HTML does not allow in a page's text
/// becomes U+FFFD, as a browser would show it: a doc comment or a string may hold a
/// control character or a noncharacter, and a page that holds one is not well-formed.
fn escape(text: &str) -> String {
    if !text.chars().any(not_in_html) {
        return handlebars::html_escape(text);
    }
    let clean: String = text
        .chars()
        .map(|c| if not_in_html(c) { '\u{FFFD}' } else { c })
        .collect();
    handlebars::html_escape(&clean)
}

/// Control characters other than the blanks, and noncharacters: both are parse errors in
/// an HTML page.
fn not_in_html(c: char) -> bool {
    let cp = u32::from(c);
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
        || (0xFDD0..=0xFDEF).contains(&cp)
        || cp & 0xFFFE == 0xFFFE
}

/// Renders the whole site: every page, the stylesheet, the search script and its index,
/// paths relative to the site's root, sorted.
pub fn generate(model: &Model, options: &DocsOptions) -> Result<Vec<OutputFile>, DocsError> {
    let hb = registry()?;
    let mut pages = index::pages(model, options);
    pages.extend(objects::pages(model, options));
    pages.extend(entities::pages(model));
    pages.push(rules::page());
    if let Some(c) = &options.changes {
        pages.push(changes::page(model, c));
    }
    let mut out: Vec<OutputFile> = pages
        .into_par_iter()
        .map(|mut p| {
            let root = if p.path.contains('/') { "../" } else { "" };
            if let Value::Object(map) = &mut p.data {
                let title = map.get("title").cloned().unwrap_or_default();
                map.insert("root".into(), Value::from(root));
                // What the header and footer read, apart: a partial gets a copy of its
                // context, so they get this small one rather than the whole page.
                map.insert(
                    "meta".into(),
                    serde_json::json!({
                        "root": root,
                        "project": options.title,
                        "title": title,
                        "changes": options.changes.is_some(),
                    }),
                );
            }
            hb.render_with_context(p.template, &handlebars::Context::from(p.data))
                .map(|contents| OutputFile {
                    path: p.path.clone(),
                    contents,
                })
                .map_err(|e| DocsError {
                    page: p.path,
                    message: e.to_string(),
                })
        })
        .collect::<Result<_, _>>()?;
    out.push(OutputFile {
        path: "assets/style.css".into(),
        contents: STYLE.into(),
    });
    out.push(OutputFile {
        path: "assets/search.js".into(),
        contents: SEARCH_JS.into(),
    });
    out.push(OutputFile {
        path: "search-index.js".into(),
        contents: search::index(model),
    });
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}
