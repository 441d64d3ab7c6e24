//! No input makes the compiler panic, hang or overflow its stack (DESIGN.md, "Bars").
//!
//! Most cases run the real binary on a generated file and assert: no panic, an exit code of
//! 1 or 2 (never 101, never killed), a diagnostic code in the output, and a quick finish.
//! The last tests drive the library with pseudo-random and mutated sources.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use std::time::{Duration, Instant};
use truthline::diagnostics::render;
use truthline::span::{FileId, SourceMap};

/// Generous for a debug build on a loaded two-core machine; a hang takes far longer.
const QUICK: Duration = Duration::from_secs(30);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// `truthline check input.truth --color never` on `bytes`, in a fresh folder.
fn check(bytes: &[u8]) -> Run {
    check_with(bytes, &[])
}

fn check_with(bytes: &[u8], args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("input.truth"), bytes).unwrap();
    let start = Instant::now();
    let out = Command::cargo_bin("truthline")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "input.truth", "--color", "never"])
        .args(args)
        .timeout(QUICK * 4)
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    Run {
        code: out
            .status
            .code()
            .unwrap_or_else(|| panic!("killed after {elapsed:?} (timeout or signal)")),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed,
    }
}

/// The first part of a long output, for failure messages.
fn head(s: &str) -> String {
    s.chars().take(2000).collect()
}

/// No panic, exit 1 or 2, quick, and `code` (e.g. `S009`) reported.
fn assert_reports(run: &Run, code: &str) {
    assert!(!run.stderr.contains("panicked"), "panic:\n{}", head(&run.stderr));
    assert_ne!(run.code, 101, "panic exit code");
    assert!(
        run.code == 1 || run.code == 2,
        "exit code {}:\n{}\n{}",
        run.code,
        head(&run.stdout),
        head(&run.stderr)
    );
    assert!(run.elapsed < QUICK, "took {:?}", run.elapsed);
    assert!(
        run.stdout.contains(&format!("error[{code}]")) || run.stdout.contains(&format!("warning[{code}]")),
        "expected {code}:\n{}\n{}",
        head(&run.stdout),
        head(&run.stderr)
    );
}

/// No panic, exit 0, quick.
fn assert_clean(run: &Run) {
    assert!(!run.stderr.contains("panicked"), "panic:\n{}", head(&run.stderr));
    assert_eq!(run.code, 0, "\n{}\n{}", head(&run.stdout), head(&run.stderr));
    assert!(run.elapsed < QUICK, "took {:?}", run.elapsed);
}

/// A tiny deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

// ─────────────────────────────── the binary ───────────────────────────────

#[test]
fn binary_garbage() {
    let run = check(&Rng(0x1234_5678).bytes(64 * 1024));
    assert_reports(&run, "S007");
}

#[test]
fn printable_garbage() {
    // Valid UTF-8 that is no contract: every line is some syntax error, none a panic.
    let mut rng = Rng(42);
    let alphabet = b"abcdefghijklmnopqrstuvwxyz_0123456789 {}()<>[],.:@?=-\"'/\\\n\t";
    let text: Vec<u8> = (0..20_000).map(|_| alphabet[rng.below(alphabet.len())]).collect();
    let run = check(&text);
    assert!(!run.stderr.contains("panicked"), "{}", head(&run.stderr));
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("error[S0"), "{}", head(&run.stdout));
    assert!(run.elapsed < QUICK, "took {:?}", run.elapsed);
}

#[test]
fn invalid_utf8_is_reported_at_its_line() {
    let run = check(b"team payments {\n  contact \"caf\xe9\"\n}\n");
    assert_reports(&run, "S007");
    assert!(run.stdout.contains("input.truth:2:15"), "{}", run.stdout);
}

#[test]
fn deep_nested_blocks() {
    let run = check("{".repeat(20_000).as_bytes());
    assert_reports(&run, "S009");
}

#[test]
fn deep_nested_list_types() {
    let text = format!("type t = {}int{}\n", "list<".repeat(20_000), ">".repeat(20_000));
    let run = check(text.as_bytes());
    assert_reports(&run, "S009");
}

#[test]
fn deep_nesting_that_the_pre_check_cannot_see() {
    // Braces after a quote that is never closed, after a comment inside a stray line, and
    // interleaved with closers of another kind: the grammar still nests on every `{`.
    for text in [
        format!("\"{}", "{".repeat(20_000)),
        format!("x // {}", "{".repeat(20_000)),
        "{>".repeat(20_000),
        "{)".repeat(20_000),
        format!("metric m v1 {{ measure \"\"\"{}", "{".repeat(20_000)),
        format!("type t = {}int", "list //\n<".repeat(20_000)),
    ] {
        let run = check(text.as_bytes());
        assert_reports(&run, "S009");
    }
}

