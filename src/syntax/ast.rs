//! The syntax tree: what a `.truth` file says, with a span on every node. It holds no pest
//! types; `lower` builds it from the parse tree.

use crate::span::{Span, Spanned};
use serde::Serialize;

/// One parsed file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct File {
    pub namespace: Option<Name>,
    pub decls: Vec<Decl>,
}

/// An identifier or dotted name as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// A top-level declaration with its `///` documentation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decl {
    pub docs: Vec<String>,
    pub span: Span,
    pub kind: DeclKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "decl", rename_all = "snake_case")]
pub enum DeclKind {
    Team(Team),
    System(System),
    Concept(Concept),
    Event(Event),
    Table(Table),
    Expect(Expect),
    Metric(Metric),
    Consumer(Consumer),
    Type(TypeAlias),
    Struct(StructDecl),
    Columns(ColumnSet),
}

impl DeclKind {
    /// The keyword that starts this declaration.
    pub fn keyword(&self) -> &'static str {
        match self {
            DeclKind::Team(_) => "team",
            DeclKind::System(_) => "system",
            DeclKind::Concept(_) => "concept",
            DeclKind::Event(_) => "event",
            DeclKind::Table(_) => "table",
            DeclKind::Expect(_) => "expect",
            DeclKind::Metric(_) => "metric",
            DeclKind::Consumer(_) => "consumer",
            DeclKind::Type(_) => "type",
            DeclKind::Struct(_) => "struct",
            DeclKind::Columns(_) => "columns",
        }
    }

    /// The declared name (for `expect`, the table it is about).
    pub fn name(&self) -> &Name {
        match self {
            DeclKind::Team(d) => &d.name,
            DeclKind::System(d) => &d.name,
            DeclKind::Concept(d) => &d.name,
            DeclKind::Event(d) => &d.name,
            DeclKind::Table(d) => &d.name,
            DeclKind::Expect(d) => &d.target,
            DeclKind::Metric(d) => &d.name,
            DeclKind::Consumer(d) => &d.name,
            DeclKind::Type(d) => &d.name,
            DeclKind::Struct(d) => &d.name,
            DeclKind::Columns(d) => &d.name,
        }
    }

    /// The waivers written inside the declaration.
    pub fn waivers(&self) -> &[Waiver] {
        match self {
            DeclKind::Team(d) => &d.waivers,
            DeclKind::System(d) => &d.waivers,
            DeclKind::Concept(d) => &d.waivers,
            DeclKind::Event(d) => &d.waivers,
            DeclKind::Table(d) => &d.waivers,
            DeclKind::Expect(d) => &d.waivers,
            DeclKind::Metric(d) => &d.waivers,
            DeclKind::Consumer(d) => &d.waivers,
            DeclKind::Type(_) | DeclKind::Struct(_) | DeclKind::Columns(_) => &[],
        }
    }
}

/// `team payments { contact "#payments-oncall" }`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Team {
    pub name: Name,
    pub contacts: Vec<Spanned<String>>,
    pub waivers: Vec<Waiver>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    Operational,
    Analytical,
    Observational,
    Experimental,
}

/// A store or service that holds data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct System {
    pub name: Name,
    pub domain: Option<Spanned<Domain>>,
    pub engine: Option<Name>,
    pub owner: Option<Name>,
    /// `read via cdc, replica`: how analytics may read it.
    pub read_via: Option<Spanned<Vec<Name>>>,
    /// `tables orders, order_items`: the tables it holds, when listed.
    pub tables: Option<Spanned<Vec<Name>>>,
    /// `ledger`: the auditable book that money metrics reconcile against.
    pub ledger: Option<Span>,
    pub waivers: Vec<Waiver>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    Event,
    Effective,
    Processing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Hourly,
    Daily,
    Weekly,
    Monthly,
}

