#!/usr/bin/env bash
# Reproduces the docs site figures in BENCHMARKS.md: `truthline docs` on a generated
# project of 5,000 contracts (scripts/gen_workload.py), wall time from hyperfine, CPU
# time and peak memory from GNU time, then the site's index page (and a metric and a
# system page, and the first search) timed in real headless Chromium. Installs
# hyperfine, GNU time, Chromium and playwright-core when absent.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/truthline/target}"
for tool in hyperfine:hyperfine /usr/bin/time:time; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    echo "installing ${tool##*:}" >&2
    (apt-get update -qq && apt-get install -y -qq "${tool##*:}") >/dev/null
  fi
done
source scripts/browser.sh
# The docs site needs neither the embedded engine nor the drivers: the lean build.
cargo build --release --locked --no-default-features -q
bin="$CARGO_TARGET_DIR/release/truthline"
work="${BENCH_DIR:-$HOME/.cache/truthline/bench}"
n="${DOCS_CONTRACTS:-5000}"
rm -rf "$work/docs$n"
python3 scripts/gen_workload.py "$n" "$work/docs$n"
site="$work/docs$n-site"

echo "== machine"; echo "cores: $(nproc)"; grep -m1 'model name' /proc/cpuinfo || true
echo "== truthline docs on $n contracts (process start included)"
hyperfine --warmup 1 --runs 10 -N "$bin docs $work/docs$n --out $site"
/usr/bin/time -f "%e s wall  %U s user  %S s sys  %M KiB peak" "$bin" docs "$work/docs$n" --out "$site"
echo "pages: $(find "$site" -name '*.html' | wc -l)  files: $(find "$site" -type f | wc -l)  size: $(du -sh "$site" | cut -f1)"
echo "index.html: $(wc -c <"$site/index.html") bytes  search-index.js: $(wc -c <"$site/search-index.js") bytes"
echo "== the site in headless Chromium (median of 7 fresh pages, ms)"
node scripts/bench_docs_load.mjs "$site" metric/ns0.m0.html system/ns0.svc0.html cur_e42
