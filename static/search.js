/* briefing: search over the sharded index that the build writes.
 *
 * search-index.json (the manifest) names the first key of every shard; a query loads
 * only what it needs: for each word, one vocabulary shard (search/w/N.json: folded word
 * -> stem), then one posting shard per stem (search/p/N.json: stem -> [title ids, other
 * ids]); for each chosen facet value, its id list (search/f/<facet>/<value>.json); and
 * for the results shown, their documents (search/d/N.json). Every word must match; a
 * word the index does not know matches the words it begins (three letters or more).
 * Title matches rank first, then newer articles. With a query, each facet value counts the
 * stories that match it (see updateCounts). The URL keeps ?q= and the facets, so a
 * search can be shared and the back button returns to the previous one.
 *
 * A story told in several languages is one result: the version in the page's language if
 * it matches, else the version listings show, else the newest that matches; a version in
 * another language than the page's has `lang`, `hreflang` and a language badge. On such a
 * site the manifest says `stories` and search/stories.json tells the versions apart: the
 * versions of a story have consecutive ids, `next` lists those that continue the story of
 * the id before them, and `lang` gives each version's language.
 *
 * Standalone pages (About, Methodology) are documents after the articles, without a date.
 *
 * Without JavaScript the form stays hidden and the page's <noscript> links to the archive.
 */
