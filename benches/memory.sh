#!/usr/bin/env bash
# memory.sh BINARY SITE [OUT] — where a build's memory goes: peak RSS, then (when heaptrack is
# installed) the peak of the heap and the code paths that hold it at that moment.
#
#   benches/memory.sh target/release/briefing /dev/shm/c10k
#
# 1. Builds SITE into OUT (default: a fresh folder under $TMPDIR) RUNS times (default 3) with
#    benches/timeit.py: wall time, CPU time and peak RSS, min / median / max.
# 2. With heaptrack on the PATH (and HEAPTRACK unset or 1), builds once more under heaptrack and
#    prints its peak heap and peak RSS, then the heap alive at the peak grouped by the last
#    three functions of briefing's own files on the allocation's stack (parsing an article,
#    reading a file, the search index, ...). heaptrack slows the build about twice, so its
#    timing is not a figure; the release profile's line tables name the functions.
# The RSS is the heap plus what the allocator keeps of memory freed earlier: a structure that
# is freed before the peak still counts if the allocator could not reuse its memory.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { echo "usage: $0 BINARY SITE [OUT]" >&2; exit 2; }
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
site=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-memory.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=${3:-$work/public}

echo "== $binary build --root $site, ${RUNS:-3} runs"
python3 "$here/timeit.py" -n "${RUNS:-3}" --warmup 0 -- "$binary" build --root "$site" --output "$out"

if [ "${HEAPTRACK:-1}" = 1 ] && command -v heaptrack > /dev/null; then
    echo "== heaptrack"
    heaptrack -o "$work/heap" "$binary" build --root "$site" --output "$out" > /dev/null 2>&1
    data=$(ls "$work"/heap*)
    heaptrack_print -f "$data" --print-peaks 0 --print-allocators 0 --print-temporary 0 \
        --print-leaks 0 2> /dev/null | grep -E '^peak (heap|RSS)'
    heaptrack_print -f "$data" --flamegraph-cost-type peak -F "$work/peak.stacks" > /dev/null 2>&1
    python3 - "$work/peak.stacks" "$(dirname "$here")/src" <<'EOF'
import collections, os, re, sys
stacks, src = sys.argv[1:]
# briefing's own files, by name (mod.rs and lib.rs name nothing).
ours = {f for _, _, files in os.walk(src) for f in files if f.endswith(".rs")} - {"mod.rs", "lib.rs"}
held = collections.Counter()
for line in open(stacks):
    stack, _, cost = line.rstrip().rpartition(" ")
    frames = []
    for frame in stack.split(";"):
        m = re.match(r"(.*) \(([\w.]+)\)$", frame.strip())
        name = m and "%s@%s" % (m.group(1), m.group(2))
        if m and m.group(2) in ours and (not frames or frames[-1] != name):
            frames.append(name)
    held[" > ".join(frames[-3:]) or "(outside briefing's code)"] += int(cost)
print("heap alive at the peak, by where it was allocated:")
for where, size in held.most_common(12):
    print("%9.1f MiB  %s" % (size / 2**20, where))
EOF
fi
