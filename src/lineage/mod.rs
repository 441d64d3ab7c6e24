//! Column lineage, beside the semantic model: for every column of every event, table
//! and metric, the columns it is made of and how; the consumers that read it; the
//! classification it carries. Built from a resolved [`Model`](crate::semantic::Model)
//! and nothing else, so every command that has a model can ask it.

pub mod classify;
pub mod codes;
pub mod find;
pub mod graph;
pub mod query;
mod trace;

pub use graph::{plain_name, Col, ColumnLineage, How, Indirect, Input, Reached};
pub use trace::trace;