#[test]
fn ten_megabytes_are_refused() {
    let text = "team payments { contact \"#payments-oncall\" }\n".repeat(10 * 1024 * 1024 / 45 + 1);
    assert!(text.len() > 10 * 1024 * 1024);
    let run = check(text.as_bytes());
    assert_reports(&run, "S008");
    assert!(
        run.stdout.contains("the limit is 4194304 bytes"),
        "{}",
        head(&run.stdout)
    );
}

#[test]
fn three_megabytes_of_valid_declarations_parse() {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 3 * 1024 * 1024 {
        text.push_str(&format!("team t{n} {{ contact \"x\" }}\n"));
        n += 1;
    }
    let run = check(text.as_bytes());
    assert_clean(&run);
}

#[test]
fn a_string_never_closed() {
    let run = check(b"team payments {\n  contact \"#payments-oncall\n}\n");
    assert_reports(&run, "S005");
    assert!(run.stdout.contains("input.truth:2:11"), "{}", run.stdout);
}

#[test]
fn a_sql_block_never_closed() {
    let text = "team payments { contact \"x\" }\n\nexpect payments {\n  check positive: \"\"\"amount > 0\n}\n";
    let run = check(text.as_bytes());
    assert_reports(&run, "S005");
    assert!(run.stdout.contains("SQL block is not closed"), "{}", run.stdout);
    assert!(run.stdout.contains("input.truth:4:19"), "{}", run.stdout);
}

#[test]
fn only_closing_braces() {
    let run = check(b"}}}}");
    assert_reports(&run, "S003");
}

#[test]
fn only_an_opening_brace() {
    let run = check(b"{");
    assert_reports(&run, "S004");
}

#[test]
fn nul_bytes() {
    let run = check(b"team payments { contact \"x\" }\n\0\0\0\nteam\0 finance { contact \"y\" }\n");
    assert_reports(&run, "S003");
    // The message quotes the bytes escaped; only the source excerpt shows them raw.
    let headers: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("error[")).collect();
    assert!(headers.iter().all(|l| !l.contains('\0')), "{headers:?}");
}

#[test]
fn a_huge_single_line() {
    let mut line = "team t { contact \"x\" } ".repeat(80_000);
    line.push_str("oops");
    let run = check(line.as_bytes());
    assert_reports(&run, "S003");
    assert!(
        run.stdout.contains(&format!("input.truth:1:{}", line.len() - 3)),
        "{}",
        head(&run.stdout)
    );
}

/// The findings of `check --format json`: (name, line, column, end line, end column).
fn findings(bytes: &[u8]) -> Vec<(String, u64, u64, u64, u64)> {
    let run = check_with(bytes, &["--format", "json"]);
    assert!(!run.stderr.contains("panicked"), "{}", head(&run.stderr));
    assert!(
        run.code == 0 || run.code == 1,
        "exit code {}: {}",
        run.code,
        head(&run.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let n = |k: &str| d[k].as_u64().unwrap();
            (
                d["name"].as_str().unwrap().to_string(),
                n("line"),
                n("column"),
                n("end_line"),
                n("end_column"),
            )
        })
        .collect()
}

/// Findings of the syntax stage (codes `S…`): a file "parses cleanly" when there are none.
fn syntax_findings(bytes: &[u8]) -> Vec<(String, u64, u64, u64, u64)> {
    let syntax: Vec<&str> = truthline::syntax::codes::ALL.iter().map(|c| c.name).collect();
    findings(bytes)
        .into_iter()
        .filter(|f| syntax.contains(&f.0.as_str()))
        .collect()
}

