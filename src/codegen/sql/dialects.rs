//! The seven dialects: only what differs from the generic defaults of [`Dialect`].

use super::dialect::{generic_type, is_utc, Dialect, DialectName, Upsert};
use crate::semantic::types::Type;
use crate::syntax::ast::Grain;
use sqlparser::dialect as sp;

pub struct Postgres;
pub struct Mysql;
pub struct Duckdb;
pub struct Snowflake;
pub struct Bigquery;
pub struct Spark;
pub struct Datafusion;

impl Dialect for Postgres {
    fn name(&self) -> DialectName {
        DialectName::Postgres
    }
    fn parser(&self) -> Box<dyn sp::Dialect> {
        Box::new(sp::PostgreSqlDialect {})
    }
    fn type_name(&self, ty: &Type) -> String {
        match ty {
            t if t.is_composite() => "JSONB".into(),
            _ => generic_type(ty),
        }
    }
    fn comment_on_view(&self, view: &str, text: &str) -> Option<String> {
        Some(format!("COMMENT ON VIEW {view} IS {}", self.string(text)))
    }
}

impl Dialect for Mysql {
    fn name(&self) -> DialectName {
        DialectName::Mysql
    }
    fn now_utc(&self) -> String {
        "UTC_TIMESTAMP(6)".into()
    }
    fn minus_seconds_ts(&self, expr: &str, seconds: u64) -> String {
        format!("{expr} - INTERVAL {seconds} SECOND")
    }
    fn parser(&self) -> Box<dyn sp::Dialect> {
        Box::new(sp::MySqlDialect {})
    }
    fn quote_char(&self) -> char {
        '`'
    }
    fn backslash_escapes(&self) -> bool {
        true
    }
    fn type_name(&self, ty: &Type) -> String {
        match ty {
            Type::Int => "INT".into(),
            Type::Float => "FLOAT".into(),
            Type::Double => "DOUBLE".into(),
            Type::Decimal { precision, scale } => format!("DECIMAL({precision},{scale})"),
            Type::Bytes { .. } | Type::Fixed { .. } => "LONGBLOB".into(),
            Type::Uuid => "CHAR(36)".into(),
            Type::Time { .. } => "TIME(6)".into(),
            Type::Timestamp { .. } => "DATETIME(6)".into(),
            Type::Duration => "BIGINT".into(),
            t if t.is_composite() => "JSON".into(),
            _ => generic_type(ty),
        }
    }
    fn key_string_type(&self) -> String {
        "VARCHAR(255)".into()
    }
    fn truncate(&self, expr: &str, grain: Grain, timezone: &str) -> String {
        // Named zones need the server's time zone tables; UTC never does.
        let x = if is_utc(timezone) {
            expr.to_string()
        } else {
            format!("CONVERT_TZ({expr}, '+00:00', {})", self.string(timezone))
        };
        match grain {
            Grain::Hour => format!("DATE_FORMAT({x}, '%Y-%m-%d %H:00:00')"),
            Grain::Day => format!("CAST({x} AS DATE)"),
            Grain::Week => format!("DATE_SUB(CAST({x} AS DATE), INTERVAL WEEKDAY({x}) DAY)"),
            Grain::Month => format!("CAST(DATE_FORMAT({x}, '%Y-%m-01') AS DATE)"),
            Grain::Quarter => format!("MAKEDATE(YEAR({x}), 1) + INTERVAL (QUARTER({x}) - 1) QUARTER"),
            Grain::Year => format!("MAKEDATE(YEAR({x}), 1)"),
        }
    }
    fn minus_days(&self, expr: &str, days: u64) -> String {
        format!("{expr} - INTERVAL {days} DAY")
    }
    fn upsert(&self) -> Upsert {
        Upsert::OnDuplicateKey
    }
    fn null_of(&self, _ty: &Type) -> String {
        // MariaDB casts only to a few types; the column being written types the NULL.
        "NULL".into()
    }
}

impl Dialect for Duckdb {
    fn name(&self) -> DialectName {
        DialectName::Duckdb
    }
    fn parser(&self) -> Box<dyn sp::Dialect> {
        Box::new(sp::DuckDbDialect {})
    }
    fn type_name(&self, ty: &Type) -> String {
        match ty {
            Type::Float => "REAL".into(),
            Type::Double => "DOUBLE".into(),
            Type::Decimal { precision, scale } => format!("DECIMAL({precision},{scale})"),
            Type::String { .. } | Type::Enum { .. } => "VARCHAR".into(),
            Type::Bytes { .. } | Type::Fixed { .. } => "BLOB".into(),
            t if t.is_composite() || *t == Type::Unknown => "VARCHAR".into(),
            _ => generic_type(ty),
        }
    }
}

