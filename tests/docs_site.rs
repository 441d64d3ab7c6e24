//! The docs site as a reader gets it: built by the real binary, then opened in real
//! headless Chromium (tests/browser/check_site.mjs, driven by playwright-core). Needs
//! TRUTHLINE_CHROMIUM and TRUTHLINE_NODE_MODULES, which scripts/test.sh sets after
//! installing what is missing (scripts/browser.sh); without them the test fails, it
//! never skips. The screenshot of the metric page is kept in
//! `$CARGO_TARGET_DIR/tmp/docs-site/metric-net_revenue.png`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod example;
mod html;
use example::truthline;

fn required(var: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| {
        panic!(
            "{var} is not set: run scripts/test.sh, which installs Chromium and playwright-core \
             (scripts/browser.sh) and exports TRUTHLINE_CHROMIUM and TRUTHLINE_NODE_MODULES"
        )
    })
}

fn files_under(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn the_site_works_in_headless_chromium() {
    let chromium = required("TRUTHLINE_CHROMIUM");
    let modules = required("TRUTHLINE_NODE_MODULES");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (code, stdout, stderr) = truthline(&[
        "build",
        "examples/commerce",
        "--out",
        out.to_str().unwrap(),
        "--dialect",
        "postgres",
        "--dialect",
        "duckdb",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("and the docs site"), "{stdout}");
    // The site sits beside the SQL.
    assert!(out.join("sql/postgres").is_dir());
    let site = out.join("docs");
    assert!(site.join("index.html").is_file());

    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docs-site");
    std::fs::create_dir_all(&artifacts).unwrap();
    let screenshot = artifacts.join("metric-net_revenue.png");
    let _ = std::fs::remove_file(&screenshot);
    let run = std::process::Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/check_site.mjs"))
        .arg(&site)
        .arg(&screenshot)
        .env("TRUTHLINE_CHROMIUM", &chromium)
        .env("TRUTHLINE_NODE_MODULES", &modules)
        .output()
        .expect("node runs (scripts/browser.sh installs it)");
    let (so, se) = (
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr),
    );
    assert!(run.status.success(), "the browser check failed:\n{so}{se}");
    // Every page was visited, and the figures are printed for the log.
    let pages = files_under(&site)
        .keys()
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .count();
    assert!(so.contains(&format!("\"pages\":{pages},")), "{so}");
    eprintln!("browser check: {so}screenshot: {}", screenshot.display());
    let png = std::fs::read(&screenshot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "the screenshot is not a picture"
    );
}

#[test]
fn two_builds_of_the_site_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut sites = Vec::new();
    for name in ["a", "b"] {
        let out = dir.path().join(name);
        let (code, stdout, stderr) = truthline(&["docs", "examples/commerce", "--out", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(stdout.contains("built the docs site"), "{stdout}");
        sites.push(files_under(&out));
    }
    assert!(sites[0].len() > 40, "{} files", sites[0].len());
    assert_eq!(sites[0].keys().collect::<Vec<_>>(), sites[1].keys().collect::<Vec<_>>());
    for (path, bytes) in &sites[0] {
        assert!(
            bytes == &sites[1][path],
            "{} differs between two builds",
            path.display()
        );
    }
}

#[test]
fn docs_of_a_project_with_errors_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.truth"),
        "namespace x\nmetric m v1 { measure sum(\n",
    )
    .unwrap();
    let out = dir.path().join("site");
    let (code, stdout, _) = truthline(&["docs", dir.path().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("nothing was built"), "{stdout}");
    assert!(!out.exists());
}

#[test]
fn docs_against_a_baseline_lists_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("commerce");
    std::fs::create_dir(&project).unwrap();
    for e in std::fs::read_dir(example::DIR).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "truth") {
            let text = std::fs::read_to_string(&p).unwrap();
            // One breaking change: the measure of gross_revenue v1 means something else.
            let text = text.replace("measure     sum(amount)\n", "measure     sum(amount) * 2\n");
            std::fs::write(project.join(p.file_name().unwrap()), text).unwrap();
        }
    }
    let out = dir.path().join("site");
    let (code, stdout, stderr) = truthline(&[
        "docs",
        project.to_str().unwrap(),
        "--against",
        example::DIR,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let page = std::fs::read_to_string(out.join("changes.html")).unwrap();
    assert_eq!(
        html::errors(&page),
        Vec::<String>::new(),
        "changes.html is not well-formed"
    );
    assert!(
        page.contains("1 breaking, 0 allowed, 0 warnings, 0 compatible"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"metric/commerce.gross_revenue.html\">commerce.gross_revenue</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"rules.html#B042\"><code>B042</code></a> metric-definition-changed"),
        "{page}"
    );
    assert!(
        page.contains("<code>sum(amount)</code> → <code>sum(amount) * 2</code>"),
        "{page}"
    );
    // Every page links to it; without --against there is no such page or link.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("href=\"changes.html\""));
    let plain = dir.path().join("plain");
    let (code, ..) = truthline(&["docs", project.to_str().unwrap(), "--out", plain.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(!plain.join("changes.html").exists());
    assert!(!std::fs::read_to_string(plain.join("index.html"))
        .unwrap()
        .contains("changes.html"));
}
