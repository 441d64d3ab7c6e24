#!/usr/bin/env bash
# Installs the real `pre-commit` tool (PyPI) into a virtual environment under
# ~/.cache/truthline for tests/precommit.rs, and keeps pre-commit's own cache (the hook
# environments it builds with `cargo install`) there too, so one build serves many runs.
# Sourced by test.sh; exports TRUTHLINE_PRE_COMMIT and PRE_COMMIT_HOME.
set -euo pipefail

ensure_precommit() {
    local venv="$HOME/.cache/truthline/venv-precommit"
    if ! "$venv/bin/pre-commit" --version >/dev/null 2>&1; then
        echo "== installing pre-commit (PyPI) into $venv"
        python3 -m venv "$venv" 2>/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; python3 -m venv "$venv"; }
        "$venv/bin/pip" install -q 'pre-commit>=3.7,<5' \
            || { echo "error: cannot install pre-commit from PyPI" >&2; exit 1; }
    fi
    export TRUTHLINE_PRE_COMMIT="$venv/bin/pre-commit"
    export PRE_COMMIT_HOME="$HOME/.cache/truthline/pre-commit"
}

ensure_precommit
