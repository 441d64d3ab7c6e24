//! Other formats in and out: import of Avro, JSON Schema, SQL DDL and ODCS into contract
//! files, export of contracts to ODCS, a dbt project, Avro and JSON Schema. Pure, like
//! the rest of the library: texts go in, files and diagnostics come out.

pub mod codes;
pub mod export;
pub mod import;
pub(crate) mod locate;
pub mod truth;
