//! Running SQL: the result type every engine returns, and the embedded engine, Apache
//! DataFusion, in process, no server to install. It runs SQL scripts (the `datafusion`
//! dialect of `build`) over in-memory tables and CSV files. It is behind the default
//! `embedded` feature, so a lean build for the pre-commit hook can leave it out.

/// A query's result: column names, and each row's values as text (NULL as "").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[cfg(feature = "embedded")]
pub use embedded::Embedded;

#[cfg(feature = "embedded")]
mod embedded {
    use super::Rows;
    use datafusion::arrow::record_batch::RecordBatch;
    use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};
    use datafusion::execution::context::SQLOptions;
    use datafusion::prelude::{SessionConfig, SessionContext};
    use datafusion::sql::parser::DFParser;
    use std::time::Duration;

    /// One in-memory database.
    pub struct Embedded {
        ctx: SessionContext,
        runtime: tokio::runtime::Runtime,
    }

    impl Embedded {
        pub fn new() -> Result<Embedded, String> {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .map_err(|e| format!("cannot start the embedded engine: {e}"))?;
            // The catalog answers the schema-conformance tests.
            let config = SessionConfig::new().with_information_schema(true);
            Ok(Embedded {
                ctx: SessionContext::new_with_config(config),
                runtime,
            })
        }

        /// Runs every statement of `sql` in order and returns the rows of the last one.
        pub fn execute(&self, sql: &str) -> Result<Vec<Vec<String>>, String> {
            self.run(sql, &SQLOptions::new(), None).map(|r| r.rows)
        }

        /// Runs one query that may not create, change or delete anything (DataFusion refuses
        /// DDL, DML and other statements in its plan), stopped after `timeout`.
        pub fn query_read_only(&self, sql: &str, timeout: Duration) -> Result<Rows, String> {
            let options = SQLOptions::new()
                .with_allow_ddl(false)
                .with_allow_dml(false)
                .with_allow_statements(false);
            self.run(sql, &options, Some(timeout))
        }

        fn run(&self, sql: &str, options: &SQLOptions, timeout: Option<Duration>) -> Result<Rows, String> {
            let statements = DFParser::parse_sql(sql).map_err(|e| e.to_string())?;
            self.runtime.block_on(async {
                let mut last = Rows::default();
                for statement in statements {
                    let text = statement.to_string();
                    let work = async {
                        let plan = self.ctx.state().statement_to_plan(statement).await?;
                        options.verify_plan(&plan)?;
                        self.ctx.execute_logical_plan(plan).await?.collect().await
                    };
                    let batches = match timeout {
                        Some(t) => tokio::time::timeout(t, work)
                            .await
                            .map_err(|_| format!("stopped after the timeout of {} s", t.as_secs()))?,
                        None => work.await,
                    }
                    .map_err(|e| format!("{e}\nin: {text}"))?;
                    last = rows(&batches)?;
                }
                Ok(last)
            })
        }
    }

    fn rows(batches: &[RecordBatch]) -> Result<Rows, String> {
        let mut out = Rows::default();
        let options = FormatOptions::default().with_null("");
        for batch in batches {
            if out.columns.is_empty() {
                out.columns = batch.schema().fields().iter().map(|f| f.name().clone()).collect();
            }
            let formatters = batch
                .columns()
                .iter()
                .map(|c| ArrayFormatter::try_new(c.as_ref(), &options))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?;
            for r in 0..batch.num_rows() {
                out.rows
                    .push(formatters.iter().map(|f| f.value(r).to_string()).collect());
            }
        }
        Ok(out)
    }
}
