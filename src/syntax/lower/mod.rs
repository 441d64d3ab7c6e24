//! Lowering: pest pairs → owned syntax tree. One file per construct.

mod decls;
mod event;
mod expect;
mod literals;
mod metric;
mod table;
mod types;

use super::ast;
use super::codes::DUPLICATE_ENTRY;
use super::parser::Rule;
use super::recover;
use crate::diagnostics::Diagnostic;
use crate::span::{FileId, Span, Spanned};
use pest::iterators::Pair;

pub(super) type P<'i> = Pair<'i, Rule>;

/// State of one file's lowering.
pub(super) struct Lower<'i> {
    pub file: FileId,
    pub text: &'i str,
    pub diags: Vec<Diagnostic>,
    /// After an entry reported as unknown, the end of its line: a bad entry before it is
    /// the rest of the same mistake (`owners payments` reads as `owner s`, then `payments`)
    /// and is not reported again.
    pub reported_to: usize,
}

pub(super) fn file(file: FileId, text: &str, root: P<'_>) -> (ast::File, Vec<Diagnostic>) {
    let mut lw = Lower {
        file,
        text,
        diags: Vec::new(),
        reported_to: 0,
    };
    let mut out = ast::File {
        namespace: None,
        decls: Vec::new(),
    };
    if has_long_word(text) {
        long_names(&mut lw, &root);
    }
    for p in root.into_inner() {
        match p.as_rule() {
            Rule::namespace_decl => out.namespace = p.into_inner().next().map(|q| lw.name(q)),
            Rule::item => {
                if let Some(d) = lw.item(p) {
                    out.decls.push(d);
                }
            }
            _ => {}
        }
    }
    (out, lw.diags)
}

