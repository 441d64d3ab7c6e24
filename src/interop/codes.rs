//! Codes reported while importing other formats into contracts or exporting contracts
//! to them: what could not be read, and every fact that could not be carried over.

use crate::declare_code;
use crate::diagnostics::Code;

declare_code! {
    /// ## What it does
    /// Reports an input file of `truthline import` that cannot be read as the format named: invalid JSON or YAML, SQL that does not parse, a schema without the parts the format requires.
    ///
    /// ## Why it matters
    /// Nothing is imported from a file that cannot be read: a half-read schema would become a contract that says less than its source.
    ///
    /// ## Example
    /// ```text
    /// {"type": "record", "name": "order_paid", "fields": [}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// {"type": "record", "name": "order_paid", "fields": []}
    /// ```
    pub static UNREADABLE = ("I001", "import-unreadable", Error, Interop, "An input file cannot be read as its format");
}

declare_code! {
    /// ## What it does
    /// Reports a fact of an imported schema that the contract language cannot say, and was left out: an Avro sort order or custom property, a JSON Schema keyword, a SQL check constraint, an ODCS quality rule of an unknown kind.
    ///
    /// ## Why it matters
    /// Import keeps every fact its source carries or says which it dropped, so nothing is lost silently.
    ///
    /// ## Example
    /// ```text
    /// {"name": "amount", "type": "long", "order": "descending"}
    /// ```
    ///
    /// ## Use instead
    /// Carry the fact by hand where the language has a place for it (a `@doc`, a `@tag`, an `expect`), or accept the loss.
    pub static UNMAPPED = ("I002", "import-unmapped", Warning, Interop, "A fact of the imported schema has no place in a contract");
}

declare_code! {
    /// ## What it does
    /// Reports a type or value of an imported schema that was mapped to the nearest contract type rather than an exact one: a union of several types, a SQL type with no equivalent (`money`, `jsonb`), a name that is not a valid contract name.
    ///
    /// ## Why it matters
    /// The contract is close to its source but not identical; review the mapped line before relying on it.
    ///
    /// ## Example
    /// ```text
    /// CREATE TABLE t (payload jsonb);
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// table t {
    ///   columns { payload string }
    /// }
    /// ```
    pub static APPROXIMATED = ("I003", "import-approximated", Warning, Interop, "A type or name of the imported schema was mapped to the nearest equivalent");
}

declare_code! {
    /// ## What it does
    /// Reports a fact of a contract that the export format cannot carry and was left out of the exported file: a dedupe key in Avro, a lateness in JSON Schema, a metric in ODCS.
    ///
    /// ## Why it matters
    /// An exported schema is a view of the contract; what it leaves out must be known, not discovered.
    ///
    /// ## Example
    /// ```truth
    /// event order_paid v1 { lateness 3d }
    /// ```
    ///
    /// ## Use instead
    /// Keep the contract as the source of truth, and the exported file as generated output.
    pub static EXPORT_UNMAPPED = ("I010", "export-unmapped", Info, Interop, "A fact of the contract has no place in the export format");
}

pub static ALL: &[&Code] = &[&UNREADABLE, &UNMAPPED, &APPROXIMATED, &EXPORT_UNMAPPED];
