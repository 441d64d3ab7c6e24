//! What differs between the SQL engines truthline targets. Every method has a generic
//! default (ANSI SQL as PostgreSQL and DuckDB speak it); a dialect overrides only where
//! its engine differs.

use crate::semantic::types::Type;
use crate::syntax::ast::Grain;

/// The engines truthline generates SQL for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DialectName {
    Postgres,
    Mysql,
    Duckdb,
    Snowflake,
    Bigquery,
    Spark,
    Datafusion,
}

impl DialectName {
    pub const ALL: [DialectName; 7] = [
        DialectName::Postgres,
        DialectName::Mysql,
        DialectName::Duckdb,
        DialectName::Snowflake,
        DialectName::Bigquery,
        DialectName::Spark,
        DialectName::Datafusion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DialectName::Postgres => "postgres",
            DialectName::Mysql => "mysql",
            DialectName::Duckdb => "duckdb",
            DialectName::Snowflake => "snowflake",
            DialectName::Bigquery => "bigquery",
            DialectName::Spark => "spark",
            DialectName::Datafusion => "datafusion",
        }
    }

    pub fn parse(s: &str) -> Option<DialectName> {
        DialectName::ALL.into_iter().find(|d| d.as_str() == s)
    }

    pub fn dialect(self) -> &'static dyn Dialect {
        match self {
            DialectName::Postgres => &super::dialects::Postgres,
            DialectName::Mysql => &super::dialects::Mysql,
            DialectName::Duckdb => &super::dialects::Duckdb,
            DialectName::Snowflake => &super::dialects::Snowflake,
            DialectName::Bigquery => &super::dialects::Bigquery,
            DialectName::Spark => &super::dialects::Spark,
            DialectName::Datafusion => &super::dialects::Datafusion,
        }
    }
}

/// How to upsert the rows of an incremental model, when the engine can.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// `MERGE INTO … USING … WHEN MATCHED … WHEN NOT MATCHED …`.
    Merge,
    /// `INSERT … SELECT … ON DUPLICATE KEY UPDATE …` (MySQL, MariaDB).
    OnDuplicateKey,
    /// `INSERT OR REPLACE INTO … SELECT …` against the primary key (DuckDB).
    InsertOrReplace,
    /// No upsert: only the full-refresh form is generated.
    None,
}

pub trait Dialect: Sync {
    fn name(&self) -> DialectName;

    /// The sqlparser dialect every generated statement is parsed back with.
    fn parser(&self) -> Box<dyn sqlparser::dialect::Dialect>;

    /// The identifier quote character; doubled inside a quoted identifier.
    fn quote_char(&self) -> char {
        '"'
    }

    fn ident(&self, name: &str) -> String {
        let q = self.quote_char();
        let escaped = name.replace(q, &format!("{q}{q}"));
        format!("{q}{escaped}{q}")
    }

    /// A string literal. Engines that treat a backslash as an escape character get it
    /// doubled, so no contract text can end the literal early.
    fn string(&self, text: &str) -> String {
        let mut s = text.replace('\'', "''");
        if self.backslash_escapes() {
            s = s.replace('\\', "\\\\");
        }
        format!("'{s}'")
    }

    fn backslash_escapes(&self) -> bool {
        false
    }

    /// `schema.name`: each namespace becomes a schema (a database on MySQL, a dataset
    /// on BigQuery).
    fn qualified(&self, schema: &str, name: &str) -> String {
        format!("{}.{}", self.ident(schema), self.ident(name))
    }

    fn create_schema(&self, schema: &str) -> String {
        format!("CREATE SCHEMA IF NOT EXISTS {}", self.ident(schema))
    }

    fn type_name(&self, ty: &Type) -> String {
        generic_type(ty)
    }

    /// The type of the `string` columns a key is built from: engines that cannot index
    /// an unbounded text need a length.
    fn key_string_type(&self) -> String {
        self.type_name(&Type::String { max_length: None })
    }

    fn create_or_replace_view(&self, name: &str, query: &str) -> String {
        format!("CREATE OR REPLACE VIEW {name} AS\n{query}")
    }

