//! The hooks of `.pre-commit-hooks.yaml`, installed and run by the real `pre-commit`
//! (PyPI), exactly as a user's repository would: pre-commit clones this checkout, builds
//! truthline with `cargo install --path .` (its Rust support), and runs the hooks on
//! `git commit`. A commit with a lint error, an unformatted file or a breaking change is
//! rejected; a clean one is accepted.
//!
//! pre-commit needs a commit to clone. The test commits the checkout's current files
//! (tracked and untracked, minus ignored ones) into a snapshot repository with fixed
//! author and dates, so the same files give the same commit and pre-commit's cache
//! (`PRE_COMMIT_HOME`, under `~/.cache/truthline`) builds truthline once per change of
//! the sources, not once per run. `scripts/precommit.sh` (sourced by `scripts/test.sh`)
//! installs pre-commit and names it in `TRUTHLINE_PRE_COMMIT`; without it the test
//! fails, never skips.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cache() -> PathBuf {
    let home = std::env::var("HOME").expect("HOME is set");
    Path::new(&home).join(".cache/truthline")
}

/// A command with no global or system git configuration and a fixed identity and clock.
fn cmd(program: &str, dir: &Path) -> Command {
    let mut c = Command::new(program);
    c.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "truthline tests")
        .env("GIT_AUTHOR_EMAIL", "tests@truthline.invalid")
        .env("GIT_COMMITTER_NAME", "truthline tests")
        .env("GIT_COMMITTER_EMAIL", "tests@truthline.invalid")
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .env("NO_COLOR", "1");
    c
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = cmd("git", dir).args(args).output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} in {}:\n{}",
        dir.display(),
        text(&out)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Commits the checkout's files into a fresh repository at `dest`; returns the commit.
fn snapshot(checkout: &Path, dest: &Path) -> String {
    let _ = std::fs::remove_dir_all(dest);
    std::fs::create_dir_all(dest).unwrap();
    let listing = git(checkout, &["ls-files", "-co", "--exclude-standard", "-z"]);
    for name in listing.split('\0').filter(|n| !n.is_empty()) {
        let from = checkout.join(name);
        if !from.is_file() {
            continue; // deleted but still tracked
        }
        let to = dest.join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
    }
    git(dest, &["init", "-q", "-b", "main"]);
    git(dest, &["add", "-A"]);
    git(
        dest,
        &["commit", "-q", "--no-verify", "-m", "snapshot for the pre-commit test"],
    );
    git(dest, &["rev-parse", "HEAD"])
}

const TEAMS: &str = "namespace shop

/// Owns the order service.
team orders {
    contact \"#orders-oncall\"
}
";

const EVENTS: &str = "namespace shop

/// The order service.
system orders_svc {
    domain  operational
    engine  postgres
    owner   orders
    read    via events
    tables  orders
}

/// An order was placed.
event order_placed v1 {
    owner          orders
    from           orders_svc
    compatibility  backward
    key            order_id
    delivery       at_least_once
    dedupe         event_id
    event_time     placed_at
    lateness       1d
    fields {
        event_id   uuid
        order_id   string
        placed_at  timestamp
    }
}
";

/// The project, its hooks from the snapshot, and the pre-commit binary.
struct Repo {
    dir: tempfile::TempDir,
    pre_commit: String,
}

impl Repo {
    fn write(&self, name: &str, body: &str) {
        std::fs::write(self.dir.path().join(name), body).unwrap();
    }

    /// `git commit` of everything, with the hooks installed: success and output.
    fn commit(&self, message: &str) -> (bool, String) {
        git(self.dir.path(), &["add", "-A"]);
        let out = cmd("git", self.dir.path())
            .args(["commit", "-m", message])
            .env("PATH", path_with(&self.pre_commit))
            .output()
            .unwrap();
        (out.status.success(), text(&out))
    }

    /// Throws away the rejected change.
    fn reset(&self) {
        git(self.dir.path(), &["reset", "-q", "--hard", "HEAD"]);
        git(self.dir.path(), &["clean", "-qfd"]);
    }
}

/// PATH with the pre-commit venv first, so the installed git hook finds its interpreter.
fn path_with(pre_commit: &str) -> String {
    let bin = Path::new(pre_commit).parent().unwrap();
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default())
}

