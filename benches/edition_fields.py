#!/usr/bin/env python3
"""Adds story threads (`follows:`) and updates (`updates:`, some of them corrections) to
the articles of a generated corpus, in place, so that benchmarks build what an edition has;
with `--facts` and `--measures`, actors' facts and a measure tracker too.

    python3 benches/edition_fields.py DIR [--seed 7] [--follows 15] [--updates 10] [--facts] [--measures 200]

DIR is a site made by the corpus generator (`examples/gen_corpus/`). `--follows` and
`--updates` are the percentages of articles that get each field. A story only follows an
older one, so no thread loops; every update is dated after its article. `--facts` writes
content/entities.yaml with a kind, a country, and for some a parent and a listing, for every
organization and region the articles name; `--measures N` writes content/measures.yaml with
N measures, each reported by a few articles.
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
    parser.add_argument("--facts", action="store_true", help="write entities.yaml with the facts of every actor")
    parser.add_argument("--measures", type=int, default=0, help="how many measures measures.yaml lists")
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
        names = {key: field_list(lines, key) for key in ("organizations", "regions")}
        articles.append(
            {"path": path, "lines": lines, "rest": rest, "date": date, "slug": slug, "story": story, **names}
        )
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
                # Two days at least: a date without time is read as midnight UTC, which
                # can come before an article published late the day before in the Americas.
                day += datetime.timedelta(days=rng.randint(2, 30))
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
    organizations = sorted({name for a in articles for name in a["organizations"]})
    regions = sorted({name for a in articles for name in a["regions"]})
    if args.facts or args.measures:
        write_entities(args.dir, rng, organizations, regions)
    if args.measures:
        write_measures(args.dir, rng, articles, organizations, regions, args.measures)


ORGANIZATION_KINDS = ["company", "company", "company", "regulator", "agency", "government", "court"]
STATUSES = ["in-force", "in-force", "in-force", "announced", "rescinded", "suspended"]


def field_list(lines, key):
    """The names of a `key: [a, b]` line, or none."""
    value = field(lines, key)
    if not value or not value.startswith("["):
        return []
    return [name.strip().strip('"') for name in value.strip("[]").split(",") if name.strip()]


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_entities(root, rng, organizations, regions):
    """entities.yaml with every actor's facts: a kind, a country, some parents and listings."""
    path = root / "content" / "entities.yaml"
    if path.exists():
        raise SystemExit(f"{path}: already there")
    lines = ["organizations:"]
    for index, name in enumerate(organizations):
        lines.append(f"  {quoted(name)}:")
        lines.append(f"    kind: {rng.choice(ORGANIZATION_KINDS)}")
        if regions:
            lines.append(f"    country: {quoted(rng.choice(regions))}")
        if index and rng.randrange(10) == 0:
            lines.append(f"    parent: {quoted(organizations[rng.randrange(index)])}")
        if rng.randrange(8) == 0:
            since = datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randrange(2500))
            lines.append(f"    listed: [{{ list: Entity List, since: {since.isoformat()} }}]")
    lines.append("regions:")
    for name in regions:
        lines.append(f"  {quoted(name)}: {{ kind: country }}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"entities.yaml: {len(organizations)} organizations and {len(regions)} regions with facts")


def write_measures(root, rng, articles, organizations, regions, count):
    """measures.yaml with `count` measures, each reported by one to six articles."""
    path = root / "content" / "measures.yaml"
    lines = []
    for number in range(count):
        status = rng.choice(STATUSES)
        announced = datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randrange(2500))
        in_force = announced + datetime.timedelta(days=rng.randrange(90))
        lines.append(f"measure-{number + 1}:")
        lines.append(f'  title: "Measure {number + 1}: a rule on exports of one kind of technology"')
        lines.append(f"  kind: {rng.choice(['rule', 'law', 'sanction', 'listing', 'court-order'])}")
        lines.append(f"  jurisdiction: {quoted(rng.choice(regions))}")
        lines.append(f"  issued_by: {quoted(rng.choice(organizations))}")
        lines.append(f"  announced: {announced.isoformat()}")
        if status != "announced":
            lines.append(f"  in_force: {in_force.isoformat()}")
        if status == "rescinded":
            lines.append(f"  rescinded: {(in_force + datetime.timedelta(days=rng.randrange(1, 400))).isoformat()}")
        lines.append(f"  status: {status}")
        lines.append(f'  document: "https://example.org/measures/{number + 1}"')
        reported = rng.sample(articles, rng.randint(1, 6))
        lines.append("  reported_in: [" + ", ".join(a["slug"] for a in reported) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"measures.yaml: {count} measures")


if __name__ == "__main__":
    main()
