//! Codes reported while reading a file.

use crate::declare_code;
use crate::diagnostics::Code;

declare_code! {
    /// ## What it does
    /// Reports an entry that starts with a known keyword but does not continue the way the
    /// grammar says, such as `lateness 3x` or `owner` with no team.
    ///
    /// ## Why it matters
    /// A contract that does not parse cannot be checked, compiled or compared; the rest of
    /// the file is still read so that one run shows every error.
    ///
    /// ## Example
    /// ```truth
    /// event order_paid v1 {
    ///   lateness three_days
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// event order_paid v1 {
    ///   lateness 3d
    /// }
    /// ```
    pub static SYNTAX_ERROR = ("S001", "syntax-error", Error, Syntax, "An entry does not follow the grammar");
}

declare_code! {
    /// ## What it does
    /// Reports a line inside a block that starts with a word the block does not know.
    ///
    /// ## Why it matters
    /// A misspelt entry (`ownr payments`) would otherwise silently leave the contract
    /// without the fact it meant to state.
    ///
    /// ## Example
    /// ```truth
    /// team payments { contakt "#payments" }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// team payments { contact "#payments" }
    /// ```
    pub static UNKNOWN_ENTRY = ("S002", "unknown-entry", Error, Syntax, "A block holds an entry it does not know");
}

declare_code! {
    /// ## What it does
    /// Reports a top-level line that does not start a declaration (`team`, `system`,
    /// `concept`, `event`, `table`, `expect`, `metric`, `consumer`, `type`, `struct`,
    /// `columns`), or a `namespace` that is not the first line of its file.
    ///
    /// ## Why it matters
    /// Everything in a contract file must belong to a declaration; stray text is usually a
    /// typo in a keyword or a block closed too early.
    ///
    /// ## Example
    /// ```truth
    /// evnt order_paid v1 { owner payments }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// event order_paid v1 { owner payments }
    /// ```
    pub static UNKNOWN_DECLARATION = ("S003", "unknown-declaration", Error, Syntax, "A top-level line is not a declaration");
}

declare_code! {
    /// ## What it does
    /// Reports a `{` that is never closed.
    ///
    /// ## Why it matters
    /// Without the closing brace the parser cannot tell where the declaration ends; the
    /// rest of the file is skipped rather than reported line by line.
    ///
    /// ## Example
    /// ```truth
    /// team payments {
    ///   contact "#payments"
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// team payments {
    ///   contact "#payments"
    /// }
    /// ```
    pub static UNCLOSED_BLOCK = ("S004", "unclosed-block", Error, Syntax, "A block is never closed");
}

declare_code! {
    /// ## What it does
    /// Reports a string whose closing `"` is missing on its line.
    ///
    /// ## Why it matters
    /// Strings cannot span lines; an unterminated one would swallow the entries after it.
    ///
    /// ## Example
    /// ```truth
    /// team payments { contact "#payments }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// team payments { contact "#payments" }
    /// ```
    pub static UNTERMINATED_STRING = ("S005", "unterminated-string", Error, Syntax, "A string is not closed on its line");
}

declare_code! {
    /// ## What it does
    /// Reports a backslash escape in a string other than `\"`, `\\`, `\n`, `\t`, `\r` and
    /// `\u{…}` with a valid Unicode scalar value.
    ///
    /// ## Why it matters
    /// An unknown escape is almost always a Windows path or a regular expression that needs
    /// its backslashes doubled; guessing would change the text.
    ///
    /// ## Example
    /// ```truth
    /// event e v1 { topic "orders\paid" }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// event e v1 { topic "orders\\paid" }
    /// ```
    pub static INVALID_ESCAPE = ("S006", "invalid-escape", Error, Syntax, "A string holds an unknown escape");
}

declare_code! {
    /// ## What it does
    /// Reports a contract file that is not valid UTF-8, at the first offending byte.
    ///
    /// ## Why it matters
    /// Contracts are text that people review; a binary or mis-encoded file is a mistake
    /// (a wrong file extension, an editor saving in Latin-1).
    ///
    /// ## Example
    /// A file saved in Windows-1252 with `café` in a doc comment.
    ///
    /// ## Use instead
    /// Save the file as UTF-8.
    pub static INVALID_UTF8 = ("S007", "invalid-utf8", Error, Syntax, "A file is not valid UTF-8");
}

