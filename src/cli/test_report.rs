//! How `truthline test` reports: a line per test with a few failing rows, a summary;
//! or JSON; or JUnit XML.

use clap::ValueEnum;
use truthline::codegen::sql::quality::QualityTest;
use truthline::diagnostics::junit::escape;
use truthline::diagnostics::Severity;
use truthline::engine::Rows;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    Human,
    Json,
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    /// The test could not run: the contract lacks what it needs, or the engine refused.
    Error,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Error => "error",
        }
    }
}

pub struct Outcome {
    pub test: QualityTest,
    pub status: Status,
    pub result: Rows,
    pub message: String,
}

/// How many failing rows a report shows per test.
const SAMPLE: usize = 3;

pub fn render(format: TestFormat, outcomes: &[Outcome], notes: &[String], engine: &str) -> String {
    match format {
        TestFormat::Human => human(outcomes, notes, engine),
        TestFormat::Json => json(outcomes, notes, engine),
        TestFormat::Junit => junit(outcomes, engine),
    }
}

fn count(outcomes: &[Outcome], status: Status) -> usize {
    outcomes.iter().filter(|o| o.status == status).count()
}

fn human(outcomes: &[Outcome], notes: &[String], engine: &str) -> String {
    let mut s = String::new();
    for n in notes {
        s.push_str(&format!("note: {n}\n"));
    }
    for o in outcomes {
        let tag = match (o.status, o.test.severity) {
            (Status::Pass, _) => "PASS ",
            (Status::Fail, Severity::Error) => "FAIL ",
            (Status::Fail, _) => "WARN ",
            (Status::Error, _) => "ERROR",
        };
        s.push_str(&format!("{tag} {}\n", o.test.id));
        match o.status {
            Status::Pass => {}
            Status::Error => s.push_str(&format!(
                "      could not run: {}\n",
                o.message.lines().next().unwrap_or("")
            )),
            Status::Fail => {
                s.push_str(&format!("      expected: {}\n", o.test.description));
                s.push_str(&format!("      {}\n", o.result.columns.join(" | ")));
                for r in o.result.rows.iter().take(SAMPLE) {
                    s.push_str(&format!("      {}\n", r.join(" | ")));
                }
                if o.result.rows.len() > SAMPLE {
                    s.push_str(&format!("      … {} rows in all\n", o.result.rows.len()));
                }
            }
        }
    }
    let failed_errors = outcomes
        .iter()
        .filter(|o| o.status == Status::Fail && o.test.severity >= Severity::Error)
        .count();
    s.push_str(&format!(
        "ran {} tests on {engine}: {} passed, {} failed ({} at error severity), {} could not run\n",
        outcomes.len(),
        count(outcomes, Status::Pass),
        count(outcomes, Status::Fail),
        failed_errors,
        count(outcomes, Status::Error)
    ));
    s
}

fn json(outcomes: &[Outcome], notes: &[String], engine: &str) -> String {
    let tests: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|o| {
            serde_json::json!({
                "id": o.test.id,
                "kind": o.test.kind,
                "severity": o.test.severity.as_str(),
                "status": o.status.as_str(),
                "description": o.test.description,
                "file": o.test.file,
                "failing_rows": o.result.rows.len(),
                "sample": {"columns": o.result.columns, "rows": o.result.rows.iter().take(SAMPLE).collect::<Vec<_>>()},
                "message": o.message,
            })
        })
        .collect();
    let report = serde_json::json!({
        "tool": "truthline",
        "version": 1,
        "engine": engine,
        "notes": notes,
        "summary": {
            "tests": outcomes.len(),
            "passed": count(outcomes, Status::Pass),
            "failed": count(outcomes, Status::Fail),
            "errors": count(outcomes, Status::Error),
        },
        "tests": tests,
    });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

fn junit(outcomes: &[Outcome], engine: &str) -> String {
    let mut body = String::new();
    for o in outcomes {
        body.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\">\n",
            escape(o.test.kind),
            escape(&o.test.id)
        ));
        match o.status {
            Status::Pass => {}
            Status::Fail => body.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{} failing rows</failure>\n",
                o.test.severity.as_str(),
                escape(&o.test.description),
                o.result.rows.len()
            )),
            Status::Error => body.push_str(&format!(
                "      <error type=\"{}\" message=\"{}\"/>\n",
                o.test.severity.as_str(),
                escape(o.message.lines().next().unwrap_or(""))
            )),
        }
        body.push_str("    </testcase>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"truthline test ({})\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n{body}  </testsuite>\n</testsuites>\n",
        escape(engine),
        outcomes.len(),
        count(outcomes, Status::Fail),
        count(outcomes, Status::Error)
    )
}