/// A business concept and where its truth lives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concept {
    pub name: Name,
    /// `authority orders_db.orders`; more than one is a finding, so all are kept.
    pub authorities: Vec<Name>,
    pub identifier: Option<Spanned<Vec<Name>>>,
    pub time: Option<ConceptTime>,
    pub reconcile: Option<ConceptReconcile>,
    pub owner: Option<Name>,
    pub waivers: Vec<Waiver>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConceptTime {
    pub column: Name,
    pub kind: Option<Spanned<TimeKind>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConceptReconcile {
    pub target: Name,
    pub cadence: Option<Spanned<Cadence>>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompatMode {
    None,
    Backward,
    Forward,
    Full,
    BackwardTransitive,
    ForwardTransitive,
    FullTransitive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    AtLeastOnce,
    AtMostOnce,
    ExactlyOnce,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stability {
    Deprecated,
    Experimental,
    Beta,
    Stable,
}

/// A business event schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub name: Name,
    pub version: Option<Spanned<u32>>,
    pub owner: Option<Name>,
    /// `from payments_svc`: the system that produces it.
    pub produced_by: Option<Name>,
    pub compatibility: Option<Spanned<CompatMode>>,
    pub key: Option<Spanned<Vec<Name>>>,
    pub delivery: Option<Spanned<Delivery>>,
    pub dedupe: Option<Spanned<Vec<Name>>>,
    pub event_time: Option<Name>,
    pub lateness: Option<Spanned<Duration>>,
    pub topic: Option<Spanned<String>>,
    pub stability: Option<Spanned<Stability>>,
    pub fields: Option<Spanned<Vec<Field>>>,
    pub waivers: Vec<Waiver>,
}

/// A field of an event or struct, or a column of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    pub docs: Vec<String>,
    pub name: Name,
    pub ty: TypeExpr,
    pub default: Option<Spanned<Literal>>,
    pub attributes: Vec<Attribute>,
    pub span: Span,
}

/// `@pii`, `@doc("…")`, `@renamed_from(email)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribute {
    pub name: Name,
    pub args: Vec<Spanned<Literal>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeExpr {
    pub kind: TypeKind,
    pub nullable: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// A scalar (`decimal(18,2)`) or a named type (`std.money`).
    Named {
        name: Name,
        args: Vec<Spanned<u64>>,
    },
    List(Box<TypeExpr>),
    Map(Box<TypeExpr>, Box<TypeExpr>),
    /// `union<null, string, address>`: the branches in order.
    Union(Vec<TypeExpr>),
    Enum(Vec<Name>),
    Struct(Vec<Field>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Literal {
    String(String),
    /// Kept as written so that `0.50` prints back as `0.50`.
    Number(String),
    Bool(bool),
    Null,
    Ident(String),
    Date(Date),
    Duration(Duration),
    Percent(String),
}

/// A calendar date, checked to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    Ms,
    S,
    M,
    H,
    D,
    W,
}

/// `3d`, `90m`: a count and a unit, kept as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Duration {
    pub value: u64,
    pub unit: DurationUnit,
}

impl Duration {
    pub fn millis(self) -> u128 {
        let per = match self.unit {
            DurationUnit::Ms => 1,
            DurationUnit::S => 1_000,
            DurationUnit::M => 60_000,
            DurationUnit::H => 3_600_000,
            DurationUnit::D => 86_400_000,
            DurationUnit::W => 604_800_000,
        };
        u128::from(self.value) * per
    }
}

impl std::fmt::Display for Duration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = match self.unit {
            DurationUnit::Ms => "ms",
            DurationUnit::S => "s",
            DurationUnit::M => "m",
            DurationUnit::H => "h",
            DurationUnit::D => "d",
            DurationUnit::W => "w",
        };
        write!(f, "{}{unit}", self.value)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    Raw,
    Curated,
    Mart,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Event,
    Cdc,
    Snapshot,
    Replica,
    Tables,
}

/// `source event order_paid v3`, `source cdc orders_db.orders`, `source tables a, b`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub kind: Spanned<SourceKind>,
    pub targets: Vec<Name>,
    pub version: Option<Spanned<u32>>,
    pub span: Span,
}

/// `partition by day(paid_at)` or `partition by region`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partition {
    pub transform: Option<Name>,
    pub column: Name,
    pub span: Span,
}

/// `history scd2 valid_from f valid_to t current c`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    pub valid_from: Option<Name>,
    pub valid_to: Option<Name>,
    pub current: Option<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Keep {
    Latest,
    Earliest,
}

/// `dedupe on event_id keep latest by ingested_at`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableDedupe {
    pub on: Vec<Name>,
    pub keep: Option<(Spanned<Keep>, Name)>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteMode {
    Append,
    Merge,
    Overwrite,
    Upsert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Materialization {
    View,
    Table,
    Incremental,
}

/// A dataset in the analytical store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub name: Name,
    pub version: Option<Spanned<u32>>,
    pub layer: Option<Spanned<Layer>>,
    pub store: Option<Name>,
    pub sources: Vec<Source>,
    pub owner: Option<Name>,
    pub includes: Vec<Name>,
    pub columns: Option<Spanned<Vec<Field>>>,
    pub grain: Option<Spanned<Vec<Name>>>,
    pub key: Option<Spanned<Vec<Name>>>,
    pub partition: Option<Partition>,
    pub retention: Option<Spanned<Duration>>,
    pub history: Option<History>,
    pub dedupe: Option<TableDedupe>,
    pub lateness: Option<Spanned<Duration>>,
    pub write: Option<Spanned<WriteMode>>,
    pub materialized: Option<Spanned<Materialization>>,
    pub compatibility: Option<Spanned<CompatMode>>,
    /// The query that computes the table from its sources, as written.
    pub transform: Option<Sql>,
    pub waivers: Vec<Waiver>,
}

