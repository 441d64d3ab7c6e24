//! The layout tree the formatter prints: one node per declaration, entry or field, in
//! canonical order, each with its source extent (to place comments) and its comments; and
//! the printer that turns it into text.

/// Indentation of one block level.
pub const INDENT: usize = 4;
/// An `enum(…)` whose one-line form is longer than this is written over several lines.
pub const WRAP_AT: usize = 80;
/// The lines of a wrapped `enum(…)` are filled up to this width.
pub const WIDTH: usize = 100;
/// Spaces between the longest label of a block (an entry's keyword, a field's name) and
/// the column its values start in, unless every keyword has the same length; and between
/// the longest type of a block of fields and the column of their defaults and attributes.
pub const GAP: usize = 2;

/// A comment on a line of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// A blank line separates it from what comes before.
    pub blank_before: bool,
}

/// A declaration, entry, field or the namespace line.
#[derive(Debug, Default)]
pub struct Node {
    /// Where the node is in the source, to place comments; the start may fall after a
    /// leading keyword, the end is the end of its last token.
    pub start: usize,
    pub end: usize,
    pub docs: Vec<String>,
    /// An entry's keyword or a field's name, padded so that the values of a block line
    /// up.
    pub label: Option<String>,
    pub segs: Vec<Seg>,
    /// A field's default and attributes, in a column of their own after the types.
    pub tail: Option<String>,
    /// Comments on the lines above, in order.
    pub leading: Vec<Line>,
    /// A blank line separates the node from the comment above it (or, with no comment
    /// above, from what precedes it).
    pub body_blank: bool,
    /// A comment after the node on its last line.
    pub trailing: Option<String>,
}

#[derive(Debug)]
pub enum Seg {
    /// Text of the node's line; may hold newlines only inside SQL printed as written.
    Text(String),
    /// `{`, the items, `}`.
    Block(Block),
    /// `(a, b, …)` filled over several lines.
    Wrap(Vec<String>),
    /// Lines after the first, each starting in the column the node's value starts in
    /// (`uses` with one target per line).
    More(Vec<String>),
}

/// A `{ … }` block, or the whole file.
#[derive(Debug, Default)]
pub struct Block {
    /// The `{`; `None` for the file.
    pub open: Option<usize>,
    /// The `}`; the end of the text for the file.
    pub close: usize,
    /// The items in canonical order.
    pub items: Vec<Node>,
    /// A block of fields: their types are aligned, and their defaults and attributes.
    pub fields: bool,
    /// A comment after the `{` on its line.
    pub open_comment: Option<String>,
    /// Comments after the last item, before the `}` (or the end of the file).
    pub closing: Vec<Line>,
}

impl Node {
    pub fn new(start: usize, end: usize) -> Node {
        Node {
            start,
            end,
            ..Node::default()
        }
    }

    /// A node printed on one line.
    pub fn leaf(start: usize, end: usize, text: impl Into<String>) -> Node {
        let mut n = Node::new(start, end);
        n.push(text);
        n
    }

    /// `keyword value` on one line, the value in the block's column of values.
    pub fn entry(start: usize, end: usize, keyword: &str, value: impl Into<String>) -> Node {
        let value = value.into();
        let mut n = Node::new(start, end);
        if !value.is_empty() {
            n.push(value);
        }
        n.label = Some(keyword.to_string());
        n
    }

    /// Appends text to the node's line.
    pub fn push(&mut self, text: impl Into<String>) {
        let text = text.into();
        match self.segs.last_mut() {
            Some(Seg::Text(t)) => t.push_str(&text),
            _ => self.segs.push(Seg::Text(text)),
        }
    }

    pub fn blocks_mut(&mut self) -> impl Iterator<Item = &mut Block> {
        self.segs.iter_mut().filter_map(|s| match s {
            Seg::Block(b) => Some(b),
            _ => None,
        })
    }

    /// Whether a blank line comes before the node and its comments.
    fn blank_first(&self) -> bool {
        self.leading.first().map_or(self.body_blank, |l| l.blank_before)
    }

    /// The width of the node's text when it is one line of text, which a column after
    /// it can line up with.
    fn one_line_width(&self) -> Option<usize> {
        let mut w = 0;
        for s in &self.segs {
            match s {
                Seg::Text(t) if !t.contains('\n') => w += t.chars().count(),
                _ => return None,
            }
        }
        Some(w)
    }
}

impl Block {
    fn is_empty(&self) -> bool {
        self.items.is_empty() && self.open_comment.is_none() && self.closing.is_empty()
    }
}

