//! `metric NAME vN { … }`

use super::{Lower, Seen, P};
use crate::span::{Span, Spanned};
use crate::syntax::ast::*;
use crate::syntax::keywords::Block;
use crate::syntax::parser::Rule;

impl Lower<'_> {
    pub fn metric(&mut self, p: P<'_>) -> Metric {
        let (name, version, entries) = self.header(p);
        let mut out = Metric {
            name,
            version,
            owner: None,
            intent: None,
            from: None,
            measure: None,
            filter: None,
            time: None,
            dimensions: None,
            unit: None,
            reconcile: None,
            replaces: None,
            sunset: None,
            stability: None,
            waivers: Vec::new(),
        };
        let mut seen = Seen::default();
        for c in entries {
            if !self.entry_ok(&c, Block::Metric) {
                continue;
            }
            let span = self.span(&c);
            match c.as_rule() {
                Rule::owner => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.owner, "owner", span, v);
                }
                Rule::intent => {
                    let v = c.into_inner().next().map(|s| self.string(s));
                    self.once_opt(&mut seen, &mut out.intent, "intent", span, v);
                }
                Rule::metric_from => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.from, "from", span, v);
                }
                Rule::measure => {
                    let v = c.into_inner().next().map(|s| self.sql(s));
                    self.once_opt(&mut seen, &mut out.measure, "measure", span, v);
                }
                Rule::filter => {
                    let v = c.into_inner().next().map(|s| self.sql(s));
                    self.once_opt(&mut seen, &mut out.filter, "where", span, v);
                }
                Rule::metric_time => {
                    let v = self.metric_time(c, span);
                    self.once_opt(&mut seen, &mut out.time, "time", span, v);
                }
                Rule::dimensions => {
                    let v = self.name_list(c);
                    self.once(&mut seen, &mut out.dimensions, "dimensions", span, v);
                }
                Rule::unit => {
                    let v = c.into_inner().next().map(|u| {
                        if u.as_rule() == Rule::string {
                            self.string(u)
                        } else {
                            Spanned::new(u.as_str().to_string(), self.span(&u))
                        }
                    });
                    self.once_opt(&mut seen, &mut out.unit, "unit", span, v);
                }
                Rule::metric_reconcile => {
                    let mut it = c.into_inner();
                    let target = it.next().map(|n| self.name(n));
                    let tolerance = it.next().map(|t| self.percent(t));
                    let v = target.zip(tolerance).map(|(target, tolerance)| MetricReconcile {
                        target,
                        tolerance,
                        span,
                    });
                    self.once_opt(&mut seen, &mut out.reconcile, "reconcile", span, v);
                }
                Rule::replaces => {
                    // `replaces NAME replaced_version(vN sunset DATE)`, flattened.
                    let mut it = c.into_inner().flat_map(|p| match p.as_rule() {
                        Rule::replaced_version => p.into_inner().collect::<Vec<_>>(),
                        _ => vec![p],
                    });
                    let name = it.next().map(|n| self.name(n));
                    let version = it.next().and_then(|v| self.version(v));
                    let sunset = it.next().and_then(|d| self.date(d));
                    let v = name.zip(version).map(|(name, version)| Replaces {
                        name,
                        version,
                        sunset,
                        span,
                    });
                    self.once_opt(&mut seen, &mut out.replaces, "replaces", span, v);
                }
                Rule::sunset => {
                    let v = c.into_inner().next().and_then(|d| self.date(d));
                    self.once_opt(&mut seen, &mut out.sunset, "sunset", span, v);
                }
                Rule::stability => {
                    let v = self.stability(c);
                    self.once_opt(&mut seen, &mut out.stability, "stability", span, v);
                }
                Rule::waiver => out.waivers.push(self.waiver(c)),
                _ => {}
            }
        }
        out
    }

    fn metric_time(&mut self, p: P<'_>, span: Span) -> Option<MetricTime> {
        let mut it = p.into_inner();
        let column = self.name(it.next()?);
        let mut t = MetricTime {
            column,
            grain: None,
            timezone: None,
            window: None,
            lateness: None,
            span,
        };
        let mut seen = Seen::default();
        for o in it {
            let ospan = self.span(&o);
            match o.as_rule() {
                Rule::time_grain => {
                    let v = o.into_inner().next().map(|g| {
                        let grain = match g.as_str() {
                            "hour" => Grain::Hour,
                            "day" => Grain::Day,
                            "week" => Grain::Week,
                            "month" => Grain::Month,
                            "quarter" => Grain::Quarter,
                            _ => Grain::Year,
                        };
                        Spanned::new(grain, self.span(&g))
                    });
                    self.once_opt(&mut seen, &mut t.grain, "grain", ospan, v);
                }
                Rule::time_zone => {
                    let v = o.into_inner().next().map(|s| self.string(s));
                    self.once_opt(&mut seen, &mut t.timezone, "timezone", ospan, v);
                }
                Rule::time_window => {
                    let v = self.inner_duration(o);
                    self.once_opt(&mut seen, &mut t.window, "window", ospan, v);
                }
                Rule::lateness => {
                    let v = self.inner_duration(o);
                    self.once_opt(&mut seen, &mut t.lateness, "lateness", ospan, v);
                }
                _ => {}
            }
        }
        Some(t)
    }

    /// A SQL fragment, its span covering the SQL text only.
    pub fn sql(&self, p: P<'_>) -> Sql {
        let block = p.as_rule() == Rule::sql_block;
        let body = if block {
            p.clone().into_inner().next().unwrap_or(p.clone())
        } else {
            p.clone()
        };
        let raw = body.as_str();
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        let start = body.as_span().start() + lead;
        Sql {
            text: text.to_string(),
            block,
            span: Span::new(self.file, start, start + text.len()),
        }
    }
}