/// Quality expectations on one table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expect {
    pub target: Name,
    pub expectations: Vec<Expectation>,
    pub waivers: Vec<Waiver>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expectation {
    pub kind: ExpectationKind,
    pub severity: Option<Spanned<crate::diagnostics::Severity>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "check", rename_all = "snake_case")]
pub enum ExpectationKind {
    Freshness {
        column: Name,
        within: Spanned<Duration>,
    },
    Volume {
        cadence: Spanned<Cadence>,
        bound: VolumeBound,
    },
    Unique {
        columns: Vec<Name>,
    },
    NotNull {
        columns: Vec<Name>,
    },
    Accepted {
        column: Name,
        values: Vec<Spanned<Literal>>,
    },
    References {
        column: Name,
        target: Name,
    },
    Reconcile {
        column: Name,
        target: Name,
        tolerance: Spanned<String>,
    },
    LateShare {
        below: Spanned<String>,
    },
    Check {
        name: Name,
        sql: Sql,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VolumeBound {
    Between { min: Spanned<String>, max: Spanned<String> },
    Sigma { sigma: Spanned<String> },
}

/// A SQL fragment as written, with the span of its text (not of its delimiters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sql {
    pub text: String,
    /// Written as `"""…"""` rather than on one line.
    pub block: bool,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Grain {
    /// The keyword, as written in contracts: `day`, `month`.
    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Hour => "hour",
            Grain::Day => "day",
            Grain::Week => "week",
            Grain::Month => "month",
            Grain::Quarter => "quarter",
            Grain::Year => "year",
        }
    }
}

/// `time paid_at grain day timezone "UTC" window 28d lateness 3d`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricTime {
    pub column: Name,
    pub grain: Option<Spanned<Grain>>,
    pub timezone: Option<Spanned<String>>,
    pub window: Option<Spanned<Duration>>,
    pub lateness: Option<Spanned<Duration>>,
    pub span: Span,
}

/// `reconcile with ledger.daily_totals tolerance 0.5%`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricReconcile {
    pub target: Name,
    pub tolerance: Spanned<String>,
    pub span: Span,
}

/// `replaces net_revenue v1 sunset 2027-03-31`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Replaces {
    pub name: Name,
    pub version: Spanned<u32>,
    pub sunset: Option<Spanned<Date>>,
    pub span: Span,
}

/// A versioned metric definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub name: Name,
    pub version: Option<Spanned<u32>>,
    pub owner: Option<Name>,
    pub intent: Option<Spanned<String>>,
    pub from: Option<Name>,
    pub measure: Option<Sql>,
    pub filter: Option<Sql>,
    pub time: Option<MetricTime>,
    pub dimensions: Option<Spanned<Vec<Name>>>,
    pub unit: Option<Spanned<String>>,
    pub reconcile: Option<MetricReconcile>,
    pub replaces: Option<Replaces>,
    pub sunset: Option<Spanned<Date>>,
    pub stability: Option<Spanned<Stability>>,
    pub waivers: Vec<Waiver>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UseKind {
    Metric,
    Table,
    Event,
}

/// `metric net_revenue v2`, `table payments (amount, currency)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Use {
    pub kind: Spanned<UseKind>,
    pub target: Name,
    pub version: Option<Spanned<u32>>,
    pub columns: Vec<Name>,
    pub span: Span,
}

/// A dashboard, ML pipeline, export or service that reads contracts' data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consumer {
    pub name: Name,
    pub owner: Option<Name>,
    pub kind: Option<Name>,
    /// `clearance internal`: the strictest classification it may read.
    pub clearance: Option<Name>,
    pub uses: Vec<Use>,
    pub waivers: Vec<Waiver>,
}

/// `type money = decimal(18,2)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeAlias {
    pub name: Name,
    pub ty: TypeExpr,
    /// `@aliases(…)`, on a named enum or fixed type.
    pub attributes: Vec<Attribute>,
}

/// `struct address { … }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StructDecl {
    pub name: Name,
    pub fields: Vec<Field>,
    /// `@aliases(…)`: the earlier names of the struct, which readers accept.
    pub attributes: Vec<Attribute>,
}

/// `columns raw_metadata { … }`: a column set tables `include`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnSet {
    pub name: Name,
    pub columns: Vec<Field>,
}

/// `waive CODE "reason" until DATE`: silences one code on the declaration it sits in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waiver {
    pub code: Spanned<String>,
    pub reason: Spanned<String>,
    pub until: Option<Spanned<Date>>,
    pub span: Span,
}
