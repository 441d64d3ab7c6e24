//! The small declarations: team, system, concept, consumer, type, struct, columns.

use super::{Lower, Seen, P};
use crate::span::Spanned;
use crate::syntax::ast::*;
use crate::syntax::keywords::Block;
use crate::syntax::parser::Rule;

impl<'i> Lower<'i> {
    /// The name (and version) that open a declaration, and its entries.
    pub fn header<'p>(&mut self, p: P<'p>) -> (Name, Option<Spanned<u32>>, Vec<P<'p>>) {
        let span = self.span(&p);
        let mut name = Name {
            text: String::new(),
            span,
        };
        let mut version = None;
        let mut entries = Vec::new();
        for c in self.kids(p) {
            match c.as_rule() {
                Rule::ident | Rule::qname if name.text.is_empty() => name = self.name(c),
                Rule::version => version = self.version(c),
                _ => entries.push(c),
            }
        }
        (name, version, entries)
    }

    /// Reports bad and prefix-matched entries; true when the entry is to be read.
    pub fn entry_ok(&mut self, c: &P<'_>, block: Block) -> bool {
        if c.as_rule() == Rule::bad_entry {
            if c.as_span().start() >= self.reported_to {
                self.bad_entry(c, block);
            }
            return false;
        }
        self.entry_word_ok(c, block)
    }

    pub fn team(&mut self, p: P<'_>) -> Team {
        let (name, _, entries) = self.header(p);
        let mut out = Team {
            name,
            contacts: Vec::new(),
            waivers: Vec::new(),
        };
        for c in entries {
            if !self.entry_ok(&c, Block::Team) {
                continue;
            }
            match c.as_rule() {
                Rule::contact => {
                    if let Some(s) = c.into_inner().next() {
                        let s = self.string(s);
                        out.contacts.push(s);
                    }
                }
                Rule::waiver => out.waivers.push(self.waiver(c)),
                _ => {}
            }
        }
        out
    }

    pub fn system(&mut self, p: P<'_>) -> System {
        let (name, _, entries) = self.header(p);
        let mut out = System {
            name,
            domain: None,
            engine: None,
            owner: None,
            read_via: None,
            tables: None,
            ledger: None,
            waivers: Vec::new(),
        };
        let mut seen = Seen::default();
        for c in entries {
            if !self.entry_ok(&c, Block::System) {
                continue;
            }
            let span = self.span(&c);
            match c.as_rule() {
                Rule::domain => {
                    let v = c
                        .into_inner()
                        .next()
                        .map(|k| Spanned::new(domain(k.as_str()), self.span(&k)));
                    self.once(
                        &mut seen,
                        &mut out.domain,
                        "domain",
                        span,
                        v.unwrap_or(Spanned::new(Domain::Operational, span)),
                    );
                }
                Rule::engine => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.engine, "engine", span, v);
                }
                Rule::owner => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.owner, "owner", span, v);
                }
                Rule::read_via => {
                    let v = self.name_list(c);
                    self.once(&mut seen, &mut out.read_via, "read", span, v);
                }
                Rule::holds => {
                    let v = self.name_list(c);
                    self.once(&mut seen, &mut out.tables, "tables", span, v);
                }
                Rule::ledger_flag => self.once(&mut seen, &mut out.ledger, "ledger", span, span),
                Rule::waiver => out.waivers.push(self.waiver(c)),
                _ => {}
            }
        }
        out
    }

    pub fn concept(&mut self, p: P<'_>) -> Concept {
        let (name, _, entries) = self.header(p);
        let mut out = Concept {
            name,
            authorities: Vec::new(),
            identifier: None,
            time: None,
            reconcile: None,
            owner: None,
            waivers: Vec::new(),
        };
        let mut seen = Seen::default();
        for c in entries {
            if !self.entry_ok(&c, Block::Concept) {
                continue;
            }
            let span = self.span(&c);
            match c.as_rule() {
                Rule::authority => out.authorities.extend(self.inner_name(c)),
                Rule::identifier => {
                    let v = self.name_list(c);
                    self.once(&mut seen, &mut out.identifier, "identifier", span, v);
                }
                Rule::concept_time => {
                    let mut it = c.into_inner();
                    let column = it.next().map(|n| self.name(n));
                    let kind = it.next().map(|k| Spanned::new(time_kind(k.as_str()), self.span(&k)));
                    let v = column.map(|column| ConceptTime { column, kind, span });
                    self.once_opt(&mut seen, &mut out.time, "time", span, v);
                }
                Rule::concept_reconcile => {
                    let mut it = c.into_inner();
                    let target = it.next().map(|n| self.name(n));
                    let cadence = it.next().map(|k| Spanned::new(cadence(k.as_str()), self.span(&k)));
                    let v = target.map(|target| ConceptReconcile { target, cadence, span });
                    self.once_opt(&mut seen, &mut out.reconcile, "reconcile", span, v);
                }
                Rule::owner => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.owner, "owner", span, v);
                }
                Rule::waiver => out.waivers.push(self.waiver(c)),
                _ => {}
            }
        }
        out
    }

    pub fn consumer(&mut self, p: P<'_>) -> Consumer {
        let (name, _, entries) = self.header(p);
        let mut out = Consumer {
            name,
            owner: None,
            kind: None,
            clearance: None,
            uses: Vec::new(),
            waivers: Vec::new(),
        };
        let mut seen = Seen::default();
        for c in entries {
            if !self.entry_ok(&c, Block::Consumer) {
                continue;
            }
            let span = self.span(&c);
            match c.as_rule() {
                Rule::owner => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.owner, "owner", span, v);
                }
                Rule::consumer_kind => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.kind, "kind", span, v);
                }
                Rule::consumer_clearance => {
                    let v = self.inner_name(c);
                    self.once_opt(&mut seen, &mut out.clearance, "clearance", span, v);
                }
                Rule::uses => {
                    for t in c.into_inner() {
                        let u = self.use_target(t);
                        out.uses.extend(u);
                    }
                }
                Rule::waiver => out.waivers.push(self.waiver(c)),
                _ => {}
            }
        }
        out
    }

    fn use_target(&mut self, p: P<'_>) -> Option<Use> {
        let span = self.span(&p);
        let mut kind = None;
        let mut target = None;
        let mut version = None;
        let mut columns = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::use_kind => {
                    let k = match c.as_str() {
                        "metric" => UseKind::Metric,
                        "table" => UseKind::Table,
                        _ => UseKind::Event,
                    };
                    kind = Some(Spanned::new(k, self.span(&c)));
                }
                Rule::qname => target = Some(self.name(c)),
                Rule::version => version = self.version(c),
                Rule::ident_list => columns = self.names(c),
                _ => {}
            }
        }
        Some(Use {
            kind: kind?,
            target: target?,
            version,
            columns,
            span,
        })
    }

    pub fn type_alias(&mut self, p: P<'_>) -> TypeAlias {
        let span = self.span(&p);
        let (name, _, rest) = self.header(p);
        let mut ty = None;
        let mut attributes = Vec::new();
        for c in rest {
            match c.as_rule() {
                Rule::attribute => attributes.push(self.attribute(c)),
                _ if ty.is_none() => ty = Some(self.type_expr(c)),
                _ => {}
            }
        }
        let ty = ty.unwrap_or(TypeExpr {
            kind: TypeKind::Enum(Vec::new()),
            nullable: false,
            span,
        });
        TypeAlias { name, ty, attributes }
    }

    pub fn struct_decl(&mut self, p: P<'_>) -> StructDecl {
        let (name, fields, attributes) = self.field_decl(p);
        StructDecl {
            name,
            fields,
            attributes,
        }
    }

    pub fn columns_decl(&mut self, p: P<'_>) -> ColumnSet {
        let (name, columns, _) = self.field_decl(p);
        ColumnSet { name, columns }
    }

    /// `struct` and `columns` share a shape: a name, then fields directly in the block.
    fn field_decl(&mut self, p: P<'_>) -> (Name, Vec<Field>, Vec<Attribute>) {
        let span = self.span(&p);
        let mut name = Name {
            text: String::new(),
            span,
        };
        let mut fields = Vec::new();
        let mut attributes = Vec::new();
        for c in self.kids(p) {
            match c.as_rule() {
                Rule::ident => name = self.name(c),
                Rule::attribute => attributes.push(self.attribute(c)),
                Rule::field => fields.push(self.field(c)),
                Rule::bad_field => {
                    let d = crate::syntax::recover::bad_field(self.file, self.text, self.span(&c));
                    self.diags.extend(d);
                }
                _ => {}
            }
        }
        (name, fields, attributes)
    }

    /// Like [`Lower::once`] for a value the parse may have left out.
    pub fn once_opt<T>(
        &mut self,
        seen: &mut Seen,
        slot: &mut Option<T>,
        keyword: &'static str,
        span: crate::span::Span,
        value: Option<T>,
    ) {
        if let Some(v) = value {
            self.once(seen, slot, keyword, span, v);
        }
    }
}

pub fn domain(s: &str) -> Domain {
    match s {
        "operational" => Domain::Operational,
        "analytical" => Domain::Analytical,
        "observational" => Domain::Observational,
        _ => Domain::Experimental,
    }
}

pub fn time_kind(s: &str) -> TimeKind {
    match s {
        "event" => TimeKind::Event,
        "effective" => TimeKind::Effective,
        _ => TimeKind::Processing,
    }
}

pub fn cadence(s: &str) -> Cadence {
    match s {
        "hourly" => Cadence::Hourly,
        "daily" => Cadence::Daily,
        "weekly" => Cadence::Weekly,
        _ => Cadence::Monthly,
    }
}
