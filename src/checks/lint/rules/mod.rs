//! One file per rule. Add a rule: write `rules/<name>.rs` with `pub static CODE` (via
//! `declare_code!`, category `Lint`) and `pub fn check(&Facts, &mut Vec<Diagnostic>)`,
//! list it here, and add `tests/fixtures/codes/<name>/` with accept and reject cases.

crate::lint_rules! {
    // Where truth lives and how it moves.
    concept_authority_count,
    write_into_operational,
    raw_missing_retention,
    system_missing_domain,
    // Truth boundaries, events, raw and curated layers (L004–L019).
    undeclared_read_path,
    raw_not_append_only,
    raw_missing_metadata,
    event_missing_dedupe,
    event_missing_event_time,
    event_missing_key,
    curated_missing_grain,
    curated_missing_key,
    scd2_missing_validity_columns,
    streaming_source_missing_lateness,
    missing_owner,
    authority_not_operational,
    concept_missing_identifier,
    concept_missing_time,
    event_compatibility_unset,
    derived_table_missing_source,
    // Metrics and consumers (L020–L039).
    metric_missing_owner,
    metric_missing_intent,
    metric_missing_time,
    metric_missing_eligibility,
    metric_without_authority,
    money_metric_not_reconciled,
    replaced_metric_missing_sunset,
    consumer_uses_sunset_metric,
    observational_feeds_money_metric,
    metric_missing_unit,
    money_in_floating_point,
    derived_column_without_source,
    // Classification along column lineage (L041–).
    consumer_clearance_exceeded,
    raw_landing_drops_classification,
}
