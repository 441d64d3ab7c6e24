#!/usr/bin/env bash
# A short libFuzzer run of every fuzz target (fuzz/fuzz_targets/), the one CI performs on
# every change. Longer runs: FUZZ_SECONDS=1800 scripts/fuzz.sh [TARGET…] (see HARDENING.md).
#
# cargo-fuzz needs nightly compiler flags (-Zsanitizer); only the stable toolchain is
# installed, so RUSTC_BOOTSTRAP=1 lets stable accept them. cargo-fuzz itself is installed
# from crates.io when absent.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
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
    echo "== fuzzing $t for ${FUZZ_SECONDS}s"
    # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: exhaustion is a bug.
    cargo fuzz run --fuzz-dir fuzz "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$FUZZ_SECONDS" -dict=fuzz/truth.dict -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
