//! truthline's own contracts (`contracts/` in the repository), embedded in the binary so
//! every project can use them without copying: namespace `std`.

/// `(display name, text)` of every standard contract file.
pub const FILES: &[(&str, &str)] = &[
    ("<std>/metadata.truth", include_str!("../contracts/metadata.truth")),
    ("<std>/money.truth", include_str!("../contracts/money.truth")),
    ("<std>/geo.truth", include_str!("../contracts/geo.truth")),
    ("<std>/time.truth", include_str!("../contracts/time.truth")),
];

/// Whether a file name is one of the embedded standard files.
pub fn is_std(name: &str) -> bool {
    name.starts_with("<std>/")
}

/// Whether a file's namespace is `std` (its first line that is not blank or a comment).
pub fn declares_std(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| l.split_whitespace().collect::<Vec<_>>() == ["namespace", "std"])
}
