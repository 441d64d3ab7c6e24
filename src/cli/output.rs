//! Where and how results are printed.

use super::ColorChoice;
use std::io::{IsTerminal, Write};

pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
    }
}

/// Writes to stdout; a closed pipe (`truthline check | head`) is not an error.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Leaves a large value to the operating system instead of freeing it: the command is
/// about to exit, and freeing the models of two 10,000-event projects one allocation at a
/// time was 9% of `breaking`'s run (BENCHMARKS.md).
pub(super) fn free_at_exit<T>(value: T) {
    std::mem::forget(value);
}