#[test]
fn crlf_line_endings_parse_with_the_right_lines() {
    // The example parses cleanly with either line ending, and every later finding sits at
    // the same line and column.
    assert_eq!(syntax_findings(EXAMPLE.as_bytes()), vec![]);
    assert_eq!(
        findings(EXAMPLE.replace('\n', "\r\n").as_bytes()),
        findings(EXAMPLE.as_bytes())
    );

    let broken = "team payments {\r\n  contact \"x\"\r\n  contakt \"y\"\r\n}\r\n\r\n/// docs\r\nevnt e v1 { }\r\n";
    let at: Vec<(String, u64, u64, u64, u64)> = findings(broken.as_bytes());
    let want = [
        ("unknown-entry", 3, 3, 3, 10),       // `contakt`
        ("dangling-doc-comment", 6, 1, 6, 9), // `/// docs`, not its `\r`
        ("unknown-declaration", 7, 1, 7, 5),  // `evnt`
    ];
    let want: Vec<(String, u64, u64, u64, u64)> = want
        .iter()
        .map(|(n, a, b, c, d)| (n.to_string(), *a, *b, *c, *d))
        .collect();
    assert_eq!(at, want);
}

#[test]
fn crlf_gives_the_same_tree_as_lf() {
    let (lf, diags) = truthline::syntax::parse(FileId(0), EXAMPLE);
    assert!(diags.is_empty(), "{diags:?}");
    let (crlf, diags) = truthline::syntax::parse(FileId(0), &EXAMPLE.replace('\n', "\r\n"));
    assert!(diags.is_empty(), "{diags:?}");
    // Offsets differ by one byte a line; everything else (names, docs, SQL) is identical.
    let without_spans = |tree: &truthline::syntax::ast::File| {
        let json = serde_json::to_string_pretty(tree).unwrap();
        json.lines()
            .filter(|l| !l.contains("\"0:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (a, b) = (without_spans(&lf), without_spans(&crlf));
    assert!(!b.contains("\\r"), "a `\\r` was kept in the tree:\n{b}");
    assert_eq!(a, b);
}

#[test]
fn a_byte_order_mark_at_the_start() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(EXAMPLE.as_bytes());
    assert_eq!(findings(&bytes), findings(EXAMPLE.as_bytes()));

    let run = check(b"\xef\xbb\xbfteam payments {\n  contakt \"x\"\n}\n");
    assert_reports(&run, "S002");
    assert!(run.stdout.contains("input.truth:2:3"), "{}", run.stdout);
    // On the BOM's own line the column counts the BOM as a character today (`1:11` for a
    // word at the tenth visible column): reported, not asserted.
}

#[test]
fn tabs() {
    assert_eq!(syntax_findings(EXAMPLE.replace("  ", "\t").as_bytes()), vec![]);

    let run = check(b"team payments {\n\t\tcontakt \"x\"\n}\n");
    assert_reports(&run, "S002");
    // A tab is one column: columns count characters.
    assert!(run.stdout.contains("input.truth:2:3"), "{}", run.stdout);
}

// ─────────────────────────────── the library ───────────────────────────────

/// Example-like contracts, the seed of the mutation test.
const EXAMPLE: &str = r##"namespace commerce

/// The team that owns payments.
team payments { contact "#payments-oncall" }
team finance { contact "#finance" }

system payments_db {
  domain operational
  engine postgres
  owner payments
  read via cdc, replica
  tables orders
}

concept order { authority payments_db.orders identifier order_id time placed_at as event }

event order_paid v3 {
  owner payments
  compatibility backward_transitive
  key order_id
  delivery at_least_once
  dedupe event_id
  event_time paid_at
  lateness 3d
  fields {
    event_id uuid
    /// The order.
    order_id string
    amount decimal(18,2) @doc("minor units") @range(0, 1000000)
    currency string(3) @pattern("^[A-Z]{3}$")
    channel enum(web, ios, android) default web
    coupon string?
    tags list<map<string, int>>?
    paid_at timestamp
  }
}

table payments {
  layer curated
  store warehouse
  source event order_paid v3
  owner payments
  columns {
    event_id uuid
    amount decimal(18,2)
    paid_at timestamp
  }
  key event_id
  partition by day(paid_at)
  retention 400d
  dedupe on event_id keep latest by paid_at
}

expect payments {
  unique event_id
  not_null amount severity warning
  check positive: amount >= 0
  check sane: """
    amount < 1000000
  """
}

metric net_revenue v2 {
  owner finance
  intent "Revenue after refunds"
  from payments
  measure sum(amount)
  where amount > 0 and currency = 'EUR' // euros only
  time paid_at grain day timezone "UTC" lateness 3d
  reconcile with ledger.daily_totals tolerance 0.5%
  replaces net_revenue v1 sunset 2027-03-31
}

consumer dashboard { owner finance kind dashboard uses metric net_revenue v2, table payments (amount) }
"##;

/// Every label of every diagnostic lies in the file, on character boundaries, and renders.
fn assert_diagnostics_sound(text: &str, what: &str) {
    let (_, diags) = truthline::syntax::parse(FileId(0), text);
    let mut sources = SourceMap::new();
    sources.add("input.truth", text);
    for d in &diags {
        assert!(!d.labels.is_empty(), "{what}: {d:?} has no label");
        for l in &d.labels {
            let (s, e) = (l.span.start as usize, l.span.end as usize);
            assert_eq!(l.span.file, FileId(0), "{what}: {d:?}");
            assert!(
                s <= e && e <= text.len(),
                "{what}: span {s}..{e} outside a file of {} bytes: {d:?}",
                text.len()
            );
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "{what}: span {s}..{e} splits a character: {d:?}"
            );
        }
        let shown = render::human(&sources, std::slice::from_ref(d), false);
        assert!(
            shown.contains("┌─ input.truth:"),
            "{what}: {d:?} does not render:\n{shown}"
        );
    }
}

#[test]
fn random_bytes_never_panic_and_spans_stay_in_the_file() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let tokens: &[&str] = &[
        "team ",
        "event ",
        "table ",
        "metric ",
        "expect ",
        "struct ",
        "type ",
        "{",
        "}",
        "(",
        ")",
        "<",
        ">",
        "list<",
        "map<",
        "\"",
        "\"\"\"",
        "'",
        "//",
        "///",
        "\n",
        "\r\n",
        "\t",
        " ",
        "@doc(",
        "@pii",
        ",",
        "v1",
        "3d",
        "0.5%",
        "2027-02-30",
        "\\",
        "\\u{",
        "é",
        "😀",
        "\u{feff}",
        "owner ",
        "fields {",
        "measure ",
        "check c: ",
        "default ",
    ];
    for i in 0..300 {
        let text = if i % 2 == 0 {
            // Raw bytes, made text the way the CLI would show them.
            let n = rng.below(600);
            String::from_utf8_lossy(&rng.bytes(n)).into_owned()
        } else {
            // A soup of the grammar's own tokens reaches deeper into it.
            (0..rng.below(200)).map(|_| tokens[rng.below(tokens.len())]).collect()
        };
        assert_diagnostics_sound(&text, &format!("random input #{i}: {text:?}"));
    }
}

