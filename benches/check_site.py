#!/usr/bin/env python3
"""Check one build's output against the corpus manifest.

    check_site.py SITE_DIR OUTPUT_DIR

SITE_DIR holds corpus-manifest.json (written by `cargo run --example gen_corpus`,
briefing or Hugo flavor; the manifest says how many HTML pages that flavor makes).
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


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    site, out = sys.argv[1], sys.argv[2]
    man = json.loads(read(os.path.join(site, "corpus-manifest.json")))
    n = man["articles"]
    problems = []
    html_pages = files = article_pages = 0
    for root, _dirs, names in os.walk(out):
        for name in names:
            files += 1
            if name.endswith(".html"):
                html_pages += 1
                rel = os.path.relpath(os.path.join(root, name), out).split(os.sep)
                if len(rel) == 3 and rel[0] == "articles" and rel[2] == "index.html":
                    article_pages += 1
    if html_pages != man["expected_html_pages"]:
        problems.append("html pages %d, expected %d" % (html_pages, man["expected_html_pages"]))
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
        if home_links != min(20, n):
            problems.append("home links %d articles, expected %d" % (home_links, min(20, n)))
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
        for where in (os.path.join("topics", s["topic"]), os.path.join("tags", slugify(s["tag"]))):
            p = os.path.join(out, where, "index.html")
            if not os.path.isfile(p) or href not in read(p):
                problems.append("%s: not listed on /%s/" % (s["slug"], where))
    print(json.dumps({"html_pages": html_pages, "expected_html_pages": man["expected_html_pages"],
                      "article_pages": article_pages, "files": files, "feed_entries": feed_entries,
                      "sitemap_urls": sitemap_urls, "home_article_links": home_links, "problems": problems}))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
