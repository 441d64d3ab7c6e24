#!/usr/bin/env bash
# The truthline gate for any CI: check the contracts, fail on breaking changes against
# the base branch, build the SQL models and the docs site. Exit codes are truthline's:
# 0 clean, 1 findings (the gate fails), 2 the command could not run.
#
#   CONTRACTS   the project folder            (default: .)
#   BASE        the baseline, a git revision  (default: origin/main)
#   OUT         where to build                (default: build; the docs site is OUT/docs)
#   REPORTS     where machine-readable reports go (default: reports)
set -euo pipefail
CONTRACTS="${CONTRACTS:-.}"
BASE="${BASE:-origin/main}"
OUT="${OUT:-build}"
REPORTS="${REPORTS:-reports}"
mkdir -p "$REPORTS"

status=0
# Human output in the log, JUnit for CI systems that show test reports.
truthline check "$CONTRACTS" || status=$?
truthline check "$CONTRACTS" --format junit > "$REPORTS/check.xml" || true
if [ "$status" -ge 2 ]; then exit "$status"; fi

if git rev-parse --verify --quiet "$BASE^{commit}" >/dev/null; then
    b=0
    truthline breaking "$CONTRACTS" --against "git:$BASE" || b=$?
    truthline breaking "$CONTRACTS" --against "git:$BASE" --format junit > "$REPORTS/breaking.xml" || true
    if [ "$b" -ge 2 ]; then exit "$b"; fi
    if [ "$b" -gt "$status" ]; then status=$b; fi
else
    echo "truthline: no baseline \`$BASE\` in this repository; breaking changes not checked" >&2
fi

if [ "$status" -eq 0 ]; then
    truthline build "$CONTRACTS" --out "$OUT"
fi
exit "$status"
