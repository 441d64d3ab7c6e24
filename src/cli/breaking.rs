//! `truthline breaking` and `truthline changelog`: one comparison, two views.

use super::output::{free_at_exit, plural, print};
use super::{baseline, project, Exit, FailOn};
use clap::ValueEnum;
use std::path::Path;
use truthline::checks::breaking::{self, report, Settings};
use truthline::diagnostics::{render, Diagnostic, Severity};
use truthline::span::FileId;
use truthline::syntax::ast::CompatMode;

/// Output of `breaking`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BreakingFormat {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    /// The pull-request comment; in GitHub Actions also added to the job summary.
    Markdown,
}

/// Output of `changelog`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChangelogFormat {
    Markdown,
    Json,
}

/// `--mode` values.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    None,
    Backward,
    Forward,
    Full,
    /// Spelled as the language and the docs spell it too: `backward_transitive`.
    #[value(alias = "backward_transitive")]
    BackwardTransitive,
    #[value(alias = "forward_transitive")]
    ForwardTransitive,
    #[value(alias = "full_transitive")]
    FullTransitive,
}

impl From<Mode> for CompatMode {
    fn from(m: Mode) -> CompatMode {
        match m {
            Mode::None => CompatMode::None,
            Mode::Backward => CompatMode::Backward,
            Mode::Forward => CompatMode::Forward,
            Mode::Full => CompatMode::Full,
            Mode::BackwardTransitive => CompatMode::BackwardTransitive,
            Mode::ForwardTransitive => CompatMode::ForwardTransitive,
            Mode::FullTransitive => CompatMode::FullTransitive,
        }
    }
}

/// The comparison with everything needed to render it.
pub(super) struct Compared {
    pub loaded: project::Loaded,
    pub changes: Vec<breaking::Change>,
    /// Errors in the current project (the baseline's make the command fail outright).
    pub current_errors: Vec<Diagnostic>,
    /// Errors `check` would report in the current project beyond those: what does not
    /// resolve is left out of the comparison, which the human report says.
    pub unchecked: usize,
}

pub(super) fn compare(path: &Path, against: &str, mode: Option<Mode>, history: bool) -> miette::Result<Compared> {
    let rev = match (history, against.strip_prefix("git:")) {
        (true, None) => {
            return Err(miette::miette!(
                help = "write `--against git:main --history`: a folder has no history",
                "`--history` reads the history of a git baseline"
            ))
        }
        (true, Some(rev)) => Some(rev),
        (false, _) => None,
    };
    let mut loaded = project::load(path)?;
    let user: Vec<FileId> = loaded.user_files.iter().map(|(id, _)| *id).collect();
    let std_ids: Vec<FileId> = loaded
        .sources
        .files()
        .filter(|(_, f)| truthline::stdlib::is_std(&f.name))
        .map(|(id, _)| id)
        .collect();
    let base_files = baseline::read(path, against)?;
    // A baseline file with the same bytes as a current one is that file: both sides read
    // it once. A change touches few files, so most of the baseline is parsed for free;
    // what such a file declares is unchanged, so no finding points into its baseline copy.
    let mut unclaimed: std::collections::HashMap<&str, Vec<FileId>> = std::collections::HashMap::new();
    for id in user.iter().rev() {
        let text = loaded.sources.get(*id).text.as_str();
        unclaimed.entry(text).or_default().push(*id);
    }
    let twins: Vec<Option<FileId>> = base_files
        .iter()
        .map(|f| {
            std::str::from_utf8(&f.bytes)
                .ok()
                .and_then(|t| unclaimed.get_mut(t))
                .and_then(Vec::pop)
        })
        .collect();
    let mut base_ids = Vec::with_capacity(base_files.len());
    let mut base_diags = Vec::new();
    for (f, twin) in base_files.into_iter().zip(twins) {
        let id = match twin {
            Some(id) => id,
            None => {
                let (id, d) = truthline::syntax::add_source(&mut loaded.sources, f.name, f.bytes);
                base_diags.extend(d);
                id
            }
        };
        base_ids.push(id);
    }
    let current_ids: Vec<FileId> = user.iter().chain(&std_ids).copied().collect();
    let base_all: Vec<FileId> = base_ids.iter().chain(&std_ids).copied().collect();
    // The two sides are independent: they are parsed together and resolved on both cores.
    let (current, base) = truthline::model_pair(&loaded.sources, &current_ids, &base_all, &loaded.options);
    base_diags.extend(
        base.diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Error && d.code.category == truthline::diagnostics::codes::Category::Syntax
            })
            .cloned(),
    );
    if !base_diags.is_empty() {
        let text = render::human(&loaded.sources, &base_diags, false);
        return Err(miette::miette!(
            help = "the baseline must parse to be compared with",
            "the baseline `{against}` does not parse:\n{text}"
        ));
    }
    let unchecked = current
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.code.category != truthline::diagnostics::codes::Category::Syntax)
        .count();
    let mut current_errors: Vec<Diagnostic> = loaded.diagnostics.clone();
    current_errors.extend(
        current
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Error && d.code.category == truthline::diagnostics::codes::Category::Syntax
            })
            .cloned(),
    );
    let cfg = &loaded.options.config.breaking;
    let settings = Settings {
        default_mode: cfg.mode,
        mode_override: mode.map(CompatMode::from),
        level: cfg.level,
        allow_unconsumed: cfg.allow_unconsumed,
        acknowledgements: cfg.acknowledged.clone(),
        today: loaded.options.today,
    };
    let mut changes = breaking::compare(&breaking::Input {
        old: &base.model,
        new: &current.model,
        settings: &settings,
    });
    if let Some(rev) = rev {
        let earlier = super::history::read(path, rev)?;
        changes.extend(against_history(
            &mut loaded,
            &std_ids,
            earlier,
            &current.model,
            &settings,
            &changes,
        ));
    }
    free_at_exit((current, base));
    Ok(Compared {
        loaded,
        changes,
        current_errors,
        unchecked,
    })
}

