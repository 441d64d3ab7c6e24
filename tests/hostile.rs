//! Hostile input through the real binary: payloads in every string a contract can hold,
//! control and bidirectional characters, paths where names go, symbolic links, output
//! folders that must not be replaced, baselines that do not exist, databases that go away.
//!
//! Every case asserts a clear diagnostic and exit code, no panic, and that nothing outside
//! the output folder was written or removed (the temporary tree is snapshotted before and
//! after). Generated SQL with hostile strings is executed on the local PostgreSQL server.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// The payload every string position carries: it ends a SQL literal, an identifier, a
/// comment and an HTML attribute, and hides behind a right-to-left override.
const SQL: &str =
    r#"'); DROP TABLE canary; -- "; DROP TABLE canary; -- */ DROP TABLE canary; /* \'); DROP TABLE canary; --"#;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn truthline(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("truthline")
        .unwrap()
        .current_dir(dir)
        .env("TRUTHLINE_TODAY", "2026-06-01")
        .args(args)
        .args(["--color", "never"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code().expect("killed by a signal"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked") && run.code != 101,
        "panic:\n{}",
        run.stderr
    );
    run
}

/// Every path under `root` (links not followed) with what it is: the bytes of a file, the
/// target of a link, or a folder.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap()).collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_path_buf();
            let ty = e.file_type().unwrap();
            if ty.is_symlink() {
                out.insert(rel, format!("link -> {}", std::fs::read_link(&p).unwrap().display()));
            } else if ty.is_dir() {
                out.insert(rel, "dir".into());
                walk(&p, root, out);
            } else {
                out.insert(rel, String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Asserts that only paths under `allowed` (relative to the root) changed.
fn assert_only_changed(before: &BTreeMap<PathBuf, String>, after: &BTreeMap<PathBuf, String>, allowed: &[&str]) {
    let outside = |p: &PathBuf| !allowed.iter().any(|a| p.starts_with(a));
    let b: BTreeMap<_, _> = before.iter().filter(|(p, _)| outside(p)).collect();
    let a: BTreeMap<_, _> = after.iter().filter(|(p, _)| outside(p)).collect();
    assert_eq!(b, a, "something outside {allowed:?} was written or removed");
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The bundled example, with the payload in every string (docs, contacts, intents, field
/// docs, accepted values, a time zone), escaped the way the language escapes strings.
fn hostile_project() -> Vec<(String, String)> {
    let s = SQL.replace('\\', "\\\\").replace('"', "\\\"");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/commerce");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "truth"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    for (_, text) in &mut files {
        *text = text
            .replace(
                "/// ",
                &format!("/// {SQL} <script>alert(1)</script> ../../etc/passwd "),
            )
            .replace(
                "contact \"#",
                &format!("contact \"{s} <script>alert(1)</script> \\u{{202e}} #"),
            )
            .replace("intent      \"", &format!("intent      \"{s} "))
            .replace(
                "@doc(\"The order paid for.\")",
                &format!("@doc(\"{s}\\n DROP TABLE canary; --\")"),
            )
            .replace(
                "(\"EUR\", \"USD\", \"GBP\")",
                &format!("(\"EUR\", \"USD\", \"GBP\", \"{s}\")"),
            )
            .replacen("timezone \"UTC\"", &format!("timezone \"Europe/Paris{s}\""), 1);
    }
    files
}

fn psql(db: &str, sql: &str) -> Result<String, String> {
    let mut child = std::process::Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            db,
            "-v",
            "ON_ERROR_STOP=1",
            "-q",
            "-A",
            "-t",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start psql: {e} (scripts/services.sh installs it)"))?;
    child.stdin.take().unwrap().write_all(sql.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() || stderr.contains("ERROR") {
        return Err(stderr);
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn hostile_strings_build_to_sql_that_runs_on_postgres_without_injecting() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    for (name, text) in hostile_project() {
        write(&project, &name, &text);
    }
    let before = snapshot(tmp.path());
    let run = truthline(&project, &["build", ".", "--out", "out", "--dialect", "postgres"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_only_changed(&before, &snapshot(tmp.path()), &["project/out"]);

    // Deploy every model, then run every quality test, in a fresh database holding a
    // canary table the payload tries to drop.
    let db = format!("truthline_hostile_{}", std::process::id());
    psql(
        "postgres",
        &format!("DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db};"),
    )
    .unwrap_or_else(|e| panic!("PostgreSQL at 127.0.0.1:5432 is needed: {e}"));
    psql(&db, "CREATE TABLE canary (x int); INSERT INTO canary VALUES (1);").unwrap();
    let sql = project.join("out/sql/postgres");
    let order = std::fs::read_to_string(sql.join("deploy_order.txt")).unwrap();
    let mut ran = 0;
    let mut carried = false;
    for f in order.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let text = std::fs::read_to_string(sql.join(f)).unwrap();
        carried |= text.contains("DROP TABLE canary");
        psql(&db, &text).unwrap_or_else(|e| panic!("{f} does not run on PostgreSQL: {e}\n{text}"));
        ran += 1;
    }
    let mut tests: Vec<PathBuf> = walk_files(&sql)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("/tests/") && p.extension().is_some_and(|e| e == "sql"))
        .collect();
    tests.sort();
    assert!(!tests.is_empty(), "no quality test was generated");
    for t in &tests {
        let text = std::fs::read_to_string(t).unwrap();
        psql(&db, &text).unwrap_or_else(|e| panic!("{} does not run: {e}\n{text}", t.display()));
        ran += 1;
    }
    assert!(
        carried,
        "no generated model carries the payload: the test proves nothing"
    );
    // The metric view that reads through the hostile time zone: PostgreSQL must see it as
    // one (unknown) zone name, not as SQL.
    let view_file = walk_files(&sql)
        .into_iter()
        .find(|p| std::fs::read_to_string(p).unwrap().contains("Europe/Paris"))
        .expect("no view uses the time zone");
    let text = std::fs::read_to_string(&view_file).unwrap();
    let name = text
        .split("VIEW ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no view in {text}"))
        .to_string();
    let view = psql(&db, &format!("SELECT pg_get_viewdef('{name}'::regclass);"));
    let canary = psql(&db, "SELECT count(*) FROM canary;");
    let _ = psql("postgres", &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE);"));
    assert_eq!(canary.unwrap().trim(), "1", "the canary table was touched");
    // PostgreSQL keeps the whole payload as one string constant of the view.
    let view = view.unwrap();
    assert!(view.contains("'Europe/Paris''); DROP TABLE canary; --"), "{view}");
    assert!(ran > 3, "only {ran} scripts ran");
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk_files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn hostile_strings_stay_inside_json_sarif_and_junit_reports() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in hostile_project() {
        // A finding whose message quotes hostile text: an owner that does not exist.
        write(tmp.path(), &name, &text.replace("owner  finance", "owner  nobody"));
    }
    for format in ["json", "sarif"] {
        let run = truthline(tmp.path(), &["check", ".", "--format", format]);
        assert_eq!(run.code, 1, "{}", run.stdout);
        serde_json::from_str::<serde_json::Value>(&run.stdout)
            .unwrap_or_else(|e| panic!("{format} is not JSON: {e}\n{}", run.stdout));
    }
    let run = truthline(tmp.path(), &["check", ".", "--format", "junit"]);
    assert_eq!(run.code, 1);
    roxmltree::Document::parse(&run.stdout).unwrap_or_else(|e| panic!("JUnit is not XML: {e}\n{}", run.stdout));
}

#[test]
fn control_characters_in_a_file_are_syntax_errors_quoted_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let mut text = String::from("team owners { contact \"x\" }\n");
    for c in ['\u{1}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{2028}'] {
        text.push_str(&format!("team a{c}b {{ contact \"x\" }}\n"));
    }
    write(tmp.path(), "c.truth", &text);
    let run = truthline(tmp.path(), &["check", "."]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    // Header lines quote the text escaped: no raw control character reaches a terminal
    // outside the source excerpt.
    for l in run.stdout.lines().filter(|l| l.starts_with("error[")) {
        assert!(!l.chars().any(|c| c.is_control()), "raw control character in {l:?}");
    }
    assert!(run.stdout.contains("error[S"), "{}", run.stdout);
}

#[test]
fn bidirectional_overrides_are_reported_where_they_hide_code() {
    // Trojan Source (CVE-2021-42574): an override in a comment or string makes the text
    // read differently from what the compiler sees.
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "t.truth",
        "team owners { contact \"#a\u{202e} }\" }\n// \u{2066}hidden\u{2069}\nteam b { contact \"x\" }\n",
    );
    let run = truthline(tmp.path(), &["check", "."]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("error[S018]"), "{}", run.stdout);
    assert!(run.stdout.contains("t.truth:1:26"), "{}", run.stdout);
    assert!(run.stdout.contains("t.truth:2:4"), "{}", run.stdout);
    // The escape says the same without hiding anything.
    write(tmp.path(), "t.truth", "team owners { contact \"#a\\u{202e}\" }\n");
    let run = truthline(tmp.path(), &["check", "."]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn path_separators_and_dot_dot_in_names_are_syntax_errors_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    for (i, name) in ["../../escape", "a/b", "..", "a\\b", "/etc/passwd"].iter().enumerate() {
        write(
            &project,
            &format!("f{i}.truth"),
            &format!("namespace {name}\ntable {name} {{ columns {{ x int }} }}\n"),
        );
    }
    let before = snapshot(tmp.path());
    let run = truthline(&project, &["build", ".", "--out", "out"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("nothing was built"), "{}", run.stdout);
    assert_eq!(before, snapshot(tmp.path()));
}

#[test]
fn very_long_identifiers_are_refused_with_a_code() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "a".repeat(64);
    write(tmp.path(), "l.truth", &format!("team {long} {{ contact \"x\" }}\n"));
    let run = truthline(tmp.path(), &["check", "."]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("error[S019]"), "{}", run.stdout);
    assert!(run.stdout.contains("l.truth:1:6"), "{}", run.stdout);
    // 63 bytes, PostgreSQL's limit, is fine.
    write(
        tmp.path(),
        "l.truth",
        &format!("team {} {{ contact \"x\" }}\n", "a".repeat(63)),
    );
    assert_eq!(truthline(tmp.path(), &["check", "."]).code, 0);
    // A megabyte-long one is refused as quickly.
    write(
        tmp.path(),
        "l.truth",
        &format!("team {} {{ contact \"x\" }}\n", "a".repeat(1 << 20)),
    );
    let run = truthline(tmp.path(), &["check", "."]);
    assert!(
        run.stdout.contains("error[S019]"),
        "{}",
        &run.stdout[..run.stdout.len().min(2000)]
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_follow_the_documented_policy() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    let project = tmp.path().join("project");
    write(&outside, "shared.truth", "team shared { contact \"x\" }\n");
    write(&outside, "nested/hidden.truth", "this is not a contract\n");
    write(&project, "own.truth", "team own { contact \"x\" }\n");
    // A linked file is read (a shared contract); a linked folder is never entered, so a
    // loop cannot hang and nothing outside the project is read through it.
    symlink(outside.join("shared.truth"), project.join("shared.truth")).unwrap();
    symlink(&outside, project.join("linked_dir")).unwrap();
    symlink(&project, project.join("loop")).unwrap();
    let before = snapshot(tmp.path());
    let run = truthline(&project, &["check", ".", "--format", "json"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["files_checked"], 2, "{}", run.stdout);

    // A link that leads nowhere (dangling, or a loop of links) is an error, not a
    // contract silently left out.
    symlink(project.join("self.truth"), project.join("self.truth")).unwrap();
    let run = truthline(&project, &["check", "."]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("self.truth"), "{}", run.stderr);
    std::fs::remove_file(project.join("self.truth")).unwrap();
    symlink(tmp.path().join("gone.truth"), project.join("gone.truth")).unwrap();
    let run = truthline(&project, &["check", "."]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("gone.truth"), "{}", run.stderr);
    std::fs::remove_file(project.join("gone.truth")).unwrap();

    // `fmt` rewrites the project's own files, never a linked one outside it.
    write(&outside, "shared.truth", "team shared {contact \"x\"}\n");
    let before_fmt = snapshot(tmp.path());
    let run = truthline(&project, &["fmt", "."]);
    assert!(run.code == 0 || run.code == 1, "{}\n{}", run.stdout, run.stderr);
    assert_only_changed(&before_fmt, &snapshot(tmp.path()), &["project/own.truth"]);
    write(&outside, "shared.truth", "team shared { contact \"x\" }\n");

    // An output folder that is a link to a build elsewhere: the link is replaced, the
    // folder it pointed to is left as it was.
    let run = truthline(&project, &["build", ".", "--out", "../elsewhere"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    symlink(tmp.path().join("elsewhere"), project.join("out")).unwrap();
    let before_build = snapshot(tmp.path());
    let run = truthline(&project, &["build", ".", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_only_changed(&before_build, &snapshot(tmp.path()), &["project/out"]);
    assert!(!project.join("out").is_symlink());
    let _ = before;
}

#[test]
fn an_output_folder_that_is_a_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "t.truth", "team own { contact \"x\" }\n");
    write(tmp.path(), "out", "precious\n");
    let before = snapshot(tmp.path());
    let run = truthline(tmp.path(), &["build", ".", "--out", "out"]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("is not a folder"), "{}", run.stderr);
    assert_eq!(before, snapshot(tmp.path()));
}

#[test]
fn an_output_folder_truthline_did_not_write_is_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "t.truth", "team own { contact \"x\" }\n");
    write(tmp.path(), "home/.bashrc", "precious\n");
    let before = snapshot(tmp.path());
    let run = truthline(tmp.path(), &["build", ".", "--out", "home"]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("refusing to replace it"), "{}", run.stderr);
    assert_eq!(before, snapshot(tmp.path()));
    // Nor is the project folder itself, nor its parent.
    for out in [".", ".."] {
        let run = truthline(tmp.path(), &["build", ".", "--out", out]);
        assert_eq!(run.code, 2, "--out {out}: {}\n{}", run.stdout, run.stderr);
    }
    assert_eq!(before, snapshot(tmp.path()));
}

#[test]
fn a_baseline_revision_that_does_not_exist() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "t.truth", "team own { contact \"x\" }\n");
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(tmp.path())
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "init"]);
    let before = snapshot(tmp.path());
    let run = truthline(tmp.path(), &["breaking", ".", "--against", "git:nope"]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("the revision `nope` does not exist"),
        "{}",
        run.stderr
    );
    // Option injection into git is refused before git runs.
    let run = truthline(tmp.path(), &["breaking", ".", "--against", "git:--output=/tmp/x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not a revision"), "{}", run.stderr);
    // A baseline folder that does not exist.
    let run = truthline(tmp.path(), &["breaking", ".", "--against", "no/such/folder"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no/such/folder"), "{}", run.stderr);
    assert_eq!(before, snapshot(tmp.path()));
}

/// `truthline test` against servers that go away. Needs the database drivers (the default
/// features) and the local PostgreSQL server `scripts/services.sh` starts.
#[cfg(feature = "databases")]
mod database {
    use super::*;
    use std::net::TcpListener;
    use std::time::{Duration, Instant};

    const PASSWORD: &str = "s3cret-Pa55word";

    #[test]
    fn a_server_that_accepts_then_hangs_up() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                drop(stream);
            }
        });
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "t.truth", "table sales { columns { amount int } }\n");
        let before = snapshot(tmp.path());
        for (engine, scheme) in [("postgres", "postgres"), ("mysql", "mysql")] {
            let url = format!("{scheme}://admin:{PASSWORD}@127.0.0.1:{port}/shop");
            let run = truthline(tmp.path(), &["test", ".", "--engine", engine, "--db", &url]);
            assert_eq!(run.code, 2, "{engine}: {}\n{}", run.stdout, run.stderr);
            assert!(run.stderr.contains("cannot connect"), "{engine}: {}", run.stderr);
            assert!(
                !format!("{}{}", run.stdout, run.stderr).contains(PASSWORD),
                "{}",
                run.stderr
            );
        }
        assert_eq!(before, snapshot(tmp.path()));
    }

    #[test]
    fn a_connection_terminated_during_a_slow_query() {
        let db = format!("truthline_drop_{}", std::process::id());
        psql(
            "postgres",
            &format!("DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db};"),
        )
        .unwrap_or_else(|e| panic!("PostgreSQL at 127.0.0.1:5432 is needed: {e}"));
        psql(
            &db,
            "CREATE SCHEMA slow; CREATE TABLE slow.sales (amount int); INSERT INTO slow.sales VALUES (1);",
        )
        .unwrap();
        let tmp = tempfile::tempdir().unwrap();
        write(
            tmp.path(),
            "t.truth",
            "namespace slow\n\ntable sales { columns { amount int } }\n\nexpect sales {\n  check slow: amount + length(pg_sleep(20)::text) > 0\n}\n",
        );
        // A second session ends truthline's as soon as the slow query runs.
        let killer_db = db.clone();
        let killer = std::thread::spawn(move || {
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(60) {
                let killed = psql(
                    &killer_db,
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE query LIKE '%pg_sleep(20)%' AND pid <> pg_backend_pid() AND query NOT LIKE '%pg_stat_activity%';",
                )
                .unwrap_or_default();
                if killed.contains('t') {
                    return true;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            false
        });
        let url = format!("postgres://postgres:{PASSWORD}@127.0.0.1:5432/{db}");
        let before = snapshot(tmp.path());
        let start = Instant::now();
        let run = truthline(
            tmp.path(),
            &["test", ".", "--engine", "postgres", "--db", &url, "--timeout", "60"],
        );
        let elapsed = start.elapsed();
        let killed = killer.join().unwrap();
        let _ = psql("postgres", &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE);"));
        assert!(killed, "the slow query never ran: {}\n{}", run.stdout, run.stderr);
        assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("lost the connection to postgres"), "{}", run.stderr);
        assert!(
            !format!("{}{}", run.stdout, run.stderr).contains(PASSWORD),
            "{}",
            run.stderr
        );
        assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
        assert_eq!(before, snapshot(tmp.path()));
    }
}

#[test]
fn a_huge_file_is_refused_without_being_read_into_memory() {
    // A sparse file of 8 GiB takes no disk; reading it whole would exhaust memory.
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "ok.truth", "team own { contact \"x\" }\n");
    let f = std::fs::File::create(tmp.path().join("huge.truth")).unwrap();
    f.set_len(8 << 30).unwrap();
    drop(f);
    for command in ["check", "fmt"] {
        let start = std::time::Instant::now();
        let run = truthline(tmp.path(), &[command, "."]);
        assert_eq!(run.code, 1, "{command}: {}\n{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("error[S008]"), "{command}: {}", run.stdout);
        assert!(
            run.stdout.contains("file is 8589934592 bytes"),
            "{command}: {}",
            run.stdout
        );
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "{command}: {:?}",
            start.elapsed()
        );
    }
}

