//! Checks over the resolved model: lint rules and waivers.

pub mod breaking;
pub mod lint;
pub mod waivers;
