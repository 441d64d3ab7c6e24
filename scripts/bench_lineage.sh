#!/usr/bin/env bash
# Reproduces the column lineage figures in BENCHMARKS.md on a generated project of 10,000
# contracts with a mart built by a `transform` query in every group
# (`scripts/gen_workload.py --marts`): where the time goes stage by stage (cargo bench
# --bench stages, lineage query included), then, side by side in one hyperfine run,
# `check` of the release binary before column lineage (BASELINE_REV, built from
# `git archive` with its own cache) and now, and `truthline lineage` end to end. Both
# binaries are the lean build (`--no-default-features`: no embedded engine, which `check`
# does not use), so the comparison is of the same code paths.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/truthline/target}"
command -v hyperfine >/dev/null || (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null
work="${BENCH_DIR:-$HOME/.cache/truthline/bench}"
base_rev="${BASELINE_REV:-e284144}"
project="$work/w10000-marts"
rm -rf "$project"
python3 scripts/gen_workload.py 10000 "$project" --marts

cargo build --release --locked -q --no-default-features
bin="$CARGO_TARGET_DIR/release/truthline"
base_tree="$work/baseline-$base_rev"
if [ ! -x "$base_tree/target/release/truthline" ]; then
  rm -rf "$base_tree"
  mkdir -p "$base_tree"
  git archive "$base_rev" | tar -x -C "$base_tree"
  (cd "$base_tree" && CARGO_TARGET_DIR="$base_tree/target" cargo build --release --locked -q --no-default-features)
fi
base="$base_tree/target/release/truthline"

"$bin" check "$project" >/dev/null   # exit 1 on any finding: the project must check clean
echo "== stages (best of 5)"
cargo bench --locked --no-default-features --bench stages -- "$project" mart_e625.total
echo "== peak memory of check: before column lineage ($base_rev) and now"
for b in "$base" "$bin"; do /usr/bin/time -f "%M KiB  $b" "$b" check "$project" >/dev/null; done
echo "== check: before column lineage ($base_rev) and now"
hyperfine --warmup 3 --runs 30 -N "$base check $project" "$bin check $project"
echo "== truthline lineage, end to end (process start, parse, resolve, trace, query)"
hyperfine --warmup 2 --runs 15 -N "$bin lineage mart_e625.total $project" "$bin lineage cur_e625.amount $project --downstream"