/// Prints the file: its block holds the namespace line and the declarations.
pub fn print_file(file: &Block) -> String {
    let mut p = Printer { out: String::new() };
    p.items(file, 0, true);
    p.out
}

struct Printer {
    out: String,
}

impl Printer {
    fn pad(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    fn items(&mut self, block: &Block, indent: usize, file: bool) {
        let widths = || {
            block
                .items
                .iter()
                .filter_map(|n| n.label.as_ref())
                .map(|l| l.chars().count())
        };
        let width = widths().max().unwrap_or(0);
        // Values line up two spaces after the longest keyword; when every keyword has the
        // same length (`contact`, `contact`) they line up anyway, one space after it.
        // Field names always keep two spaces before their types.
        let gap = if !block.fields && widths().all(|w| w == width) {
            1
        } else {
            GAP
        };
        // Defaults and attributes line up after the longest one-line type that has some.
        let types = block
            .items
            .iter()
            .filter(|n| n.tail.is_some())
            .filter_map(Node::one_line_width)
            .max();
        let mut first = true;
        for item in &block.items {
            // Declarations are separated by one blank line; entries and fields keep a
            // blank line of the source.
            if !first && (file || item.blank_first()) {
                self.out.push('\n');
            }
            self.lines(&item.leading, indent);
            if !item.leading.is_empty() && item.body_blank {
                self.out.push('\n');
            }
            for d in &item.docs {
                self.pad(indent);
                self.out.push_str("///");
                if !d.is_empty() {
                    self.out.push(' ');
                    self.out.push_str(d);
                }
                self.out.push('\n');
            }
            self.pad(indent);
            let mut value_at = indent;
            if let Some(label) = &item.label {
                self.out.push_str(label);
                value_at += label.chars().count();
                // No padding before nothing: a flag entry (`ledger`) ends its line.
                if !item.segs.is_empty() || item.tail.is_some() {
                    let fill = width - label.chars().count() + gap;
                    self.pad(fill);
                    value_at += fill;
                }
            }
            self.segs(&item.segs, indent, value_at);
            if let Some(tail) = &item.tail {
                match (item.one_line_width(), types) {
                    (Some(w), Some(t)) => self.pad(t - w + GAP),
                    _ => self.out.push(' '),
                }
                self.out.push_str(tail);
            }
            if let Some(t) = &item.trailing {
                self.out.push(' ');
                self.out.push_str(t);
            }
            self.out.push('\n');
            first = false;
        }
        if let Some(c) = block.closing.first() {
            if !first && (file || c.blank_before) {
                self.out.push('\n');
            }
        }
        self.lines(&block.closing, indent);
    }

    /// Comment lines; a blank line of the source between two of them is kept.
    fn lines(&mut self, lines: &[Line], indent: usize) {
        for (i, l) in lines.iter().enumerate() {
            if i > 0 && l.blank_before {
                self.out.push('\n');
            }
            self.pad(indent);
            self.out.push_str(&l.text);
            self.out.push('\n');
        }
    }

    /// The node's segments; `value_at` is the column its value starts in.
    fn segs(&mut self, segs: &[Seg], indent: usize, value_at: usize) {
        for s in segs {
            match s {
                Seg::Text(t) => self.out.push_str(t),
                Seg::Block(b) if b.is_empty() => self.out.push_str("{}"),
                Seg::Block(b) => {
                    self.out.push('{');
                    if let Some(c) = &b.open_comment {
                        self.out.push(' ');
                        self.out.push_str(c);
                    }
                    self.out.push('\n');
                    self.items(b, indent + INDENT, false);
                    self.pad(indent);
                    self.out.push('}');
                }
                Seg::Wrap(items) => {
                    self.out.push_str("(\n");
                    self.fill(items, indent + INDENT);
                    self.out.push('\n');
                    self.pad(indent);
                    self.out.push(')');
                }
                Seg::More(lines) => {
                    for l in lines {
                        self.out.push('\n');
                        self.pad(value_at);
                        self.out.push_str(l);
                    }
                }
            }
        }
    }

    /// `a, b, c` over as few lines of at most [`WIDTH`] columns as it takes.
    fn fill(&mut self, items: &[String], indent: usize) {
        let mut col = 0;
        for (i, item) in items.iter().enumerate() {
            let last = i + 1 == items.len();
            let len = item.chars().count() + usize::from(!last);
            if col == 0 {
                self.pad(indent);
                col = indent;
            } else if col + 1 + len > WIDTH {
                self.out.push('\n');
                self.pad(indent);
                col = indent;
            } else {
                self.out.push(' ');
                col += 1;
            }
            self.out.push_str(item);
            if !last {
                self.out.push(',');
            }
            col += len;
        }
    }
}
