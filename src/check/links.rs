//! Internal links and anchors of rendered pages, traced back to the file that wrote them.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{Finding, Severity};
use crate::diagnostic::{Diagnostic, line_column};
use crate::render::{Page, Route, Templates};
use crate::route::output_file;
use crate::site::Site;

pub(super) struct LinkContext<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    /// Every output file: pages, built-in assets and static files.
    pub files: &'a HashSet<&'a str>,
    pub route_of: &'a HashMap<String, Route>,
    /// The text of every article and topic file, by path.
    pub texts: &'a HashMap<&'a Path, &'a str>,
}

pub(super) struct LinkScan {
    pub internal_links: usize,
    pub findings: Vec<Finding>,
    /// External links, each with the page it is on.
    pub external: Vec<ExternalLink>,
}

pub(super) struct ExternalLink {
    pub url: String,
    pub page: String,
    pub offset: usize,
}

/// An `href`/`src` value and its byte offset in the page.
pub(super) fn attribute_values(html: &str) -> Vec<(&str, usize)> {
    values_of(html, &[" href=\"", " src=\""])
}

/// The `id`s of a page, the targets of its `#fragment` links.
pub(super) fn ids(html: &str) -> HashSet<&str> {
    values_of(html, &[" id=\"", " name=\""]).into_iter().map(|(value, _)| value).collect()
}

/// The double-quoted values of `attributes` (given as ` name="`) and their byte offsets.
fn values_of<'h>(html: &'h str, attributes: &[&str]) -> Vec<(&'h str, usize)> {
    let mut found = Vec::new();
    for attribute in attributes {
        let mut from = 0;
        while let Some(start) = html[from..].find(attribute) {
            let value_start = from + start + attribute.len();
            let end = html[value_start..].find('"').map_or(html.len(), |e| value_start + e);
            found.push((&html[value_start..end], value_start));
            from = end;
        }
    }
    found
}

pub(super) fn check_links(context: &LinkContext<'_>, pages: &[Page]) -> LinkScan {
    let html_pages: HashMap<&str, &str> = pages
        .iter()
        .filter(|p| p.path.ends_with(".html"))
        .filter_map(|p| std::str::from_utf8(&p.bytes).ok().map(|text| (p.path.as_str(), text)))
        .collect();
    let page_ids: HashMap<&str, HashSet<&str>> = html_pages.iter().map(|(path, html)| (*path, ids(html))).collect();
    let base_path = context.site.config.base_path.as_str();
    let mut scan = LinkScan { internal_links: 0, findings: Vec::new(), external: Vec::new() };
    let mut paths: Vec<&&str> = html_pages.keys().collect();
    paths.sort();
    for page_path in paths {
        let html = html_pages[*page_path];
        for (value, offset) in attribute_values(html) {
            let value = value.replace("&amp;", "&");
            if value.is_empty() {
                continue;
            }
            // The site's own absolute URLs (canonical links, feed ids) are internal links.
            let value = own_path(&value, &context.site.config.base_url, base_path).unwrap_or(value);
            match url::Url::parse(&value) {
                Ok(url) if matches!(url.scheme(), "http" | "https") => {
                    scan.external.push(ExternalLink { url: value, page: page_path.to_string(), offset });
                    continue;
                }
                Err(url::ParseError::RelativeUrlWithoutBase) => {}
                // mailto:, data:, tel: and the like, or no URL at all.
                _ => continue,
            }
            scan.internal_links += 1;
            let (target, fragment) = match value.split_once('#') {
                Some((target, fragment)) => (target, Some(fragment)),
                None => (value.as_str(), None),
            };
            let target = target.split('?').next().unwrap_or_default();
            let problem = match resolve(page_path, target, base_path) {
                Err(message) => Some(message),
                Ok(file) if !context.files.contains(file.as_str()) => {
                    let alternative = output_file(&format!("{file}/"));
                    if context.files.contains(alternative.as_str()) {
                        Some(format!("link `{value}` lacks its trailing slash (the page is `{target}/`)"))
                    } else if let Some(once) = doubled_base_path(target, base_path) {
                        Some(format!(
                            "broken link `{value}`: the base path is in it twice; write `{once}` in Markdown, which \
                             gets the base path by itself"
                        ))
                    } else if let Some(static_file) = static_file_for(target, base_path) {
                        Some(format!(
                            "broken link `{value}`: nothing is built at that address; its file goes in `{static_file}`"
                        ))
                    } else {
                        Some(format!("broken link `{value}`: nothing is built at that address"))
                    }
                }
                Ok(file) => match (fragment, page_ids.get(file.as_str())) {
                    (Some(fragment), Some(ids)) if !fragment.is_empty() && !ids.contains(fragment) => {
                        Some(format!("broken anchor `{value}`: the page has no id `{fragment}`"))
                    }
                    _ => None,
                },
            };
            if let Some(message) = problem {
                scan.findings.push(Finding {
                    severity: Severity::Error,
                    diagnostic: locate(context, page_path, html, offset, &value, message),
                });
            }
        }
    }
    scan
}

