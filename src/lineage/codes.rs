//! Codes reported while tracing column lineage.

use crate::declare_code;
use crate::diagnostics::Code;

declare_code! {
    /// ## What it does
    /// Reports a column whose origin cannot be traced: a column a `transform` query reads
    /// that no relation it reads has (or that two relations have, unqualified), a declared
    /// column the query does not select by name, or a part of the query lineage does not
    /// read (a table function, `VALUES`).
    ///
    /// ## Why it matters
    /// Column lineage is what the gate uses to say who a change breaks and what a PII
    /// column flows into. A column truthline cannot trace would make those answers a
    /// guess; it says so instead.
    ///
    /// ## Example
    /// ```truth
    /// table daily_revenue {
    ///   source tables payments
    ///   transform """SELECT paid_at AS day, sum(amount) FROM payments GROUP BY 1"""
    ///   columns { day date  revenue decimal(18,2) }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table daily_revenue {
    ///   source tables payments
    ///   transform """SELECT paid_at AS day, sum(amount) AS revenue FROM payments GROUP BY 1"""
    ///   columns { day date  revenue decimal(18,2) }
    /// }
    /// ```
    pub static UNTRACEABLE_COLUMN = ("R018", "untraceable-column", Error, Semantic, "The origin of a column cannot be traced");
}

declare_code! {
    /// ## What it does
    /// Reports `*` (or `t.*`) in a `transform` over a table whose columns are not declared
    /// (a copy of a system's table that lists none).
    ///
    /// ## Why it matters
    /// `*` is expanded against declared columns; over undeclared ones, which columns the
    /// query gives, and where each comes from, is unknown.
    ///
    /// ## Example
    /// ```truth
    /// transform """SELECT * FROM raw_orders_cdc"""   // raw_orders_cdc declares no columns
    /// ```
    ///
    /// ## Use instead
    /// Declare the source table's `columns`, or select the columns by name.
    pub static STAR_OVER_UNKNOWN_COLUMNS = ("R019", "star-over-unknown-columns", Error, Semantic, "`*` over a table whose columns are not declared");
}

declare_code! {
    /// ## What it does
    /// Reports tables that read each other through `source tables`, directly or not.
    ///
    /// ## Why it matters
    /// A cycle has no build order and no origin: every column in it would come from
    /// itself.
    ///
    /// ## Example
    /// ```truth
    /// table a { source tables b }
    /// table b { source tables a }
    /// ```
    ///
    /// ## Use instead
    /// Remove one `source tables` of the cycle, so that one table is built first.
    pub static LINEAGE_CYCLE = ("R020", "lineage-cycle", Error, Semantic, "Tables read each other in a cycle");
}

/// Every code of this stage.
pub static ALL: &[&Code] = &[&UNTRACEABLE_COLUMN, &STAR_OVER_UNKNOWN_COLUMNS, &LINEAGE_CYCLE];
