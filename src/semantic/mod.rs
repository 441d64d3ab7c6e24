//! The resolved model of a whole project.

pub mod codes;
