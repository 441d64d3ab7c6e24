//! `truthline.yaml`: project settings. Read from text here; the CLI finds the file.
//!
//! ```yaml
//! rules:                       # severity per lint rule: error | warning | info | off
//!   metric-missing-intent: warning
//! overrides:                   # per path (globs relative to the project root), last match wins
//!   - paths: ["legacy/**"]
//!     rules:
//!       raw-missing-retention: off
//! ```

use crate::diagnostics::codes::Category;
use crate::diagnostics::{codes, did_you_mean, Diagnostic, Severity};
use crate::span::SourceMap;
use crate::yaml::{self, YamlError};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub paths: Vec<String>,
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Where `build` writes (relative to the project root).
    #[serde(default)]
    pub out: Option<String>,
    /// SQL dialects `build` emits when `--dialect` is not given.
    #[serde(default)]
    pub dialects: Vec<String>,
    /// Settings of `breaking` and `changelog`.
    #[serde(default)]
    pub breaking: BreakingConfig,
    #[serde(skip)]
    compiled: Vec<(globset::GlobSet, BTreeMap<String, Level>)>,
}

/// The `breaking:` section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakingConfig {
    /// The compatibility mode of elements that declare none (default `backward`).
    #[serde(default)]
    pub mode: Option<crate::syntax::ast::CompatMode>,
    /// `wire`, `semantic` or `governance` (default): changes above it never fail.
    #[serde(default)]
    pub level: crate::checks::breaking::Level,
    /// A breaking change that no consumer reads passes with a warning.
    #[serde(default)]
    pub allow_unconsumed: bool,
    /// Deliberate breaks, each matching one exact change.
    #[serde(default)]
    pub acknowledged: Vec<crate::checks::breaking::Acknowledgement>,
}

impl Config {
    /// Reads and validates a config: rule names must be lint rules, globs must parse.
    pub fn parse(text: &str) -> Result<Config, YamlError> {
        let mut c: Config = if text.trim().is_empty() {
            Config::default()
        } else {
            yaml::from_str(text)?
        };
        let lint: Vec<&str> = crate::checks::lint::codes().iter().map(|c| c.name).collect();
        let all_rules = c.rules.keys().chain(c.overrides.iter().flat_map(|o| o.rules.keys()));
        for name in all_rules {
            let ok = codes::find(name).is_some_and(|c| c.category == Category::Lint);
            if !ok {
                let hint = did_you_mean(name, lint.iter().copied())
                    .map(|m| format!(" (did you mean `{m}`?)"))
                    .unwrap_or_default();
                return Err(YamlError {
                    message: format!("`{name}` is not a lint rule{hint}"),
                    line: None,
                    column: None,
                });
            }
        }
        for o in &c.overrides {
            let mut b = globset::GlobSetBuilder::new();
            for p in &o.paths {
                let g = globset::Glob::new(p).map_err(|e| YamlError {
                    message: format!("bad path pattern `{p}`: {e}"),
                    line: None,
                    column: None,
                })?;
                b.add(g);
            }
            let set = b.build().map_err(|e| YamlError {
                message: e.to_string(),
                line: None,
                column: None,
            })?;
            c.compiled.push((set, o.rules.clone()));
        }
        Ok(c)
    }

    /// Applies configured levels to lint findings; `off` drops them. `path_of` gives a
    /// file's path relative to the project root.
    pub fn apply(&self, sources: &SourceMap, diags: &mut Vec<Diagnostic>) {
        let level_of = |d: &Diagnostic| -> Option<Level> {
            if d.code.category != Category::Lint {
                return None;
            }
            let lookup = |m: &BTreeMap<String, Level>| m.get(d.code.name).or_else(|| m.get(d.code.code)).copied();
            let path = d
                .primary_span()
                .map(|s| sources.get(s.file).path.clone())
                .unwrap_or_default();
            let from_override =
                self.compiled
                    .iter()
                    .rev()
                    .find_map(|(set, rules)| if set.is_match(&path) { lookup(rules) } else { None });
            from_override.or_else(|| lookup(&self.rules))
        };
        diags.retain_mut(|d| match level_of(d) {
            Some(Level::Off) => false,
            Some(Level::Error) => {
                d.severity = Severity::Error;
                true
            }
            Some(Level::Warning) => {
                d.severity = Severity::Warning;
                true
            }
            Some(Level::Info) => {
                d.severity = Severity::Info;
                true
            }
            None => true,
        });
    }
}
