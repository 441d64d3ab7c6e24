//! Properties over generated projects (proptest).
//!
//! A strategy builds small valid projects from an AST-like description (namespace, teams,
//! a system, events with fields, raw tables fed by them, consumers) and prints them as
//! text, spread over several files. Each property runs on 64 cases by default; set
//! `PROPTEST_CASES=10000` for a longer run. A failure prints the shrunk project.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use truthline::checks::breaking::{self, Settings};
use truthline::codegen::sql::dialect::DialectName;
use truthline::diagnostics::{render, Severity};
use truthline::span::{FileId, SourceMap};

const TYPES: &[&str] = &[
    "string",
    "int",
    "long",
    "double",
    "bool",
    "date",
    "timestamp",
    "uuid",
    "decimal(18,2)",
    "string(3)",
    "list<string>",
    "map<string, int>",
    "enum(web, ios, android)",
    "std.money",
];

#[derive(Debug, Clone)]
struct Field {
    name: String,
    ty: &'static str,
    nullable: bool,
    doc: Option<String>,
}

#[derive(Debug, Clone)]
struct Event {
    name: String,
    fields: Vec<Field>,
    raw_table: bool,
    consumed: bool,
}

#[derive(Debug, Clone)]
struct Project {
    namespace: String,
    teams: Vec<String>,
    events: Vec<Event>,
}

/// Names that are never keywords: a letter prefix the grammar reserves nothing for.
fn name(prefix: &'static str) -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,10}".prop_map(move |s| format!("{prefix}{s}"))
}

fn doc() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        "[A-Za-z0-9 ,.'()-]{1,40}"
            .prop_map(|s| s.trim().to_string())
            .prop_filter("empty", |s| !s.is_empty()),
    )
}

fn field() -> impl Strategy<Value = Field> {
    (name("f_"), proptest::sample::select(TYPES), any::<bool>(), doc()).prop_map(|(name, ty, nullable, doc)| Field {
        name,
        ty,
        nullable,
        doc,
    })
}

fn unique_by_name<T>(items: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    items.into_iter().filter(|i| seen.insert(key(i).to_string())).collect()
}

fn event() -> impl Strategy<Value = Event> {
    (
        name("e_"),
        proptest::collection::vec(field(), 0..6),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(name, fields, raw_table, consumed)| Event {
            name,
            fields: unique_by_name(fields, |f| &f.name),
            raw_table,
            consumed,
        })
}

fn project() -> impl Strategy<Value = Project> {
    (
        "[a-z][a-z0-9]{0,6}",
        proptest::collection::vec(name("t_"), 1..4),
        proptest::collection::vec(event(), 0..4),
    )
        .prop_map(|(ns, teams, events)| Project {
            namespace: format!("ns_{ns}"),
            teams: unique_by_name(teams, |t| t),
            events: unique_by_name(events, |e| &e.name),
        })
}

impl Field {
    fn print(&self) -> String {
        let mut s = String::new();
        if let Some(d) = &self.doc {
            s.push_str(&format!("    /// {d}\n"));
        }
        s.push_str(&format!(
            "    {} {}{}\n",
            self.name,
            self.ty,
            // A nullable field defaults to null only when it says so (Avro's rule).
            if self.nullable { "? default null" } else { "" }
        ));
        s
    }
}

impl Project {
    fn owner(&self) -> &str {
        &self.teams[0]
    }

    /// The project as files `(name, text)`; every file starts with the namespace.
    fn files(&self) -> Vec<(String, String)> {
        let ns = format!("namespace {}\n\n", self.namespace);
        let mut teams = ns.clone();
        for t in &self.teams {
            teams.push_str(&format!("/// The {t} team.\nteam {t} {{ contact \"#{t}\" }}\n\n"));
        }
        teams.push_str(&format!(
            "system svc {{ domain operational engine postgres owner {o} read via events }}\n\nsystem warehouse {{ domain analytical engine duckdb owner {o} }}\n",
            o = self.owner()
        ));
        let mut files = vec![("teams.truth".to_string(), teams)];
        for e in &self.events {
            files.push((format!("{}.truth", e.name), format!("{ns}{}", self.print_event(e))));
        }
        files
    }

