//! One file per breaking rule. Add a rule: write `rules/<name>.rs` with `pub static
//! CODE` (via `declare_code!`, category `Breaking`) and `pub fn check(&Pairs, &Input,
//! &mut Vec<Change>)`, list it here, and add `tests/fixtures/breaking/<name>/` cases.

crate::breaking_rules! {
    event_removed,
    field_removed,
    field_added_without_default,
    field_type_changed,
}
