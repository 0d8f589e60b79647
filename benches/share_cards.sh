#!/usr/bin/env bash
# What share cards cost a build: the same corpus built without cards (`share_cards: false`),
# with cards from a warm cache (a rebuild), and with cards from an empty cache (the first
# build), in turns, so that a change of the machine's load touches every variant alike.
#
#     benches/share_cards.sh SITE [ROUNDS]
#
# SITE is a generated corpus (`cargo run --release --example gen_corpus -- --articles 10000
# --out SITE`), best on a memory file system (/dev/shm). Builds into SITE.out-*; a copy of
# the site without cards goes to SITE.nocards. BRIEFING_BIN times another binary (default
# target/release/briefing), or several, space-separated, in turns (a version before a
# change, and after). Prints the median of wall seconds, CPU seconds (user + system)
# and peak RSS of each variant, then the sizes of the output and of the cache.
set -euo pipefail

site=${1:?usage: benches/share_cards.sh SITE [ROUNDS]}
rounds=${2:-3}
read -r -a bins <<<"${BRIEFING_BIN:-target/release/briefing}"
site=$(cd "$site" && pwd)
nocards="$site.nocards"
results=$(mktemp)
timing=$(mktemp)
trap 'rm -f "$results" "$timing"' EXIT

rm -rf "$nocards"
cp -a "$site" "$nocards"
rm -rf "$nocards/.briefing"
grep -v '^share_cards:' "$site/site.yaml" >"$nocards/site.yaml"
echo "share_cards: false" >>"$nocards/site.yaml"

build() { # binary variant root output
    /usr/bin/time -o "$timing" -f '%e %U %S %M' "$1" build --root "$3" --output "$4" -q >/dev/null 2>&1
    echo "$(basename "$1"):$2 $(tail -1 "$timing")" >>"$results"
}

"${bins[0]}" build --root "$nocards" --output "$site.out-off" -q >/dev/null 2>&1
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$rounds"); do
    for bin in "${bins[@]}"; do
        # Untimed: the warm build finds the cache of this binary's own cards.
        "$bin" build --root "$site" --output "$site.out-cards" -q >/dev/null 2>&1
        build "$bin" "no cards" "$nocards" "$site.out-off"
        build "$bin" "cards, warm cache" "$site" "$site.out-cards"
        rm -rf "$site/.briefing"
        build "$bin" "cards, empty cache" "$site" "$site.out-cards"
    done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results" <<'EOF'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    *name, wall, user, system, rss = line.split()
    runs[" ".join(name)].append((float(wall), float(user) + float(system), int(rss) / 1024))
width = max(len(name) for name in runs)
print(f"{'':{width}} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}  (medians of {len(next(iter(runs.values())))})")
for name, values in runs.items():
    wall, cpu, rss = (statistics.median(column) for column in zip(*values))
    print(f"{name:{width}} {wall:8.2f} {cpu:8.2f} {rss:9.0f}")
EOF
# Sizes as the last binary left them.
echo "output without cards: $(du -sh "$site.out-off" | cut -f1), with cards: $(du -sh "$site.out-cards" | cut -f1)"
echo "cache: $(du -sh "$site/.briefing/cache/cards" | cut -f1) in $(find "$site/.briefing/cache/cards" -type f | wc -l) files"
# A card linked from the cache into the output takes its space once.
echo "output and cache together: $(du -shc "$site.out-cards" "$site/.briefing/cache/cards" | tail -1 | cut -f1)"
