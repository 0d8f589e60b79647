/* briefing: client-side search over search-index.json.
 *
 * The page holds <div id="search" data-index="…/search-index.json" data-lang="en"
 * data-no-results="…" data-article="article" data-articles="articles">, a GET form
 * with an input named "q", a status line and an empty results list. Without
 * JavaScript the form still submits (?q=…) and the <noscript> text explains.
 *
 * Matching: every word of the query must appear (as a substring) in the title,
 * summary, topics or terms of an article; case and accents are ignored. Results
 * are ranked by where the words match (title first), then by date, newest first.
 */
(function () {
  "use strict";

  var root = document.getElementById("search");
  if (!root || !root.dataset.index || !window.fetch) return;

  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var lang = root.dataset.lang || document.documentElement.lang || "en";
  var MAX_RESULTS = 50;

  var entries = null; // the index, once loaded, with normalised fields
  var pending = false; // a search asked for before the index arrived

  /* Lower case without diacritics: "Étаts" -> "etats". Per character, so that
   * positions in the normalised text map back to the original (for <mark>). */
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  function foldChar(ch) {
    return ch.normalize ? ch.normalize("NFD").replace(MARKS, "").toLowerCase() : ch.toLowerCase();
  }
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) out += foldChar(text[i]);
    return out;
  }
  function words(query) {
    return fold(query).split(/[\s,;:!?"'“”«»()]+/).filter(function (w) { return w.length > 0; });
  }

  function prepare(raw) {
    return raw.map(function (e) {
      var topics = e.topics || [];
      var terms = e.terms || [];
      return {
        raw: e,
        title: fold(e.title || ""),
        summary: fold(e.summary || ""),
        tags: fold(topics.concat(terms).join(" \u0001 ")),
      };
    });
  }

  function score(entry, query) {
    var total = 0;
    for (var i = 0; i < query.length; i++) {
      var w = query[i];
      var s = 0;
      if (entry.title.indexOf(w) !== -1) s = 3;
      else if (entry.tags.indexOf(w) !== -1) s = 2;
      else if (entry.summary.indexOf(w) !== -1) s = 1;
      if (s === 0) return 0; // every word must match
      total += s;
    }
    return total;
  }

  /* Appends `text` to `parent`, wrapping the parts that match a query word in <mark>. */
  function appendHighlighted(parent, text, query) {
    var folded = "";
    var origin = []; // origin[i] = index in `text` of folded character i
    for (var i = 0; i < text.length; i++) {
      var f = foldChar(text[i]);
      for (var k = 0; k < f.length; k++) origin.push(i);
      folded += f;
    }
    origin.push(text.length);
    var marked = [];
    for (var z = 0; z < text.length; z++) marked.push(0);
    query.forEach(function (w) {
      var from = 0, at;
      while (w && (at = folded.indexOf(w, from)) !== -1) {
        for (var j = origin[at]; j < origin[at + w.length]; j++) marked[j] = 1;
        from = at + w.length;
      }
    });
    var start = 0;
    for (var p = 1; p <= text.length; p++) {
      if (p === text.length || marked[p] !== marked[start]) {
        var piece = text.slice(start, p);
        if (marked[start]) {
          var m = document.createElement("mark");
          m.textContent = piece;
          parent.appendChild(m);
        } else {
          parent.appendChild(document.createTextNode(piece));
        }
        start = p;
      }
    }
  }

  var dateFormat = null;
  try {
    // Day-month-year like the site's own dates ("25 July 2025"), also in English.
    dateFormat = new Intl.DateTimeFormat(/^en$/i.test(lang) ? "en-GB" : lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  } catch (err) { dateFormat = null; }
  function displayDate(iso) {
    if (!dateFormat || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
    var d = new Date(iso + "T00:00:00Z");
    return isNaN(d.getTime()) ? iso : dateFormat.format(d);
  }

  function renderResult(e, query) {
    var li = document.createElement("li");
    li.className = "search-result";
    var otherLang = e.lang && e.lang !== lang;

    var title = document.createElement("p");
    title.className = "search-result-title";
    if (otherLang) title.lang = e.lang;
    var a = document.createElement("a");
    a.href = e.url;
    appendHighlighted(a, e.title || e.url, query);
    title.appendChild(a);
    li.appendChild(title);

    if (e.date) {
      var meta = document.createElement("p");
      meta.className = "search-result-meta";
      var time = document.createElement("time");
      time.dateTime = e.date;
      time.textContent = displayDate(e.date);
      meta.appendChild(time);
      // Topics, and the terms that matched (all of them would be noise).
      var labels = (e.topics || []).concat((e.terms || []).filter(function (term) {
        var f = fold(term);
        return query.some(function (w) { return f.indexOf(w) !== -1; });
      }));
      if (labels.length) {
        meta.appendChild(document.createTextNode(" · "));
        var span = document.createElement("span");
        appendHighlighted(span, labels.join(", "), query);
        meta.appendChild(span);
      }
      li.appendChild(meta);
    }

    if (e.summary) {
      var summary = document.createElement("p");
      summary.className = "search-result-summary";
      if (otherLang) summary.lang = e.lang;
      appendHighlighted(summary, e.summary, query);
      li.appendChild(summary);
    }
    return li;
  }

  function countText(n) {
    return n + " " + (n === 1 ? root.dataset.article || "" : root.dataset.articles || "");
  }

  function run() {
    var text = input.value.trim();
    var query = words(text);
    list.textContent = "";
    if (!query.length) {
      status.textContent = "";
      return;
    }
    if (!entries) {
      pending = true;
      return;
    }
    var hits = [];
    entries.forEach(function (entry) {
      var s = score(entry, query);
      if (s > 0) hits.push({ entry: entry.raw, score: s });
    });
    hits.sort(function (x, y) {
      if (y.score !== x.score) return y.score - x.score;
      return (y.entry.date || "") < (x.entry.date || "") ? -1 : (y.entry.date || "") > (x.entry.date || "") ? 1 : 0;
    });
    if (!hits.length) {
      status.textContent = root.dataset.noResults || "";
      return;
    }
    status.textContent = countText(hits.length);
    var fragment = document.createDocumentFragment();
    hits.slice(0, MAX_RESULTS).forEach(function (hit) { fragment.appendChild(renderResult(hit.entry, query)); });
    list.appendChild(fragment);
  }

  /* Keeps ?q= in the address bar, so a search can be shared and survives reloads. */
  function remember() {
    if (!window.history || !history.replaceState) return;
    var url = new URL(window.location.href);
    var q = input.value.trim();
    if (q) url.searchParams.set("q", q);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  var timer = null;
  input.addEventListener("input", function () {
    run();
    clearTimeout(timer);
    timer = setTimeout(remember, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
    remember();
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) input.value = initial;
  if (input.value.trim()) run();

  fetch(root.dataset.index, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (data) {
      entries = prepare(Array.isArray(data) ? data : []);
      if (pending || input.value.trim()) {
        pending = false;
        run();
      }
    })
    .catch(function (err) {
      entries = [];
      if (window.console) console.error("briefing search: cannot load the index:", err);
      status.textContent = root.dataset.noResults || "";
    });
})();
