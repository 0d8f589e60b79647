#!/usr/bin/env python3
"""Adds story threads (`follows:`) and updates (`updates:`, some of them corrections) to
the articles of a generated corpus, in place, so that benchmarks build what an edition has.

    python3 benches/edition_fields.py DIR [--seed 7] [--follows 15] [--updates 10]

DIR is a site made by the corpus generator (`examples/gen_corpus/`). `--follows` and
`--updates` are the percentages of articles that get each field. A story only follows an
older one, so no thread loops; every update is dated after its article.
"""

import argparse
import datetime
import pathlib
import random
import re


def front_matter(text):
    """(front matter lines, rest) of an article's text, or None."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 4)
    if end < 0:
        return None
    return text[4:end].split("\n"), text[end:]


def field(lines, key):
    for line in lines:
        if line.startswith(key + ":"):
            return line[len(key) + 1 :].strip().strip('"')
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=pathlib.Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--follows", type=int, default=15, help="percent of articles that follow an older story")
    parser.add_argument("--updates", type=int, default=10, help="percent of articles with updates")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    articles = []
    for path in sorted((args.dir / "content" / "articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        parsed = front_matter(text)
        if parsed is None:
            continue
        lines, rest = parsed
        if any(line.startswith(("follows:", "updates:")) for line in lines):
            raise SystemExit(f"{path}: already has edition fields")
        date = field(lines, "date")
        stem = path.name.split(".")[0]
        slug = field(lines, "slug") or stem
        story = field(lines, "translation_key") or str(path.parent / stem)
        articles.append({"path": path, "lines": lines, "rest": rest, "date": date, "slug": slug, "story": story})
    articles.sort(key=lambda a: (a["date"], str(a["path"])))

    threads = updates = corrections = 0
    for index, article in enumerate(articles):
        extra = []
        earlier = [a for a in articles[max(0, index - 60) : index] if a["story"] != article["story"] and a["date"] < article["date"]]
        if earlier and rng.randrange(100) < args.follows:
            extra.append(f"follows: [{rng.choice(earlier)['slug']}]")
            threads += 1
        if rng.randrange(100) < args.updates:
            day = datetime.date.fromisoformat(article["date"][:10])
            extra.append("updates:")
            for number in range(rng.randint(1, 2)):
                day += datetime.timedelta(days=rng.randint(1, 30))
                correction = rng.randrange(4) == 0
                corrections += correction
                extra.append(f"  - date: {day.isoformat()}")
                if correction:
                    extra.append("    correction: true")
                extra.append(f'    note: "Note {number + 1}: what changed in this briefing after it was published."')
                updates += 1
        if extra:
            text = "---\n" + "\n".join(article["lines"] + extra) + article["rest"]
            article["path"].write_text(text, encoding="utf-8")
    print(f"{len(articles)} articles: {threads} follow an older story, {updates} updates of which {corrections} corrections")


if __name__ == "__main__":
    main()
