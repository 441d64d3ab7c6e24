//! Writing contract text from imported schemas. Importers describe declarations with
//! these small types; [`render`] writes them out and the formatter (`crate::fmt`) prints
//! the canonical form, so imported files look like hand-written ones.

/// A field of an event or struct, or a column of a table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Field {
    pub name: String,
    /// The type as written in a contract, without the `?`.
    pub ty: String,
    pub nullable: bool,
    /// A literal as written in a contract.
    pub default: Option<String>,
    /// Attributes as written, `@pii`, `@renamed_from(old)`.
    pub attrs: Vec<String>,
    pub doc: Option<String>,
}

/// One declaration: its doc, its header (`event order_paid v1`), its entries (whole
/// lines such as `owner payments`), and its fields under `block` (`fields`, `columns`, or
/// none for a `struct`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decl {
    pub doc: Option<String>,
    pub header: String,
    pub entries: Vec<String>,
    pub block: Option<&'static str>,
    pub fields: Vec<Field>,
}

/// A file: its namespace and declarations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct File {
    pub namespace: Option<String>,
    pub decls: Vec<Decl>,
}

/// The contract text of a file (not yet in the canonical layout).
pub fn render(file: &File) -> String {
    let mut out = String::new();
    if let Some(ns) = &file.namespace {
        out.push_str(&format!("namespace {ns}\n\n"));
    }
    for d in &file.decls {
        doc(&mut out, d.doc.as_deref(), "");
        if d.header.starts_with("type ") {
            out.push_str(&d.header);
            out.push_str("\n\n");
            continue;
        }
        out.push_str(&d.header);
        out.push_str(" {\n");
        for e in &d.entries {
            out.push_str(&format!("  {e}\n"));
        }
        let indent = if d.block.is_some() { "    " } else { "  " };
        if let Some(b) = d.block {
            // A blank line sets the fields apart from the entries, as the examples write it.
            if !d.entries.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("  {b} {{\n"));
        }
        for f in &d.fields {
            doc(&mut out, f.doc.as_deref(), indent);
            out.push_str(&format!(
                "{indent}{} {}{}",
                f.name,
                f.ty,
                if f.nullable { "?" } else { "" }
            ));
            if let Some(v) = &f.default {
                out.push_str(&format!(" default {v}"));
            }
            for a in &f.attrs {
                out.push(' ');
                out.push_str(a);
            }
            out.push('\n');
        }
        if d.block.is_some() {
            out.push_str("  }\n");
        }
        out.push_str("}\n\n");
    }
    out
}

fn doc(out: &mut String, text: Option<&str>, indent: &str) {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return;
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            out.push_str(&format!("{indent}///\n"));
        } else {
            out.push_str(&format!("{indent}/// {line}\n"));
        }
    }
}

/// A contract string literal: the formatter's own quoting, so that imported text reads
/// back to the same value (bidirectional controls escaped, as S018 requires).
pub fn string(s: &str) -> String {
    crate::fmt::string_literal(s)
}

/// Whether `s` is a valid contract name.
pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `s` as a valid contract name: other characters become `_`, a leading digit gets a
/// `_` in front. Returns whether it changed.
pub fn name(s: &str) -> (String, bool) {
    if is_name(s) {
        return (s.to_string(), false);
    }
    let mut out: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    (out, true)
}

/// A dotted namespace as a contract qualified name, if every part is a name.
pub fn namespace(s: &str) -> Option<String> {
    let parts: Vec<String> = s.split('.').map(|p| name(p).0).collect();
    (!s.is_empty()).then(|| parts.join("."))
}

/// A number literal as a contract writes it (no exponent), if it is one.
pub fn number(n: &serde_json::Number) -> Option<String> {
    let t = n.to_string();
    (!t.contains(['e', 'E'])).then_some(t)
}
