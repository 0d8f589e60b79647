//! The headline, dates and bylines of an HTML page: from its metadata first, then from
//! the elements of the page, each candidate weighed and the rejected ones explained.

use markup5ever_rcdom::Handle;

use super::dom::{attr, class_tokens, descendants, has_below, is_block, is_prose_text, parent, short_text, tag, text};
use super::meta::Metadata;
use crate::byline::{agency_in, agency_named, byline_in, person_name, reporter_names, same_text};
use crate::dates::datelines::{LineDates, dates_in_line, is_dated_line};
use crate::dates::{DateContext, shown_date_in};
use crate::headline::rejection;
use crate::noise::{fold, is_prose, word_count};
use crate::refusal::Considered;
use crate::tuning::DATELINE_MAX_WORDS;
use crate::{Language, Page, PageDate};

/// Separators between a headline and the site's name in `<title>` and `og:title`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " · ", "_", "｜", " ｜ ", "－"];

/// The headline: JSON-LD `headline`, `og:title`, the page's `<h1>`s, then `<title>`,
/// each without a site-name suffix; the first that reads as a headline.
pub fn choose_title(meta: &Metadata, context: DateContext) -> (String, Vec<Considered>) {
    let mut candidates: Vec<(&str, String)> = Vec::new();
    candidates.extend(meta.headline.iter().map(|t| ("JSON-LD headline", t.clone())));
    candidates.extend(meta.og_title.iter().map(|t| ("og:title", t.clone())));
    candidates.extend(meta.h1s.iter().map(|t| ("<h1>", t.clone())));
    candidates.extend(meta.marked_headlines.iter().map(|t| ("headline element", t.clone())));
    candidates.extend(meta.document_title.iter().map(|t| ("<title>", t.clone())));
    let mut considered = Vec::new();
    let mut chosen = None;
    for (location, raw) in candidates {
        let whole = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let title = without_site_name(&whole, meta.site_name.as_deref());
        let verdict = match rejection(&title, context) {
            Some(reason) => reason.to_owned(),
            None if chosen.is_none() => {
                chosen = Some(title.clone());
                "chosen".to_owned()
            }
            None => "a headline, but an earlier candidate was chosen".to_owned(),
        };
        considered.push(Considered::new(location, &title, verdict));
    }
    (chosen.unwrap_or_default(), considered)
}

/// "Veldmark halts shipments | Le Quotidien" -> "Veldmark halts shipments": the part
/// that is not the site's name (or, without one, the short part at either end).
fn without_site_name(title: &str, site_name: Option<&str>) -> String {
    for separator in TITLE_SEPARATORS {
        let Some((head, tail)) = title.rsplit_once(separator) else { continue };
        let is_site = |part: &str| match site_name {
            Some(site) => same_text(part, site) || fold(part).contains(&fold(site)),
            None => word_count(part) <= 4 && word_count(part) * 2 < word_count(title),
        };
        if is_site(tail) {
            return head.trim().to_owned();
        }
        // "Tech | Headline": a section or site name before a bar.
        if let Some((site, rest)) = title.split_once(separator)
            && (site_name.is_some() && is_site(site) || *separator == " | " && word_count(site) <= 2)
        {
            return rest.trim().to_owned();
        }
    }
    title.to_owned()
}

/// A short element whose text is a date line or a labelled date ("Publié le …").
pub fn is_dateline(node: &Handle, context: DateContext) -> bool {
    let Some(content) = short_text(node, DATELINE_MAX_WORDS) else { return false };
    // Every date the readers know is written with digits.
    if !content.bytes().any(|b| b.is_ascii_digit()) || is_prose(&content) || in_caption(node) {
        return false;
    }
    // "takes effect on <time>March 1</time>, the ministry said": a date inside a sentence.
    if !tag(node).is_some_and(is_block) && parent(node).is_some_and(|up| is_prose_text(&up)) {
        return false;
    }
    is_dated_line(&content, context)
}

fn in_caption(node: &Handle) -> bool {
    let mut current = Some(node.clone());
    while let Some(n) = current {
        if matches!(tag(&n), Some("figure" | "figcaption")) {
            return true;
        }
        current = parent(&n);
    }
    false
}

