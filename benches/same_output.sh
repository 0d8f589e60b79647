#!/usr/bin/env bash
# same_output.sh [REV] — does the working tree build byte-identical sites to REV (default HEAD)?
#
# Exports REV with `git archive` (the repository is not touched), builds both in release, then
# builds the example site at the repository root and the generated corpus of each size in
# SIZES (default "1000") with both binaries and compares the output trees with `diff -r`.
# Exit status 0 when every tree is identical. Run it before committing an optimisation.
#
# Environment: BENCH_DIR (default /tmp/briefing-bench), SIZES, SEED (default 20260725),
# BEFORE_BIN / AFTER_BIN to compare two given binaries instead of building.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
rev=${1:-HEAD}
bench_dir=${BENCH_DIR:-/tmp/briefing-bench}
sizes=${SIZES:-1000}
seed=${SEED:-20260725}
work=$(mktemp -d "${TMPDIR:-/tmp}/same-output.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$bench_dir"

target_dir=$(cd "$repo" && cargo metadata --no-deps --format-version 1 |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
# Both trees build the same crate in the same target directory, and cargo judges freshness by
# modification times: the export is unpacked with fresh times (tar -m) and src/lib.rs of the
# working tree is touched, so that each build really compiles its own tree. Binaries are
# copied at once out of the target directory, which other checkouts may share.
build_tree() { # build_tree DIR NAME: release build of the tree at DIR, copied to $work/NAME
    touch "$1/src/lib.rs"
    (cd "$1" && cargo build --release --quiet --bin briefing)
    cp "$target_dir/release/briefing" "$work/$2"
}
if [ -n "${BEFORE_BIN:-}" ]; then
    cp "$BEFORE_BIN" "$work/before"
else
    mkdir "$work/src-before"
    git -C "$repo" archive "$rev" | tar -x -m -C "$work/src-before"
    echo "== building $rev" >&2
    build_tree "$work/src-before" before
fi
if [ -n "${AFTER_BIN:-}" ]; then
    cp "$AFTER_BIN" "$work/after"
else
    echo "== building the working tree" >&2
    build_tree "$repo" after
fi
(cd "$repo" && cargo build --release --quiet --example gen_corpus)
cp "$target_dir/release/examples/gen_corpus" "$work/gen_corpus"
cmp -s "$work/before" "$work/after" && echo "note: the two binaries are identical" >&2
gen_corpus=$work/gen_corpus

sites=("$repo")
for n in $sizes; do
    site=$bench_dir/same-output/briefing-$n-s$seed
    want=$("$gen_corpus" --articles "$n" --seed "$seed" --fingerprint)
    have=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["fingerprint"])' \
        "$site/corpus-manifest.json" 2>/dev/null || true)
    if [ "$want" != "$have" ]; then
        rm -rf "$site"
        "$gen_corpus" --articles "$n" --seed "$seed" --out "$site" >&2
    fi
    sites+=("$site")
done

status=0
for site in "${sites[@]}"; do
    for which in before after; do
        "$work/$which" build --root "$site" --output "$work/out-$which" > /dev/null
    done
    if diff -r -q "$work/out-before" "$work/out-after" > "$work/diff.txt"; then
        echo "same: $site ($(find "$work/out-after" -type f | wc -l) files)"
    else
        echo "DIFFERENT: $site ($(wc -l < "$work/diff.txt") files differ)"
        head -n 10 "$work/diff.txt"
        status=1
    fi
    rm -rf "$work/out-before" "$work/out-after"
done
exit $status
