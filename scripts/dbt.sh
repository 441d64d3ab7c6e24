#!/usr/bin/env bash
# Installs dbt-core with the DuckDB adapter (PyPI) into a virtual environment under
# ~/.cache/truthline, for tests/export_dbt.rs, which runs the real `dbt parse` on an
# exported project. Pinned below 1.10: later dbt-core pulls a parser wheel that is
# downloaded from GitHub at install time, which not every CI can reach. Sourced by
# test.sh; exports TRUTHLINE_DBT.
set -euo pipefail

ensure_dbt() {
    local venv="$HOME/.cache/truthline/venv-dbt"
    if ! "$venv/bin/dbt" --version >/dev/null 2>&1; then
        echo "== installing dbt-core and dbt-duckdb (PyPI) into $venv"
        python3 -m venv "$venv" 2>/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; python3 -m venv "$venv"; }
        "$venv/bin/pip" install -q 'dbt-core>=1.9,<1.10' 'dbt-duckdb>=1.9,<1.10' \
            || { echo "error: cannot install dbt-core and dbt-duckdb from PyPI" >&2; exit 1; }
    fi
    export TRUTHLINE_DBT="$venv/bin/dbt"
}

ensure_dbt
