#!/usr/bin/env bash
# truthline side by side with the tools a team would use instead, on equivalent inputs,
# in one run on one machine (BENCHMARKS.md, "Against the peers"):
#   check      truthline check      | datacontract lint (every contract) | dbt parse  | buf build
#   breaking   truthline breaking   | datacontract breaking              |            | buf breaking
#   changelog  truthline changelog  | datacontract changelog             |            |
#   build      truthline build      | datacontract export sql ×2, catalog | dbt docs generate
# Inputs: scripts/gen_workload.py (truthline) and scripts/gen_peers.py (the same groups,
# fields and changes for the peers) at 100, 1,000 and 10,000 contracts (SIZES overrides).
# Installs the peers when absent: datacontract-cli and dbt-core with dbt-duckdb from PyPI
# into virtual environments, buf from npm (@bufbuild/buf), under ~/.cache/truthline.
# Wall-time medians from hyperfine; CPU time and peak memory from GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/truthline/target}"
cache="$HOME/.cache/truthline"
work="${BENCH_DIR:-$cache/bench-peers}"
sizes="${SIZES:-100 1000 10000}"
runs="${RUNS:-5}"

for tool in hyperfine:hyperfine /usr/bin/time:time; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    (apt-get update -qq && apt-get install -y -qq "${tool##*:}") >/dev/null
  fi
done
if [ ! -x "$cache/dc-venv/bin/datacontract" ]; then
  python3 -m venv "$cache/dc-venv" && "$cache/dc-venv/bin/pip" install -q 'datacontract-cli==1.2.8'
fi
if [ ! -x "$cache/bench-venv/bin/dbt" ]; then
  # dbt-core 1.11 and later fetch a parser binary from GitHub at install time, which
  # this machine cannot reach; 1.10 is the newest that installs from PyPI alone.
  python3 -m venv "$cache/bench-venv" && "$cache/bench-venv/bin/pip" install -q 'dbt-core==1.10.*' 'dbt-duckdb<2'
fi
if [ ! -x "$cache/bench-node/node_modules/.bin/buf" ]; then
  mkdir -p "$cache/bench-node" && (cd "$cache/bench-node" && npm install --silent @bufbuild/buf@1.75.0)
fi
# TRUTHLINE_BIN: an already built binary (the commands timed here do not use the
# embedded engine, so a `--no-default-features` build times the same).
tl="${TRUTHLINE_BIN:-$CARGO_TARGET_DIR/release/truthline}"
[ -n "${TRUTHLINE_BIN:-}" ] || cargo build --release --locked -q
dc="$cache/dc-venv/bin/datacontract"
dbt="$cache/bench-venv/bin/dbt"
buf="$cache/bench-node/node_modules/.bin/buf"
export DBT_SEND_ANONYMOUS_USAGE_STATS=false DO_NOT_TRACK=1

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== versions: truthline $("$tl" --version | cut -d' ' -f2), datacontract $("$dc" --version), dbt-core $("$dbt" --version 2>/dev/null | awk '/installed/ {print $3; exit}'), buf $("$buf" --version)"

# ONLY: a regular expression of the jobs to (re)run, e.g. ONLY=datacontract; the other
# results are kept.
mkdir -p "$work/results"
[ -n "${ONLY:-}" ] || rm -f "$work/results/"*.json "$work/results/"*.time "$work/results/time.txt"
measure() { # name, command…: hyperfine median and GNU time CPU/peak memory
  local name="$1"; shift
  [[ "$name" =~ ${ONLY:-.} ]] || return 0
  # One process is timed without a shell; a sequence (the datacontract CLI takes one
  # contract per process) runs in bash, whose start hyperfine subtracts.
  local mode=(-N)
  [[ "$*" == *";"* ]] && mode=(--shell=bash)
  hyperfine "${mode[@]}" -i --warmup 1 --runs "$runs" --export-json "$work/results/$name.json" "$*" >/dev/null
  local cmd="$*"
  /usr/bin/time -f "$name %e %U %S %M" -o "$work/results/$name.time" bash -c "{ ${cmd%;}; } >/dev/null 2>&1" || true
  cat "$work/results/$name.time" >>"$work/results/time.txt"
}

for n in $sizes; do
  w="$work/w$n"
  rm -rf "$w" "$w-changed" "$w-peers" "$w-peers-changed" "$w-out"
  python3 scripts/gen_workload.py "$n" "$w"
  python3 scripts/gen_workload.py "$n" "$w-changed" --changed
  python3 scripts/gen_peers.py "$n" "$w-peers"
  python3 scripts/gen_peers.py "$n" "$w-peers-changed" --changed
  contracts="$(ls "$w-peers/datacontract")"
  dc_each() { # the datacontract CLI takes one contract per process
    local out="" f
    for f in $contracts; do out="$out $1 $w-peers/datacontract/$f${2:+ $2/$f};"; done
    echo "$out"
  }
  echo "== $n contracts"
  measure "check.truthline.$n" "$tl check $w"
  measure "check.datacontract.$n" "$(dc_each "$dc lint")"
  measure "check.dbt.$n" "$dbt parse --no-partial-parse --project-dir $w-peers/dbt --profiles-dir $w-peers/dbt"
  measure "check.buf.$n" "$buf build $w-peers/proto"
  measure "breaking.truthline.$n" "$tl breaking $w-changed --against $w --format json"
  breaking_dc=""
  for f in $contracts; do breaking_dc="$breaking_dc $dc breaking $w-peers/datacontract/$f $w-peers-changed/datacontract/$f;"; done
  measure "breaking.datacontract.$n" "$breaking_dc"
  measure "breaking.buf.$n" "$buf breaking $w-peers-changed/proto --against $w-peers/proto"
  measure "changelog.truthline.$n" "$tl changelog $w-changed --against $w"
  measure "changelog.datacontract.$n" "${breaking_dc//breaking/changelog}"
  measure "build.truthline.$n" "$tl build $w --out $w-out --dialect postgres --dialect duckdb"
  # Two SQL dialects and the docs catalog, as truthline's build writes.
  measure "build.datacontract.$n" "$(dc_each "$dc export sql --dialect postgres --output /dev/null") $(dc_each "$dc export sql --dialect mysql --output /dev/null") $dc catalog --files '$w-peers/datacontract/*.yaml' --output $w-out-catalog"
  measure "build.dbt.$n" "$dbt docs generate --no-partial-parse --project-dir $w-peers/dbt --profiles-dir $w-peers/dbt"
done
python3 scripts/bench_table.py "$work/results"
