//! `cargo bench --bench stages -- DIR [TABLE.COLUMN]`: where the time goes on a large
//! project, stage by stage (parse, resolve, column lineage, lint, and one lineage query
//! on the traced graph: TABLE.COLUMN, by default the first column of the middle table), single-threaded parse included, so a change to one stage
//! can be judged on its own. DIR defaults to the example; `scripts/gen_workload.py` writes
//! large ones.

mod common;

use std::time::{Duration, Instant};
use truthline::span::FileId;

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = f();
        best = best.min(t.elapsed());
        last = Some(out);
    }
    match last {
        Some(out) => (best, out),
        None => panic!("runs must be at least 1"),
    }
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/commerce"));
    let sources = common::load(&dir);
    let ids: Vec<FileId> = sources.files().map(|(id, _)| id).collect();
    let bytes: usize = sources.files().map(|(_, f)| f.text.len()).sum();
    let runs = 5;
    let (serial, _) = best_of(runs, || {
        ids.iter()
            .map(|id| truthline::syntax::parse(*id, &sources.get(*id).text).0.decls.len())
            .sum::<usize>()
    });
    let (parallel, parsed) = best_of(runs, || truthline::parse_files(&sources, &ids));
    // Resolution takes the trees over: one copy per run, made before the clock starts.
    let mut copies: Vec<_> = (0..runs).map(|_| parsed.files.clone()).collect();
    let (resolve, (model, _)) = best_of(runs, || {
        truthline::semantic::resolve(copies.pop().unwrap_or_default(), None)
    });
    let (lineage, (columns, _)) = best_of(runs, || truthline::lineage::trace(&model));
    let (lint, findings) = best_of(runs, || truthline::checks::lint::run(&model, &columns));
    // One question as `truthline lineage` asks it, on the traced graph.
    let target = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .nth(1)
        .unwrap_or_else(|| {
            let t = &model.tables[model.tables.len() / 2];
            format!(
                "{}.{}",
                t.item.ast.name.text,
                t.columns.first().map_or("", |c| c.name.as_str())
            )
        });
    let (query, reached) = best_of(runs, || {
        let (node, col) = match truthline::lineage::find::find(&model, &columns, &target) {
            Ok(found) => found,
            Err(e) => panic!("{}", e.message),
        };
        let col = truthline::lineage::Col::new(node, col.unwrap_or_default());
        columns.upstream(&col, None).len() + columns.downstream(&col, None).len() + columns.affected(&col).len()
    });
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{} files, {:.1} MiB, best of {runs}",
        ids.len(),
        bytes as f64 / (1 << 20) as f64
    );
    println!(
        "parse, one thread   {:>9.1} ms  ({:.1} MiB/s)",
        ms(serial),
        bytes as f64 / (1 << 20) as f64 / serial.as_secs_f64()
    );
    println!("parse, all cores    {:>9.1} ms", ms(parallel));
    println!("resolve             {:>9.1} ms", ms(resolve));
    println!(
        "column lineage      {:>9.1} ms  ({} columns with inputs)",
        ms(lineage),
        columns.inputs.len()
    );
    println!(
        "lint                {:>9.1} ms  ({} findings)",
        ms(lint),
        findings.len()
    );
    println!(
        "lineage query       {:>9.3} ms  ({target}: {reached} steps and readers)",
        ms(query)
    );
}
