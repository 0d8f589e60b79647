#!/usr/bin/env bash
# search_latency.sh DIR... — the 20 queries of benches/search.rs in headless Chromium on a
# built site served from DIR (the site itself in DIR$BASE_PATH), each from a cold cache: the
# time from the page's first script to the first result shown, and the bytes the search
# fetched (script and index files, from the Resource Timing API; served uncompressed).
# Environment: PORT (default 8753), BASE_PATH (the path of the site's base_url, e.g. /briefing
# for a generated corpus; default none).
set -euo pipefail
port=${PORT:-8753}
base=${BASE_PATH:-}
# The interpreter itself, not a wrapper script, so that $! is the server's own process.
python=$(python3 -c 'import sys; print(sys.executable)')
queries=$(sed -n '/^pub const QUERIES/,/^];/p' "$(dirname "$0")/search.rs" | grep -o '"[^"]*"' | tr -d '"')
# Inserted after the results list: the first page of results shown (or "no results") ends the clock.
probe='<script>(function () {
  var t0 = performance.now(), done = false;
  function finish() {
    if (done) return;
    var list = document.getElementById("search-results"), status = document.getElementById("search-status");
    var root = document.getElementById("search");
    // Done when results are shown, or when the status says there are none.
    if (!list.children.length && !(status.textContent && status.textContent === root.dataset.noResults)) return;
    done = true;
    var bytes = performance.getEntriesByType("resource").filter(function (e) { return /search/.test(e.name); })
      .reduce(function (sum, e) { return sum + e.encodedBodySize; }, 0);
    document.title = "RESULT " + Math.round(performance.now() - t0) + " " + bytes;
  }
  new MutationObserver(finish).observe(document.getElementById("search"), { childList: true, subtree: true, characterData: true });
})();</script>'
for served in "$@"; do
  public=$served$base
  python3 - "$public" "$probe" <<'PY'
import sys, pathlib
public, probe = pathlib.Path(sys.argv[1]), sys.argv[2]
page = (public / "search/index.html").read_text()
marker = '<ol class="search-results" id="search-results"></ol>'
(public / "search/bench.html").write_text(page.replace(marker, marker + probe))
PY
  "$python" -m http.server "$port" --bind 127.0.0.1 --directory "$served" >/dev/null 2>&1 &
  server=$!
  sleep 1
  echo "$public"
  for query in $queries; do
    profile=$(mktemp -d)
    title=$(chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
      --virtual-time-budget=20000 --dump-dom "http://127.0.0.1:$port$base/search/bench.html?$query" 2>/dev/null \
      | grep -o '<title>RESULT [0-9]* [0-9]*' | sed 's/<title>RESULT //' || true)
    rm -rf "$profile"
    printf '  %-42s %s\n' "$query" "${title:-no answer} (ms bytes)"
  done
  kill "$server" 2>/dev/null || true
  rm -f "$public/search/bench.html"
done