declare_code! {
    /// ## What it does
    /// Refuses a contract file larger than 4 MiB.
    ///
    /// ## Why it matters
    /// Real contracts are a few kilobytes; a file this large is generated or misplaced, and
    /// reading it would slow every pre-commit run.
    ///
    /// ## Example
    /// A 10 MB dump renamed to `dump.truth`.
    ///
    /// ## Use instead
    /// Split the contracts into one file per domain or per declaration.
    pub static FILE_TOO_LARGE = ("S008", "file-too-large", Error, Syntax, "A file exceeds the size limit");
}

declare_code! {
    /// ## What it does
    /// Refuses a file whose braces, parentheses or angle brackets nest more than 64 levels.
    ///
    /// ## Why it matters
    /// Deep nesting is never a real schema; the limit keeps the parser's stack bounded on
    /// any input.
    ///
    /// ## Example
    /// ```truth
    /// type t = list<list<list<list<…64 more…>>>>
    /// ```
    ///
    /// ## Use instead
    /// Name the inner parts as `struct` declarations.
    pub static NESTING_TOO_DEEP = ("S009", "nesting-too-deep", Error, Syntax, "A file nests deeper than the limit");
}

declare_code! {
    /// ## What it does
    /// Reports an `@attribute` on a field or column that truthline does not know. Known
    /// ones: `@doc`, `@pii`, `@tag`, `@classification`, `@renamed_from`, `@deprecated`,
    /// `@length`, `@pattern`, `@range`, `@enum_default`.
    ///
    /// ## Why it matters
    /// A misspelt `@pi` would silently drop the PII marking that governance relies on.
    ///
    /// ## Example
    /// ```truth
    /// email string @pi
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// email string @pii
    /// ```
    pub static UNKNOWN_ATTRIBUTE = ("S010", "unknown-attribute", Error, Syntax, "A field carries an unknown attribute");
}

declare_code! {
    /// ## What it does
    /// Reports a known attribute with the wrong arguments, such as `@doc` without a string
    /// or `@length` with a minimum above its maximum.
    ///
    /// ## Why it matters
    /// Attribute arguments become constraints, tests and documentation; a wrong one would
    /// produce a wrong check.
    ///
    /// ## Example
    /// ```truth
    /// code string @length(10, 2)
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// code string @length(2, 10)
    /// ```
    pub static INVALID_ATTRIBUTE = ("S011", "invalid-attribute", Error, Syntax, "An attribute has invalid arguments");
}

declare_code! {
    /// ## What it does
    /// Reports a built-in type with the wrong parameters: `decimal` needs precision and
    /// scale with 1 ≤ precision ≤ 38 and scale ≤ precision; `string` takes an optional
    /// maximum length; `fixed` takes a size; `timestamp` and `time` take an optional
    /// fractional-second precision up to 9; other scalars take none.
    ///
    /// ## Why it matters
    /// Precision and scale decide what values fit; a default chosen silently differs
    /// between engines and breaks reconciliation by rounding.
    ///
    /// ## Example
    /// ```truth
    /// amount decimal
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// amount decimal(18,2)
    /// ```
    pub static INVALID_TYPE_PARAMETERS = ("S012", "invalid-type-parameters", Error, Syntax, "A built-in type has the wrong parameters");
}

declare_code! {
    /// ## What it does
    /// Reports a date that does not exist in the calendar, such as `2027-02-30`.
    ///
    /// ## Why it matters
    /// Sunsets and waiver expiries are dates; an impossible one would never arrive, or
    /// arrive on a day nobody expects.
    ///
    /// ## Example
    /// ```truth
    /// metric m v1 { sunset 2027-02-30 }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric m v1 { sunset 2027-02-28 }
    /// ```
    pub static INVALID_DATE = ("S013", "invalid-date", Error, Syntax, "A date does not exist");
}

declare_code! {
    /// ## What it does
    /// Reports an entry written twice in one block where only one is allowed, such as two
    /// `owner` lines in a metric.
    ///
    /// ## Why it matters
    /// With two values, which one is meant is a guess; truthline never guesses ownership.
    ///
    /// ## Example
    /// ```truth
    /// metric m v1 { owner finance owner growth }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric m v1 { owner finance }
    /// ```
    pub static DUPLICATE_ENTRY = ("S014", "duplicate-entry", Error, Syntax, "An entry appears twice in a block");
}