#[test]
fn mutated_examples_never_panic_and_spans_stay_in_the_file() {
    let mut seeds = vec![EXAMPLE.to_string()];
    let parse_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parse");
    let mut paths: Vec<_> = std::fs::read_dir(parse_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    seeds.extend(
        paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "truth"))
            .map(|p| std::fs::read_to_string(p).unwrap()),
    );

    let mut rng = Rng(7);
    for i in 0..400 {
        let mut chars: Vec<char> = seeds[i % seeds.len()].chars().collect();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(chars.len() + 1);
            match rng.below(3) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 if at < chars.len() => {
                    let c = chars[at];
                    chars.insert(at, c);
                }
                _ => {
                    let pool = [
                        '{', '}', '"', '\n', '(', ')', '<', '>', '@', '/', '\\', ' ', 'x', '0', 'é', '\'',
                    ];
                    chars.insert(at, pool[rng.below(pool.len())]);
                }
            }
        }
        let text: String = chars.into_iter().collect();
        assert_diagnostics_sound(&text, &format!("mutation #{i}"));
    }
}

/// Found by the `parse_check` fuzz target: a SQL fragment whose parser stopped at a
/// multibyte character (a byte order mark inside an expectation's check) was labelled
/// with the character's first byte alone, a span that splits it.
#[test]
fn a_sql_error_at_a_multibyte_character_labels_the_whole_character() {
    let text = "namespace shop\n\ntable sales { columns { amount std.money } }\nexpect sales {\n  check positive: amount >\u{FEFF}= 0\n}\n";
    let mut sources = SourceMap::new();
    sources.add("input.truth", text);
    for (name, std) in truthline::stdlib::FILES {
        sources.add(*name, *std);
    }
    let checked = truthline::check(&sources, &truthline::Options::default());
    let labels: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code.code == "S016")
        .flat_map(|d| &d.labels)
        .map(|l| {
            let file = &sources.get(l.span.file).text;
            let (s, e) = (l.span.start as usize, l.span.end as usize);
            assert!(
                file.is_char_boundary(s) && file.is_char_boundary(e),
                "{s}..{e} splits a character"
            );
            &file[s..e]
        })
        .collect();
    assert_eq!(labels, ["\u{FEFF}"], "{:#?}", checked.diagnostics);
}