/// Whether some run of identifier characters is longer than the limit: only then can a
/// name be, and only then are the file's tokens walked a second time.
fn has_long_word(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' {
            run += 1;
            if run > super::limits::MAX_IDENTIFIER_BYTES {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Every name longer than the limit, one diagnostic per dotted part.
fn long_names(lw: &mut Lower<'_>, root: &P<'_>) {
    for p in root.clone().into_inner().flatten() {
        if !matches!(p.as_rule(), Rule::ident | Rule::qname) {
            continue;
        }
        let mut at = p.as_span().start();
        for part in p.as_str().split('.') {
            if part.len() > super::limits::MAX_IDENTIFIER_BYTES {
                lw.diags.push(super::limits::identifier_too_long(Span::new(
                    lw.file,
                    at,
                    at + part.len(),
                )));
            }
            at += part.len() + 1;
        }
    }
}

impl<'i> Lower<'i> {
    /// The pair's span without the blanks and comments pest's implicit skipping leaves
    /// at its end, so a label never underlines a trailing comment.
    pub fn span(&self, p: &P<'_>) -> Span {
        let s = p.as_span();
        let text = s.as_str();
        // Most pairs are single tokens, which end in neither a blank nor a comment.
        let plain = text.as_bytes().last().is_none_or(|b| !b.is_ascii_whitespace()) && !text.contains('/');
        let len = if plain { text.len() } else { trimmed_len(text) };
        Span::new(self.file, s.start(), s.start() + len)
    }

    pub fn name(&self, p: P<'_>) -> ast::Name {
        ast::Name {
            text: p.as_str().to_string(),
            span: self.span(&p),
        }
    }

    /// Children that carry meaning: keyword tokens are dropped.
    pub fn kids<'p>(&self, p: P<'p>) -> impl Iterator<Item = P<'p>> {
        p.into_inner().filter(|c| !is_keyword(c.as_rule()))
    }

    pub fn names(&self, p: P<'_>) -> Vec<ast::Name> {
        p.into_inner().map(|c| self.name(c)).collect()
    }

    /// A list entry (`key a, b`) as a spanned list of names.
    pub fn name_list(&self, p: P<'_>) -> Spanned<Vec<ast::Name>> {
        let span = self.span(&p);
        let list = p.into_inner().next().map(|l| self.names(l)).unwrap_or_default();
        Spanned::new(list, span)
    }

    /// The single name inside an entry such as `owner payments`.
    pub fn inner_name(&self, p: P<'_>) -> Option<ast::Name> {
        p.into_inner().next().map(|c| self.name(c))
    }

    fn item(&mut self, p: P<'_>) -> Option<ast::Decl> {
        let span = self.span(&p);
        let mut docs = Vec::new();
        let mut doc_spans = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::doc_line => {
                    doc_spans.push(self.span(&c));
                    docs.push(doc_line(c));
                }
                Rule::bad_item => {
                    self.undocumented(&doc_spans);
                    let d = recover::bad_item(self.file, self.text, self.span(&c), &docs);
                    self.diags.extend(d);
                    return None;
                }
                _ => {
                    let kind = self.decl(c)?;
                    return Some(ast::Decl { docs, span, kind });
                }
            }
        }
        self.undocumented(&doc_spans);
        None
    }

    /// Doc lines whose declaration is missing or could not be read: each is reported as
    /// when it is skipped on its own (a dangling doc comment).
    fn undocumented(&mut self, doc_spans: &[Span]) {
        for s in doc_spans {
            let d = recover::bad_item(self.file, self.text, *s, &[]);
            self.diags.extend(d);
        }
    }

    fn decl(&mut self, p: P<'_>) -> Option<ast::DeclKind> {
        Some(match p.as_rule() {
            Rule::team_decl => ast::DeclKind::Team(self.team(p)),
            Rule::system_decl => ast::DeclKind::System(self.system(p)),
            Rule::concept_decl => ast::DeclKind::Concept(self.concept(p)),
            Rule::event_decl => ast::DeclKind::Event(self.event(p)),
            Rule::table_decl => ast::DeclKind::Table(self.table(p)),
            Rule::expect_decl => ast::DeclKind::Expect(self.expect(p)),
            Rule::metric_decl => ast::DeclKind::Metric(self.metric(p)),
            Rule::consumer_decl => ast::DeclKind::Consumer(self.consumer(p)),
            Rule::type_decl => ast::DeclKind::Type(self.type_alias(p)),
            Rule::struct_decl => ast::DeclKind::Struct(self.struct_decl(p)),
            Rule::columns_decl => ast::DeclKind::Columns(self.columns_decl(p)),
            _ => return None,
        })
    }

    /// An entry rule can match a prefix of a longer word (`ownerx payments` as `owner x`);
    /// such an entry is reported as unknown instead of being read.
    pub fn entry_word_ok(&mut self, p: &P<'_>, block: super::keywords::Block) -> bool {
        let text = p.as_str();
        let end = text
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
            .unwrap_or(text.len());
        let word = &text[..end];
        if block.find(word).is_some() {
            return self.value_on_its_line(p, word.len(), block);
        }
        self.bad_entry(p, block);
        let start = p.as_span().start();
        self.reported_to = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        false
    }

    /// Newlines are blanks, so an entry whose value is missing reads the next line's entry
    /// keyword as its value: `owner` ⏎ `compatibility backward` is `owner compatibility`,
    /// then a stray `backward`. Such an entry is reported as missing its value, and what is
    /// left of the next line is not reported again.
    fn value_on_its_line(&mut self, p: &P<'_>, keyword_len: usize, block: super::keywords::Block) -> bool {
        let start = p.as_span().start();
        let Some(value) = p.clone().into_inner().next() else {
            return true;
        };
        // Entries such as an expectation nest their keyword inside the first child.
        let Some(gap) = self.text.get(start + keyword_len..value.as_span().start()) else {
            return true;
        };
        let blank = |line: &str| line.split("//").next().unwrap_or("").trim().is_empty();
        let word: String = value
            .as_str()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !gap.contains('\n') || !gap.lines().all(blank) || block.find(&word).is_none() {
            return true;
        }
        let line = self.text[start..].lines().next().unwrap_or("");
        let line = line.split("//").next().unwrap_or("").trim_end();
        let d = recover::bad_entry(
            self.file,
            self.text,
            Span::new(self.file, start, start + line.len()),
            block,
        );
        self.diags.extend(d);
        let at = value.as_span().start();
        self.reported_to = self.text[at..].find('\n').map_or(self.text.len(), |i| at + i);
        false
    }

    /// Reports a malformed line inside a block.
    pub fn bad_entry(&mut self, p: &P<'_>, block: super::keywords::Block) {
        let d = recover::bad_entry(self.file, self.text, self.span(p), block);
        self.diags.extend(d);
    }

    pub fn waiver(&mut self, p: P<'_>) -> ast::Waiver {
        let span = self.span(&p);
        let mut it = self.kids(p);
        let code = it.next().map(|c| Spanned::new(c.as_str().to_string(), self.span(&c)));
        let reason = it.next().map(|c| self.string(c));
        let until = it.next().and_then(|c| self.date(c));
        ast::Waiver {
            code: code.unwrap_or_else(|| Spanned::new(String::new(), span)),
            reason: reason.unwrap_or_else(|| Spanned::new(String::new(), span)),
            until,
            span,
        }
    }

    /// Stores a once-only entry, reporting a repeat with both locations.
    pub fn once<T>(&mut self, seen: &mut Seen, slot: &mut Option<T>, keyword: &'static str, span: Span, value: T) {
        if let Some(first) = seen.check(keyword, span) {
            self.diags.push(
                Diagnostic::new(&DUPLICATE_ENTRY, span, format!("`{keyword}` is given more than once"))
                    .with_label_message("repeated here")
                    .with_secondary(first, "first given here")
                    .with_help(format!("keep one `{keyword}` entry")),
            );
            return;
        }
        *slot = Some(value);
    }
}