    fn print_event(&self, e: &Event) -> String {
        let o = self.owner();
        let mut s = format!(
            "event {} v1 {{\n  owner {o}\n  from svc\n  compatibility full\n  key id\n  delivery at_least_once\n  dedupe id\n  event_time at\n  lateness 1d\n\n  fields {{\n    id uuid\n    at timestamp\n",
            e.name
        );
        for f in &e.fields {
            s.push_str(&f.print());
        }
        s.push_str("  }\n}\n");
        if e.raw_table {
            s.push_str(&format!(
                "\ntable raw_{n} {{\n  layer raw\n  store warehouse\n  owner {o}\n  source event {n} v1\n  write append\n  include std.raw_metadata\n  partition by day(at)\n  retention 30d\n\n  columns {{\n    id uuid\n    at timestamp\n",
                n = e.name
            ));
            for f in &e.fields {
                s.push_str(&f.print());
            }
            s.push_str("  }\n}\n");
        }
        if e.consumed {
            s.push_str(&format!(
                "\nconsumer c_{n} {{\n  owner {o}\n  kind service\n  uses event {n} v1\n}}\n",
                n = e.name
            ));
        }
        s
    }
}

fn options() -> truthline::Options {
    truthline::Options {
        today: Some(truthline::syntax::ast::Date {
            year: 2026,
            month: 6,
            day: 1,
        }),
        config: Default::default(),
    }
}

/// A source map of the files (in the order given) plus the standard library.
fn sources(files: &[(String, String)]) -> SourceMap {
    let mut s = SourceMap::new();
    for (n, t) in files {
        s.add(n.clone(), t.clone());
    }
    for (n, t) in truthline::stdlib::FILES {
        s.add(*n, *t);
    }
    s
}

fn shown(sources: &SourceMap, diags: &[truthline::diagnostics::Diagnostic]) -> String {
    render::human(sources, diags, false)
}

/// Every change from `old` to `new`.
fn changes(old: &[(String, String)], new: &[(String, String)]) -> Vec<breaking::Change> {
    let mut s = SourceMap::new();
    let std_ids: Vec<FileId> = truthline::stdlib::FILES.iter().map(|(n, t)| s.add(*n, *t)).collect();
    let mut old_ids: Vec<FileId> = old.iter().map(|(n, t)| s.add(format!("base/{n}"), t.clone())).collect();
    let mut new_ids: Vec<FileId> = new.iter().map(|(n, t)| s.add(n.clone(), t.clone())).collect();
    old_ids.extend(&std_ids);
    new_ids.extend(&std_ids);
    let a = truthline::check_files(&s, &old_ids, &options());
    let b = truthline::check_files(&s, &new_ids, &options());
    let settings = Settings {
        today: options().today,
        ..Settings::default()
    };
    breaking::compare(&breaking::Input {
        old: &a.model,
        new: &b.model,
        settings: &settings,
    })
}