/// Found by fuzzing: 30 unclosed `{` on their own lines (under the nesting limit) made the
/// grammar's error recovery retry every later `{`, doubling the time with each one (a
/// 61-byte file ran for minutes). The inputs libFuzzer saved are kept as regressions.
#[test]
fn unclosed_braces_parse_in_linear_time() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("lines".into(), "{\n".repeat(60).into_bytes()),
        ("run".into(), "{".repeat(60).into_bytes()),
        (
            "entries".into(),
            format!("team t {{\n{}", "x {\n".repeat(60)).into_bytes(),
        ),
        ("strings".into(), "{\"\"}\n{\n".repeat(60).into_bytes()),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        cases.push((p.display().to_string(), std::fs::read(&p).unwrap()));
    }
    for (what, bytes) in cases {
        std::fs::write(tmp.path().join("a.truth"), &bytes).unwrap();
        for command in ["check", "fmt"] {
            let start = std::time::Instant::now();
            let run = truthline(
                tmp.path(),
                &[command, ".", "--check"][..if command == "fmt" { 3 } else { 2 }],
            );
            assert!(run.code == 1 || run.code == 0, "{what}: {}\n{}", run.stdout, run.stderr);
            let took = start.elapsed();
            assert!(
                took < std::time::Duration::from_secs(10),
                "{what}: {command} took {took:?}"
            );
        }
    }
}
