//! `truthline breaking` through the real binary: git baselines in a real repository, the
//! commerce example against changed copies of itself, SARIF validated against the
//! official SARIF 2.1.0 schema, and JUnit parsed as XML.
//!
//! The SARIF schema is fetched by `scripts/test.sh` into `$HOME/.cache/truthline` and
//! named by `TRUTHLINE_SARIF_SCHEMA`; without it the SARIF tests fail, never skip.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command as Std;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Runs `truthline ARGS` in `dir`: exit code, stdout, stderr.
fn truthline(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("truthline")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TRUTHLINE_TODAY", "2026-06-01")
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let code = out.status.code().expect("the binary was killed");
    (
        code,
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

fn changes(report: &Value) -> &Vec<Value> {
    report["changes"].as_array().expect("`changes` is a list")
}

// ───────────────────────────── git baselines ─────────────────────────────

/// Runs git in `dir` with no global or system configuration, failing the test on error.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Std::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const EVENT_V1: &str = r##"namespace shop

team payments { contact "#payments" }

system payments_svc { domain operational engine kafka owner payments }

/// A payment was captured.
event order_paid v1 {
    owner          payments
    from           payments_svc
    compatibility  backward
    key            order_id
    delivery       at_least_once
    dedupe         event_id
    event_time     paid_at
    lateness       1d

    fields {
        event_id  uuid
        order_id  string
        amount    long
        paid_at   timestamp
    }
}
"##;

/// A repository with two commits: the second changes `amount` from `long` to `string`.
/// The first is tagged `v1` and has a branch `release`.
fn repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["config", "user.name", "Truthline Tests"]);
    git(dir, &["config", "user.email", "tests@truthline.invalid"]);
    git(dir, &["config", "commit.gpgsign", "false"]);
    std::fs::create_dir(dir.join("contracts")).unwrap();
    std::fs::write(dir.join("contracts/payments.truth"), EVENT_V1).unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "order_paid v1"]);
    git(dir, &["tag", "v1"]);
    git(dir, &["branch", "release"]);
    std::fs::write(
        dir.join("contracts/payments.truth"),
        EVENT_V1.replace("amount    long", "amount    string"),
    )
    .unwrap();
    git(dir, &["commit", "-q", "-am", "amount becomes a string"]);
    tmp
}

#[test]
fn git_revisions_are_baselines_and_the_work_tree_is_untouched() {
    let repo = repository();
    let dir = repo.path();
    let project = dir.join("contracts");
    assert_eq!(git(dir, &["status", "--porcelain"]), "", "the repository starts clean");
    let head = git(dir, &["rev-parse", "HEAD"]);

    for rev in ["git:HEAD~1", "git:v1", "git:release"] {
        let (code, out, err) = truthline(&project, &["breaking", ".", "--against", rev, "--format", "json"]);
        assert_eq!(code, 1, "{rev}: a breaking change exits 1\n{out}\n{err}");
        let report = json(&out);
        assert_eq!(report["baseline"], rev);
        let found = changes(&report);
        assert_eq!(found.len(), 1, "{rev}: {out}");
        assert_eq!(found[0]["name"], "field-type-changed");
        assert_eq!(found[0]["path"], "fields.amount");
        assert_eq!(
            (found[0]["old"].as_str(), found[0]["new"].as_str()),
            (Some("long"), Some("string"))
        );
        assert_eq!(found[0]["baseline_location"]["file"], format!("{}:payments.truth", rev));
    }

    // The human report names the change too.
    let (code, out, _) = truthline(&project, &["breaking", ".", "--against", "git:HEAD~1"]);
    assert_eq!(code, 1);
    assert!(out.contains("field-type-changed") && out.contains("amount"), "{out}");

    let (code, out, err) = truthline(&project, &["breaking", ".", "--against", "git:HEAD"]);
    assert_eq!(code, 0, "no change since HEAD\n{out}\n{err}");
    assert!(changes(&json(
        &truthline(
            &project,
            &["breaking", ".", "--against", "git:HEAD", "--format", "json"]
        )
        .1
    ))
    .is_empty());

    let (code, out, err) = truthline(&project, &["breaking", ".", "--against", "git:does-not-exist"]);
    assert_eq!(code, 2, "an unknown revision cannot be compared with\n{out}\n{err}");
    assert!(
        err.contains("`does-not-exist` does not exist"),
        "the message names the revision: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    assert_eq!(
        git(dir, &["status", "--porcelain"]),
        "",
        "the work tree and the index are untouched"
    );
    assert_eq!(git(dir, &["rev-parse", "HEAD"]), head);
    assert_eq!(git(dir, &["stash", "list"]), "");
}

