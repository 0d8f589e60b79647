//! Publishing setups for a site's own repository: they install a pinned briefing (never
//! build this tool from source in the site), check the site, build it with the host's
//! address, deploy it, and build again on a schedule so that scheduled articles appear.

use clap::ValueEnum;

/// The hosts `briefing init --ci` writes a publishing setup for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Host {
    /// GitHub Pages, built and deployed by GitHub Actions
    Github,
    /// Netlify, built by Netlify from a release binary; a scheduled GitHub Actions job
    /// calls a build hook
    Netlify,
    /// Cloudflare Pages, built by GitHub Actions and deployed with wrangler
    Cloudflare,
}

/// The briefing a site's CI installs: this version, from this repository.
pub(crate) struct Pin {
    pub version: &'static str,
    pub repository: &'static str,
}

pub(crate) const PIN: Pin = Pin { version: env!("CARGO_PKG_VERSION"), repository: env!("CARGO_PKG_REPOSITORY") };

/// When scheduled rebuilds run: daily at 05:17 UTC (off the hour, when GitHub's
/// scheduler is least busy). An article dated in the future appears at the first build
/// after its date.
pub(crate) const SCHEDULE: &str = "17 5 * * *";

/// `Cache-Control` for stylesheets and scripts: the templates link them through `asset()`,
/// by a name that holds a hash of their content (`style.3f2a1c9e.css`), so a changed
/// file gets a new name and the old one may be kept forever. HTML, feeds and the search
/// index keep the hosts' default, which revalidates every time.
pub(crate) const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// What the folder of images may be cached for: a day, since an image keeps its name
/// when it is replaced.
pub(crate) const IMAGES: &str = "public, max-age=86400";

/// Files of the publishing setup for `host`, as (path relative to the site, text).
/// `languages` are the site's language codes, the default first; `project` names
/// the site on hosts that need a name (Cloudflare Pages).
pub(crate) fn files(host: Host, languages: &[String], project: &str) -> Vec<(String, String)> {
    match host {
        Host::Github => vec![(".github/workflows/publish.yml".to_owned(), github_pages())],
        Host::Netlify => vec![
            ("netlify.toml".to_owned(), netlify_toml(languages)),
            (".github/workflows/scheduled-rebuild.yml".to_owned(), netlify_schedule()),
        ],
        Host::Cloudflare => vec![
            (".github/workflows/publish.yml".to_owned(), cloudflare_pages(project)),
            ("static/_headers".to_owned(), cloudflare_headers()),
        ],
    }
}

/// The release archive of briefing for Linux on x86-64, as the release workflow names it.
pub fn linux_release_url() -> String {
    format!("{}/releases/download/v{}/briefing-x86_64-unknown-linux-gnu.tar.gz", PIN.repository, PIN.version)
}

/// Steps of a GitHub Actions job that install the pinned briefing, compiled once and
/// then restored from the cache.
fn install_steps() -> String {
    format!(
        r#"      - name: Restore briefing {version}
        id: briefing-cache
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/briefing
          key: briefing-${{{{ runner.os }}}}-{version}
      - name: Install briefing {version}
        if: steps.briefing-cache.outputs.cache-hit != 'true'
        run: cargo install --locked --git {repository} --tag v{version} briefing
"#,
        version = PIN.version,
        repository = PIN.repository,
    )
}

fn triggers() -> String {
    format!(
        r#"on:
  push:
    branches: [main]
  # Articles dated in the future are left out until a build runs after their date.
  schedule:
    - cron: "{SCHEDULE}"
  workflow_dispatch:
"#
    )
}

fn github_pages() -> String {
    format!(
        r#"# Checks and builds this briefing site with briefing {version}, publishes it to GitHub
# Pages, and builds it again every day so that scheduled articles appear.
# In the repository's settings, set Pages -> Source to "GitHub Actions".
name: Publish to GitHub Pages

{triggers}
permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: true

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
{install}      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v5
      # The Pages address (https://<user>.github.io/<repository>/) is the base URL; the
      # check uses it too, so that a link that leaves the base path is caught here.
      - name: Check
        run: briefing check --base-url "${{{{ steps.pages.outputs.base_url }}}}/"
      - name: Build
        run: briefing build --base-url "${{{{ steps.pages.outputs.base_url }}}}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#,
        version = PIN.version,
        triggers = triggers(),
        install = install_steps(),
    )
}