impl Dialect for Snowflake {
    fn name(&self) -> DialectName {
        DialectName::Snowflake
    }
    fn now_utc(&self) -> String {
        "SYSDATE()".into()
    }
    fn minus_seconds_ts(&self, expr: &str, seconds: u64) -> String {
        format!("DATEADD(second, -{seconds}, {expr})")
    }
    fn parser(&self) -> Box<dyn sp::Dialect> {
        Box::new(sp::SnowflakeDialect)
    }
    fn type_name(&self, ty: &Type) -> String {
        match ty {
            Type::Float => "FLOAT".into(),
            Type::Double => "DOUBLE".into(),
            Type::Decimal { precision, scale } => format!("NUMBER({precision},{scale})"),
            Type::String { max_length: None } | Type::Enum { .. } => "VARCHAR".into(),
            Type::Bytes { .. } | Type::Fixed { .. } => "BINARY".into(),
            Type::Uuid => "VARCHAR(36)".into(),
            Type::Timestamp { .. } => "TIMESTAMP_NTZ".into(),
            Type::Duration => "BIGINT".into(),
            t if t.is_composite() || *t == Type::Unknown => "VARIANT".into(),
            _ => generic_type(ty),
        }
    }
    fn backslash_escapes(&self) -> bool {
        true
    }
    fn partition_by_day(&self, column: &str) -> Option<String> {
        Some(format!("CLUSTER BY (TO_DATE({column}))"))
    }
    fn truncate(&self, expr: &str, grain: Grain, timezone: &str) -> String {
        let x = if is_utc(timezone) {
            expr.to_string()
        } else {
            format!("CONVERT_TIMEZONE('UTC', {}, {expr})", self.string(timezone))
        };
        match grain {
            Grain::Day => format!("CAST({x} AS DATE)"),
            Grain::Hour => format!("DATE_TRUNC('hour', {x})"),
            g => format!("CAST(DATE_TRUNC('{}', {x}) AS DATE)", g.as_str()),
        }
    }
    fn minus_days(&self, expr: &str, days: u64) -> String {
        format!("DATEADD(day, -{days}, {expr})")
    }
    fn comment_on_view(&self, view: &str, text: &str) -> Option<String> {
        Some(format!("COMMENT ON VIEW {view} IS {}", self.string(text)))
    }
}

impl Dialect for Bigquery {
    fn name(&self) -> DialectName {
        DialectName::Bigquery
    }
    fn now_utc(&self) -> String {
        "CURRENT_TIMESTAMP()".into()
    }
    fn minus_seconds_ts(&self, expr: &str, seconds: u64) -> String {
        format!("TIMESTAMP_SUB({expr}, INTERVAL {seconds} SECOND)")
    }
    fn parser(&self) -> Box<dyn sp::Dialect> {
        Box::new(sp::BigQueryDialect)
    }
    fn quote_char(&self) -> char {
        '`'
    }
    fn ident(&self, name: &str) -> String {
        // A backquoted BigQuery identifier escapes with a backslash, not by doubling.
        format!("`{}`", name.replace('\\', "\\\\").replace('`', "\\`"))
    }
    fn string(&self, text: &str) -> String {
        // BigQuery has no '' escape: a quote inside a literal is \'.
        format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
    }
    fn type_name(&self, ty: &Type) -> String {
        match ty {
            Type::Bool => "BOOL".into(),
            Type::Int | Type::Long | Type::Duration => "INT64".into(),
            Type::Float | Type::Double => "FLOAT64".into(),
            Type::Decimal { precision, scale } if precision.saturating_sub(*scale) <= 29 && *scale <= 9 => {
                format!("NUMERIC({precision},{scale})")
            }
            Type::Decimal { precision, scale } => format!("BIGNUMERIC({precision},{scale})"),
            Type::String { .. } | Type::Enum { .. } | Type::Uuid => "STRING".into(),
            Type::Bytes { .. } | Type::Fixed { .. } => "BYTES".into(),
            t if t.is_composite() || *t == Type::Unknown => "JSON".into(),
            _ => generic_type(ty),
        }
    }
    fn primary_keys(&self) -> bool {
        false
    }
    fn partition_by_day(&self, column: &str) -> Option<String> {
        Some(format!("PARTITION BY DATE({column})"))
    }
    fn truncate(&self, expr: &str, grain: Grain, timezone: &str) -> String {
        let tz = self.string(timezone);
        match grain {
            Grain::Hour => format!("TIMESTAMP_TRUNC({expr}, HOUR, {tz})"),
            Grain::Day => format!("DATE({expr}, {tz})"),
            g => format!("DATE_TRUNC(DATE({expr}, {tz}), {})", g.as_str().to_uppercase()),
        }
    }
    fn minus_days(&self, expr: &str, days: u64) -> String {
        format!("DATE_SUB({expr}, INTERVAL {days} DAY)")
    }
    fn minus_days_ts(&self, expr: &str, days: u64) -> String {
        format!("TIMESTAMP_SUB({expr}, INTERVAL {days} DAY)")
    }
}