/// Where the site's own file for a missing address of a file (`/brief/images/a.png`) goes:
/// `static/images/a.png`; `None` for a page's address.
fn static_file_for(target: &str, base_path: &str) -> Option<String> {
    let rest = target.strip_prefix(base_path)?.strip_prefix('/')?;
    let name = rest.rsplit('/').next()?;
    let extension = name.rsplit_once('.').map(|(_, extension)| extension)?;
    (!extension.is_empty() && !extension.eq_ignore_ascii_case("html")).then(|| format!("static/{rest}"))
}

/// The root-relative part of `url` if it is an address of the site itself:
/// `https://example.org/brief/tags/` with base URL `https://example.org/brief` -> `/brief/tags/`.
fn own_path(url: &str, base_url: &str, base_path: &str) -> Option<String> {
    let rest = url.strip_prefix(base_url)?;
    match rest.chars().next() {
        None => Some(format!("{base_path}/")),
        Some('?' | '#') => Some(format!("{base_path}/{rest}")),
        Some('/') => Some(format!("{base_path}{rest}")),
        // `https://example.org/briefings` is not under `https://example.org/brief`.
        Some(_) => None,
    }
}

/// `/images/x.png` for `/brief/brief/images/x.png`: a Markdown link written with the base
/// path, which rendering then added again.
fn doubled_base_path<'a>(target: &'a str, base_path: &str) -> Option<&'a str> {
    let once = target.strip_prefix(base_path)?;
    once.strip_prefix(base_path).filter(|rest| !base_path.is_empty() && rest.starts_with('/'))
}

/// The output file a link points to, from the page at `page_path`.
fn resolve(page_path: &str, target: &str, base_path: &str) -> Result<String, String> {
    let joined = if target.is_empty() {
        page_path.to_owned()
    } else if let Some(absolute) = target.strip_prefix('/') {
        let rooted = format!("/{absolute}");
        match rooted.strip_prefix(base_path).and_then(|rest| rest.strip_prefix('/')) {
            Some(path) => path.to_owned(),
            None => {
                return Err(format!(
                    "link `{target}` is outside the site's base path `{base_path}/`, so it breaks once published there: \
                     in a template write `{{{{ url(path=\"{target}\") }}}}`, which adds the base path (links \
                     written in Markdown get it by themselves)"
                ));
            }
        }
    } else {
        let folder = page_path.rsplit_once('/').map_or("", |(folder, _)| folder);
        if folder.is_empty() { target.to_owned() } else { format!("{folder}/{target}") }
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("link `{target}` goes above the site's root"));
                }
            }
            other => parts.push(other),
        }
    }
    let path = parts.join("/");
    // Pages are written under their names as they are; a link may percent-encode them.
    let path = percent_encoding::percent_decode_str(&path).decode_utf8_lossy();
    Ok(output_file(&path))
}

