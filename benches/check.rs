//! `cargo bench --bench check`: the library's `check` on the bundled example, the stage
//! a pre-commit hook pays for on every commit. Prints min / median / p95 over many runs.

use std::time::{Duration, Instant};
use truthline::span::SourceMap;

fn example() -> SourceMap {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/commerce");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    paths.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "truth"));
    paths.sort();
    let mut sources = SourceMap::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
        sources.add(p.display().to_string(), text);
    }
    for (name, text) in truthline::stdlib::FILES {
        sources.add(*name, *text);
    }
    sources
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let pct = |p: f64| samples[((samples.len() - 1) as f64 * p) as usize];
    println!(
        "{name:<28} runs {:>5}  min {:>8.3} ms  median {:>8.3} ms  p95 {:>8.3} ms",
        samples.len(),
        samples[0].as_secs_f64() * 1e3,
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.95).as_secs_f64() * 1e3
    );
}

fn main() {
    let sources = example();
    let options = truthline::Options::default();
    // Warm up caches and the thread pool.
    for _ in 0..20 {
        std::hint::black_box(truthline::check(&sources, &options));
    }
    let runs = 300;
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let checked = truthline::check(&sources, &options);
        samples.push(t.elapsed());
        assert!(checked.diagnostics.is_empty(), "the example must check clean");
    }
    report("check examples/commerce", samples);
}