/// The breaking event changes against every earlier state of the baseline's history,
/// for events under a transitive mode, that the comparison with the baseline itself did
/// not already report; each says which commit's definition it is against.
fn against_history(
    loaded: &mut project::Loaded,
    std_ids: &[FileId],
    earlier: Vec<super::history::State>,
    current: &truthline::semantic::Model,
    settings: &Settings,
    seen: &[breaking::Change],
) -> Vec<breaking::Change> {
    // One source per distinct content: a file most states share is read and parsed once.
    // Each state is read as the files its commit changed (the definitions no newer state
    // holds) and the files that declare types (which those definitions may use); every
    // other definition of the state is one a newer state, or the baseline, already has.
    let mut by_content: std::collections::HashMap<Vec<u8>, FileId> = std::collections::HashMap::new();
    let mut projects = Vec::with_capacity(earlier.len());
    let declares_types = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes).lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("type ") || l.starts_with("struct ") || l.starts_with("columns ")
        })
    };
    for state in &earlier {
        let mut ids: Vec<FileId> = state
            .files
            .iter()
            .enumerate()
            .filter(|(k, f)| state.fresh.contains(k) || declares_types(&f.bytes))
            .map(|(_, f)| {
                *by_content.entry(f.bytes.clone()).or_insert_with(|| {
                    truthline::syntax::add_source(&mut loaded.sources, f.name.clone(), f.bytes.clone()).0
                })
            })
            .collect();
        ids.extend(std_ids);
        projects.push(ids);
    }
    let models = truthline::model_many(&loaded.sources, &projects, &loaded.options);
    let transitive = |name: &str| {
        current.events.iter().any(|e| {
            format!("{}.{}", e.item.ns, e.item.ast.name.text) == name
                && matches!(
                    settings
                        .mode_override
                        .or(e.item.ast.compatibility.as_ref().map(|c| c.value))
                        .or(settings.default_mode),
                    Some(CompatMode::BackwardTransitive | CompatMode::ForwardTransitive | CompatMode::FullTransitive)
                )
        })
    };
    let key = |c: &breaking::Change| {
        (
            c.code.code,
            c.name.clone(),
            c.path.clone(),
            c.old.clone(),
            c.new.clone(),
        )
    };
    let mut known: std::collections::HashSet<_> = seen.iter().map(key).collect();
    let mut out = Vec::new();
    for (state, m) in earlier.iter().zip(&models) {
        let found = breaking::compare(&breaking::Input {
            old: &m.model,
            new: current,
            settings,
        });
        for mut c in found {
            // Definitions on both sides only: a state is read in part, so what it lacks
            // says nothing.
            let both = c.ids.0.is_some() && c.ids.1.is_some();
            if c.object != breaking::Object::Event
                || !both
                || !c.breaking
                || !transitive(&c.name)
                || !known.insert(key(&c))
            {
                continue;
            }
            c.message = format!("{} (against its definition at {})", c.message, state.commit);
            out.push(c);
        }
    }
    free_at_exit(models);
    out
}

