//! Codes reported while resolving a project.

use crate::declare_code;
use crate::diagnostics::Code;

declare_code! {
    /// ## What it does
    /// Reports a reference (an owner, a system, a table, an event, a metric, a column set) that names no declaration of the expected kind in the project or the standard library.
    ///
    /// ## Why it matters
    /// Every fact in a contract hangs on its references: an owner that does not exist means nobody is accountable, a source that does not exist means lineage stops short.
    ///
    /// ## Example
    /// ```truth
    /// table payments {
    ///   layer curated
    ///   store warehuose
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table payments {
    ///   layer curated
    ///   store warehouse
    /// }
    /// ```
    pub static UNKNOWN_REFERENCE = ("R001", "unknown-reference", Error, Semantic, "A name refers to nothing declared");
}

declare_code! {
    /// ## What it does
    /// Reports two declarations of the same kind with the same qualified name (and version), or two columns of one table with the same name. Both locations are shown.
    ///
    /// ## Why it matters
    /// With two definitions, which one a reference means depends on file order; truth must not depend on the order files are read in.
    ///
    /// ## Example
    /// ```truth
    /// metric net_revenue v2 { owner finance }
    /// metric net_revenue v2 { owner growth }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric net_revenue v2 { owner finance }
    /// metric net_revenue v3 { owner growth }
    /// ```
    pub static DUPLICATE_DEFINITION = ("R002", "duplicate-definition", Error, Semantic, "A name is declared twice");
}

declare_code! {
    /// ## What it does
    /// Reports a field or column type that is neither a built-in scalar (`bool`, `int`, `long`, `float`, `double`, `decimal`, `string`, `bytes`, `fixed`, `uuid`, `date`, `time`, `timestamp`, `duration`) nor a `type` or `struct` declared in the project or `std`.
    ///
    /// ## Why it matters
    /// An unknown type cannot be compiled to any engine, nor compared for compatibility.
    ///
    /// ## Example
    /// ```truth
    /// event e v1 { fields { amount mony } }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// event e v1 { fields { amount std.money } }
    /// ```
    pub static UNKNOWN_TYPE = ("R003", "unknown-type", Error, Semantic, "A type name is not a built-in or declared type");
}

declare_code! {
    /// ## What it does
    /// Reports a column named in a key, grain, dedupe, partition, history, expectation, metric time or dimension, or referenced inside a SQL measure, filter or check, that the table does not have.
    ///
    /// ## Why it matters
    /// A measure over a column that does not exist fails only when the warehouse runs it, usually at night, usually before a board meeting.
    ///
    /// ## Example
    /// ```truth
    /// metric m v1 {
    ///   from payments
    ///   measure sum(amout)
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric m v1 {
    ///   from payments
    ///   measure sum(amount)
    /// }
    /// ```
    pub static UNKNOWN_COLUMN = ("R004", "unknown-column", Error, Semantic, "A column is not in the table it is read from");
}

declare_code! {
    /// ## What it does
    /// Reports a value that flows from one layer to the next with a type the next cannot hold: an event field into a raw column, a raw column into a curated one, a column into a metric (a `sum` over text, a time column that is not a date or timestamp). Legal widenings (int → long, decimal(10,2) → decimal(18,2), uuid → string) are accepted; nullable into non-nullable is not.
    ///
    /// ## Why it matters
    /// A silent cast truncates money, drops precision or turns bad rows into nulls; the mismatch is found at the contract instead of in a reconciliation gap.
    ///
    /// ## Example
    /// ```truth
    /// event order_paid v1 { fields { amount decimal(18,2) } }
    /// table raw_order_paid {
    ///   source event order_paid v1
    ///   columns { amount int }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table raw_order_paid {
    ///   source event order_paid v1
    ///   columns { amount decimal(18,2) }
    /// }
    /// ```
    pub static TYPE_MISMATCH = ("R005", "type-mismatch", Error, Semantic, "Types disagree across layers");
}

declare_code! {
    /// ## What it does
    /// Reports a metric `measure` with no aggregate function (`sum`, `count`, `avg`, `min`, `max`, …).
    ///
    /// ## Why it matters
    /// A metric is a number per time grain and dimension; a row-level expression has no single value per day and every engine would reject the grouped query.
    ///
    /// ## Example
    /// ```truth
    /// metric m v1 { measure amount - fee }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric m v1 { measure sum(amount - fee) }
    /// ```
    pub static MEASURE_NOT_AGGREGATE = ("R006", "measure-not-aggregate", Error, Semantic, "A metric measure aggregates nothing");
}

declare_code! {
    /// ## What it does
    /// Reports a metric `where` filter or an expectation `check` whose SQL is not a true/false condition (a comparison, `and`/`or`/`not`, `in`, `between`, `like`, `is null`, or a boolean column).
    ///
    /// ## Why it matters
    /// A filter that is not a condition is either rejected by the engine or, worse, cast to true by a permissive one, counting every row.
    ///
    /// ## Example
    /// ```truth
    /// metric m v1 { where amount }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric m v1 { where amount > 0 }
    /// ```
    pub static FILTER_NOT_BOOLEAN = ("R007", "filter-not-boolean", Error, Semantic, "A filter or check is not a condition");
}

declare_code! {
    /// ## What it does
    /// Reports a `type` alias or `struct` that contains itself, directly or through other types.
    ///
    /// ## Why it matters
    /// A recursive type has no finite layout in any warehouse table or event encoding.
    ///
    /// ## Example
    /// ```truth
    /// type a = list<b>
    /// type b = a
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// struct node { value int  children list<int> }
    /// ```
    pub static RECURSIVE_TYPE = ("R008", "recursive-type", Error, Semantic, "A type refers to itself");
}

declare_code! {
    /// ## What it does
    /// Reports a reference such as `source event order_paid v4` or `uses metric net_revenue v3` whose name exists but not at that version. The versions that exist are listed.
    ///
    /// ## Why it matters
    /// Pinning a version is how consumers stay safe from changes; a pin to nothing is a pin to whatever comes next.
    ///
    /// ## Example
    /// ```truth
    /// consumer d { uses metric net_revenue v3 }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// consumer d { uses metric net_revenue v2 }
    /// ```
    pub static UNKNOWN_VERSION = ("R009", "unknown-version", Error, Semantic, "A reference names a version that does not exist");
}

declare_code! {
    /// ## What it does
    /// Reports a `waive` entry whose code is neither a rule code (`L003`) nor a rule name (`raw-missing-retention`).
    ///
    /// ## Why it matters
    /// A waiver for a misspelt rule silences nothing, and the finding it was meant for keeps failing builds for a reason nobody sees.
    ///
    /// ## Example
    /// ```truth
    /// table t { waive raw-retention "kept forever by law" }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table t { waive raw-missing-retention "kept forever by law" }
    /// ```
    pub static UNKNOWN_WAIVED_CODE = ("R010", "unknown-waived-code", Error, Semantic, "A waiver names no known rule");
}

declare_code! {
    /// ## What it does
    /// Reports a `waive … until DATE` whose date has passed. The finding it waived is reported again.
    ///
    /// ## Why it matters
    /// Waivers are debts with a due date; an expired one means the promised fix did not happen and someone should decide again.
    ///
    /// ## Example
    /// ```truth
    /// metric m v1 { waive money-metric-unreconciled "ledger feed in Q1" until 2025-03-31 }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric m v1 { reconcile with ledger.daily_totals tolerance 0.5% }
    /// ```
    pub static EXPIRED_WAIVER = ("R011", "expired-waiver", Warning, Semantic, "A waiver is past its expiry date");
}

declare_code! {
    /// ## What it does
    /// Reports a `waive` entry in a declaration where its rule reports nothing.
    ///
    /// ## Why it matters
    /// A stale waiver hides the next real finding of that rule on the same declaration; remove it once the cause is fixed.
    ///
    /// ## Example
    /// ```truth
    /// table t { retention 90d  waive raw-missing-retention "legacy" }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table t { retention 90d }
    /// ```
    pub static UNUSED_WAIVER = ("R012", "unused-waiver", Warning, Semantic, "A waiver silences nothing");
}

declare_code! {
    /// ## What it does
    /// Reports a `waive` entry whose reason is empty.
    ///
    /// ## Why it matters
    /// A waiver is a decision; without its reason nobody can tell later whether it still holds.
    ///
    /// ## Example
    /// ```truth
    /// metric m v1 { waive metric-missing-intent "" }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric m v1 { waive metric-missing-intent "internal sanity metric, not reported" }
    /// ```
    pub static WAIVER_WITHOUT_REASON = ("R013", "waiver-without-reason", Error, Semantic, "A waiver gives no reason");
}

declare_code! {
    /// ## What it does
    /// Reports a table in a `transform` query that is not among the table's declared
    /// `source`s.
    ///
    /// ## Why it matters
    /// The lineage graph is built from declared sources: it decides which consumers a
    /// breaking change reaches, which authority a metric traces back to, and in which
    /// order models are built. A query that reads a table its contract does not name
    /// hides a dependency from all of them.
    ///
    /// ## Example
    /// ```truth
    /// table revenue_movements {
    ///   source tables payments
    ///   transform """SELECT … FROM payments UNION ALL SELECT … FROM refunds"""
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table revenue_movements {
    ///   source tables payments, refunds
    ///   transform """SELECT … FROM payments UNION ALL SELECT … FROM refunds"""
    /// }
    /// ```
    pub static TRANSFORM_UNDECLARED_SOURCE = ("R014", "transform-undeclared-source", Error, Semantic, "A transform reads a table that is not a declared source");
}

declare_code! {
    /// ## What it does
    /// Reports an `@aliases(…)` name that is the name of another type, or that two types
    /// both claim, and aliases on a type that has no name to Avro (a `type` of a scalar,
    /// list or map).
    ///
    /// ## Why it matters
    /// A reader resolves a record, enum or fixed type by its name or one of its aliases.
    /// An alias two types answer to makes the type of old data a guess.
    ///
    /// ## Example
    /// ```truth
    /// struct address @aliases(location) { line1 string }
    /// struct location { lat double  lon double }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// struct address @aliases(postal_address) { line1 string }
    /// struct location { lat double  lon double }
    /// ```
    pub static ALIAS_COLLISION = ("R015", "alias-collision", Error, Semantic, "An alias names another type, or two types claim it");
}

declare_code! {
    /// ## What it does
    /// Reports a union that holds two branches of the same type: two unnamed types of one
    /// Avro kind (`string` and `uuid` are both strings, `int` and `date` both ints), or
    /// two named types of one name.
    ///
    /// ## Why it matters
    /// A reader picks the branch of a value by its type; with two branches of one type it
    /// cannot tell which one was written. Avro rejects such a schema.
    ///
    /// ## Example
    /// ```truth
    /// type payload = union<string, uuid>
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// type payload = union<string, long>
    /// ```
    pub static DUPLICATE_UNION_BRANCH = ("R016", "duplicate-union-branch", Error, Semantic, "A union holds two branches of one type");
}

declare_code! {
    /// ## What it does
    /// Reports a union that no value can be read through as written: one with fewer than
    /// two branches, a union directly inside a union, or a branch marked nullable on its
    /// own (`union<string?, long>`).
    ///
    /// ## Why it matters
    /// Avro forbids unions inside unions, and a nullable branch is a hidden second `null`
    /// branch; either way the schema cannot be registered or read.
    ///
    /// ## Example
    /// ```truth
    /// type payload = union<string?, long>
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// type payload = union<null, string, long>
    /// ```
    pub static INVALID_UNION = ("R017", "invalid-union", Error, Semantic, "A union cannot be read as written");
}

/// Every code of this stage.
pub static ALL: &[&Code] = &[
    &UNKNOWN_REFERENCE,
    &DUPLICATE_DEFINITION,
    &UNKNOWN_TYPE,
    &UNKNOWN_COLUMN,
    &TYPE_MISMATCH,
    &MEASURE_NOT_AGGREGATE,
    &FILTER_NOT_BOOLEAN,
    &RECURSIVE_TYPE,
    &UNKNOWN_VERSION,
    &UNKNOWN_WAIVED_CODE,
    &EXPIRED_WAIVER,
    &UNUSED_WAIVER,
    &WAIVER_WITHOUT_REASON,
    &TRANSFORM_UNDECLARED_SOURCE,
    &ALIAS_COLLISION,
    &DUPLICATE_UNION_BRANCH,
    &INVALID_UNION,
];