/// The source file and position a link came from: the Markdown of an article or topic
/// when the link is in its text, otherwise the template that made the page.
pub(super) fn locate(
    context: &LinkContext<'_>,
    page_path: &str,
    html: &str,
    offset: usize,
    value: &str,
    message: String,
) -> Diagnostic {
    let site = context.site;
    let base_path = site.config.base_path.as_str();
    let written = value.strip_prefix(base_path).unwrap_or(value);
    let route = context.route_of.get(page_path).copied();
    // Markdown writes root-relative links without the base path, which rendering adds.
    let quoted = |html: &str| {
        [value, written]
            .iter()
            .any(|v| html.contains(&format!("\"{v}\"")) || html.contains(&format!("\"{}\"", v.replace('&', "&amp;"))))
    };
    let markdown = match route {
        Some(Route::Article(id)) => {
            let article = &site.articles[id];
            // A link to a source file is where its Markdown wrote it.
            if let Some(index) = site.file_link_urls[id].iter().position(|url| url == value) {
                let link = &article.file_links[index];
                return Diagnostic::new(&article.path, link.line, link.column, message);
            }
            // The source's address is shown by the template but written in the front matter.
            let is_source = article.source.as_ref().and_then(|source| source.url.as_deref()) == Some(value);
            (is_source || quoted(&article.html)).then_some(&article.path)
        }
        Some(Route::Topic(lang, t)) => {
            let code = &site.config.languages[lang].code;
            let entry = &site.topics[t];
            let topic = entry.translation(code).unwrap_or(&entry.topic);
            quoted(&topic.intro_html).then_some(&topic.path)
        }
        _ => None,
    };
    if let Some(path) = markdown {
        let text = context.texts.get(path.as_path()).copied().unwrap_or_default();
        let (line, column) = find_written(text, &[value, written]).map_or((0, 0), |o| line_column(text, o));
        return Diagnostic::new(path, line, column, message);
    }
    if let Some(template) = route.and_then(Route::template)
        && let Some((origin, text)) = context.templates.source(template)
    {
        // The page's own template, else the one it extends or imports that writes the link.
        let (origin, text, at) = match find_written(text, &[written]) {
            Some(at) => (origin, text, Some(at)),
            None => context
                .templates
                .sources()
                .find_map(|(origin, text)| text.find(&format!("\"{written}\"")).map(|at| (origin, text, Some(at + 1))))
                .unwrap_or((origin, text, None)),
        };
        let (line, column) = at.map_or((0, 0), |o| line_column(text, o));
        return Diagnostic::new(origin, line, column, format!("{message} (on {page_path})"));
    }
    let (line, column) = line_column(html, offset);
    Diagnostic::new(format!("(output) {page_path}"), line, column, message)
}

/// Where a link's value is written in a source text: the value itself, else its
/// `#fragment` (an anchor appended to a URL the template or Markdown makes otherwise).
fn find_written(text: &str, spellings: &[&str]) -> Option<usize> {
    let fragment = spellings.first().and_then(|value| value.find('#').map(|at| &value[at..]));
    spellings
        .iter()
        .filter(|s| !s.is_empty())
        .find_map(|spelling| text.find(spelling))
        .or_else(|| fragment.filter(|f| f.len() > 1).and_then(|f| text.find(f)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_root_links() {
        assert_eq!(resolve("articles/a/index.html", "../b/", "/brief").unwrap(), "articles/b/index.html");
        assert_eq!(resolve("articles/a/index.html", "/brief/tags/", "/brief").unwrap(), "tags/index.html");
        assert_eq!(resolve("index.html", "/style.css", "").unwrap(), "style.css");
        assert!(resolve("index.html", "/tags/", "/brief").is_err());
        assert!(resolve("index.html", "../../x", "").is_err());
        assert_eq!(resolve("index.html", "/tags/caf%C3%A9/", "").unwrap(), "tags/café/index.html");
    }

    #[test]
    fn the_sites_own_absolute_urls_are_internal() {
        let base = "https://example.org/brief";
        let own = |url| own_path(url, base, "/brief");
        assert_eq!(own("https://example.org/brief/tags/").as_deref(), Some("/brief/tags/"));
        assert_eq!(own("https://example.org/brief").as_deref(), Some("/brief/"));
        assert_eq!(own("https://example.org/brief#top").as_deref(), Some("/brief/#top"));
        assert_eq!(own("https://example.org/briefings/"), None);
        assert_eq!(own("https://other.org/brief/"), None);
        let root = own_path("https://example.org/feed.xml", "https://example.org", "");
        assert_eq!(root.as_deref(), Some("/feed.xml"));
    }

    #[test]
    fn finds_attributes_and_ids() {
        let html = r#"<a href="/x/#y" id="top"><img src="a.png"></a><h2 id="y">"#;
        let values: Vec<&str> = attribute_values(html).into_iter().map(|(v, _)| v).collect();
        assert_eq!(values, ["/x/#y", "a.png"]);
        assert!(ids(html).contains("y"));
    }
}
