//! Code generation: from the resolved model to files. Pure: the caller writes them.

pub mod docs;
pub mod sql;

use serde::Serialize;

/// One generated file: its path relative to the output folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}