declare_code! {
    /// ## What it does
    /// Reports a number that does not fit: a version above 4294967295, a duration or a
    /// type parameter too large to represent.
    ///
    /// ## Why it matters
    /// Overflowing silently would wrap the value into a different, valid-looking one.
    ///
    /// ## Example
    /// ```truth
    /// event e v99999999999 { }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// event e v2 { }
    /// ```
    pub static INVALID_NUMBER = ("S015", "invalid-number", Error, Syntax, "A number is out of range");
}

declare_code! {
    /// ## What it does
    /// Reports a SQL fragment (a measure, a filter, a custom check) that the SQL parser
    /// cannot read, at the position it stopped.
    ///
    /// ## Why it matters
    /// The fragment is compiled into every dialect; an unreadable one would fail only when
    /// the generated model runs in the warehouse.
    ///
    /// ## Example
    /// ```truth
    /// metric m v1 { measure sum(amount }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// metric m v1 { measure sum(amount) }
    /// ```
    pub static SQL_SYNTAX_ERROR = ("S016", "sql-syntax-error", Error, Syntax, "A SQL fragment does not parse");
}

declare_code! {
    /// ## What it does
    /// Reports a `///` doc comment that is followed by no declaration, field or column.
    ///
    /// ## Why it matters
    /// Documentation that attaches to nothing never reaches the docs site.
    ///
    /// ## Example
    /// ```truth
    /// /// Orders placed by customers.
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// /// Orders placed by customers.
    /// concept order { authority orders_db.orders }
    /// ```
    pub static DANGLING_DOC_COMMENT = ("S017", "dangling-doc-comment", Warning, Syntax, "A doc comment documents nothing");
}

declare_code! {
    /// ## What it does
    /// Reports a character that reorders text on screen (U+202A–U+202E, U+2066–U+2069:
    /// bidirectional embeddings, overrides and isolates) written as such anywhere in a file.
    ///
    /// ## Why it matters
    /// Such a character makes a contract read differently in an editor or a review than
    /// what truthline compiles ("Trojan Source", CVE-2021-42574): a string can seem to end
    /// where it does not, a comment can seem to be code.
    ///
    /// ## Example
    /// A contact string holding a raw U+202E (RIGHT-TO-LEFT OVERRIDE).
    ///
    /// ## Use instead
    /// ```truth
    /// team payments { contact "#pay\u{202e}ments" }
    /// ```
    /// The escape says the same without hiding anything.
    pub static BIDI_CONTROL_CHARACTER = ("S018", "bidi-control-character", Error, Syntax, "A file holds a raw bidirectional control character");
}

declare_code! {
    /// ## What it does
    /// Refuses a name (of a namespace, team, table, column, field, metric…) longer than 63
    /// bytes, and does so before reading the rest of the file.
    ///
    /// ## Why it matters
    /// Names become SQL identifiers. PostgreSQL silently cuts identifiers to 63 bytes, so two
    /// long names that differ only at the end would become the same table or column; other
    /// engines refuse them at deploy time, far from the contract.
    ///
    /// ## Example
    /// ```truth
    /// team payments_team_that_owns_every_payment_capture_and_every_refund_too { contact "x" }
    /// ```
    ///
    /// ## Use instead
    /// ```truth
    /// team payments { contact "x" }
    /// ```
    pub static IDENTIFIER_TOO_LONG = ("S019", "identifier-too-long", Error, Syntax, "A name is longer than the limit");
}

/// Every code of this stage.
pub static ALL: &[&Code] = &[
    &SYNTAX_ERROR,
    &UNKNOWN_ENTRY,
    &UNKNOWN_DECLARATION,
    &UNCLOSED_BLOCK,
    &UNTERMINATED_STRING,
    &INVALID_ESCAPE,
    &INVALID_UTF8,
    &FILE_TOO_LARGE,
    &NESTING_TOO_DEEP,
    &UNKNOWN_ATTRIBUTE,
    &INVALID_ATTRIBUTE,
    &INVALID_TYPE_PARAMETERS,
    &INVALID_DATE,
    &DUPLICATE_ENTRY,
    &INVALID_NUMBER,
    &SQL_SYNTAX_ERROR,
    &DANGLING_DOC_COMMENT,
    &BIDI_CONTROL_CHARACTER,
    &IDENTIFIER_TOO_LONG,
];
