#!/usr/bin/env bash
# Seeds the fuzz corpora and writes the dictionary, from the repository's own contracts:
#   fuzz/corpus/{parse_check,format,codegen}/  every .truth fixture, example and std contract
#   fuzz/corpus/breaking/                      every breaking fixture as `baseline ##### current`
#   fuzz/corpus/*/                             every past find in fuzz/known/
#   fuzz/truth.dict                            every literal of grammar/truth.pest
# Seeds are named by content hash, so re-running adds nothing twice; files the fuzzer
# found are kept.
set -euo pipefail
cd "$(dirname "$0")/.."

FILE_SEP=$'\n=====\n'
SIDE_SEP=$'\n#####\n'

put() { # put TARGET CONTENT-FILE
    local sum
    sum="$(sha1sum "$2" | cut -c1-40)"
    cp "$2" "fuzz/corpus/$1/seed-$sum"
}

for t in parse_check format breaking codegen; do mkdir -p "fuzz/corpus/$t"; done
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT

while IFS= read -r -d '' f; do
    for t in parse_check format codegen; do put "$t" "$f"; done
done < <(find tests/fixtures examples contracts -name '*.truth' -size -64k -print0 | sort -z)

# What the fuzzers found (fuzz/known/): every target starts from its past finds.
while IFS= read -r -d '' f; do
    for t in parse_check format breaking codegen; do put "$t" "$f"; done
done < <(find fuzz/known -type f -print0 | sort -z)

# Each example project as one multi-file input.
for dir in examples/*/; do
    : >"$tmp"
    first=1
    while IFS= read -r -d '' f; do
        [ "$first" = 1 ] || printf '%s' "$FILE_SEP" >>"$tmp"
        first=0
        cat "$f" >>"$tmp"
    done < <(find "$dir" -name '*.truth' -print0 | sort -z)
    for t in parse_check codegen breaking; do put "$t" "$tmp"; done
done

# One side of a breaking case: its files joined by the file separator.
side() {
    local first=1
    while IFS= read -r -d '' f; do
        [ "$first" = 1 ] || printf '%s' "$FILE_SEP"
        first=0
        cat "$f"
    done < <(find "$1" -name '*.truth' -print0 | sort -z)
}
while IFS= read -r -d '' case; do
    { side "$case/baseline"; printf '%s' "$SIDE_SEP"; side "$case/current"; } >"$tmp"
    put breaking "$tmp"
done < <(find tests/fixtures/breaking -mindepth 2 -maxdepth 2 -type d -print0 | sort -z)

# The dictionary: every quoted literal of the grammar that is a word or punctuation.
{
    echo '# Literals of grammar/truth.pest, written by scripts/fuzz_corpus.sh.'
    grep -o '"[^"\\]*"' grammar/truth.pest | sort -u | grep -v '^" *"$' | grep -v '…' \
        | grep -v '^"[^"]*[[:space:]][^"]*"$'
    echo '"\"\"\""'
    printf '"%s"\n' '=====' '#####' '@doc(' '@pii' 'list<' 'map<' 'decimal(18,2)' 'v1' 'v2' 'string?'
} >fuzz/truth.dict
