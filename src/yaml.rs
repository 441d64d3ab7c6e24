//! The one place that uses serde_yaml (deprecated upstream), so swapping it touches one
//! file.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A YAML error with its 1-based position, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| YamlError {
        message: e.to_string().split(" at line ").next().unwrap_or_default().to_string(),
        line: e.location().map(|l| l.line()),
        column: e.location().map(|l| l.column()),
    })
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(|e| YamlError {
        message: e.to_string(),
        line: None,
        column: None,
    })
}
