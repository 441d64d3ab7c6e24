//! Real SQL engines for the tests: PostgreSQL and MariaDB through their command-line
//! clients, DuckDB through its Python package. `scripts/test.sh` installs or starts them;
//! a test that cannot reach one fails with the reason, it never skips.

#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Postgres,
    Mariadb,
    Duckdb,
    /// In process, through truthline's own embedded engine.
    Datafusion,
}

/// A session on one engine: a fresh database (PostgreSQL, MariaDB) or file (DuckDB) that
/// is dropped when the session ends.
pub struct Session {
    pub engine: Engine,
    db: String,
    /// Holds the DuckDB file; removed with the session.
    _dir: tempfile::TempDir,
    /// DuckDB runs each script in a new process, on this database file.
    duck_file: std::path::PathBuf,
    embedded: Option<truthline::engine::Embedded>,
}

fn run(mut cmd: Command, input: &str, what: &str) -> Result<String, String> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {what}: {e} (scripts/test.sh installs it)"))?;
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() || stderr.contains("ERROR") {
        return Err(format!("{what} failed:\n{stderr}\n{stdout}"));
    }
    Ok(stdout)
}

/// `psql` on the local server as `postgres`, stopping at the first error.
fn psql(db: &str) -> Command {
    let mut c = Command::new("psql");
    c.args([
        "-h",
        "127.0.0.1",
        "-U",
        "postgres",
        "-d",
        db,
        "-v",
        "ON_ERROR_STOP=1",
        "-q",
    ]);
    c
}

fn python() -> String {
    std::env::var("TRUTHLINE_PYTHON").unwrap_or_else(|_| "python3".into())
}

impl Session {
    pub fn new(engine: Engine) -> Session {
        let db = format!("truthline_test_{}", std::process::id());
        let dir = tempfile::tempdir().unwrap();
        let duck_file = dir.path().join("test.duckdb");
        let s = Session {
            engine,
            db,
            _dir: dir,
            duck_file,
            embedded: (engine == Engine::Datafusion).then(|| truthline::engine::Embedded::new().unwrap()),
        };
        match engine {
            Engine::Postgres => {
                s.admin_pg(&format!("DROP DATABASE IF EXISTS {0}; CREATE DATABASE {0};", s.db));
            }
            Engine::Mariadb => {
                // The generated SQL names its namespace as a database; the test owns it.
                s.exec("DROP DATABASE IF EXISTS commerce;").unwrap();
            }
            Engine::Duckdb | Engine::Datafusion => {}
        }
        s
    }

    fn admin_pg(&self, sql: &str) {
        run(psql("postgres"), sql, "psql").unwrap_or_else(|e| panic!("PostgreSQL at 127.0.0.1:5432 is needed: {e}"));
    }

    /// Runs a script of statements; Err carries the engine's message.
    pub fn exec(&self, sql: &str) -> Result<String, String> {
        match self.engine {
            Engine::Postgres => {
                let mut c = psql(&self.db);
                c.args(["-A", "-t", "-F", "|"]);
                run(c, sql, "psql")
            }
            Engine::Mariadb => {
                let mut c = Command::new("mariadb");
                c.args(["-h", "127.0.0.1", "-u", "root", "--batch", "--skip-column-names"]);
                run(c, sql, "mariadb").map(|s| s.replace('\t', "|"))
            }
            Engine::Datafusion => {
                let rows = self.embedded.as_ref().unwrap().execute(sql)?;
                Ok(rows.iter().map(|r| format!("{}\n", r.join("|"))).collect())
            }
            Engine::Duckdb => {
                let mut c = Command::new(python());
                c.arg("-c").arg(DUCK_RUNNER).arg(&self.duck_file);
                run(c, sql, "duckdb (Python)")
            }
        }
    }

    /// The URL `truthline test --db` connects to this session's database with.
    pub fn url(&self) -> Option<String> {
        match self.engine {
            Engine::Postgres => Some(format!("postgres://postgres@127.0.0.1:5432/{}", self.db)),
            Engine::Mariadb => Some("mysql://root@127.0.0.1:3306/commerce".to_string()),
            Engine::Duckdb | Engine::Datafusion => None,
        }
    }

    /// Rows of a query, each as its columns joined by `|`.
    pub fn rows(&self, sql: &str) -> Vec<String> {
        let out = self.exec(sql).unwrap_or_else(|e| panic!("{:?}: {e}", self.engine));
        out.lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
    }
}

/// Runs each statement of stdin on a DuckDB file and prints the last result's rows,
/// columns joined by `|`, NULL as empty.
const DUCK_RUNNER: &str = r#"
import duckdb, sys
con = duckdb.connect(sys.argv[1])
text = sys.stdin.read()
stmts = []
for chunk in text.split(";\n"):
    body = "\n".join(l for l in chunk.splitlines() if not l.startswith("--")).strip()
    if body:
        stmts.append(body)
rows = []
for st in stmts:
    cur = con.execute(st)
    try:
        rows = cur.fetchall()
    except Exception:
        rows = []
for r in rows:
    print("|".join("" if v is None else str(v) for v in r))
"#;

impl Drop for Session {
    fn drop(&mut self) {
        match self.engine {
            Engine::Postgres => {
                let _ = run(
                    psql("postgres"),
                    &format!("DROP DATABASE IF EXISTS {} WITH (FORCE);", self.db),
                    "psql",
                );
            }
            Engine::Mariadb => {
                let _ = self.exec("DROP DATABASE IF EXISTS commerce;");
            }
            Engine::Duckdb | Engine::Datafusion => {}
        }
    }
}
