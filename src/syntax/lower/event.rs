//! `event NAME vN { … }`

use super::{Lower, Seen, P};
use crate::span::Spanned;
use crate::syntax::ast::*;
use crate::syntax::keywords::Block;
use crate::syntax::parser::Rule;

impl Lower<'_> {
    pub fn event(&mut self, p: P<'_>) -> Event {
        let (name, version, entries) = self.header(p);
        let mut out = Event {
            name,
            version,
            owner: None,
            produced_by: None,
            compatibility: None,
            key: None,
            delivery: None,
            dedupe: None,
            event_time: None,
            lateness: None,
            topic: None,
            stability: None,
            fields: None,
            waivers: Vec::new(),
        };
        let mut seen = Seen::default();
        for c in entries {
            if !self.entry_ok(&c, Block::Event) {
                continue;
            }
            let span = self.span(&c);
            match c.as_rule() {
                Rule::owner => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.owner, "owner", span, v);
                }
                Rule::produced_by => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.produced_by, "from", span, v);
                }
                Rule::compatibility => {
                    let v = self.compat(c);
                    self.once_opt(&mut seen, &mut out.compatibility, "compatibility", span, v);
                }
                Rule::key => {
                    let v = self.name_list(c);
                    self.once(&mut seen, &mut out.key, "key", span, v);
                }
                Rule::delivery => {
                    let v = c.into_inner().next().map(|k| {
                        let d = match k.as_str() {
                            "at_least_once" => Delivery::AtLeastOnce,
                            "at_most_once" => Delivery::AtMostOnce,
                            _ => Delivery::ExactlyOnce,
                        };
                        Spanned::new(d, self.span(&k))
                    });
                    self.once_opt(&mut seen, &mut out.delivery, "delivery", span, v);
                }
                Rule::dedupe => {
                    let v = self.name_list(c);
                    self.once(&mut seen, &mut out.dedupe, "dedupe", span, v);
                }
                Rule::event_time => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.event_time, "event_time", span, v);
                }
                Rule::lateness => {
                    let v = self.inner_duration(c);
                    self.once_opt(&mut seen, &mut out.lateness, "lateness", span, v);
                }
                Rule::topic => {
                    let v = c.into_inner().next().map(|s| self.string(s));
                    self.once_opt(&mut seen, &mut out.topic, "topic", span, v);
                }
                Rule::stability => {
                    let v = self.stability(c);
                    self.once_opt(&mut seen, &mut out.stability, "stability", span, v);
                }
                Rule::fields_block => {
                    let v = self.field_block(c);
                    self.once(&mut seen, &mut out.fields, "fields", span, v);
                }
                Rule::waiver => out.waivers.push(self.waiver(c)),
                _ => {}
            }
        }
        out
    }

    pub fn compat(&self, p: P<'_>) -> Option<Spanned<CompatMode>> {
        let k = p.into_inner().next()?;
        let mode = match k.as_str() {
            "backward" => CompatMode::Backward,
            "forward" => CompatMode::Forward,
            "full" => CompatMode::Full,
            "backward_transitive" => CompatMode::BackwardTransitive,
            "forward_transitive" => CompatMode::ForwardTransitive,
            "full_transitive" => CompatMode::FullTransitive,
            _ => CompatMode::None,
        };
        Some(Spanned::new(mode, self.span(&k)))
    }

    pub fn stability(&self, p: P<'_>) -> Option<Spanned<Stability>> {
        let k = p.into_inner().next()?;
        let s = match k.as_str() {
            "stable" => Stability::Stable,
            "beta" => Stability::Beta,
            "experimental" => Stability::Experimental,
            _ => Stability::Deprecated,
        };
        Some(Spanned::new(s, self.span(&k)))
    }
}