fn setup() -> Repo {
    let pre_commit = std::env::var("TRUTHLINE_PRE_COMMIT").expect(
        "TRUTHLINE_PRE_COMMIT names the pre-commit binary: run scripts/test.sh, or `source scripts/precommit.sh` first",
    );
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks_repo = cache().join("precommit-checkout");
    let rev = snapshot(checkout, &hooks_repo);

    let dir = tempfile::tempdir().unwrap();
    let repo = Repo { dir, pre_commit };
    let root = repo.dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    repo.write("teams.truth", TEAMS);
    repo.write("events.truth", EVENTS);
    // `breaking` compares with `main` here (the default is `git:origin/main`).
    repo.write(
        ".pre-commit-config.yaml",
        &format!(
            "repos:
  - repo: {}
    rev: {rev}
    hooks:
      - id: truthline-check
      - id: truthline-fmt
      - id: truthline-breaking
        args: [--against, \"git:main\"]
",
            hooks_repo.display()
        ),
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "a clean project"]);
    git(root, &["checkout", "-q", "-b", "feature"]);

    let pc = |args: &[&str]| {
        let mut c = cmd(&repo.pre_commit, root);
        c.args(args).env("PATH", path_with(&repo.pre_commit));
        // cargo builds in a target folder of its own that outlives pre-commit's clones,
        // so a new snapshot recompiles only truthline itself.
        c.env("CARGO_TARGET_DIR", cache().join("target-precommit"));
        let out = c.output().unwrap();
        assert!(out.status.success(), "pre-commit {args:?}:\n{}", text(&out));
    };
    pc(&["install"]);
    // Builds the hooks (minutes the first time, cached afterwards).
    pc(&["install-hooks"]);
    repo
}

#[test]
fn precommit_hooks_reject_bad_commits_and_accept_good_ones() {
    let repo = setup();

    // A lint error: the owner is not a team.
    repo.write(
        "events.truth",
        &EVENTS.replace("owner          orders\n    from", "owner          ordrs\n    from"),
    );
    let (ok, out) = repo.commit("unknown owner");
    assert!(!ok, "a commit with an unknown owner was accepted:\n{out}");
    assert!(out.contains("truthline check") && out.contains("Failed"), "{out}");
    assert!(out.contains("ordrs"), "the finding names the bad owner:\n{out}");
    repo.reset();

    // Unformatted, but otherwise correct.
    repo.write("teams.truth", &TEAMS.replace("    contact", "        contact"));
    let (ok, out) = repo.commit("badly indented");
    assert!(!ok, "an unformatted file was accepted:\n{out}");
    assert!(out.contains("would reformat"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("truthline check") && l.ends_with("Passed")),
        "only fmt fails:\n{out}"
    );
    repo.reset();

    // A breaking change against `main`: a field's type changed.
    repo.write(
        "events.truth",
        &EVENTS.replace("placed_at  timestamp\n    }", "placed_at  date\n    }"),
    );
    let (ok, out) = repo.commit("placed_at becomes a date");
    assert!(!ok, "a breaking change was accepted:\n{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("truthline breaking") && l.ends_with("Failed")),
        "{out}"
    );
    assert!(out.contains("placed_at"), "{out}");
    repo.reset();

    // A compatible, formatted change passes every hook and is committed.
    repo.write(
        "events.truth",
        &EVENTS.replace(
            "placed_at  timestamp\n    }",
            "placed_at  timestamp\n        coupon     string?  default null\n    }",
        ),
    );
    let (ok, out) = repo.commit("an optional coupon");
    assert!(ok, "a clean commit was rejected:\n{out}");
    for hook in ["truthline check", "truthline fmt --check", "truthline breaking"] {
        assert!(
            out.lines().any(|l| l.starts_with(hook) && l.ends_with("Passed")),
            "{hook} did not pass:\n{out}"
        );
    }
    assert_eq!(
        git(repo.dir.path(), &["log", "-1", "--format=%s"]),
        "an optional coupon"
    );
}

/// The configuration `truthline init` writes is one pre-commit accepts, and the hooks of
/// this repository's `.pre-commit-hooks.yaml` are valid hook definitions.
#[test]
fn init_config_and_hook_definitions_pass_pre_commit_validation() {
    let pre_commit = std::env::var("TRUTHLINE_PRE_COMMIT").expect(
        "TRUTHLINE_PRE_COMMIT names the pre-commit binary: run scripts/test.sh, or `source scripts/precommit.sh` first",
    );
    let tmp = tempfile::tempdir().unwrap();
    let init = Command::new(assert_cmd::cargo::cargo_bin("truthline"))
        .args(["init", "."])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(init.status.success());
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (what, file) in [
        ("validate-config", tmp.path().join(".pre-commit-config.yaml")),
        ("validate-manifest", checkout.join(".pre-commit-hooks.yaml")),
    ] {
        let out = cmd(&pre_commit, tmp.path()).arg(what).arg(&file).output().unwrap();
        assert!(
            out.status.success(),
            "pre-commit {what} {}:\n{}",
            file.display(),
            text(&out)
        );
    }
}
