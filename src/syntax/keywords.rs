//! What each block accepts, in words: the entry keywords, the grammar rule of each, and a
//! usage line for hints. Recovery and "did you mean" read this table.

use super::parser::Rule;

/// One entry a block accepts.
pub struct Entry {
    pub keyword: &'static str,
    pub rule: Rule,
    pub usage: &'static str,
}

const fn e(keyword: &'static str, rule: Rule, usage: &'static str) -> Entry {
    Entry { keyword, rule, usage }
}

/// The kinds of block, each with its own entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Top,
    Team,
    System,
    Concept,
    Event,
    Table,
    Expect,
    Metric,
    Consumer,
}

const WAIVE: Entry = e(
    "waive",
    Rule::waiver,
    "waive metric-unreconciled \"why\" until 2027-01-01",
);
const OWNER: Entry = e("owner", Rule::owner, "owner payments");
const LATENESS: Entry = e("lateness", Rule::lateness, "lateness 3d");
const COMPAT: Entry = e(
    "compatibility",
    Rule::compatibility,
    "compatibility backward_transitive",
);

static TOP: &[Entry] = &[
    e(
        "team",
        Rule::team_decl,
        "team payments { contact \"#payments-oncall\" }",
    ),
    e(
        "system",
        Rule::system_decl,
        "system orders_db { domain operational engine postgres owner orders }",
    ),
    e(
        "concept",
        Rule::concept_decl,
        "concept order { authority orders_db.orders identifier order_id }",
    ),
    e(
        "event",
        Rule::event_decl,
        "event order_paid v1 { owner payments fields { … } }",
    ),
    e(
        "table",
        Rule::table_decl,
        "table payments { layer curated store warehouse … }",
    ),
    e("expect", Rule::expect_decl, "expect payments { unique payment_id }"),
    e("metric", Rule::metric_decl, "metric net_revenue v1 { owner finance … }"),
    e(
        "consumer",
        Rule::consumer_decl,
        "consumer finance_dashboard { owner finance uses metric net_revenue v1 }",
    ),
    e("type", Rule::type_decl, "type money = decimal(18,2)"),
    e("struct", Rule::struct_decl, "struct address { city string }"),
    e("columns", Rule::columns_decl, "columns audit { updated_at timestamp }"),
    e(
        "namespace",
        Rule::namespace_decl,
        "namespace commerce (first line of the file)",
    ),
];

static TEAM: &[Entry] = &[e("contact", Rule::contact, "contact \"#payments-oncall\""), WAIVE];

static SYSTEM: &[Entry] = &[
    e(
        "domain",
        Rule::domain,
        "domain operational|analytical|observational|experimental",
    ),
    e("engine", Rule::engine, "engine postgres"),
    OWNER,
    e("read", Rule::read_via, "read via cdc, replica, snapshot, events"),
    e("tables", Rule::holds, "tables orders, order_items"),
    e("ledger", Rule::ledger_flag, "ledger"),
    WAIVE,
];

static CONCEPT: &[Entry] = &[
    e("authority", Rule::authority, "authority orders_db.orders"),
    e("identifier", Rule::identifier, "identifier order_id"),
    e(
        "time",
        Rule::concept_time,
        "time placed_at as event|effective|processing",
    ),
    e("reconcile", Rule::concept_reconcile, "reconcile with ledger daily"),
    OWNER,
    WAIVE,
];

static EVENT: &[Entry] = &[
    OWNER,
    e("from", Rule::produced_by, "from payments_svc"),
    COMPAT,
    e("key", Rule::key, "key order_id"),
    e(
        "delivery",
        Rule::delivery,
        "delivery at_least_once|at_most_once|exactly_once",
    ),
    e("dedupe", Rule::dedupe, "dedupe event_id"),
    e("event_time", Rule::event_time, "event_time paid_at"),
    LATENESS,
    e("topic", Rule::topic, "topic \"payments.order_paid\""),
    e(
        "stability",
        Rule::stability,
        "stability stable|beta|experimental|deprecated",
    ),
    e("fields", Rule::fields_block, "fields { order_id string }"),
    WAIVE,
];

static TABLE: &[Entry] = &[
    e("layer", Rule::layer, "layer raw|curated|mart"),
    e("store", Rule::store, "store warehouse"),
    e(
        "source",
        Rule::source,
        "source event order_paid v3 | cdc orders_db.orders | snapshot … | replica … | tables a, b",
    ),
    OWNER,
    e("include", Rule::include, "include std.raw_metadata"),
    e("columns", Rule::columns_block, "columns { order_id string }"),
    e("grain", Rule::grain, "grain order_id"),
    e("key", Rule::key, "key order_id"),
    e("partition", Rule::partition, "partition by day(paid_at)"),
    e("retention", Rule::retention, "retention 400d"),
    e(
        "history",
        Rule::history,
        "history scd2 valid_from valid_from valid_to valid_to current is_current",
    ),
    e(
        "dedupe",
        Rule::table_dedupe,
        "dedupe on event_id keep latest by ingested_at",
    ),
    LATENESS,
    e("write", Rule::write_mode, "write append|merge|overwrite|upsert"),
    e(
        "materialized",
        Rule::materialized,
        "materialized view|table|incremental",
    ),
    COMPAT,
    e("transform", Rule::transform, "transform \"\"\"SELECT … FROM …\"\"\""),
    WAIVE,
];

