//! Tokens with values: strings, numbers, durations, dates, versions, literals.

use super::{Lower, P};
use crate::diagnostics::Diagnostic;
use crate::span::{Span, Spanned};
use crate::syntax::ast::{Date, Duration, DurationUnit, Literal};
use crate::syntax::codes::{INVALID_DATE, INVALID_ESCAPE, INVALID_NUMBER};
use crate::syntax::parser::Rule;

impl Lower<'_> {
    /// A `"…"` string with its escapes resolved.
    pub fn string(&mut self, p: P<'_>) -> Spanned<String> {
        let span = self.span(&p);
        let raw = p.as_str();
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        let value = self.unescape(inner, span.start as usize + 1);
        Spanned::new(value, span)
    }

    fn unescape(&mut self, s: &str, base: usize) -> String {
        let mut out = String::with_capacity(s.len());
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let bad = |lw: &mut Self, len: usize, what: String| {
                let span = Span::new(lw.file, base + i, base + i + len);
                lw.diags.push(
                    Diagnostic::new(&INVALID_ESCAPE, span, what)
                        .with_help("the escapes are \\\" \\\\ \\n \\t \\r and \\u{…}; write \\\\ for a backslash"),
                );
            };
            match it.next() {
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, 'u')) => {
                    let rest = &s[i + 2..];
                    let close = rest.find('}');
                    let hex = close.and_then(|c| rest.get(1..c)).filter(|_| rest.starts_with('{'));
                    match hex
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                    {
                        Some(ch) => {
                            out.push(ch);
                            let skip = close.unwrap_or(0) + 1;
                            for _ in 0..skip {
                                it.next();
                            }
                        }
                        None => bad(
                            self,
                            2,
                            "`\\u` needs a Unicode scalar value in braces, such as `\\u{e9}`".into(),
                        ),
                    }
                }
                Some((_, other)) => bad(self, 1 + other.len_utf8(), format!("unknown escape `\\{other}`")),
                None => bad(self, 1, "a string cannot end in a lone backslash".into()),
            }
        }
        out
    }

    pub fn version(&mut self, p: P<'_>) -> Option<Spanned<u32>> {
        let span = self.span(&p);
        self.number::<u32>(&p.as_str()[1..], span, "version")
            .map(|v| Spanned::new(v, span))
    }

    pub fn number<T: std::str::FromStr>(&mut self, text: &str, span: Span, what: &str) -> Option<T> {
        match text.parse::<T>() {
            Ok(v) => Some(v),
            Err(_) => {
                self.diags.push(
                    Diagnostic::new(&INVALID_NUMBER, span, format!("{what} `{text}` is out of range"))
                        .with_help("use a smaller number"),
                );
                None
            }
        }
    }

    pub fn duration(&mut self, p: P<'_>) -> Option<Spanned<Duration>> {
        let span = self.span(&p);
        let text = p.as_str();
        let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let unit = match &text[split..] {
            "ms" => DurationUnit::Ms,
            "s" => DurationUnit::S,
            "m" => DurationUnit::M,
            "h" => DurationUnit::H,
            "d" => DurationUnit::D,
            _ => DurationUnit::W,
        };
        let value = self.number::<u64>(&text[..split], span, "duration")?;
        Some(Spanned::new(Duration { value, unit }, span))
    }

    /// The duration inside an entry such as `lateness 3d`.
    pub fn inner_duration(&mut self, p: P<'_>) -> Option<Spanned<Duration>> {
        p.into_inner().next().and_then(|d| self.duration(d))
    }

    pub fn date(&mut self, p: P<'_>) -> Option<Spanned<Date>> {
        let span = self.span(&p);
        let t = p.as_str();
        let (y, m, d) = (
            t[0..4].parse::<u16>().ok()?,
            t[5..7].parse::<u8>().ok()?,
            t[8..10].parse::<u8>().ok()?,
        );
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if d == 0 || d > days {
            self.diags.push(
                Diagnostic::new(&INVALID_DATE, span, format!("`{t}` is not a calendar date"))
                    .with_help("dates are written YYYY-MM-DD"),
            );
            return None;
        }
        Some(Spanned::new(
            Date {
                year: y,
                month: m,
                day: d,
            },
            span,
        ))
    }

    /// A percentage as written, without the `%`.
    pub fn percent(&self, p: P<'_>) -> Spanned<String> {
        let span = self.span(&p);
        Spanned::new(p.as_str().trim_end_matches('%').to_string(), span)
    }

    pub fn literal(&mut self, p: P<'_>) -> Option<Spanned<Literal>> {
        let span = self.span(&p);
        let c = p.into_inner().next()?;
        let value = match c.as_rule() {
            Rule::string => Literal::String(self.string(c).value),
            Rule::number => Literal::Number(c.as_str().to_string()),
            Rule::boolean => Literal::Bool(c.as_str() == "true"),
            Rule::null => Literal::Null,
            Rule::date => Literal::Date(self.date(c)?.value),
            Rule::duration => Literal::Duration(self.duration(c)?.value),
            Rule::percent => Literal::Percent(self.percent(c).value),
            _ => Literal::Ident(c.as_str().to_string()),
        };
        Some(Spanned::new(value, span))
    }
}
