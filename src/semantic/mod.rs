//! The resolved model of a whole project: names resolved across files, types resolved,
//! SQL fragments read, and the lineage graph.

pub mod canonical;
pub mod codes;
pub mod index;
pub mod model;
mod resolve;
pub mod sql;
pub mod types;

pub use model::Model;
pub use resolve::resolve;
