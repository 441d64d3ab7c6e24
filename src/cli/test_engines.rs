//! Where `truthline test` runs: the embedded engine (built from the project's data
//! files), or an existing PostgreSQL or MySQL/MariaDB database, always read-only, with a
//! statement timeout, and without ever printing the connection URL.

use clap::ValueEnum;
use std::time::Duration;
use truthline::codegen::sql::dialect::DialectName;
use truthline::engine::Rows;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineName {
    /// Apache DataFusion, in process, over CSV files (no server).
    #[cfg(feature = "embedded")]
    Embedded,
    #[cfg(feature = "databases")]
    Postgres,
    /// MySQL or MariaDB.
    #[cfg(feature = "databases")]
    Mysql,
}

impl EngineName {
    pub fn dialect(self) -> DialectName {
        match self {
            #[cfg(feature = "embedded")]
            EngineName::Embedded => DialectName::Datafusion,
            #[cfg(feature = "databases")]
            EngineName::Postgres => DialectName::Postgres,
            #[cfg(feature = "databases")]
            EngineName::Mysql => DialectName::Mysql,
        }
    }
}

/// A connection a quality test query runs on.
pub trait Engine {
    fn query(&mut self, sql: &str) -> Result<Rows, String>;
    fn describe(&self) -> String;
    /// Whether the connection is gone (the server closed it, the network dropped): then
    /// no later test can run and the command cannot finish.
    fn lost(&self) -> bool {
        false
    }
}

#[cfg(feature = "embedded")]
pub struct EmbeddedEngine {
    pub engine: truthline::engine::Embedded,
    pub timeout: Duration,
}

#[cfg(feature = "embedded")]
impl Engine for EmbeddedEngine {
    fn query(&mut self, sql: &str) -> Result<Rows, String> {
        self.engine.query_read_only(sql, self.timeout)
    }
    fn describe(&self) -> String {
        "datafusion (embedded)".into()
    }
}

/// A PostgreSQL session whose every transaction is read-only.
#[cfg(feature = "databases")]
pub struct Postgres {
    client: postgres::Client,
    /// Set when the server ended the session (a FATAL error, an admin shutdown, a broken
    /// connection), which the client may not have noticed yet.
    ended: bool,
}

#[cfg(feature = "databases")]
impl Postgres {
    pub fn connect(url: &str, timeout: Duration) -> Result<Postgres, String> {
        // Errors name the failure, never the URL: it may carry a password.
        let mut client = postgres::Client::connect(url, postgres::NoTls)
            .map_err(|e| format!("cannot connect to PostgreSQL: {}", sanitize(&e.to_string(), url)))?;
        client
            .batch_execute(&format!(
                "SET default_transaction_read_only = on; SET statement_timeout = {}; SET TIME ZONE 'UTC';",
                timeout.as_millis()
            ))
            .map_err(|e| format!("cannot prepare the PostgreSQL session: {e}"))?;
        Ok(Postgres { client, ended: false })
    }
}

#[cfg(feature = "databases")]
impl Engine for Postgres {
    fn query(&mut self, sql: &str) -> Result<Rows, String> {
        use postgres::SimpleQueryMessage as M;
        let mut out = Rows::default();
        let messages = self.client.simple_query(sql).map_err(|e| {
            let db = e.as_db_error();
            let code = e.code().map(|c| c.code()).unwrap_or("");
            self.ended |= db.is_some_and(|d| matches!(d.severity(), "FATAL" | "PANIC"))
                || code.starts_with("08")
                || code.starts_with("57P")
                || e.is_closed();
            match db {
                Some(d) => format!("{}: {}", d.severity(), d.message()),
                None => e.to_string(),
            }
        })?;
        for m in messages {
            if let M::Row(r) = m {
                if out.columns.is_empty() {
                    out.columns = r.columns().iter().map(|c| c.name().to_string()).collect();
                }
                out.rows
                    .push((0..r.len()).map(|i| r.get(i).unwrap_or("").to_string()).collect());
            }
        }
        Ok(out)
    }
    fn describe(&self) -> String {
        "postgres".into()
    }
    fn lost(&self) -> bool {
        self.ended || self.client.is_closed()
    }
}

/// A MySQL or MariaDB session in read-only mode.
#[cfg(feature = "databases")]
pub struct Mysql {
    conn: mysql::Conn,
    /// Set when a query failed on the connection itself rather than in the server.
    lost: bool,
}

#[cfg(feature = "databases")]
impl Mysql {
    pub fn connect(url: &str, timeout: Duration) -> Result<Mysql, String> {
        use mysql::prelude::Queryable;
        let opts = mysql::Opts::from_url(url)
            .map_err(|_| "the MySQL URL is not valid (mysql://user:password@host:port/database)".to_string())?;
        let mut conn = mysql::Conn::new(opts)
            .map_err(|e| format!("cannot connect to MySQL: {}", sanitize(&e.to_string(), url)))?;
        conn.query_drop("SET SESSION time_zone = '+00:00'")
            .map_err(|e| e.to_string())?;
        conn.query_drop("SET SESSION TRANSACTION READ ONLY")
            .map_err(|e| e.to_string())?;
        // MariaDB counts the limit in seconds, MySQL in milliseconds; each ignores the other's.
        let _ = conn.query_drop(format!("SET SESSION max_statement_time = {}", timeout.as_secs_f64()));
        let _ = conn.query_drop(format!("SET SESSION max_execution_time = {}", timeout.as_millis()));
        conn.query_drop("START TRANSACTION READ ONLY")
            .map_err(|e| e.to_string())?;
        Ok(Mysql { conn, lost: false })
    }
}

