//! `table NAME { … }`

use super::{Lower, Seen, P};
use crate::span::Spanned;
use crate::syntax::ast::*;
use crate::syntax::keywords::Block;
use crate::syntax::parser::Rule;

impl Lower<'_> {
    pub fn table(&mut self, p: P<'_>) -> Table {
        let (name, version, entries) = self.header(p);
        let mut out = Table {
            name,
            version,
            layer: None,
            store: None,
            sources: Vec::new(),
            owner: None,
            includes: Vec::new(),
            columns: None,
            grain: None,
            key: None,
            partition: None,
            retention: None,
            history: None,
            dedupe: None,
            lateness: None,
            write: None,
            materialized: None,
            compatibility: None,
            transform: None,
            waivers: Vec::new(),
        };
        let mut seen = Seen::default();
        for c in entries {
            if !self.entry_ok(&c, Block::Table) {
                continue;
            }
            let span = self.span(&c);
            match c.as_rule() {
                Rule::layer => {
                    let v = c.into_inner().next().map(|k| {
                        let l = match k.as_str() {
                            "raw" => Layer::Raw,
                            "curated" => Layer::Curated,
                            _ => Layer::Mart,
                        };
                        Spanned::new(l, self.span(&k))
                    });
                    self.once_opt(&mut seen, &mut out.layer, "layer", span, v);
                }
                Rule::store => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.store, "store", span, v);
                }
                Rule::source => out.sources.extend(self.source(c)),
                Rule::owner => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.owner, "owner", span, v);
                }
                Rule::include => out.includes.extend(self.inner_name(c)),
                Rule::columns_block => {
                    let v = self.field_block(c);
                    self.once(&mut seen, &mut out.columns, "columns", span, v);
                }
                Rule::grain => {
                    let v = self.name_list(c);
                    self.once(&mut seen, &mut out.grain, "grain", span, v);
                }
                Rule::key => {
                    let v = self.name_list(c);
                    self.once(&mut seen, &mut out.key, "key", span, v);
                }
                Rule::partition => {
                    let mut names: Vec<Name> = c.into_inner().map(|n| self.name(n)).collect();
                    let column = names.pop();
                    let v = column.map(|column| Partition {
                        transform: names.pop(),
                        column,
                        span,
                    });
                    self.once_opt(&mut seen, &mut out.partition, "partition", span, v);
                }
                Rule::retention => {
                    let v = self.inner_duration(c);
                    self.once_opt(&mut seen, &mut out.retention, "retention", span, v);
                }
                Rule::history => {
                    let v = self.history(c);
                    self.once(&mut seen, &mut out.history, "history", span, v);
                }
                Rule::table_dedupe => {
                    let v = self.table_dedupe(c);
                    self.once(&mut seen, &mut out.dedupe, "dedupe", span, v);
                }
                Rule::lateness => {
                    let v = self.inner_duration(c);
                    self.once_opt(&mut seen, &mut out.lateness, "lateness", span, v);
                }
                Rule::write_mode => {
                    let v = c.into_inner().next().map(|k| {
                        let w = match k.as_str() {
                            "append" => WriteMode::Append,
                            "merge" => WriteMode::Merge,
                            "overwrite" => WriteMode::Overwrite,
                            _ => WriteMode::Upsert,
                        };
                        Spanned::new(w, self.span(&k))
                    });
                    self.once_opt(&mut seen, &mut out.write, "write", span, v);
                }
                Rule::transform => {
                    let v = c.into_inner().next().map(|s| self.sql(s));
                    self.once_opt(&mut seen, &mut out.transform, "transform", span, v);
                }
                Rule::materialized => {
                    let v = c.into_inner().next().map(|k| {
                        let m = match k.as_str() {
                            "view" => Materialization::View,
                            "table" => Materialization::Table,
                            _ => Materialization::Incremental,
                        };
                        Spanned::new(m, self.span(&k))
                    });
                    self.once_opt(&mut seen, &mut out.materialized, "materialized", span, v);
                }
                Rule::compatibility => {
                    let v = self.compat(c);
                    self.once_opt(&mut seen, &mut out.compatibility, "compatibility", span, v);
                }
                Rule::waiver => out.waivers.push(self.waiver(c)),
                _ => {}
            }
        }
        out
    }

    fn source(&mut self, p: P<'_>) -> Option<Source> {
        let span = self.span(&p);
        let mut kind = None;
        let mut targets = Vec::new();
        let mut version = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::source_kind => {
                    let k = match c.as_str() {
                        "event" => SourceKind::Event,
                        "cdc" => SourceKind::Cdc,
                        "snapshot" => SourceKind::Snapshot,
                        "replica" => SourceKind::Replica,
                        _ => SourceKind::Tables,
                    };
                    kind = Some(Spanned::new(k, self.span(&c)));
                }
                Rule::qname => targets.push(self.name(c)),
                Rule::version => version = self.version(c),
                _ => {}
            }
        }
        Some(Source {
            kind: kind?,
            targets,
            version,
            span,
        })
    }

    fn history(&mut self, p: P<'_>) -> History {
        let span = self.span(&p);
        let mut h = History {
            valid_from: None,
            valid_to: None,
            current: None,
            span,
        };
        for part in p.into_inner() {
            let mut it = part.into_inner();
            let (Some(role), Some(col)) = (it.next(), it.next()) else {
                continue;
            };
            let col = self.name(col);
            match role.as_str() {
                "valid_from" => h.valid_from = Some(col),
                "valid_to" => h.valid_to = Some(col),
                _ => h.current = Some(col),
            }
        }
        h
    }

    fn table_dedupe(&mut self, p: P<'_>) -> TableDedupe {
        let span = self.span(&p);
        let mut on = Vec::new();
        let mut keep = None;
        let mut which = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident_list => on = self.names(c),
                Rule::keep_which => {
                    let k = if c.as_str() == "latest" {
                        Keep::Latest
                    } else {
                        Keep::Earliest
                    };
                    which = Some(Spanned::new(k, self.span(&c)));
                }
                Rule::ident => keep = which.take().map(|w| (w, self.name(c))),
                _ => {}
            }
        }
        TableDedupe { on, keep, span }
    }
}