/// The dates of the page's datelines, when its metadata gives none: the first dateline
/// elements in document order (an outer one holds "Publié … Mis à jour …" together).
pub fn dates_in_elements(body: &Handle, context: DateContext) -> LineDates {
    let mut found = LineDates::default();
    for node in descendants(body) {
        if !matches!(tag(&node), Some("p" | "span" | "div" | "time" | "li" | "small" | "em" | "b" | "strong" | "dd")) {
            continue;
        }
        if is_dateline(&node, context) {
            dates_in_line(&text(&node), context).add_to(&mut found.published, &mut found.updated);
            if found.published.is_some() && found.updated.is_some() {
                break;
            }
        }
    }
    LineDates::settle(&mut found.published, &mut found.updated);
    found
}

/// The first date the page shows in a short element of its own, outside photo captions
/// and sentences ("Nov 18, 2019" beside a reporter's name): when no dateline says which
/// date is the publication, the one the page shows first is, rather than none.
pub fn date_shown(body: &Handle, context: DateContext) -> Option<(PageDate, String, String)> {
    descendants(body).into_iter().find_map(|node| {
        let name = tag(&node)?;
        if !matches!(name, "p" | "span" | "div" | "time" | "li" | "small" | "em" | "b" | "strong" | "dd" | "td") {
            return None;
        }
        if has_below(&node, |n| tag(n).is_some_and(is_block)) {
            return None;
        }
        let content = text(&node);
        if is_prose(&content) || in_caption(&node) {
            return None;
        }
        let date = shown_date_in(&content, context)?;
        Some((date, format!("<{name}>"), content))
    })
}

pub fn is_byline(node: &Handle) -> bool {
    attr(node, "rel").is_some_and(|r| r == "author")
        || attr(node, "itemprop").is_some_and(|p| p == "author")
        || class_tokens(node)
            .iter()
            .any(|t| matches!(t.as_str(), "byline" | "author" | "authors" | "signature" | "auteur"))
}

/// Byline and agency from the author metadata and byline elements: those of the
/// article block first, then those of the page. Every reporter named is kept.
pub fn read_bylines(block: &Handle, body: &Handle, meta: &Metadata, page: &mut Page) {
    // Each reporter once, whether named by the metadata, a byline element or a link in it.
    let mut people: Vec<String> = Vec::new();
    let add = |byline: String, people: &mut Vec<String>| {
        for person in
            byline.split(", ").flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" et ")).flat_map(|p| p.split(" & "))
        {
            let person = person.trim();
            if !person.is_empty() && !people.iter().any(|known| fold(known) == fold(person)) {
                people.push(person.to_owned());
            }
        }
    };
    if let Some(author) = &meta.author {
        match agency_named(author).or_else(|| agency_in(author)) {
            Some(agency) => page.agency = Some(agency.to_owned()),
            None => {
                if let Some(found) = byline_in(&format!("By {author}")) {
                    add(found, &mut people);
                }
            }
        }
    }
    // The innermost byline elements: a `byline` block may also hold the date.
    let candidates = descendants(block).into_iter().chain(descendants(body));
    let innermost = |node: &Handle| !has_below(node, is_byline);
    for node in candidates.filter(is_byline) {
        let line = text(&node);
        if page.agency.is_none() {
            page.agency = agency_in(&line).or_else(|| agency_named(&line)).map(str::to_owned);
        }
        if !innermost(&node) {
            continue;
        }
        let found = byline_in(&line).or_else(|| reporter_names(&line)).or_else(|| person_name(&line));
        // "<a>Jeanne Fictive</a><time>Publié le …</time>": the names are the links.
        let found: Vec<String> = match found {
            Some(found) => vec![found],
            None => descendants(&node)
                .iter()
                .filter(|n| tag(n) == Some("a"))
                .filter_map(|a| person_name(&text(a)))
                .collect(),
        };
        for found in found.into_iter().filter(|f| agency_named(f).is_none()) {
            add(found, &mut people);
        }
    }
    let language = page.lang_hint.as_deref().and_then(Language::from_tag).unwrap_or(Language::English);
    let and = language.vocabulary().and;
    page.byline = match people.split_last() {
        None => None,
        Some((last, [])) => Some(last.clone()),
        Some((last, others)) => Some(format!("{} {and} {last}", others.join(", "))),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_leave_the_title() {
        assert_eq!(
            without_site_name("Veldmark halts shipments to China | Le Quotidien", Some("Le Quotidien")),
            "Veldmark halts shipments to China"
        );
        assert_eq!(
            without_site_name("Veldmark halts shipments to China - Wire Example", None),
            "Veldmark halts shipments to China"
        );
        assert_eq!(
            without_site_name("Tech | Veldmark halts its shipments to China", None),
            "Veldmark halts its shipments to China"
        );
        assert_eq!(without_site_name("Chips - a year of curbs", None), "Chips - a year of curbs");
    }
}
