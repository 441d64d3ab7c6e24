//! Checks over the resolved model: lint rules and waivers.

pub mod lint;
pub mod waivers;
