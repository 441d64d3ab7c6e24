#!/usr/bin/env bash
# `breaking --history` on a project of 1,000 events whose git history holds 100 commits,
# each editing one file in place (a field with a default added to one event), against
# the last commit under `backward_transitive`: every event is compared with every
# earlier definition the history holds. Also times the same comparison without
# `--history`, to show what the walk adds. Installs hyperfine when absent.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/truthline/target}"
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/truthline"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="$work/repo"
mkdir -p "$repo"
python3 scripts/gen_workload.py 1000 "$repo/contracts" --events-only >/dev/null
sed -i 's/compatibility backward$/compatibility backward_transitive/' "$repo"/contracts/*.truth
cd "$repo"
git init -q -b main
g() { git -c user.name=bench -c user.email=bench@example.com -c commit.gpgsign=false "$@"; }
git add -A && g commit -q -m "1,000 events"
files=(contracts/ns*_part*.truth)
for i in $(seq 1 99); do
  f="${files[$(( i % ${#files[@]} ))]}"
  # One field with a default, on the first event of the file: compatible in every mode.
  python3 - "$f" "$i" <<'PY'
import sys
path, i = sys.argv[1], sys.argv[2]
text = open(path).read()
at = text.index("    attr_0 ")
open(path, "w").write(text[:at] + f"    extra_{i}  int default 0\n" + text[at:])
PY
  git add -A && g commit -q -m "commit $i"
done
echo "== $(git rev-list --count HEAD) commits, $(ls contracts/*.truth | wc -l) files, $(grep -c '^event ' contracts/*.truth | awk -F: '{s+=$2} END {print s}') events"
hyperfine --warmup 2 --runs 10 -N \
  "$bin breaking contracts --against git:main --format json" \
  "$bin breaking contracts --against git:main --history --format json"
