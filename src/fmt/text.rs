//! Tokens as the formatter writes them: strings re-escaped, literals as written, lists.

use crate::span::Spanned;
use crate::syntax::ast::{Literal, Name};
use serde::Serialize;

/// A string literal with its quotes, escaped so that it reads back to the same value.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // Bidirectional controls too: written raw they are an error (S018).
            c if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => string(s),
        Literal::Number(n) | Literal::Ident(n) => n.clone(),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".to_string(),
        Literal::Date(d) => d.to_string(),
        Literal::Duration(d) => d.to_string(),
        Literal::Percent(p) => format!("{p}%"),
    }
}

/// `a, b, c`
pub fn literals(list: &[Spanned<Literal>]) -> String {
    list.iter().map(|l| literal(&l.value)).collect::<Vec<_>>().join(", ")
}

/// `a, b, c`
pub fn names(list: &[Name]) -> String {
    list.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(", ")
}

/// ` v3`, or nothing.
pub fn version(v: &Option<Spanned<u32>>) -> String {
    v.as_ref().map(|v| format!(" v{}", v.value)).unwrap_or_default()
}

/// The keyword of a keyword-valued entry (`backward_transitive`, `at_least_once`): the
/// syntax tree's enums serialize as the words the grammar reads.
pub fn word<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A name the grammar reads as an identifier.
pub fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::{CompatMode, Delivery};

    #[test]
    fn strings_are_escaped() {
        assert_eq!(string("a\"b\\c\nd\te\rf"), r#""a\"b\\c\nd\te\rf""#);
        assert_eq!(string("bell\u{7}é"), r#""bell\u{7}é""#);
        assert_eq!(string("a\u{202e}b\u{2066}"), r#""a\u{202e}b\u{2066}""#);
        assert_eq!(string(""), r#""""#);
    }

    #[test]
    fn words_are_the_grammar_keywords() {
        assert_eq!(word(&CompatMode::BackwardTransitive), "backward_transitive");
        assert_eq!(word(&Delivery::AtLeastOnce), "at_least_once");
    }

    #[test]
    fn identifiers() {
        assert!(is_ident("usd_cents"));
        assert!(is_ident("_x1"));
        assert!(!is_ident("1x"));
        assert!(!is_ident("%"));
        assert!(!is_ident(""));
    }
}