    /// Where the engine supports it, the clause that partitions a table by the day of a
    /// timestamp column; otherwise the partitioning is only written as a comment.
    fn partition_by_day(&self, _column: &str) -> Option<String> {
        None
    }

    /// The text after the column list of `CREATE TABLE` (`USING DELTA`, engine options).
    fn table_options(&self) -> Option<String> {
        None
    }

    /// Whether `CREATE TABLE` may declare `PRIMARY KEY (…)`.
    fn primary_keys(&self) -> bool {
        true
    }

    /// The day (or other grain) of a UTC timestamp, as seen in `timezone`, as a `DATE`
    /// for day and coarser grains and a timestamp for hours.
    fn truncate(&self, expr: &str, grain: Grain, timezone: &str) -> String {
        let local = if is_utc(timezone) {
            expr.to_string()
        } else {
            format!("(({expr}) AT TIME ZONE 'UTC') AT TIME ZONE {}", self.string(timezone))
        };
        match grain {
            Grain::Day => format!("CAST({local} AS DATE)"),
            Grain::Hour => format!("DATE_TRUNC('hour', {local})"),
            g => format!("CAST(DATE_TRUNC('{}', {local}) AS DATE)", g.as_str()),
        }
    }

    /// `expr` minus a number of days, for timestamps and dates.
    fn minus_days(&self, expr: &str, days: u64) -> String {
        format!("{expr} - INTERVAL '{days} days'")
    }

    /// The current time in UTC, as a timestamp without a zone (how timestamps are stored).
    fn now_utc(&self) -> String {
        "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')".into()
    }

    /// A timestamp without a zone, written `YYYY-MM-DD HH:MM:SS`: the SQL standard's
    /// typed literal.
    fn timestamp_literal(&self, utc: &str) -> String {
        format!("TIMESTAMP '{utc}'")
    }

    /// A timestamp minus a number of seconds.
    fn minus_seconds_ts(&self, expr: &str, seconds: u64) -> String {
        format!("{expr} - INTERVAL '{seconds} seconds'")
    }

    /// A timestamp minus a number of days.
    fn minus_days_ts(&self, expr: &str, days: u64) -> String {
        self.minus_days(expr, days)
    }

    fn upsert(&self) -> Upsert {
        Upsert::Merge
    }

    fn true_literal(&self) -> &'static str {
        "TRUE"
    }

    /// `CAST(NULL AS t)` for a column the source does not carry.
    fn null_of(&self, ty: &Type) -> String {
        format!("CAST(NULL AS {})", self.type_name(ty))
    }

    /// A statement that attaches a comment to a view, where the engine has one.
    fn comment_on_view(&self, _view: &str, _text: &str) -> Option<String> {
        None
    }
}

pub fn is_utc(tz: &str) -> bool {
    matches!(tz, "UTC" | "Etc/UTC" | "utc" | "Z" | "+00:00")
}

/// ANSI names, as PostgreSQL spells them; nested types are kept as JSON text.
pub fn generic_type(ty: &Type) -> String {
    match ty {
        Type::Bool => "BOOLEAN".into(),
        Type::Int => "INTEGER".into(),
        Type::Long => "BIGINT".into(),
        Type::Float => "REAL".into(),
        Type::Double => "DOUBLE PRECISION".into(),
        Type::Decimal { precision, scale } => format!("NUMERIC({precision},{scale})"),
        Type::String { max_length: Some(n) } => format!("VARCHAR({n})"),
        Type::String { max_length: None } | Type::Enum { .. } => "TEXT".into(),
        Type::Bytes { .. } | Type::Fixed { .. } => "BYTEA".into(),
        Type::Uuid => "UUID".into(),
        Type::Date => "DATE".into(),
        Type::Time { .. } => "TIME".into(),
        Type::Timestamp { .. } => "TIMESTAMP".into(),
        Type::Duration => "INTERVAL".into(),
        // What is left is composite (`Type::is_composite`) or unknown.
        _ => "TEXT".into(),
    }
}