#[cfg(feature = "databases")]
impl Engine for Mysql {
    fn query(&mut self, sql: &str) -> Result<Rows, String> {
        use mysql::prelude::Queryable;
        let mut lost = false;
        let mut fail = |e: mysql::Error| {
            lost |= matches!(e, mysql::Error::IoError(_) | mysql::Error::DriverError(_));
            e.to_string()
        };
        let result = self.conn.query_iter(sql).map_err(&mut fail);
        let result = match result {
            Ok(r) => r,
            Err(e) => {
                self.lost = lost;
                return Err(e);
            }
        };
        let columns: Vec<String> = result
            .columns()
            .as_ref()
            .iter()
            .map(|c| c.name_str().into_owned())
            .collect();
        let mut out = Rows {
            columns,
            rows: Vec::new(),
        };
        for row in result {
            match row {
                Ok(row) => out.rows.push(row.unwrap().into_iter().map(text).collect()),
                Err(e) => {
                    let e = fail(e);
                    self.lost = lost;
                    return Err(e);
                }
            }
        }
        Ok(out)
    }
    fn describe(&self) -> String {
        "mysql".into()
    }
    fn lost(&self) -> bool {
        self.lost
    }
}

#[cfg(feature = "databases")]
fn text(v: mysql::Value) -> String {
    use mysql::Value as V;
    match v {
        V::NULL => String::new(),
        V::Bytes(b) => String::from_utf8_lossy(&b).into_owned(),
        V::Int(i) => i.to_string(),
        V::UInt(u) => u.to_string(),
        V::Float(f) => f.to_string(),
        V::Double(d) => d.to_string(),
        V::Date(y, m, d, h, mi, s, us) => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}.{us:06}"),
        V::Time(neg, d, h, m, s, us) => format!(
            "{}{}:{m:02}:{s:02}.{us:06}",
            if neg { "-" } else { "" },
            d * 24 + u32::from(h)
        ),
    }
}

/// A driver's message with the connection URL (and its password) taken out.
#[cfg(feature = "databases")]
fn sanitize(message: &str, url: &str) -> String {
    let mut m = message.replace(url, "<url>");
    if let Some(password) = url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('@'))
        .and_then(|(auth, _)| auth.split_once(':'))
        .map(|(_, p)| p)
    {
        if !password.is_empty() {
            m = m.replace(password, "<password>");
        }
    }
    m
}

/// These need the local servers `scripts/test.sh` starts.
#[cfg(all(test, feature = "databases"))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use mysql::prelude::Queryable;

    const WRITES: &[&str] = &[
        "INSERT INTO truthline_ro_probe VALUES (2)",
        "UPDATE truthline_ro_probe SET x = 3",
        "DELETE FROM truthline_ro_probe",
        "DROP TABLE truthline_ro_probe",
    ];

    #[test]
    fn postgres_sessions_cannot_write_and_stop_at_the_timeout() {
        let mut admin =
            postgres::Client::connect("host=127.0.0.1 user=postgres dbname=postgres", postgres::NoTls).unwrap();
        admin
            .batch_execute("DROP TABLE IF EXISTS truthline_ro_probe; CREATE TABLE truthline_ro_probe (x int); INSERT INTO truthline_ro_probe VALUES (1);")
            .unwrap();
        let mut e = Postgres::connect("postgres://postgres@127.0.0.1:5432/postgres", Duration::from_secs(1)).unwrap();
        for sql in WRITES.iter().chain(&["CREATE TABLE truthline_ro_other (y int)"]) {
            assert!(e.query(sql).is_err(), "`{sql}` must be refused");
        }
        assert!(e.query("SELECT pg_sleep(3)").is_err(), "stopped after 1 s");
        assert_eq!(e.query("SELECT x FROM truthline_ro_probe").unwrap().rows, [["1"]]);
        admin.batch_execute("DROP TABLE truthline_ro_probe").unwrap();
    }

    #[test]
    fn mysql_sessions_cannot_write() {
        let mut admin = mysql::Conn::new(mysql::Opts::from_url("mysql://root@127.0.0.1:3306/test").unwrap()).unwrap();
        admin.query_drop("DROP TABLE IF EXISTS truthline_ro_probe").unwrap();
        admin.query_drop("CREATE TABLE truthline_ro_probe (x int)").unwrap();
        admin.query_drop("INSERT INTO truthline_ro_probe VALUES (1)").unwrap();
        let mut e = Mysql::connect("mysql://root@127.0.0.1:3306/test", Duration::from_secs(10)).unwrap();
        for sql in &WRITES[..3] {
            assert!(e.query(sql).is_err(), "`{sql}` must be refused");
        }
        assert_eq!(e.query("SELECT x FROM truthline_ro_probe").unwrap().rows, [["1"]]);
        drop(e);
        admin.query_drop("DROP TABLE truthline_ro_probe").unwrap();
    }

    #[test]
    fn passwords_never_reach_a_message() {
        let m = sanitize(
            "error connecting to postgres://u:s3cret@db/x (s3cret)",
            "postgres://u:s3cret@db/x",
        );
        assert!(!m.contains("s3cret"), "{m}");
    }
}
