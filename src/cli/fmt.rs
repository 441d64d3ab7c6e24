//! `truthline fmt [PATH] [--check]`

use super::Exit;
use std::path::Path;

pub fn run(_path: &Path, _check: bool, _color: bool) -> miette::Result<Exit> {
    Err(miette::miette!("fmt is being written"))
}