(function () {
  "use strict";

  var root = document.getElementById("search");
  if (!root || !root.dataset.index || !window.fetch || !window.URLSearchParams || !window.Map) return;

  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var selects = Array.prototype.slice.call(form.querySelectorAll(".search-facet select"));
  var order = form.querySelector("select[name=sort]");
  var filters = document.getElementById("search-filters");
  /* The language switcher's links, which carry the search to the other language. */
  var switcher = Array.prototype.slice.call(document.querySelectorAll(".language-switcher a[href]"));
  switcher.forEach(function (a) { a.setAttribute("data-base", a.getAttribute("href").split("?")[0]); });
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var lang = root.dataset.lang || document.documentElement.lang || "en";
  var PAGE = 10; // results shown at a time
  var PREFIX_MAX = 50; // words a prefix may stand for
  var EXCERPT_BEFORE = 12, EXCERPT_AFTER = 24; // words around the first match

  form.hidden = false;

  var cache = {};
  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
        return response.json();
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }
  var manifest = null;
  function file(path) { return load(manifest.base + path); }

  /* The index's fold (src/search/fold.rs), step for step: lower case, NFD, these
   * diacritics dropped, these letters replaced, NFC. Tested on the same strings
   * (tests/fixtures/search-fold.tsv) on both sides. */
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var LETTERS = { "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t", "ŀ": "l", "ß": "ss", "æ": "ae",
    "œ": "oe", "þ": "th", "ð": "d", "ς": "σ" };
  var LETTER = /[łøđħıŧŀßæœþðς]/g;
  /* Chinese and Japanese, indexed as pairs of characters. */
  var CJK_RANGES = "\\u3040-\\u30ff\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ebef}\\u{30000}-\\u{3134f}";
  var CJK = new RegExp("[" + CJK_RANGES + "]", "u");
  var CJK_RUNS = new RegExp("[" + CJK_RANGES + "]+|[^" + CJK_RANGES + "]+", "gu");
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  /* A word as written, its diacritics included even when they are separate characters. */
  var WRITTEN_WORD = /[\p{Alphabetic}\p{N}\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/gu;
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(MARKS, "")
      .replace(LETTER, function (c) { return LETTERS[c]; }).normalize("NFC");
  }
  /* British spellings as American ones (src/search/fold.rs, SPELLINGS): British stem,
   * American stem, the endings that may follow (none listed: any). */
  var SPELLINGS = [["licenc","licens",[]],["defenc","defens",[]],["offenc","offens",[]],["pretenc","pretens",[]],["colour","color",[]],["favour","favor",[]],["flavour","flavor",[]],["behaviour","behavior",[]],["labour","labor",[]],["harbour","harbor",[]],["honour","honor",[]],["neighbour","neighbor",[]],["rumour","rumor",[]],["endeavour","endeavor",[]],["armour","armor",[]],["vigour","vigor",[]],["centre","center",["","s"]],["centred","centered",[""]],["theatre","theater",["","s"]],["fibre","fiber",["","s"]],["litre","liter",["","s"]],["calibre","caliber",["","s"]],["programme","program",["","s"]],["catalogue","catalog",["","s"]],["dialogue","dialog",["","s"]],["analogue","analog",["","s"]],["aluminium","aluminum",[""]],["judgement","judgment",["","s"]],["ageing","aging",[""]],["sceptic","skeptic",[]],["travell","travel",["ed","ing","er","ers"]],["modell","model",["ed","ing","er","ers"]],["labell","label",["ed","ing"]],["cancell","cancel",["ed","ing"]],["fuell","fuel",["ed","ing"]],["signall","signal",["ed","ing"]],["channell","channel",["ed","ing"]],["counsell","counsel",["ed","ing","or","ors"]],["levell","level",["ed","ing"]],["totall","total",["ed","ing"]],["organis","organiz",["e","ed","es","ing","er","ers","ation","ations","ational"]],["realis","realiz",["e","ed","es","ing","ation"]],["recognis","recogniz",["e","ed","es","ing","able"]],["authoris","authoriz",["e","ed","es","ing","ation","ations"]],["subsidis","subsidiz",["e","ed","es","ing","ation"]],["modernis","moderniz",["e","ed","es","ing","ation"]],["industrialis","industrializ",["e","ed","es","ing","ation"]],["prioritis","prioritiz",["e","ed","es","ing","ation"]],["criticis","criticiz",["e","ed","es","ing"]],["digitalis","digitaliz",["e","ed","es","ing","ation"]],["nationalis","nationaliz",["e","ed","es","ing","ation"]],["stabilis","stabiliz",["e","ed","es","ing","ation"]],["standardis","standardiz",["e","ed","es","ing","ation"]],["centralis","centraliz",["e","ed","es","ing","ation"]],["localis","localiz",["e","ed","es","ing","ation"]],["globalis","globaliz",["e","ed","es","ing","ation"]],["privatis","privatiz",["e","ed","es","ing","ation"]],["utilis","utiliz",["e","ed","es","ing","ation"]],["optimis","optimiz",["e","ed","es","ing","ation"]],["characteris","characteriz",["e","ed","es","ing","ation"]],["specialis","specializ",["e","ed","es","ing","ation"]],["weaponis","weaponiz",["e","ed","es","ing","ation"]],["harmonis","harmoniz",["e","ed","es","ing","ation"]],["criminalis","criminaliz",["e","ed","es","ing","ation"]],["liberalis","liberaliz",["e","ed","es","ing","ation"]],["monetis","monetiz",["e","ed","es","ing","ation"]],["mobilis","mobiliz",["e","ed","es","ing","ation"]],["minimis","minimiz",["e","ed","es","ing"]],["maximis","maximiz",["e","ed","es","ing"]],["normalis","normaliz",["e","ed","es","ing","ation"]],["categoris","categoriz",["e","ed","es","ing","ation"]],["sanitis","sanitiz",["e","ed","es","ing"]],["emphasis","emphasiz",["e","ed","es","ing"]]];
  function american(word) {
    for (var i = 0; i < SPELLINGS.length; i++) {
      var row = SPELLINGS[i];
      if (word.lastIndexOf(row[0], 0) !== 0) continue;
      var ending = word.slice(row[0].length);
      if (!row[2].length || row[2].indexOf(ending) !== -1) return row[1] + ending;
    }
    return word;
  }
  /* The terms of a folded word: itself, or its Chinese and Japanese runs as pairs of
   * characters and its other runs as words; single characters are no terms. */
  function terms(word) {
    word = american(word);
    if (!CJK.test(word)) return Array.from(word).length > 1 ? [word] : [];
    var found = [];
    (word.match(CJK_RUNS) || []).forEach(function (run) {
      var chars = Array.from(run);
      if (!CJK.test(chars[0])) { if (chars.length > 1) found.push(run); return; }
      for (var i = 0; i + 1 < chars.length; i++) found.push(chars[i] + chars[i + 1]);
    });
    return found;
  }
  function queryWords(text) {
    var stop = manifest.stop || [], longest = manifest.longest || Infinity;
    var found = [];
    (fold(text).match(WORD) || []).forEach(function (w) { found = found.concat(terms(w)); });
    return found.filter(function (w, i, all) {
      return Array.from(w).length <= longest && stop.indexOf(w) === -1 && all.indexOf(w) === i;
    });
  }

  /* The shard holding `key`: the last whose first key is not after it. */
  function shardOf(bounds, key) {
    var low = 0, high = bounds.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (bounds[mid] <= key) low = mid; else high = mid - 1;
    }
    return low;
  }

  function decodeIds(encoded) {
    var ids = [], previous = -1;
    for (var i = 0; i < encoded.length; i++) {
      var v = encoded[i];
      if (v < 0) { for (var k = 0; k < -v; k++) ids.push(++previous); }
      else { previous += v; ids.push(previous); }
    }
    return ids;
  }

  /* A query word -> { stems, forms }: its stems, and the indexed words that share them
   * (for highlighting). */
  function lookUp(word) {
    return file("w/" + shardOf(manifest.words, word) + ".json").then(function (vocabulary) {
      var stems = [];
      function add(value) { [].concat(value).forEach(function (s) { if (stems.indexOf(s) === -1) stems.push(s); }); }
      if (Object.prototype.hasOwnProperty.call(vocabulary, word)) add(vocabulary[word]);
      else if (word.length >= 3) {
        var n = 0;
        for (var w in vocabulary) {
          if (w.lastIndexOf(word, 0) === 0) { add(vocabulary[w]); if (++n >= PREFIX_MAX) break; }
        }
      }
      var forms = [];
      for (var v in vocabulary) {
        if ([].concat(vocabulary[v]).some(function (s) { return stems.indexOf(s) !== -1; })) forms.push(v);
      }
      return { stems: stems, forms: forms };
    });
  }

  /* The documents matching one word: id -> 2 (title) or 1 (summary or text). */
  function matches(word) {
    return lookUp(word).then(function (found) {
      return Promise.all(found.stems.map(function (stem) {
        return file("p/" + shardOf(manifest.stems, stem) + ".json").then(function (postings) { return postings[stem]; });
      })).then(function (lists) {
        var tiers = new Map();
        lists.forEach(function (lists) {
          if (!lists) return;
          decodeIds(lists[1]).forEach(function (id) { if (!tiers.has(id)) tiers.set(id, 1); });
          decodeIds(lists[0]).forEach(function (id) { tiers.set(id, 2); });
        });
        return { tiers: tiers, forms: found.forms };
      });
    });
  }

  /* search/stories.json, decoded: { next: Set of ids, langOf: Map id -> language }; null
   * on a site where every story has one version. */
  function stories() {
    if (!manifest.stories) return Promise.resolve(null);
    return file("stories.json").then(function (data) {
      var langOf = new Map();
      Object.keys(data.lang).forEach(function (l) {
        decodeIds(data.lang[l]).forEach(function (id) { langOf.set(id, l); });
      });
      return { next: new Set(decodeIds(data.next)), langOf: langOf };
    });
  }

  /* One id per story among `ids`, scored with its story's best score. */
  function onePerStory(ids, scores, versions) {
    var chosen = new Map(); // first id of a story -> [id shown, best score]
    function preference(id, first) {
      return versions.langOf.get(id) === lang ? 0 : id === first ? 1 : 2;
    }
    ids.forEach(function (id) {
      var first = id;
      while (versions.next.has(first)) first--;
      var held = chosen.get(first);
      if (!held) { chosen.set(first, [id, scores.get(id)]); return; }
      var better = preference(id, first) - preference(held[0], first) || id - held[0];
      chosen.set(first, [better < 0 ? id : held[0], Math.max(held[1], scores.get(id))]);
    });
    var shown = [];
    chosen.forEach(function (held) { scores.set(held[0], held[1]); shown.push(held[0]); });
    return shown;
  }

  function chosenFacets() {
    return selects.filter(function (s) { return s.value; }).map(function (s) { return { key: s.name, value: s.value }; });
  }

  /* Ranked ids and the word forms to highlight. */
  function search(text, facets) {
    var words = queryWords(text);
    var wordsDone = Promise.all(words.map(matches));
    var facetsDone = Promise.all(facets.map(function (f) {
      return file("f/" + encodeURIComponent(f.key) + "/" + encodeURIComponent(f.value) + ".json")
        .then(function (encoded) { return new Set(decodeIds(encoded)); }, function () { return new Set(); });
    }));
    return Promise.all([wordsDone, facetsDone, stories()]).then(function (done) {
      var perWord = done[0], sets = done[1], versions = done[2];
      var scores = new Map();
      if (perWord.length) {
        perWord[0].tiers.forEach(function (tier, id) { scores.set(id, tier); });
        for (var i = 1; i < perWord.length; i++) {
          var next = new Map();
          var tiers = perWord[i].tiers;
          scores.forEach(function (score, id) { if (tiers.has(id)) next.set(id, score + tiers.get(id)); });
          scores = next;
        }
      } else if (sets.length) {
        sets[0].forEach(function (id) { scores.set(id, 0); });
      }
      var matched = perWord.length ? Array.from(scores.keys()) : null;
      var ids = [];
      scores.forEach(function (score, id) {
        if (sets.every(function (set) { return set.has(id); })) ids.push(id);
      });
      if (versions) ids = onePerStory(ids, scores, versions);
      // Ids run from the newest story to the oldest: the best matches first, the newest
      // of them first; or, asked for, simply the newest first.
      var newest = order && order.value === "new";
      ids.sort(function (a, b) { return newest ? a - b : (scores.get(b) - scores.get(a)) || (a - b); });
      var forms = new Set();
      perWord.forEach(function (w) { w.forms.forEach(function (f) { forms.add(f); }); });
      return { ids: ids, forms: forms, matched: matched, versions: versions };
    });
  }

  /* Facet counts for the current query. Each option's build-time count is the whole
   * site's; with a query, an option counts the stories that match the words and the
   * other facets chosen (not its own, so the other values of a facet stay reachable).
   * A facet's value lists load after the results are shown, while the filters are open:
   * at once while together they are small (the manifest's `bytes`, smallest first), else
   * when its list is focused; until then its options show no count. */
  var COUNT_BYTES_AT_ONCE = 200000; // the facets' lists loaded without being asked for
  var wanted = new Set(); // facets whose lists were asked for by focusing them
  function valueSet(key, value) {
    return file("f/" + encodeURIComponent(key) + "/" + encodeURIComponent(value) + ".json")
      .then(function (encoded) { return new Set(decodeIds(encoded)); }, function () { return new Set(); });
  }
  function valuesOf(select) {
    return Array.prototype.filter.call(select.options, function (o) { return o.value; });
  }
  function facetBytes(key) {
    var facet = (manifest.facets || []).filter(function (f) { return f.key === key; })[0];
    return facet && facet.bytes !== undefined ? facet.bytes : Infinity;
  }
  /* Ids of the stories' first versions, as the counts name stories. */
  function storyOf(id, versions) {
    if (versions) while (versions.next.has(id)) id--;
    return id;
  }
  /* `countOf`: value -> count; null for the whole site's counts, false for none. */
  function showCounts(select, countOf) {
    valuesOf(select).forEach(function (option) {
      var name = option.getAttribute("data-name");
      if (countOf === false) { option.textContent = name; option.disabled = false; return; }
      var count = countOf ? countOf(option.value) : +option.getAttribute("data-count");
      option.textContent = name + " (" + count + ")";
      option.disabled = count === 0 && option.value !== select.value;
    });
  }
  /* The facets counted for a query: those asked for, and the smallest within the budget. */
  function countedFacets() {
    var budget = COUNT_BYTES_AT_ONCE;
    return selects.slice().sort(function (a, b) { return facetBytes(a.name) - facetBytes(b.name); })
      .filter(function (s) {
        if (wanted.has(s.name)) return true;
        budget -= facetBytes(s.name);
        return budget >= 0;
      });
  }
  function updateCounts(run, found) {
    var chosen = chosenFacets();
    if (!found.matched && !chosen.length) { selects.forEach(function (s) { showCounts(s, null); }); return; }
    if (!manifest || !filters || !filters.open) return;
    // The lists of the chosen values are needed by every facet; the others only by their own.
    var counted = countedFacets();
    selects.forEach(function (s) { if (counted.indexOf(s) === -1) showCounts(s, false); });
    var setOf = new Map(); // "key=value" -> Set of ids
    function need(key, value) {
      return valueSet(key, value).then(function (set) { setOf.set(key + "=" + value, set); });
    }
    var loads = chosen.map(function (f) { return need(f.key, f.value); });
    counted.forEach(function (select) {
      valuesOf(select).forEach(function (o) { loads.push(need(select.name, o.value)); });
    });
    Promise.all(loads).then(function () {
      if (run !== generation) return;
      counted.forEach(function (select) {
        var others = chosen.filter(function (f) { return f.key !== select.name; })
          .map(function (f) { return setOf.get(f.key + "=" + f.value); });
        if (!found.matched && !others.length) { showCounts(select, null); return; }
        var base = found.matched || Array.from(others[0]);
        base = base.filter(function (id) { return others.every(function (set) { return set.has(id); }); });
        showCounts(select, function (value) {
          var set = setOf.get(select.name + "=" + value), stories = new Set();
          base.forEach(function (id) { if (set.has(id)) stories.add(storyOf(id, found.versions)); });
          return stories.size;
        });
      });
    }).catch(function (err) { if (window.console) console.error("briefing search:", err); });
  }

  function docOf(id) {
    var chunk = manifest.chunk;
    return file("d/" + Math.floor(id / chunk) + ".json").then(function (docs) { return docs[id % chunk]; });
  }

  /* Appends `text` to `parent`, marking the words whose folded form is in `forms`. */
  function appendHighlighted(parent, text, forms) {
    var start = 0, match;
    WRITTEN_WORD.lastIndex = 0;
    while ((match = WRITTEN_WORD.exec(text))) {
      var folded = american((fold(match[0]).match(WORD) || []).join(""));
      if (!forms.has(folded)) continue;
      parent.appendChild(document.createTextNode(text.slice(start, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      parent.appendChild(mark);
      start = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(start)));
  }

  /* Some words of `text` around its first match, or null if nothing matches; the words
   * come from the match's own section: a heading and the text after it are apart
   * (the index writes a line break at each heading's start and end). */
  function excerpt(text, forms) {
    var sections = text.split("\n");
    for (var s = 0; s < sections.length; s++) {
      var found = excerptOf(sections[s], forms);
      if (found) return found;
    }
    return null;
  }
  function excerptOf(text, forms) {
    var words = text.split(/\s+/);
    for (var i = 0; i < words.length; i++) {
      var parts = [];
      (fold(words[i]).match(WORD) || []).forEach(function (p) { parts = parts.concat(terms(p)); });
      if (parts.some(function (p) { return forms.has(p); })) {
        var from = Math.max(0, i - EXCERPT_BEFORE), to = Math.min(words.length, i + EXCERPT_AFTER);
        return (from > 0 ? "… " : "") + words.slice(from, to).join(" ") + (to < words.length ? " …" : "");
      }
    }
    return null;
  }

  /* Dates as the server writes them (src/i18n/dates.rs): the language's pattern and
   * month names, given by the page. */
  var MONTHS = (root.dataset.months || "").split("|");
  function displayDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    var pattern = root.dataset.dateFormat;
    if (!parts || !pattern || MONTHS.length !== 12) return iso;
    var day = Number(parts[3]), month = Number(parts[2]);
    var values = { day: day === 1 ? root.dataset.dayOne || "1" : String(day), month: MONTHS[month - 1],
      month_number: String(month), year: parts[1] };
    return pattern.replace(/\{(day|month_number|month|year)\}/g, function (all, name) { return values[name]; });
  }

  function renderResult(doc, forms) {
    var li = document.createElement("li");
    li.className = "search-result";
    var otherLang = doc.l && doc.l !== lang;
    var title = document.createElement("p");
    title.className = "search-result-title";
    if (otherLang) title.lang = doc.l;
    var a = document.createElement("a");
    a.href = doc.u;
    appendHighlighted(a, doc.t, forms);
    title.appendChild(a);
    if (otherLang) {
      a.hreflang = doc.l;
      var badge = document.createElement("span");
      badge.className = "lang-badge";
      badge.textContent = doc.l.toUpperCase();
      title.appendChild(document.createTextNode(" "));
      title.appendChild(badge);
    }
    li.appendChild(title);
    /* A standalone page (About, Methodology) has no date. */
    if (doc.d) {
      var meta = document.createElement("p");
      meta.className = "search-result-meta";
      var time = document.createElement("time");
      time.dateTime = doc.d;
      time.textContent = displayDate(doc.d);
      meta.appendChild(time);
      li.appendChild(meta);
    }
    var text = forms.size ? excerpt(doc.x || "", forms) : null;
    var body = document.createElement("p");
    body.className = text ? "search-result-excerpt" : "search-result-summary";
    if (otherLang) body.lang = doc.l;
    appendHighlighted(body, text || doc.s || "", forms);
    li.appendChild(body);
    return li;
  }

  function countText(n) {
    return n + " " + (n === 1 ? root.dataset.article || "" : root.dataset.articles || "");
  }

  var generation = 0; // a newer search makes older answers stale
  var current = { ids: [], forms: new Set(), shown: 0 };
  var last = { matched: null }; // the newest search's answer, for counting when the filters open

  /* Shows the next page of results; `focus` moves the focus to the first of them (after
   * "More results", whose button may then disappear). */
  function showMore(run, focus) {
    var page = current.ids.slice(current.shown, current.shown + PAGE);
    current.shown += page.length;
    more.hidden = true;
    return Promise.all(page.map(docOf)).then(function (docs) {
      if (run !== generation) return;
      var fragment = document.createDocumentFragment();
      docs.forEach(function (doc) { if (doc) fragment.appendChild(renderResult(doc, current.forms)); });
      var first = fragment.querySelector("a");
      list.appendChild(fragment);
      if (focus && first) first.focus();
      more.hidden = current.shown >= current.ids.length;
    });
  }

  function run() {
    var run = ++generation;
    var text = input.value.trim();
    var facets = chosenFacets();
    list.textContent = "";
    more.hidden = true;
    if (!text && !facets.length) {
      status.textContent = "";
      last = { matched: null };
      updateCounts(run, last);
      return Promise.resolve();
    }
    status.textContent = root.dataset.loading || "";
    return load(root.dataset.index).then(function (m) {
      manifest = m;
      return search(text, facets);
    }).then(function (found) {
      if (run !== generation) return;
      current = { ids: found.ids, forms: found.forms, shown: 0 };
      last = found;
      status.textContent = found.ids.length ? countText(found.ids.length) : root.dataset.noResults || "";
      return showMore(run).then(function () { updateCounts(run, found); });
    }).catch(function (err) {
      if (window.console) console.error("briefing search:", err);
      if (run === generation) status.textContent = root.dataset.noResults || "";
    });
  }

  /* The form's state as a query string, and back. */
  function stateQuery() {
    var params = new URLSearchParams();
    var q = input.value.trim();
    if (q) params.set("q", q);
    chosenFacets().forEach(function (f) { params.set(f.key, f.value); });
    if (order && order.value) params.set("sort", order.value);
    var query = params.toString();
    return query ? "?" + query : "";
  }
  function readState() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (s) {
      var wanted = params.get(s.name) || "";
      s.value = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; }) ? wanted : "";
    });
    if (order) order.value = params.get("sort") === "new" ? "new" : "";
    carry();
  }
  /* The other languages' search pages get the same query. */
  function carry() {
    var query = stateQuery();
    switcher.forEach(function (a) { a.setAttribute("href", a.getAttribute("data-base") + query); });
  }
  /* A new entry for a deliberate search (submit, facet), a replaced one while typing. */
  function remember(push) {
    carry();
    var query = stateQuery();
    if (query === window.location.search) return;
    var url = window.location.pathname + query + window.location.hash;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(); remember(false); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
    remember(true);
  });
  selects.forEach(function (s) {
    s.addEventListener("change", function () { run(); remember(true); });
  });
  if (order) order.addEventListener("change", function () { run(); remember(true); });
  if (filters) filters.addEventListener("toggle", function () { updateCounts(generation, last); });
  selects.forEach(function (s) {
    s.addEventListener("focus", function () {
      if (wanted.has(s.name)) return;
      wanted.add(s.name);
      updateCounts(generation, last);
    });
  });
  more.addEventListener("click", function () { showMore(generation, true); });
  window.addEventListener("popstate", function () { readState(); run(); });

  readState();
  // The filters stay folded on a narrow screen unless one is chosen.
  if (filters && (chosenFacets().length || !window.matchMedia || window.matchMedia("(min-width: 40em)").matches)) {
    filters.open = true;
  }
  run();
})();