pub fn run_breaking(
    path: &Path,
    against: &str,
    mode: Option<Mode>,
    history: bool,
    format: BreakingFormat,
    fail_on: FailOn,
    color: bool,
) -> miette::Result<Exit> {
    let c = compare(path, against, mode, history)?;
    let mut diags: Vec<Diagnostic> = c.current_errors.clone();
    diags.extend(c.changes.iter().filter_map(|x| x.to_diagnostic()));
    let counts = report::Counts::of(&c.changes);
    match format {
        BreakingFormat::Human => {
            // Compatible changes are the changelog's business; the gate shows what matters.
            let shown: Vec<Diagnostic> = diags
                .iter()
                .filter(|d| d.severity > Severity::Info || d.notes.iter().any(|n| n.starts_with("allowed")))
                .cloned()
                .collect();
            let mut out = render::human(&c.loaded.sources, &shown, color);
            if c.unchecked > 0 {
                out.push_str(&format!(
                    "note: the project does not check ({}; `truthline check` shows them): what does not resolve is left out of this comparison\n",
                    plural(c.unchecked, "error")
                ));
            }
            out.push_str(&format!(
                "compared with {against}: {}, {} allowed, {}, {} compatible\n",
                plural(counts.breaking, "breaking change"),
                counts.allowed,
                plural(counts.warnings, "warning"),
                counts.compatible
            ));
            print(&out);
        }
        BreakingFormat::Json => print(&report::json(&c.loaded.sources, &c.changes, against)),
        BreakingFormat::Markdown => {
            let text = breaking::review::markdown(&c.changes, against);
            print(&text);
            // GitHub Actions shows what a step appends to this file on the run's page.
            if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty()) {
                use std::io::Write as _;
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&summary)
                    .and_then(|mut f| f.write_all(text.as_bytes()))
                    .map_err(|e| {
                        miette::miette!(
                            "cannot append to $GITHUB_STEP_SUMMARY ({}): {e}",
                            summary.to_string_lossy()
                        )
                    })?;
            }
        }
        BreakingFormat::Sarif => print(&truthline::diagnostics::sarif::sarif(&c.loaded.sources, &diags)),
        BreakingFormat::Github => print(&truthline::diagnostics::github::github(&c.loaded.sources, &diags)),
        BreakingFormat::Junit => {
            let mut files: Vec<FileId> = c.loaded.user_files.iter().map(|(id, _)| *id).collect();
            // A removed element is only in the baseline: report its baseline file too.
            for s in diags.iter().filter_map(Diagnostic::primary_span) {
                if !files.contains(&s.file) {
                    files.push(s.file);
                }
            }
            print(&truthline::diagnostics::junit::junit(
                &c.loaded.sources,
                &diags,
                &files,
                "truthline breaking",
            ));
        }
    }
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    Ok(if diags.iter().any(|d| d.severity >= threshold) {
        Exit::Findings
    } else {
        Exit::Ok
    })
}

pub fn run_changelog(path: &Path, against: &str, format: ChangelogFormat, color: bool) -> miette::Result<Exit> {
    let c = compare(path, against, None, false)?;
    if !c.current_errors.is_empty() {
        print(&render::human(&c.loaded.sources, &c.current_errors, color));
        return Ok(Exit::Findings);
    }
    match format {
        ChangelogFormat::Markdown => print(&report::markdown(&c.changes, against)),
        ChangelogFormat::Json => print(&report::json(&c.loaded.sources, &c.changes, against)),
    }
    Ok(Exit::Ok)
}