/// Netlify's settings: every `[[redirects]]` rule gives a missing page of a language its
/// own 404 page (the default language's, `/404.html`, Netlify serves by itself).
pub fn netlify_toml(languages: &[String]) -> String {
    let install = format!("mkdir -p .briefing && curl -fsSL {} | tar -xz -C .briefing", linux_release_url());
    let mut text = format!(
        r#"# Netlify builds this briefing site with the release binary of briefing {version}: it
# checks the site, then builds it with the site's Netlify address. Scheduled articles
# need a build after their date: .github/workflows/scheduled-rebuild.yml calls a build hook.
[build]
  command = "{install} && .briefing/briefing check --base-url \"$URL/\" && .briefing/briefing build --base-url \"$URL/\""
  publish = "public"

# Deploy previews show drafts and scheduled articles, at the preview's own address.
[context.deploy-preview]
  command = "{install} && .briefing/briefing check --drafts --future --base-url \"$DEPLOY_PRIME_URL/\" && .briefing/briefing build --drafts --future --base-url \"$DEPLOY_PRIME_URL/\""

# Stylesheets and scripts are linked by names that hold a hash of their content
# (style.3f2a1c9e.css): a new version has a new name, so browsers may keep them forever.
# Everything else keeps Netlify's default, which revalidates on every visit.
[[headers]]
  for = "/*.css"
  [headers.values]
    Cache-Control = "{IMMUTABLE}"

[[headers]]
  for = "/*.js"
  [headers.values]
    Cache-Control = "{IMMUTABLE}"

[[headers]]
  for = "/images/*"
  [headers.values]
    Cache-Control = "{IMAGES}"
"#,
        version = PIN.version,
    );
    for code in languages.iter().skip(1) {
        text.push_str(&format!(
            r#"
# A missing page under /{code}/ gets the 404 page of that language. Without `force`,
# pages that exist are served as they are.
[[redirects]]
  from = "/{code}/*"
  to = "/{code}/404.html"
  status = 404
"#
        ));
    }
    text
}

fn netlify_schedule() -> String {
    format!(
        r#"# Builds the site on Netlify every day, so that articles dated in the future appear
# once their date has come. Netlify builds every push by itself.
# Set it up: Netlify -> Site configuration -> Build hooks -> Add build hook, then save
# the hook's URL as the repository secret NETLIFY_BUILD_HOOK.
name: Scheduled rebuild

on:
  schedule:
    - cron: "{SCHEDULE}"
  workflow_dispatch:

permissions: {{}}

jobs:
  rebuild:
    runs-on: ubuntu-latest
    steps:
      - name: Ask Netlify for a build
        env:
          NETLIFY_BUILD_HOOK: ${{{{ secrets.NETLIFY_BUILD_HOOK }}}}
        run: curl -fsS -X POST -d '{{}}' "$NETLIFY_BUILD_HOOK"
"#
    )
}

fn cloudflare_pages(project: &str) -> String {
    format!(
        r#"# Checks and builds this briefing site with briefing {version}, deploys it to
# Cloudflare Pages, and builds it again every day so that scheduled articles appear.
# Set it up: create the Pages project "{project}" (Workers & Pages -> Create -> Pages ->
# Direct Upload), then save the repository secrets CLOUDFLARE_API_TOKEN (a token with
# the "Cloudflare Pages: Edit" permission) and CLOUDFLARE_ACCOUNT_ID.
# With a custom domain, put it in BASE_URL below.
name: Publish to Cloudflare Pages

{triggers}
permissions:
  contents: read
  deployments: write

concurrency:
  group: cloudflare-pages
  cancel-in-progress: true

env:
  BASE_URL: https://{project}.pages.dev/

jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
{install}      - name: Check
        run: briefing check --base-url "$BASE_URL"
      - name: Build
        run: briefing build --base-url "$BASE_URL"
      - name: Deploy
        uses: cloudflare/wrangler-action@v3
        with:
          apiToken: ${{{{ secrets.CLOUDFLARE_API_TOKEN }}}}
          accountId: ${{{{ secrets.CLOUDFLARE_ACCOUNT_ID }}}}
          command: pages deploy public --project-name={project} --branch=main
"#,
        version = PIN.version,
        triggers = triggers(),
        install = install_steps(),
    )
}

/// `_headers`, which Cloudflare Pages reads from the output (briefing copies `static/`
/// there). Cloudflare Pages serves the nearest `404.html` up the tree by itself, so each
/// language's `/<code>/404.html` needs no rule.
fn cloudflare_headers() -> String {
    format!(
        "# Cache headers for Cloudflare Pages (copied from static/ into the output).
# Stylesheets and scripts are linked by names that hold a hash of their content
# (style.3f2a1c9e.css), so browsers may keep them forever; everything else keeps the
# default, which revalidates on every visit.
/*.css
  Cache-Control: {IMMUTABLE}
/*.js
  Cache-Control: {IMMUTABLE}
/images/*
  Cache-Control: {IMAGES}
"
    )
}