impl Dialect for Spark {
    fn name(&self) -> DialectName {
        DialectName::Spark
    }
    fn now_utc(&self) -> String {
        "TO_UTC_TIMESTAMP(CURRENT_TIMESTAMP(), CURRENT_TIMEZONE())".into()
    }
    fn minus_seconds_ts(&self, expr: &str, seconds: u64) -> String {
        format!("{expr} - INTERVAL {seconds} SECONDS")
    }
    fn parser(&self) -> Box<dyn sp::Dialect> {
        Box::new(sp::SparkSqlDialect)
    }
    fn quote_char(&self) -> char {
        '`'
    }
    fn backslash_escapes(&self) -> bool {
        true
    }
    fn type_name(&self, ty: &Type) -> String {
        match ty {
            Type::Int => "INT".into(),
            Type::Float => "FLOAT".into(),
            Type::Double => "DOUBLE".into(),
            Type::Decimal { precision, scale } => format!("DECIMAL({precision},{scale})"),
            Type::Bytes { .. } | Type::Fixed { .. } => "BINARY".into(),
            Type::Duration => "BIGINT".into(),
            Type::Date | Type::Timestamp { .. } | Type::Bool | Type::Long => generic_type(ty),
            _ => "STRING".into(),
        }
    }
    fn table_options(&self) -> Option<String> {
        Some("USING DELTA".into())
    }
    fn primary_keys(&self) -> bool {
        false
    }
    fn truncate(&self, expr: &str, grain: Grain, timezone: &str) -> String {
        let x = if is_utc(timezone) {
            expr.to_string()
        } else {
            format!("FROM_UTC_TIMESTAMP({expr}, {})", self.string(timezone))
        };
        match grain {
            Grain::Day => format!("CAST({x} AS DATE)"),
            Grain::Hour => format!("DATE_TRUNC('HOUR', {x})"),
            g => format!("CAST(DATE_TRUNC('{}', {x}) AS DATE)", g.as_str().to_uppercase()),
        }
    }
    fn minus_days(&self, expr: &str, days: u64) -> String {
        format!("{expr} - INTERVAL {days} DAYS")
    }
}

impl Dialect for Datafusion {
    fn name(&self) -> DialectName {
        DialectName::Datafusion
    }
    fn now_utc(&self) -> String {
        "CAST(now() AS TIMESTAMP)".into()
    }
    fn parser(&self) -> Box<dyn sp::Dialect> {
        // DataFusion's own SQL front end reads the generic dialect.
        Box::new(sp::GenericDialect)
    }
    fn type_name(&self, ty: &Type) -> String {
        match ty {
            Type::Int => "INT".into(),
            Type::Float => "FLOAT".into(),
            Type::Double => "DOUBLE".into(),
            Type::Decimal { precision, scale } => format!("DECIMAL({precision},{scale})"),
            Type::String { .. } | Type::Enum { .. } | Type::Uuid => "VARCHAR".into(),
            Type::Bytes { .. } | Type::Fixed { .. } => "BYTEA".into(),
            Type::Duration => "BIGINT".into(),
            t if t.is_composite() || *t == Type::Unknown => "VARCHAR".into(),
            _ => generic_type(ty),
        }
    }
    fn primary_keys(&self) -> bool {
        false
    }
    fn upsert(&self) -> Upsert {
        Upsert::None
    }
}
