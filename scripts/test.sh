#!/usr/bin/env bash
# Runs every test: formatting, lints, and the whole test suite.
# Installs or starts what the tests need when it is missing, and never skips silently.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/truthline/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# The official SARIF 2.1.0 JSON schema, which tests/breaking_cli.rs validates our SARIF
# output against. It ships in an npm package; fetch it once.
SARIF_SCHEMA="$HOME/.cache/truthline/sarif-2.1.0.json"
if [ ! -s "$SARIF_SCHEMA" ]; then
    echo "== fetching the SARIF 2.1.0 schema (npm @microsoft/jest-sarif)"
    if ! command -v npm >/dev/null; then
        echo "== installing npm (Debian) to fetch the SARIF schema"
        (apt-get update -qq && apt-get install -y -qq npm) >/dev/null \
            || { echo "error: npm is needed to fetch the SARIF schema and could not be installed" >&2; exit 1; }
    fi
    sarif_tmp="$(mktemp -d)"
    (cd "$sarif_tmp" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null) \
        || { echo "error: cannot fetch @microsoft/jest-sarif from npm" >&2; exit 1; }
    tar -xzf "$sarif_tmp/microsoft-jest-sarif-1.0.0-beta.0.tgz" -C "$sarif_tmp" package/lib/schemas/sarif-2.1.0-rtm.5.json \
        || { echo "error: the npm package has no SARIF schema" >&2; exit 1; }
    mkdir -p "$(dirname "$SARIF_SCHEMA")"
    mv "$sarif_tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$SARIF_SCHEMA"
    rm -rf "$sarif_tmp"
fi
export TRUTHLINE_SARIF_SCHEMA="$SARIF_SCHEMA"

# Real engines for the generated SQL (tests/sql_engines.rs).
source "$(dirname "$0")/services.sh"
# Headless Chromium and playwright-core for the docs site test (tests/docs_site.rs).
source "$(dirname "$0")/browser.sh"
# The real pre-commit tool (tests/precommit.rs) and dbt (tests/export_dbt.rs).
source "$(dirname "$0")/precommit.sh"
source "$(dirname "$0")/dbt.sh"
# The OpenLineage Python client (tests/export_openlineage.rs).
source "$(dirname "$0")/openlineage.sh"

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --all-features --locked -- -D warnings
echo "== cargo check --no-default-features (the lean build, without the embedded engine)"
cargo check --no-default-features --locked
echo "== cargo test"
cargo test --all-targets --all-features --locked
cargo test --doc --all-features --locked

# A short, reproducible libFuzzer run of every fuzz target (fixed seed; see HARDENING.md).
"$(dirname "$0")/fuzz.sh"