// ─────────────────────────── the commerce example ───────────────────────────

fn commerce() -> PathBuf {
    root().join("examples/commerce")
}

/// A copy of the commerce example with `edits` (file, old text, new text) applied.
fn commerce_copy(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(commerce()).unwrap() {
        let p = entry.unwrap().path();
        // The contracts only: the sample data folder is not part of the comparison.
        if p.is_file() {
            std::fs::copy(&p, tmp.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    for (file, old, new) in edits {
        let path = tmp.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(old).count(), 1, "{file}: `{old}` must occur once");
        std::fs::write(&path, text.replace(old, new)).unwrap();
    }
    tmp
}

const FILTER: (&str, &str, &str) = (
    "metrics.truth",
    "    where       status = 'captured' and not is_test\n    time        booked_at",
    "    where       status = 'captured'\n    time        booked_at",
);

#[test]
fn commerce_against_itself_reports_nothing() {
    let path = commerce();
    let path = path.to_str().unwrap();
    let (code, out, err) = truthline(&root(), &["breaking", path, "--against", path, "--format", "json"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let report = json(&out);
    assert!(changes(&report).is_empty(), "{out}");
    assert_eq!(
        report["summary"],
        serde_json::json!({ "breaking": 0, "allowed": 0, "warnings": 0, "compatible": 0 })
    );
}

#[test]
fn a_changed_metric_filter_without_a_new_version_breaks_its_consumers() {
    let copy = commerce_copy(&[FILTER]);
    let base = commerce();
    let (code, out, err) = truthline(
        copy.path(),
        &["breaking", ".", "--against", base.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(code, 1, "{out}\n{err}");
    let report = json(&out);
    let found = changes(&report);
    assert_eq!(found.len(), 1, "exactly one change: {out}");
    let c = &found[0];
    assert_eq!(c["name"], "metric-definition-changed");
    assert_eq!(c["code"], "B042");
    assert_eq!(c["breaking"], true);
    assert_eq!(c["allowed"], Value::Null);
    assert_eq!(c["element"], "commerce.net_revenue");
    assert_eq!(c["path"], "where");
    assert_eq!(c["old"], "status = 'captured' AND NOT is_test");
    assert_eq!(c["new"], "status = 'captured'");
    let affected: Vec<&str> = c["affected"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(affected.contains(&"consumer `finance_dashboard`"), "{affected:?}");
    assert_eq!(report["summary"]["breaking"], 1);
}

/// A changed `transform` query is not printed twice in full: a word diff says what
/// changed, in the terminal and in the changelog; and a measure the message states is
/// not repeated on its labels.
#[test]
fn long_values_are_shown_as_a_word_diff_and_nothing_is_said_twice() {
    let copy = commerce_copy(&[
        (
            "marts.truth",
            "        JOIN payments AS p ON p.payment_id = r.payment_id\n",
            "        JOIN payments AS p ON p.payment_id = r.payment_id\n        WHERE r.refund_amount > 0\n",
        ),
        (
            "metrics.truth",
            "    measure     sum(amount)\n",
            "    measure     sum(amount) * 1\n",
        ),
    ]);
    let base = commerce();
    let (code, out, err) = truthline(copy.path(), &["breaking", ".", "--against", base.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}\n{err}");
    let all = format!("{out}{err}");
    assert!(
        all.contains("= changed: …ON p.payment_id = r.payment_id {+WHERE r.refund_amount > 0+}"),
        "{all}"
    );
    assert_eq!(all.matches("FROM payments UNION ALL").count(), 0, "{all}");
    assert!(!all.contains("now: sum(amount) * 1"), "{all}");
    let (_, md, err) = truthline(copy.path(), &["changelog", ".", "--against", base.to_str().unwrap()]);
    assert!(
        md.contains("(changed: …ON p.payment_id = r.payment_id {+WHERE r.refund_amount > 0+})"),
        "{md}{err}"
    );
    let measure = md
        .lines()
        .find(|l| l.contains("changed its measure"))
        .unwrap_or_else(|| panic!("{md}"));
    assert_eq!(measure.matches("`sum(amount) * 1`").count(), 1, "{measure}");
    assert!(md.contains("2 breaking, 0 allowed, 0 warnings, 0 compatible."), "{md}");
}

/// A project that does not check is still compared, and the report says so.
#[test]
fn breaking_on_a_project_that_does_not_check_says_so() {
    let copy = commerce_copy(&[(
        "metrics.truth",
        "    from        payments\n    measure     sum(amount)\n",
        "    from        paymentz\n    measure     sum(amount)\n",
    )]);
    let base = commerce();
    let (_, out, err) = truthline(copy.path(), &["breaking", ".", "--against", base.to_str().unwrap()]);
    assert!(
        out.contains("note: the project does not check (1 error; `truthline check` shows them)"),
        "{out}{err}"
    );
    let (_, out, _) = truthline(
        &root(),
        &["breaking", base.to_str().unwrap(), "--against", base.to_str().unwrap()],
    );
    assert!(!out.contains("does not check"), "{out}");
}

/// `--format markdown` is the pull-request comment: the breaking change with what it
/// affects and who owns that, what would make it pass, no timestamp (the same text on
/// every run), and the same text appended to GitHub's job summary when that is set.
#[test]
fn the_markdown_report_is_a_stable_comment_and_fills_the_job_summary() {
    let copy = commerce_copy(&[FILTER]);
    let base = commerce();
    let summary = copy.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let run = || {
        Command::cargo_bin("truthline")
            .unwrap()
            .current_dir(copy.path())
            .env("NO_COLOR", "1")
            .env("TRUTHLINE_TODAY", "2026-06-01")
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args([
                "breaking",
                ".",
                "--against",
                base.to_str().unwrap(),
                "--format",
                "markdown",
            ])
            .output()
            .unwrap()
    };
    let first = run();
    assert_eq!(first.status.code(), Some(1));
    let text = String::from_utf8(first.stdout).unwrap();
    assert!(
        text.starts_with("<!-- truthline breaking -->\n## truthline: **1 breaking change** against `"),
        "{text}"
    );
    assert!(text.contains("### Breaking: these fail the gate"), "{text}");
    assert!(text.contains("- **metric** `commerce.net_revenue` `where`"), "{text}");
    assert!(text.contains("affects consumer `finance_dashboard`"), "{text}");
    assert!(text.contains("owners: team `finance`"), "{text}");
    assert!(text.contains("  - to pass: "), "{text}");
    assert!(!text.contains("2026-06-01"), "no date: {text}");
    let second = run();
    assert_eq!(
        String::from_utf8(second.stdout).unwrap(),
        text,
        "the same text on every run"
    );
    let appended = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(appended, format!("earlier step\n{text}{text}"));
}

/// The new version's change is allowed; the version it replaced, deleted in the same
/// change without a sunset, is not: its consumers lose it (`metric-removed`).
#[test]
fn the_same_change_with_a_new_version_is_allowed() {
    let copy = commerce_copy(&[
        FILTER,
        ("metrics.truth", "metric net_revenue v2 {", "metric net_revenue v3 {"),
        (
            "consumers.truth",
            "uses   metric net_revenue v2,",
            "uses   metric net_revenue v3,",
        ),
    ]);
    let (code, out, err) = truthline(copy.path(), &["check", "."]);
    assert_eq!(code, 0, "the bumped copy checks clean\n{out}\n{err}");
    let base = commerce();
    let (code, out, err) = truthline(
        copy.path(),
        &["breaking", ".", "--against", base.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(code, 1, "{out}\n{err}");
    let report = json(&out);
    let found = changes(&report);
    assert_eq!(found.len(), 2, "{out}");
    let by = |name: &str| {
        found
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name}: {out}"))
    };
    let changed = by("metric-definition-changed");
    assert_eq!(changed["breaking"], true);
    assert_eq!(changed["allowed"], "v3 is a new version of `net_revenue`");
    let removed = by("metric-removed");
    assert_eq!(
        removed["message"],
        "metric `net_revenue v2` was removed without a sunset"
    );
    assert_eq!(removed["allowed"], Value::Null);
    assert_eq!(
        report["summary"],
        serde_json::json!({ "breaking": 1, "allowed": 1, "warnings": 0, "compatible": 0 })
    );
}

/// Declarations given twice are an error of `check`; compared with itself, such a project
/// reports no change (each copy pairs with its own copy, not both with the first).
#[test]
fn duplicate_declarations_compared_with_themselves_report_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let event = |extra: &str| {
        format!(
            "event order_paid v1 {{\n    owner payments\n    from checkout\n    compatibility backward\n    key order_id\n    delivery exactly_once\n    event_time paid_at\n    fields {{\n        order_id string\n        paid_at timestamp\n{extra}    }}\n}}\n"
        )
    };
    let text = format!(
        "namespace shop\nteam payments {{ contact \"#p\" }}\nsystem checkout {{ domain operational engine postgres owner payments read via events }}\n{}{}metric m v1 {{ owner payments }}\nmetric m v1 {{ owner payments }}\n",
        event(""),
        event("        x int\n")
    );
    std::fs::write(tmp.path().join("shop.truth"), text).unwrap();
    let (code, _, _) = truthline(tmp.path(), &["check", "."]);
    assert_eq!(code, 1, "the duplicates are reported by check");
    let (code, out, err) = truthline(tmp.path(), &["breaking", ".", "--against", ".", "--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(changes(&json(&out)).len(), 0, "{out}");
}

// ───────────────────────────── SARIF and JUnit ─────────────────────────────

/// A project whose check reports exactly two errors: a curated table without a grain
/// (`curated-missing-grain`) and without a key.
const FINDINGS: &str = r##"namespace shop

team data { contact "#data" }

system warehouse { domain analytical engine duckdb owner data }

system shop_db { domain operational engine postgres owner data read via snapshot }

concept order { authority shop_db.orders identifier order_id time placed_at as event owner data }

/// One row per order.
table orders {
    layer          curated
    store          warehouse
    owner          data
    source         snapshot shop_db.orders
    materialized   table
    compatibility  backward

    columns {
        order_id   string
        placed_at  timestamp
    }
}
"##;

fn findings_project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("shop.truth"), FINDINGS).unwrap();
    tmp
}

fn sarif_validator() -> jsonschema::Validator {
    let path = std::env::var("TRUTHLINE_SARIF_SCHEMA").expect(
        "TRUTHLINE_SARIF_SCHEMA is not set: run the tests with scripts/test.sh, which fetches the SARIF 2.1.0 schema",
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read the SARIF schema `{path}`: {e}"));
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("the SARIF schema does not compile: {e}"))
}

fn assert_valid_sarif(validator: &jsonschema::Validator, what: &str, stdout: &str) -> Value {
    let log = json(stdout);
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: the SARIF log breaks the schema:\n{}\n{stdout}",
        errors.join("\n")
    );
    assert_eq!(log["version"], "2.1.0");
    log
}

fn results(log: &Value) -> Vec<&Value> {
    log["runs"][0]["results"]
        .as_array()
        .map(|r| r.iter().collect())
        .unwrap_or_default()
}

#[test]
fn sarif_of_check_and_breaking_validates_against_the_official_schema() {
    let validator = sarif_validator();
    // The validator is not vacuous: a log without runs, or with a wrong level, is refused.
    assert!(!validator.is_valid(&serde_json::json!({ "version": "2.1.0" })));
    let bad_level = serde_json::json!({ "version": "2.1.0", "runs": [{ "tool": { "driver": { "name": "t" } }, "results": [{ "message": { "text": "m" }, "level": "fatal" }] }] });
    assert!(!validator.is_valid(&bad_level));

    let project = findings_project();
    let (code, out, err) = truthline(project.path(), &["check", ".", "--format", "sarif"]);
    assert_eq!(code, 1, "{out}\n{err}");
    let log = assert_valid_sarif(&validator, "check", &out);
    let rules: Vec<&str> = results(&log).iter().filter_map(|r| r["ruleId"].as_str()).collect();
    assert_eq!(rules.len(), 2, "{out}");

    let copy = commerce_copy(&[FILTER]);
    let base = commerce();
    let (code, out, err) = truthline(
        copy.path(),
        &[
            "breaking",
            ".",
            "--against",
            base.to_str().unwrap(),
            "--format",
            "sarif",
        ],
    );
    assert_eq!(code, 1, "{out}\n{err}");
    let log = assert_valid_sarif(&validator, "breaking", &out);
    let found = results(&log);
    assert_eq!(found.len(), 1, "{out}");
    assert_eq!(found[0]["ruleId"], "B042");
    assert_eq!(found[0]["level"], "error");

    // A removed element is located in the baseline only.
    let case = root().join("tests/fixtures/breaking/table-removed/reject_table_dropped");
    let (code, out, _) = truthline(
        &case,
        &["breaking", "current", "--against", "baseline", "--format", "sarif"],
    );
    assert_eq!(code, 1);
    let log = assert_valid_sarif(&validator, "breaking, removed table", &out);
    assert_eq!(results(&log).len(), 1, "{out}");
}

/// `(tests, failures)` of the root and the sum over its suites, after checking that they
/// agree with the `<testcase>` and `<failure>` elements.
fn junit_counts(xml: &str) -> (usize, usize) {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML ({e}):\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let attr = |n: roxmltree::Node, a: &str| -> usize {
        n.attribute(a).unwrap_or_else(|| panic!("no `{a}`")).parse().unwrap()
    };
    let (mut tests, mut failures) = (0, 0);
    for suite in root.children().filter(|n| n.has_tag_name("testsuite")) {
        let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
        let failed = cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
            .count();
        assert_eq!(attr(suite, "tests"), cases.len(), "{xml}");
        assert_eq!(attr(suite, "failures"), failed, "{xml}");
        tests += cases.len();
        failures += failed;
    }
    assert_eq!(
        (attr(root, "tests"), attr(root, "failures")),
        (tests, failures),
        "{xml}"
    );
    (tests, failures)
}

#[test]
fn junit_of_check_and_breaking_parses_with_the_expected_counts() {
    let project = findings_project();
    let (code, out, _) = truthline(project.path(), &["check", ".", "--format", "junit"]);
    assert_eq!(code, 1);
    assert_eq!(junit_counts(&out), (2, 2), "two findings in one file:\n{out}");

    // The commerce example has ten files; the changed filter fails one case.
    let copy = commerce_copy(&[FILTER]);
    let base = commerce();
    let (code, out, _) = truthline(
        copy.path(),
        &[
            "breaking",
            ".",
            "--against",
            base.to_str().unwrap(),
            "--format",
            "junit",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(junit_counts(&out), (10, 1), "{out}");
    assert!(out.contains("B042 metric-definition-changed"), "{out}");

    let (code, out, _) = truthline(
        &root(),
        &[
            "breaking",
            "examples/commerce",
            "--against",
            "examples/commerce",
            "--format",
            "junit",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(junit_counts(&out), (10, 0), "{out}");

    // A removed table is located in the baseline only, and still fails a case.
    let case = root().join("tests/fixtures/breaking/table-removed/reject_table_dropped");
    let (code, out, _) = truthline(
        &case,
        &["breaking", "current", "--against", "baseline", "--format", "junit"],
    );
    assert_eq!(code, 1);
    assert_eq!(junit_counts(&out), (2, 1), "{out}");
    assert!(out.contains("B030 table-removed"), "{out}");
}
