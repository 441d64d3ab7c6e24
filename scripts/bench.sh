#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md. Installs hyperfine (Debian) when absent.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/truthline/target}"
if ! command -v hyperfine >/dev/null; then
  echo "installing hyperfine" >&2
  (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null
fi
echo "== machine"; nproc; grep -m1 'model name' /proc/cpuinfo || true
echo "== library: cargo bench --bench check"
cargo bench --locked --bench check
echo "== binary: truthline check examples/commerce (end to end, process start included)"
cargo build --release --locked -q
hyperfine --warmup 10 --runs 100 -N "$CARGO_TARGET_DIR/release/truthline check examples/commerce"