/// Where each once-only entry of a block was first seen.
#[derive(Default)]
pub(super) struct Seen(Vec<(&'static str, Span)>);

impl Seen {
    /// The span of an earlier entry of the same keyword, recording this one if it is first.
    pub fn check(&mut self, keyword: &'static str, span: Span) -> Option<Span> {
        if let Some((_, s)) = self.0.iter().find(|(k, _)| *k == keyword) {
            return Some(*s);
        }
        self.0.push((keyword, span));
        None
    }
}

fn doc_line(l: P<'_>) -> String {
    let t = l.as_str().trim_start_matches("///");
    t.strip_prefix(' ').unwrap_or(t).trim_end().to_string()
}

fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_team
            | Rule::kw_system
            | Rule::kw_concept
            | Rule::kw_event
            | Rule::kw_table
            | Rule::kw_expect
            | Rule::kw_metric
            | Rule::kw_consumer
            | Rule::kw_type
            | Rule::kw_struct
            | Rule::kw_columns
    )
}

/// Length of `text` without trailing blanks and `//` comments.
fn trimmed_len(text: &str) -> usize {
    let mut end = text.len();
    loop {
        end = text[..end].trim_end().len();
        let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        match comment_start(&text[line_start..end]) {
            Some(c) => end = line_start + c,
            None => return end,
        }
    }
}

/// Where a `//` comment (not `///` doc) starts on a line, outside strings.
fn comment_start(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        match (b[i], quote) {
            (b'\\', Some(b'"')) => i += 1,
            (q @ (b'"' | b'\''), None) => quote = Some(q),
            (q, Some(open)) if q == open => quote = None,
            (b'/', None) if b.get(i + 1) == Some(&b'/') => {
                return (!line[i..].starts_with("///") || line[i..].starts_with("////")).then_some(i);
            }
            _ => {}
        }
        i += 1;
    }
    None
}