static EXPECT: &[Entry] = &[
    e("freshness", Rule::expectation, "freshness paid_at within 2h"),
    e(
        "volume",
        Rule::expectation,
        "volume daily between 100 and 5000 | volume daily within 3 sigma",
    ),
    e("unique", Rule::expectation, "unique order_id"),
    e("not_null", Rule::expectation, "not_null order_id, amount"),
    e("accepted", Rule::expectation, "accepted currency in (\"EUR\", \"USD\")"),
    e(
        "references",
        Rule::expectation,
        "references order_id -> orders.order_id",
    ),
    e(
        "reconcile",
        Rule::expectation,
        "reconcile amount with ledger.daily_totals tolerance 0.5%",
    ),
    e("late_share", Rule::expectation, "late_share below 1%"),
    e(
        "check",
        Rule::expectation,
        "check no_negative_amounts severity warning: amount >= 0",
    ),
    WAIVE,
];

static METRIC: &[Entry] = &[
    OWNER,
    e("intent", Rule::intent, "intent \"Revenue after refunds\""),
    e("from", Rule::metric_from, "from payments"),
    e("measure", Rule::measure, "measure sum(amount)"),
    e("where", Rule::filter, "where status = 'captured'"),
    e(
        "time",
        Rule::metric_time,
        "time paid_at grain day timezone \"UTC\" window 28d lateness 3d",
    ),
    e("dimensions", Rule::dimensions, "dimensions channel, currency"),
    e("unit", Rule::unit, "unit EUR"),
    e(
        "reconcile",
        Rule::metric_reconcile,
        "reconcile with ledger.daily_totals tolerance 0.5%",
    ),
    e("replaces", Rule::replaces, "replaces net_revenue v1 sunset 2027-03-31"),
    e("sunset", Rule::sunset, "sunset 2027-03-31"),
    e("stability", Rule::stability, "stability stable"),
    WAIVE,
];

static CONSUMER: &[Entry] = &[
    OWNER,
    e("kind", Rule::consumer_kind, "kind dashboard"),
    e("clearance", Rule::consumer_clearance, "clearance internal"),
    e(
        "uses",
        Rule::uses,
        "uses metric net_revenue v2, table payments (amount)",
    ),
    WAIVE,
];

impl Block {
    pub fn entries(self) -> &'static [Entry] {
        match self {
            Block::Top => TOP,
            Block::Team => TEAM,
            Block::System => SYSTEM,
            Block::Concept => CONCEPT,
            Block::Event => EVENT,
            Block::Table => TABLE,
            Block::Expect => EXPECT,
            Block::Metric => METRIC,
            Block::Consumer => CONSUMER,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Block::Top => "file",
            Block::Team => "team",
            Block::System => "system",
            Block::Concept => "concept",
            Block::Event => "event",
            Block::Table => "table",
            Block::Expect => "expect",
            Block::Metric => "metric",
            Block::Consumer => "consumer",
        }
    }

    pub fn find(self, keyword: &str) -> Option<&'static Entry> {
        self.entries().iter().find(|e| e.keyword == keyword)
    }

    pub fn keywords(self) -> impl Iterator<Item = &'static str> {
        self.entries().iter().map(|e| e.keyword)
    }
}

/// Human words for grammar rules, so pest's "expected …" reads like English.
pub fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::ident | Rule::ident_list => "a name",
        Rule::qname => "a name (`a` or `a.b`)",
        Rule::string | Rule::string_inner => "a string in double quotes",
        Rule::duration => "a duration such as `3d`, `12h`, `30m`",
        Rule::date => "a date such as `2027-03-31`",
        Rule::percent => "a percentage such as `0.5%`",
        Rule::number | Rule::integer => "a number",
        Rule::version | Rule::replaced_version => "a version such as `v2`",
        Rule::literal => "a value",
        Rule::type_expr | Rule::named_type => "a type",
        Rule::domain_kind => "`operational`, `analytical`, `observational` or `experimental`",
        Rule::time_kind => "`event`, `effective` or `processing`",
        Rule::cadence => "`hourly`, `daily`, `weekly` or `monthly`",
        Rule::compat_mode => {
            "a compatibility mode (`backward`, `forward`, `full`, their `_transitive` forms, or `none`)"
        }
        Rule::delivery_kind => "`at_least_once`, `at_most_once` or `exactly_once`",
        Rule::stability_kind => "`stable`, `beta`, `experimental` or `deprecated`",
        Rule::layer_kind => "`raw`, `curated` or `mart`",
        Rule::source_kind => "`event`, `cdc`, `snapshot`, `replica` or `tables`",
        Rule::history_role => "`valid_from`, `valid_to` or `current`",
        Rule::keep_which => "`latest` or `earliest`",
        Rule::write_kind => "`append`, `merge`, `overwrite` or `upsert`",
        Rule::materialization => "`view`, `table` or `incremental`",
        Rule::severity_level | Rule::severity => "a severity (`error`, `warning`, `info`)",
        Rule::grain_unit => "a grain (`hour`, `day`, `week`, `month`, `quarter`, `year`)",
        Rule::use_kind => "`metric`, `table` or `event`",
        Rule::sql_line | Rule::sql_block => "a SQL fragment",
        Rule::code_ref => "a rule code or name",
        Rule::volume_between | Rule::volume_sigma => "`between N and M` or `within N sigma`",
        Rule::attribute => "an attribute such as `@pii`",
        Rule::field | Rule::bad_field => "a field (`name type`)",
        Rule::EOI => "the end of the file",
        _ => "",
    }
}
