#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md: the library's `check` on the example
# (cargo bench), then the release binary end to end on the example and on generated
# projects of 1,000 and 10,000 contracts (`check`, and `breaking` and `changelog` against
# a copy with about 10% of its groups changed incompatibly and 10% compatibly), and
# issue 4's benchmark: 10,000 events against 10,000. BEYOND=1 adds the project of
# 60,000 contracts that holds 10,000 events among its tables and metrics. Wall time from
# hyperfine, CPU time and peak memory from GNU time. Installs hyperfine and GNU time
# (Debian) when absent.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/truthline/target}"
for tool in hyperfine:hyperfine /usr/bin/time:time; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    echo "installing ${tool##*:}" >&2
    (apt-get update -qq && apt-get install -y -qq "${tool##*:}") >/dev/null
  fi
done
bin="$CARGO_TARGET_DIR/release/truthline"
work="${BENCH_DIR:-$HOME/.cache/truthline/bench}"

echo "== machine"; echo "cores: $(nproc)"; grep -m1 'model name' /proc/cpuinfo || true
echo "== library: cargo bench --bench check"
cargo bench --locked --bench check
cargo build --release --locked -q

sizes=(1000 10000)
[ -z "${BEYOND:-}" ] || sizes+=(60000)
for n in "${sizes[@]}"; do
  rm -rf "$work/w$n" "$work/w$n-changed"
  python3 scripts/gen_workload.py "$n" "$work/w$n"
  python3 scripts/gen_workload.py "$n" "$work/w$n-changed" --changed
done
rm -rf "$work/e10000" "$work/e10000-changed"
python3 scripts/gen_workload.py 10000 "$work/e10000" --events-only
python3 scripts/gen_workload.py 10000 "$work/e10000-changed" --events-only --changed

# `check` exits 1 on the generated projects only if they have findings; they must not.
"$bin" check "$work/w10000" >/dev/null
echo "== binary, end to end (process start included)"
hyperfine --warmup 10 --runs 100 -N "$bin check examples/commerce"
for n in "${sizes[@]}"; do
  hyperfine --warmup 2 --runs 15 -N "$bin check $work/w$n"
  # `breaking` exits 1: the changed copy does break things.
  hyperfine --warmup 2 --runs 15 -N -i "$bin breaking $work/w$n-changed --against $work/w$n --format json"
  hyperfine --warmup 2 --runs 15 -N "$bin changelog $work/w$n-changed --against $work/w$n --format json"
done
hyperfine --warmup 2 --runs 15 -N -i "$bin breaking $work/e10000-changed --against $work/e10000 --format json"

echo "== CPU time and peak memory (GNU time, one run each)"
measure() {
  /usr/bin/time -f "%e s wall  %U s user  %S s sys  %M KiB peak  $*" "$@" >/dev/null 2>/tmp/truthline-bench-time || true
  tail -n 1 /tmp/truthline-bench-time
}
for n in "${sizes[@]}"; do
  measure "$bin" check "$work/w$n"
  measure "$bin" breaking "$work/w$n-changed" --against "$work/w$n" --format json
  measure "$bin" changelog "$work/w$n-changed" --against "$work/w$n" --format json
done
measure "$bin" breaking "$work/e10000-changed" --against "$work/e10000" --format json
