#!/usr/bin/env bash
# Installs the OpenLineage Python client (PyPI) into a virtual environment under
# ~/.cache/truthline, for tests/export_openlineage.rs, which checks the exported events
# against the client's classes generated from the OpenLineage specification. Sourced by
# test.sh; exports TRUTHLINE_OPENLINEAGE_PYTHON.
set -euo pipefail

ensure_openlineage() {
    local venv="$HOME/.cache/truthline/venv-openlineage"
    if ! "$venv/bin/python" -c 'import openlineage.client.generated.base' >/dev/null 2>&1; then
        echo "== installing openlineage-python (PyPI) into $venv"
        python3 -m venv "$venv" 2>/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; python3 -m venv "$venv"; }
        "$venv/bin/pip" install -q 'openlineage-python==1.54.0' \
            || { echo "error: cannot install openlineage-python from PyPI" >&2; exit 1; }
    fi
    export TRUTHLINE_OPENLINEAGE_PYTHON="$venv/bin/python"
}

ensure_openlineage