fn config() -> ProptestConfig {
    // 64 cases keep the suite quick; PROPTEST_CASES overrides it for a longer run.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// The generator makes what it claims: projects that check without errors.
    #[test]
    fn generated_projects_check_clean(p in project()) {
        let files = p.files();
        let s = sources(&files);
        let checked = truthline::check(&s, &options());
        let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.severity >= Severity::Error).cloned().collect();
        prop_assert!(errors.is_empty(), "{}\n{:#?}", shown(&s, &errors), files);
    }

    /// parse(format(p)) = parse(p), spans aside, and formatting is idempotent.
    #[test]
    fn formatting_keeps_the_tree_and_is_idempotent(p in project()) {
        for (n, text) in p.files() {
            let once = truthline::fmt::format(&text).map_err(|d| TestCaseError::fail(format!("{n}: {d:?}")))?;
            let (a, _) = truthline::syntax::parse(FileId(0), &text);
            let (b, diags) = truthline::syntax::parse(FileId(0), &once);
            prop_assert!(diags.is_empty(), "{diags:?}");
            prop_assert_eq!(truthline::fmt::ast_shape(&a), truthline::fmt::ast_shape(&b));
            prop_assert_eq!(truthline::fmt::format(&once).unwrap(), once.clone(), "not idempotent:\n{}", once);
        }
    }

    /// A project compared with itself has no change.
    #[test]
    fn a_project_does_not_break_itself(p in project()) {
        let files = p.files();
        let c = changes(&files, &files);
        prop_assert!(c.is_empty(), "{c:#?}");
    }

    /// Adding a nullable field with `default null` to an event (and its raw table) is not
    /// breaking, even under `full` compatibility.
    #[test]
    fn adding_an_optional_field_is_compatible(p in project(), f in field(), at in any::<prop::sample::Index>()) {
        prop_assume!(!p.events.is_empty());
        let mut next = p.clone();
        let i = at.index(next.events.len());
        let e = &mut next.events[i];
        prop_assume!(e.fields.iter().all(|x| x.name != f.name));
        e.fields.push(Field { nullable: true, ..f });
        let c = changes(&p.files(), &next.files());
        let breaking: Vec<_> = c.iter().filter(|c| c.breaking).collect();
        prop_assert!(breaking.is_empty(), "{breaking:#?}");
    }

    /// Removing a required field of a consumed event under `full` compatibility breaks.
    #[test]
    fn removing_a_required_field_breaks(p in project(), at in any::<prop::sample::Index>()) {
        let candidates: Vec<usize> = (0..p.events.len())
            .filter(|i| p.events[*i].consumed && p.events[*i].fields.iter().any(|f| !f.nullable))
            .collect();
        prop_assume!(!candidates.is_empty());
        let i = candidates[at.index(candidates.len())];
        let mut next = p.clone();
        let e = &mut next.events[i];
        let gone = e.fields.iter().position(|f| !f.nullable).unwrap();
        let name = e.fields.remove(gone).name;
        let c = changes(&p.files(), &next.files());
        prop_assert!(
            c.iter().any(|c| c.breaking && c.code.name == "field-removed" && c.path.ends_with(&name)),
            "removing `{name}` is not reported as breaking: {c:#?}"
        );
    }

    /// Findings and generated SQL do not depend on the order files are given in, and are
    /// byte-identical across runs.
    #[test]
    fn outputs_are_deterministic_and_independent_of_file_order(p in project()) {
        let files = p.files();
        let mut reversed = files.clone();
        reversed.reverse();
        let run = |files: &[(String, String)]| {
            let s = sources(files);
            let checked = truthline::check(&s, &options());
            let mut findings: Vec<String> = checked
                .diagnostics
                .iter()
                .map(|d| shown(&s, std::slice::from_ref(d)))
                .collect();
            findings.sort();
            let mut sql = truthline::codegen::sql::generate(&checked.model, &DialectName::ALL)
                .map_err(|e| e.to_string())
                .unwrap()
                .into_iter()
                .map(|f| (f.path, f.contents))
                .collect::<Vec<_>>();
            sql.sort();
            let json = render::json(&s, &checked.diagnostics, files.len());
            (findings, sql, json)
        };
        let (f1, sql1, json1) = run(&files);
        let (f2, sql2, json2) = run(&files);
        prop_assert!(json1 == json2, "two runs give different JSON reports");
        prop_assert!(sql1 == sql2, "two runs give different SQL");
        let (f3, sql3, _) = run(&reversed);
        prop_assert_eq!(&f1, &f2);
        prop_assert_eq!(f1, f3);
        // Independent tables are deployed and tested in declaration order, which follows
        // the order of the files (the command line sorts them by path): only those two
        // listings may differ, and only in order.
        let listing = |p: &str| p.ends_with("/deploy_order.txt") || p.ends_with("/tests.json");
        for ((p1, c1), (p3, c3)) in sql1.iter().zip(&sql3) {
            prop_assert_eq!(p1, p3);
            if listing(p1) {
                let mut a: Vec<&str> = c1.lines().collect();
                let mut b: Vec<&str> = c3.lines().collect();
                a.sort_unstable();
                b.sort_unstable();
                prop_assert!(a == b || p1.ends_with(".json"), "{} differs beyond its order", p1);
            } else {
                prop_assert!(c1 == c3, "{} depends on the order of the files", p1);
            }
        }
        prop_assert_eq!(sql1.len(), sql3.len());
    }
}
