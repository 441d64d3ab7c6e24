#!/usr/bin/env bash
# A short libFuzzer run of every fuzz target (fuzz/fuzz_targets/), the one CI performs on
# every change. Longer runs: FUZZ_SECONDS=1800 scripts/fuzz.sh [TARGET…] (see HARDENING.md).
#
# The CI run is reproducible: a fixed seed and a fixed number of inputs from the seed
# corpus, so a change either passes it or fails it every time, and a red CI always means
# the change broke something. Exploring (new random inputs, for as long as you like) is
# what FUZZ_SECONDS does; what it finds goes into the regression tests.
#
# cargo-fuzz needs nightly compiler flags (-Zsanitizer); only the stable toolchain is
# installed, so RUSTC_BOOTSTRAP=1 lets stable accept them. cargo-fuzz itself is installed
# from crates.io when absent.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${FUZZ_SECONDS:-}" ]; then
    budget=(-max_total_time="$FUZZ_SECONDS")
else
    FUZZ_SECONDS=60
    budget=(-seed=1 -runs="${FUZZ_RUNS:-4000}" -max_total_time="$FUZZ_SECONDS")
fi
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$HOME/.cache/truthline/target-fuzz}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz (crates.io)"
    cargo install cargo-fuzz --locked --quiet
fi

./scripts/fuzz_corpus.sh

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse_check format breaking codegen)

for t in "${targets[@]}"; do
    echo "== fuzzing $t (${budget[*]})"
    # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: exhaustion is a bug.
    cargo fuzz run --fuzz-dir fuzz "$t" "fuzz/corpus/$t" -- \
        "${budget[@]}" -dict=fuzz/truth.dict -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
