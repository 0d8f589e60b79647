//! The files of a new site: a commented configuration, one topic, a welcome article.

/// `site.yaml`, teaching every setting. The commented-out lines are the optional ones.
pub(crate) const SITE_YAML: &str = r##"# The configuration of this briefing site. Every setting is described in
# docs/configuration.md of briefing; the commented-out lines are optional.

# The site's name, shown in every page's header and in its feeds.
title: "My Briefing"

# The address the site will have once published. Every link the site makes honours
# its path, so a site at https://you.github.io/briefing/ works as well as one at the
# root. `briefing build --base-url URL` replaces it for one build (CI does this).
base_url: "https://example.org/"

# A one-line description for search engines, feeds and link previews.
description: "Short, sourced briefings on technology and geopolitics."

# The language articles are written in (a tag such as en, fr, de, pt-BR).
language: en

# The lists an article may carry in its front matter; each gets an index page and
# one page per term (/tags/, /tags/export-controls/). Add your own, such as people.
taxonomies: [tags, organizations, regions]

# A site in several languages lists them; the first is the default, whose pages are
# at the root; each other language's pages are under /<code>/ (/fr/). A French
# version of an article is the file beside it named <name>.fr.md.
# languages:
#   - code: en
#   - code: fr
#     title: "Mon briefing"
#     description: "Des briefings courts et sourcés sur la technologie et la géopolitique."

# How many entries each Atom feed carries (default 20).
# feed_limit: 20

# How many of the latest articles the home page lists (default 20).
# home_limit: 20

# Link previews show a card drawn for each article (its topic, title, the site's name
# and its date), and the site's card on the other pages. false draws none; colours
# (#rrggbb) replace the built-in ones.
# share_cards:
#   background: "#fbf9f5"
#   text: "#1b1b1b"
#   accent: "#a3161f"

# The image the pages other than articles show in link previews, instead of the site's
# card: a file of static/ (static/images/share.png is /images/share.png) or an absolute
# URL. 1200x630 suits every network.
# share_image: /images/share.png

# The search page and its index (default true). false leaves both out.
# search: false
"##;

/// `.gitignore`: the build output and the folders a build leaves while it works.
pub(crate) const GITIGNORE: &str = "# What `briefing build` writes: made again by every build, never committed.
/public/
/.public.tmp-*
# briefing's own files: a binary downloaded by a CI build, the share cards it drew
# (.briefing/cache/, which saves drawing them again).
/.briefing/
";

/// The slug of the topic a new site starts with.
pub(crate) const TOPIC_SLUG: &str = "getting-started";

pub(crate) const TOPIC: &str = r#"---
title: "Getting started"
summary: "How this briefing is written, and where to find what it covers."
weight: 10
keywords: [briefing, getting started]
---
Articles about running this briefing. Replace this topic with one your briefing follows,
such as "Export controls" (`briefing new topic "Export controls"`).
"#;

pub(crate) const ENTITIES: &str = r#"# Canonical names of organizations and regions, with the other spellings articles
# and imported pages use. `briefing import` files a page under these names.
organizations:
  European Commission: { aliases: [Commission, EC] }
regions:
  European Union: { aliases: [EU, Union européenne] }
"#;

/// The welcome article, dated `date` (`YYYY-MM-DD`).
pub(crate) fn welcome_article(date: &str, docs_url: &str) -> String {
    format!(
        r#"---
title: "Welcome to your briefing"
date: {date}
summary: "How this site is organised, and how to write the first real briefing."
topics: [{TOPIC_SLUG}]
tags: [getting-started]
source:
  name: briefing documentation
  url: "{docs_url}"
---
Each briefing is one Markdown file under `content/articles/`, with its front matter between
the `---` lines: a title, a date, a summary, its topics, the organizations and regions it
concerns, and the source it summarises.

## Next steps

- Write an article: `briefing new article "Chip export rules tighten" --topic {TOPIC_SLUG}`.
- Import a news page you saved: `briefing import saved-page.html`.
- Preview while you write: `briefing serve`, then open the address it prints.
- Put images in `static/images/` and write them as `![A caption](/images/photo.jpg)`.
- Delete this article when the site has its own.
"#
    )
}
