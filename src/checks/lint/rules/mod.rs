//! One file per rule. Add a rule: write `rules/<name>.rs` with `pub static CODE` (via
//! `declare_code!`, category `Lint`) and `pub fn check(&Model, &mut Vec<Diagnostic>)`,
//! list it here, and add `tests/fixtures/codes/<name>/` with accept and reject cases.

crate::lint_rules! {
    // Where truth lives and how it moves.
    concept_authority_count,
    write_into_operational,
    raw_missing_retention,
    // Truth boundaries, events, raw and curated layers (L004–L019).
    // Metrics and consumers (L020–L039).
}
