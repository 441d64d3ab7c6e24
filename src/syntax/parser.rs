//! The pest binding. Nothing outside `syntax` sees these types.

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/truth.pest"]
pub(crate) struct TruthParser;
