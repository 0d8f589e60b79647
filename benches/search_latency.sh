#!/usr/bin/env bash
# search_latency.sh PUBLIC_DIR... — the 20 queries of benches/search.rs in headless Chromium on
# a built site (built with --base-url http://127.0.0.1:$PORT/), each from a cold cache: the
# time from the page's first script to the first result shown, and the bytes the search
# fetched (script and index files, from the Resource Timing API; served uncompressed).
# Environment: PORT (default 8753).
set -euo pipefail
port=${PORT:-8753}
queries=$(sed -n '/^pub const QUERIES/,/^];/p' "$(dirname "$0")/search.rs" | grep -o '"[^"]*"' | tr -d '"')
# Inserted after the results list: a result, or the status line of an empty search, ends the clock.
probe='<script>(function () {
  var t0 = performance.now(), done = false;
  function finish() {
    if (done) return;
    var list = document.getElementById("search-results"), status = document.getElementById("search-status");
    if (!list.children.length && !/\d|No /.test(status.textContent)) return;
    done = true;
    var bytes = performance.getEntriesByType("resource").filter(function (e) { return /search/.test(e.name); })
      .reduce(function (sum, e) { return sum + e.encodedBodySize; }, 0);
    document.title = "RESULT " + Math.round(performance.now() - t0) + " " + bytes;
  }
  new MutationObserver(finish).observe(document.getElementById("search"), { childList: true, subtree: true, characterData: true });
})();</script>'
for public in "$@"; do
  python3 - "$public" "$probe" <<'PY'
import sys, pathlib
public, probe = pathlib.Path(sys.argv[1]), sys.argv[2]
page = (public / "search/index.html").read_text()
marker = '<ol class="search-results" id="search-results"></ol>'
(public / "search/bench.html").write_text(page.replace(marker, marker + probe))
PY
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$public" >/dev/null 2>&1 &
  server=$!
  sleep 1
  echo "$public"
  for query in $queries; do
    profile=$(mktemp -d)
    title=$(chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
      --virtual-time-budget=20000 --dump-dom "http://127.0.0.1:$port/search/bench.html?$query" 2>/dev/null \
      | grep -o '<title>RESULT [0-9]* [0-9]*' | sed 's/<title>RESULT //' || true)
    rm -rf "$profile"
    printf '  %-42s %s\n' "$query" "${title:-no answer} (ms bytes)"
  done
  kill "$server"
  rm -f "$public/search/bench.html"
done
