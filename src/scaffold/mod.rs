//! `truthline init`: the files of a new project. A small shop with one example of every
//! kind of declaration, which checks clean and is in the canonical format (the tests
//! hold it to both), a `truthline.yaml`, a pre-commit configuration and a `.gitignore`
//! for what truthline writes.

/// Keeps what truthline writes (`.truthline/`) out of git. An existing one is the user's
/// and is left as it is.
pub const GITIGNORE: &str = ".gitignore";

/// The folder every command writes into unless told otherwise.
pub const OUTPUT_DIR: &str = ".truthline";

/// The files of a new project: path relative to the project folder, and content; in
/// path order.
pub fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        (GITIGNORE, include_str!("project/gitignore")),
        (
            ".pre-commit-config.yaml",
            include_str!("project/pre-commit-config.yaml"),
        ),
        ("concepts.truth", include_str!("project/concepts.truth")),
        ("consumers.truth", include_str!("project/consumers.truth")),
        ("events.truth", include_str!("project/events.truth")),
        ("expectations.truth", include_str!("project/expectations.truth")),
        ("metrics.truth", include_str!("project/metrics.truth")),
        ("systems.truth", include_str!("project/systems.truth")),
        ("tables.truth", include_str!("project/tables.truth")),
        ("teams.truth", include_str!("project/teams.truth")),
        ("truthline.yaml", include_str!("project/truthline.yaml")),
        ("types.truth", include_str!("project/types.truth")),
    ]
}
