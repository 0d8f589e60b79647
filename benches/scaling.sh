#!/usr/bin/env bash
# scaling.sh [N...] — briefing alone at growing sizes (default 1,000 / 10,000 / 50,000 articles):
# wall time, CPU time and peak memory, medians, to show that the cost grows linearly.
# Same environment as compare.sh (BENCH_DIR, RUNS, WARMUP, SEED); the example site is skipped.
set -euo pipefail
[ $# -gt 0 ] || set -- 1000 10000 50000
BRIEFING_ONLY=1 EXAMPLE_RUNS=${EXAMPLE_RUNS:-0} exec "$(dirname "$0")/compare.sh" "$@"
