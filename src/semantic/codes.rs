//! Codes reported while resolving a project.

use crate::diagnostics::Code;

/// Every code of this stage.
pub static ALL: &[&Code] = &[];
