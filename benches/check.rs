//! `cargo bench --bench check`: the library's `check` on the bundled example, the stage
//! a pre-commit hook pays for on every commit. Prints min / median / p95 over many runs.

mod common;

use std::time::{Duration, Instant};
use truthline::span::SourceMap;

fn example() -> SourceMap {
    common::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/commerce"))
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
