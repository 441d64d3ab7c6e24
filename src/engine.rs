//! The embedded engine: Apache DataFusion, in process, no server to install. It runs
//! SQL scripts (the `datafusion` dialect of `build`) over in-memory tables. Behind the
//! default `embedded` feature, so a lean build for the pre-commit hook can leave it out.

use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};
use datafusion::prelude::SessionContext;
use datafusion::sql::parser::DFParser;

/// One in-memory database.
pub struct Embedded {
    ctx: SessionContext,
    runtime: tokio::runtime::Runtime,
}

impl Embedded {
    pub fn new() -> Result<Embedded, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| format!("cannot start the embedded engine: {e}"))?;
        Ok(Embedded {
            ctx: SessionContext::new(),
            runtime,
        })
    }

    /// Runs every statement of `sql` in order and returns the rows of the last one, each
    /// value formatted as text (NULL as an empty string).
    pub fn execute(&self, sql: &str) -> Result<Vec<Vec<String>>, String> {
        let statements = DFParser::parse_sql(sql).map_err(|e| e.to_string())?;
        self.runtime.block_on(async {
            let mut rows = Vec::new();
            for statement in statements {
                let text = statement.to_string();
                let plan = self
                    .ctx
                    .state()
                    .statement_to_plan(statement)
                    .await
                    .map_err(|e| format!("{e}\nin: {text}"))?;
                let batches = self
                    .ctx
                    .execute_logical_plan(plan)
                    .await
                    .map_err(|e| format!("{e}\nin: {text}"))?
                    .collect()
                    .await
                    .map_err(|e| format!("{e}\nin: {text}"))?;
                rows.clear();
                let options = FormatOptions::default().with_null("");
                for batch in &batches {
                    let formatters = batch
                        .columns()
                        .iter()
                        .map(|c| ArrayFormatter::try_new(c.as_ref(), &options))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|e| e.to_string())?;
                    for r in 0..batch.num_rows() {
                        rows.push(formatters.iter().map(|f| f.value(r).to_string()).collect());
                    }
                }
            }
            Ok(rows)
        })
    }
}
