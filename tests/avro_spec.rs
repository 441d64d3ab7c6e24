//! The Avro specification corpus (`tests/fixtures/avro-spec/cases.json`, written by
//! `cases.py` from the specification's "Schema Resolution" and Confluent's mode
//! definitions): every case's old and new schema are imported with `truthline import
//! avro`, and `truthline breaking` must give the case's verdict in all six modes.
//!
//! Two properties are checked beside the verdicts:
//! - one question, one answer: judging (old → new) `backward` is asking whether new reads
//!   old, and so is judging the reversed pair (new → old) `forward`; both must agree;
//! - the six verdicts of a case are consistent with the modes' definitions (a case file
//!   edited by hand cannot contradict itself).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod run;

use serde_json::Value;
use std::path::Path;

const MODES: [&str; 6] = [
    "backward",
    "forward",
    "full",
    "backward_transitive",
    "forward_transitive",
    "full_transitive",
];

fn corpus() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/avro-spec/cases.json");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str::<Vec<Value>>(&text).unwrap()
}

fn import(dir: &Path, schema: &Value, file: &str, out: &str) -> Result<(), String> {
    std::fs::write(dir.join(file), serde_json::to_string_pretty(schema).unwrap()).unwrap();
    let (code, stdout, stderr) = run::truthline_in(dir, &["import", "avro", file, "--out", out]);
    if code != 0 {
        return Err(format!("import of {file} failed ({code}):\n{stdout}{stderr}"));
    }
    // The imported contracts must resolve: a lint finding is fine (an imported event
    // has no owner), an R… or S… error is not.
    let (_, stdout, stderr) = run::truthline_in(dir, &["check", out, "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).map_err(|e| format!("{e}: {stdout}{stderr}"))?;
    let bad: Vec<String> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["severity"] == "error" && !d["code"].as_str().unwrap_or("").starts_with('L'))
        .map(|d| format!("{} {}", d["code"], d["message"]))
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!("{out} does not resolve: {}", bad.join("; ")))
    }
}

/// `compatible` or `breaking`, or why the command could not run.
fn verdict(dir: &Path, current: &str, baseline: &str, mode: &str) -> Result<&'static str, String> {
    let (code, stdout, stderr) = run::truthline_in(dir, &["breaking", current, "--against", baseline, "--mode", mode]);
    match code {
        0 => Ok("compatible"),
        1 => Ok("breaking"),
        _ => Err(format!("breaking could not run ({code}):\n{stdout}{stderr}")),
    }
}

fn judge(case: &Value) -> Vec<String> {
    let name = case["name"].as_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut wrong = Vec::new();
    if let Err(e) =
        import(dir, &case["old"], "old.avsc", "old").and_then(|_| import(dir, &case["new"], "new.avsc", "new"))
    {
        return vec![format!("{name}: {e}")];
    }
    let mut got_by_mode = std::collections::HashMap::new();
    for mode in MODES {
        let expected = case["verdicts"][mode].as_str().unwrap();
        let got = verdict(dir, "new", "old", mode);
        got_by_mode.insert(mode, got.clone());
        match got {
            Ok(got) if got == expected => {}
            Ok(got) => {
                let (_, out, _) = run::truthline_in(dir, &["breaking", "new", "--against", "old", "--mode", mode]);
                wrong.push(format!(
                    "{name} [{mode}]: expected {expected}, got {got} ({})\n{out}",
                    case["reason"].as_str().unwrap_or_default()
                ));
            }
            Err(e) => wrong.push(format!("{name} [{mode}]: {e}")),
        }
    }
    // The reversed pair judged forward asks the backward question again.
    for (there, back) in [("backward", "forward"), ("forward", "backward")] {
        match (got_by_mode[there].clone(), verdict(dir, "old", "new", back)) {
            (Ok(a), Ok(b)) if a == b => {}
            (a, b) => wrong.push(format!(
                "{name}: (old → new) judged {there} is {a:?}, (new → old) judged {back} is {b:?}"
            )),
        }
    }
    wrong
}

#[test]
fn the_corpus_is_consistent_with_the_mode_definitions() {
    let cases = corpus();
    assert!(cases.len() >= 150, "the corpus has {} cases", cases.len());
    for c in &cases {
        let v = |m: &str| c["verdicts"][m].as_str().unwrap() == "compatible";
        let name = c["name"].as_str().unwrap();
        assert_eq!(v("full"), v("backward") && v("forward"), "{name}");
        assert!(
            c["reason"].as_str().is_some_and(|r| !r.is_empty()),
            "{name} gives no reason"
        );
        for m in ["backward", "forward", "full"] {
            // Two versions: a transitive mode has no other earlier version to compare with.
            assert_eq!(v(m), v(&format!("{m}_transitive")), "{name}");
        }
    }
}

#[test]
fn breaking_agrees_with_the_avro_specification_in_every_mode() {
    let cases = corpus();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 4);
    let chunks: Vec<&[Value]> = cases.chunks(cases.len().div_ceil(workers)).collect();
    let wrong: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| s.spawn(move || chunk.iter().flat_map(judge).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let verdicts = cases.len() * MODES.len();
    assert!(
        wrong.is_empty(),
        "{} of {verdicts} verdicts (and symmetry checks) disagree with the specification:\n\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
