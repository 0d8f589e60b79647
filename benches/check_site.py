#!/usr/bin/env python3
"""Check one build's output against the corpus manifest.

    check_site.py SITE_DIR OUTPUT_DIR

SITE_DIR holds corpus-manifest.json (written by `cargo run --example gen_corpus`,
briefing or Hugo flavor; the manifest says how many HTML pages that flavor makes
before briefing's own rules, which this script applies to the corpus's articles: a
topic's, term's or the archive's timeline longer than `timeline_limit` (site.yaml,
default 250) gets a page per year and, for a year still too long, per month, the
newest part staying on the listing's own page; the home page is an edition, the
newest story and the next 5, then each topic's 3 newest stories not shown above it).
Prints one JSON object: page and file counts, and "problems" (empty when every check
passed): the expected number of HTML pages and article pages, the feed/sitemap/
robots/404 files and the flavor's other expected files, and for each sample article:
its page exists at /articles/<slug>/, holds its title and a sentence of its body
rendered (an <h2>, a list, no raw '## '), and is listed on its topic page and on
its first tag's page.
Exit status 0 when there are no problems, 1 otherwise.
"""

import html
import json
import os
import re
import sys


def slugify(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def read(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read()


# briefing's rules (src/config.rs, src/site/periods.rs, src/render/pages/home.rs).
DEFAULT_TIMELINE_LIMIT = 250
HOME_FRONT = 1 + 5  # the lead story and the latest headlines
HOME_TOPIC_ROWS = 3


def front_matter(path):
    """The date (instant, year, month) and the topics and terms of one corpus article."""
    fields = {}
    with open(path, encoding="utf-8") as fh:
        if fh.readline().strip() != "---":
            return None
        for line in fh:
            if line.strip() == "---":
                break
            key, sep, value = line.partition(":")
            if sep and not line.startswith(" "):
                fields[key.strip()] = value.strip()
    date = fields.get("date", "")
    # A date without a time is midnight UTC.
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$", date)
    if not m:
        return None
    import datetime
    y, mo, d, h, mi, sec, off = m.groups()
    tz = datetime.timezone.utc
    if off and off != "Z":
        sign = -1 if off[0] == "-" else 1
        tz = datetime.timezone(sign * datetime.timedelta(hours=int(off[1:3]), minutes=int(off[4:6])))
    instant = datetime.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(sec or 0), tzinfo=tz)
    names = lambda key: [n.strip().strip('"\'') for n in fields.get(key, "").strip("[]").split(",") if n.strip()]
    slug = fields.get("slug", "").strip('"\'') or os.path.basename(path)[:-len(".md")]
    return {"slug": slug, "instant": instant.timestamp(), "year": int(y), "month": int(mo), "topics": names("topics"),
            "terms": [(t, slugify(n)) for t in ("tags", "organizations", "regions") for n in names(t)]}


def corpus_articles(site):
    """The corpus's articles in the default language, newest first."""
    articles = []
    for root, _dirs, names in os.walk(os.path.join(site, "content", "articles")):
        for name in names:
            # `x.fr.md`: a translation, listed in the other language's listings.
            if name.endswith(".md") and name.count(".") == 1:
                article = front_matter(os.path.join(root, name))
                if article:
                    articles.append(article)
    articles.sort(key=lambda a: -a["instant"])
    return articles


def timeline_parts(listing, limit):
    """How a listing (newest first) is split, as src/site/periods.rs does: the part its own
    page shows (None: the whole listing) and the others, each (year, month or None)."""
    if len(listing) <= limit:
        return None, []
    years = []  # (year, count, months)
    for a in listing:
        if not years or years[-1][0] != a["year"]:
            years.append([a["year"], 0, []])
        years[-1][1] += 1
        if not years[-1][2] or years[-1][2][-1] != a["month"]:
            years[-1][2].append(a["month"])
    parts = []
    for year, count, months in years:
        parts.append((year, None))
        if count > limit:
            parts.extend((year, month) for month in months)
    first = parts.pop(1 if len(parts) > 1 and parts[1][1] is not None else 0)
    return first, parts


def part_of(listing, limit, slug):
    """Where under a listing's page the article `slug` is listed: "", "2024/" or "2024/05/"."""
    first, others = timeline_parts(listing, limit)
    article = next((a for a in listing if a["slug"] == slug), None)
    if first is None or article is None:
        return ""
    split = any(year == article["year"] and month is not None for year, month in others + [first])
    part = (article["year"], article["month"] if split else None)
    if part == first:
        return ""
    return "%d/" % part[0] if part[1] is None else "%d/%02d/" % part


def timeline_limit(site):
    for line in read(os.path.join(site, "site.yaml")).splitlines():
        if line.startswith("timeline_limit:"):
            return int(line.split(":", 1)[1])
    return DEFAULT_TIMELINE_LIMIT


def listings(articles):
    """The listings of the topics and of the terms (taxonomy, slug), newest first."""
    topics, terms = {}, {}
    for a in articles:
        for t in a["topics"]:
            topics.setdefault(t, []).append(a)
        for term in a["terms"]:
            terms.setdefault(term, []).append(a)
    return topics, terms


def briefing_rules(site, articles):
    """The HTML pages of timeline parts, and how many articles the home page links to."""
    limit = timeline_limit(site)
    topics, terms = listings(articles)
    parts = sum(len(set(timeline_parts(listing, limit)[1]))
                for listing in list(topics.values()) + list(terms.values()) + [articles])
    shown = set(range(min(HOME_FRONT, len(articles))))
    index = {id(a): i for i, a in enumerate(articles)}
    for t in sorted(topics):  # which section comes first does not change the count
        fresh = [index[id(a)] for a in topics[t] if index[id(a)] not in shown][:HOME_TOPIC_ROWS]
        shown.update(fresh)
    return parts, len(shown)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    site, out = sys.argv[1], sys.argv[2]
    man = json.loads(read(os.path.join(site, "corpus-manifest.json")))
    n = man["articles"]
    problems = []
    expected_html = man["expected_html_pages"]
    home_expected = min(20, n)
    briefing = man.get("flavor", "briefing") == "briefing"
    articles = corpus_articles(site) if briefing else []
    if briefing:
        parts, home_expected = briefing_rules(site, articles)
        expected_html += parts
    topics, terms = listings(articles)
    html_pages = files = article_pages = 0
    for root, _dirs, names in os.walk(out):
        for name in names:
            files += 1
            if name.endswith(".html"):
                html_pages += 1
                rel = os.path.relpath(os.path.join(root, name), out).split(os.sep)
                if len(rel) == 3 and rel[0] == "articles" and rel[2] == "index.html":
                    article_pages += 1
    if html_pages != expected_html:
        problems.append("html pages %d, expected %d" % (html_pages, expected_html))
    if article_pages != n:
        problems.append("article pages %d, expected %d" % (article_pages, n))
    for f in ["index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "topics/index.html",
              "tags/index.html", "organizations/index.html", "regions/index.html"] + man.get("expected_other", []):
        if not os.path.isfile(os.path.join(out, f)):
            problems.append("missing " + f)
    feed_entries = sitemap_urls = home_links = -1
    if os.path.isfile(os.path.join(out, "feed.xml")):
        feed_entries = read(os.path.join(out, "feed.xml")).count("<entry")
        if feed_entries != min(20, n):
            problems.append("feed has %d entries, expected %d" % (feed_entries, min(20, n)))
    if os.path.isfile(os.path.join(out, "sitemap.xml")):
        sitemap_urls = read(os.path.join(out, "sitemap.xml")).count("<loc>")
    if os.path.isfile(os.path.join(out, "index.html")):
        home_links = len(set(re.findall(r'href="[^"]*/articles/([^/"]+)/"', read(os.path.join(out, "index.html")))))
        if home_links != home_expected:
            problems.append("home links %d articles, expected %d" % (home_links, home_expected))
    for s in man["samples"]:
        page = os.path.join(out, "articles", s["slug"], "index.html")
        if not os.path.isfile(page):
            problems.append("no page for article " + s["slug"])
            continue
        raw = read(page)
        text = html.unescape(raw)
        if s["title"] not in text:
            problems.append("%s: title missing" % s["slug"])
        if s["phrase"] and s["phrase"] not in text:
            problems.append("%s: body sentence missing" % s["slug"])
        if "<h2" not in raw or "<li>" not in raw or "\n## " in raw:
            problems.append("%s: body not rendered as expected" % s["slug"])
        href = "/articles/%s/" % s["slug"]
        for where, listing in ((os.path.join("topics", s["topic"]), topics.get(s["topic"], [])),
                               (os.path.join("tags", slugify(s["tag"])), terms.get(("tags", slugify(s["tag"])), []))):
            where = os.path.join(where, part_of(listing, timeline_limit(site) if briefing else 0, s["slug"]))
            p = os.path.join(out, where, "index.html")
            if not os.path.isfile(p) or href not in read(p):
                problems.append("%s: not listed on /%s/" % (s["slug"], where))
    print(json.dumps({"html_pages": html_pages, "expected_html_pages": expected_html,
                      "article_pages": article_pages, "files": files, "feed_entries": feed_entries,
                      "sitemap_urls": sitemap_urls, "home_article_links": home_links, "problems": problems}))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
