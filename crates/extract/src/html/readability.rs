//! The readability pass: remove page chrome, find the block that holds the article
//! by its density of prose, then remove what is left inside it that is not the report.

use markup5ever_rcdom::Handle;

use super::dom::{
    attr, class_tokens, descendants, elements, has_below, has_text, is_prose_text, link_density, paragraphs, parent,
    remove_child, tag, text,
};
use super::parts::{Controls, structural_rule_of, widen};
use crate::Dropped;
use crate::dates::DateContext;
use crate::noise::{Rule, classify, is_prose, word_count};
use crate::tuning::{
    CHARS_PER_LENGTH_POINT, CHROME_MAX_PROSE_PARAGRAPHS, GRANDPARENT_SHARE, LINK_LIST_MAX_WORDS, LINK_LIST_MIN_DENSITY,
    MAX_LENGTH_POINTS, PARAGRAPH_MIN_CHARS,
};

/// Records a dropped subtree for `--explain`.
pub fn record(dropped: &mut Vec<Dropped>, node: &Handle, rule: Rule) {
    let mut location = format!("<{}", tag(node).unwrap_or("?"));
    for name in ["id", "class"] {
        if let Some(value) = attr(node, name).filter(|v| !v.is_empty()) {
            location.push_str(&format!(" {name}=\"{value}\""));
        }
    }
    location.push('>');
    dropped.push(Dropped { location, text: text(node), rule });
}

/// Removes, everywhere under `root`, the elements `rule_of` names a rule for.
pub fn remove_matching(root: &Handle, dropped: &mut Vec<Dropped>, rule_of: &dyn Fn(&Handle) -> Option<Rule>) {
    let children: Vec<Handle> = root.children.borrow().clone();
    for child in children {
        if tag(&child).is_none() {
            continue;
        }
        match rule_of(&child) {
            Some(rule) => {
                if rule != Rule::ScriptOrStyle {
                    record(dropped, &child, rule);
                }
                remove_child(root, &child);
            }
            None => remove_matching(&child, dropped, rule_of),
        }
    }
}

/// Scripts, media, forms, navigation, hidden and widget elements.
pub fn chrome_rule(node: &Handle) -> Option<Rule> {
    let name = tag(node)?;
    match name {
        "script" | "style" | "noscript" | "template" | "link" | "meta" => return Some(Rule::ScriptOrStyle),
        "iframe" | "video" | "audio" | "svg" | "canvas" | "object" | "embed" | "picture" => return Some(Rule::Media),
        "form" | "button" | "input" | "select" | "textarea" | "dialog" => return Some(Rule::PageChrome),
        "nav" | "amp-sidebar" => return Some(Rule::Navigation),
        "amp-ad" | "amp-sticky-ad" | "amp-embed" => return Some(Rule::Advertising),
        "amp-analytics" | "amp-pixel" | "amp-state" => return Some(Rule::ScriptOrStyle),
        "amp-img" | "amp-video" | "amp-iframe" | "amp-youtube" | "amp-social-share" => return Some(Rule::Media),
        "aside" => return Some(class_rule(&class_tokens(node)).unwrap_or(Rule::PageChrome)),
        "footer" => return Some(class_rule(&class_tokens(node)).unwrap_or(Rule::Copyright)),
        "header" if !inside_article(node) => return Some(Rule::PageChrome),
        _ => {}
    }
    if attr(node, "hidden").is_some()
        || attr(node, "aria-hidden").is_some_and(|v| v == "true")
        || attr(node, "style").is_some_and(|s| s.replace(' ', "").contains("display:none"))
    {
        return Some(Rule::Hidden);
    }
    if let Some(role) = attr(node, "role") {
        match role.as_str() {
            "navigation" | "menubar" | "search" | "banner" => return Some(Rule::Navigation),
            "complementary" | "dialog" | "alertdialog" => return Some(Rule::PageChrome),
            "contentinfo" => return Some(Rule::Copyright),
            _ => {}
        }
    }
    if matches!(name, "html" | "body" | "main" | "article") {
        return None;
    }
    let rule = class_rule(&class_tokens(node))?;
    // `<p class="paywall">` on every paragraph of a metered report: paragraphs of prose
    // alike in class are the report, whatever their class says.
    if rule != Rule::Comments && name == "p" && alike_prose_paragraphs(node) >= CHROME_MAX_PROSE_PARAGRAPHS {
        return None;
    }
    // A container of several paragraphs of prose is the article, whatever its class says;
    // comment threads are prose too, so they are dropped regardless.
    if rule == Rule::Comments {
        return Some(rule);
    }
    let prose = elements(node).filter(|n| tag(n) == Some("p") && is_prose_text(n)).take(CHROME_MAX_PROSE_PARAGRAPHS);
    (prose.count() < CHROME_MAX_PROSE_PARAGRAPHS).then_some(rule)
}

/// How many `<p>`s of the page (itself included) share the class of `paragraph` and are
/// prose, when it is prose itself: a report split between containers counts whole.
fn alike_prose_paragraphs(paragraph: &Handle) -> usize {
    if !is_prose(&text(paragraph)) {
        return 0;
    }
    let mut root = paragraph.clone();
    while let Some(up) = parent(&root) {
        root = up;
    }
    let class = attr(paragraph, "class");
    elements(&root).filter(|n| tag(n) == Some("p") && attr(n, "class") == class && is_prose_text(n)).count()
}

/// What class and id words say an element is.
fn class_rule(tokens: &[String]) -> Option<Rule> {
    const WORDS: &[(Rule, &[&str])] = &[
        (Rule::Cookies, &["cookie", "cookies", "consent", "gdpr", "rgpd", "didomi"]),
        (Rule::Newsletter, &["newsletter", "newsletters"]),
        (
            Rule::Subscription,
            &["subscribe", "subscription", "paywall", "abonnement", "abonnez", "premium", "popup", "modal"],
        ),
        (Rule::Share, &["share", "sharing", "social", "sns", "partage", "partager"]),
        (
            Rule::Related,
            &[
                "related",
                "lire",
                "aussi",
                "recommended",
                "recommendations",
                "outbrain",
                "taboola",
                "readnext",
                "also",
                "most",
                "populaires",
            ],
        ),
        (Rule::Comments, &["comment", "comments", "commentaire", "commentaires", "disqus", "reactions"]),
        (Rule::AuthorBio, &["bio", "biography"]),
        (
            Rule::Advertising,
            &[
                "ad",
                "ads",
                "advert",
                "advertisement",
                "advertising",
                "publicite",
                "sponsor",
                "sponsored",
                "dfp",
                "banner",
            ],
        ),
        (Rule::MarketData, &["ticker", "market", "markets", "stock", "stocks", "bourse", "valeurs", "quotes"]),
        (Rule::Navigation, &["breadcrumb", "breadcrumbs", "menu", "nav", "navbar", "navigation", "skip", "pagination"]),
        (Rule::Accessibility, &["a11y", "accessibility", "contrast", "contraste"]),
        (Rule::Copyright, &["footer", "copyright"]),
        (Rule::ListWidget, &["watchlist", "listes"]),
        (Rule::PageChrome, &["sidebar", "toolbar"]),
        (Rule::Kicker, &["kicker", "surtitre", "overline", "eyebrow", "rubrique", "supertitle"]),
    ];
    WORDS.iter().find(|(_, words)| tokens.iter().any(|t| words.contains(&t.as_str()))).map(|&(rule, _)| rule)
}

fn inside_article(node: &Handle) -> bool {
    let mut current = parent(node);
    while let Some(n) = current {
        if matches!(tag(&n), Some("article" | "main")) {
            return true;
        }
        current = parent(&n);
    }
    false
}

/// The element that holds the report: prose paragraphs score their parent (and half
/// their grandparent) by length and commas; link-heavy containers are discounted. The
/// enclosing `<article>`, if any, is taken whole so its standfirst comes along; without
/// one, the block is widened to the sibling parts of a split report.
pub fn main_block(body: &Handle, controls: &Controls, context: DateContext, dropped: &mut Vec<Dropped>) -> Handle {
    let mut scores: Vec<(Handle, f64)> = Vec::new();
    let mut add = |node: Handle, score: f64| match scores.iter_mut().find(|(n, _)| std::rc::Rc::ptr_eq(n, &node)) {
        Some(entry) => entry.1 += score,
        None => scores.push((node, score)),
    };
    let mut prose: Vec<(Handle, String)> = descendants(body)
        .into_iter()
        .filter(|n| matches!(tag(n), Some("pre" | "blockquote")))
        .map(|n| {
            let content = text(&n);
            (n, content)
        })
        .collect();
    // `<p>`s score their parent; text set without `<p>` scores its own container.
    for (container, content) in paragraphs(body) {
        let paragraph = if tag(&container) == Some("p") {
            container
        } else {
            // A stand-in child, so that the container itself is scored as the parent.
            match container.children.borrow().first() {
                Some(child) => child.clone(),
                None => continue,
            }
        };
        prose.push((paragraph, content));
    }
    for (paragraph, content) in prose {
        let length = content.chars().count();
        if length < PARAGRAPH_MIN_CHARS {
            continue;
        }
        let score = 1.0
            + content.matches([',', '،', '，', '、']).count() as f64
            + (length as f64 / CHARS_PER_LENGTH_POINT).min(MAX_LENGTH_POINTS);
        if let Some(parent_node) = parent(&paragraph) {
            if let Some(grandparent) = parent(&parent_node) {
                add(grandparent, score * GRANDPARENT_SHARE);
            }
            add(parent_node, score);
        }
    }
    let best = scores
        .into_iter()
        .map(|(node, score)| {
            let density = link_density(&node);
            (node, score * (1.0 - density))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(node, _)| node);
    let Some(best) = best else { return body.clone() };
    let mut current = Some(best.clone());
    while let Some(node) = current {
        if tag(&node) == Some("article") {
            return node;
        }
        current = parent(&node);
    }
    widen(best, controls, context, dropped)
}

/// Records what lies outside `block` (its siblings up to `<body>`) as dropped.
pub fn record_outside(block: &Handle, body: &Handle, dropped: &mut Vec<Dropped>) {
    let mut child = block.clone();
    while let Some(up) = parent(&child) {
        for sibling in up.children.borrow().iter() {
            if !std::rc::Rc::ptr_eq(sibling, &child) && tag(sibling).is_some() && has_text(sibling) {
                record(dropped, sibling, Rule::OutsideArticle);
            }
        }
        if std::rc::Rc::ptr_eq(&up, body) {
            break;
        }
        child = up;
    }
}

/// Inside the article: blocks whose text is a widget, link lists, and the short lines
/// that follow a widget's heading ("À lire aussi" then a headline).
pub fn clean_blocks(root: &Handle, controls: &Controls, context: DateContext, dropped: &mut Vec<Dropped>) {
    let children: Vec<Handle> = root.children.borrow().clone();
    let mut widget: Option<Rule> = None;
    for child in children {
        let Some(name) = tag(&child) else { continue };
        let content = text(&child);
        let leaf = !has_below(&child, |n| {
            tag(n).is_some_and(|t| matches!(t, "p" | "div" | "section" | "ul" | "ol" | "li" | "figure" | "table"))
        });
        let rule = if content.is_empty() {
            if !matches!(name, "br" | "hr" | "img") {
                remove_child(root, &child);
            }
            continue;
        } else if let Some(rule) = structural_rule_of(&child, &content, controls, context) {
            Some(rule)
        } else if leaf || matches!(name, "ul" | "ol") {
            classify_block(name, &content, &child)
        } else {
            None
        };
        let heading = matches!(name, "h2" | "h3" | "h4" | "h5" | "h6");
        if heading && rule.is_none() {
            widget = None;
        }
        match rule.or_else(|| widget.filter(|_| !is_prose(&content))) {
            Some(rule) => {
                record(dropped, &child, rule);
                remove_child(root, &child);
                if rule.opens_widget() {
                    widget = Some(rule);
                }
            }
            None if leaf => widget = None,
            None => clean_blocks(&child, controls, context, dropped),
        }
    }
}

fn classify_block(name: &str, content: &str, node: &Handle) -> Option<Rule> {
    if let Some(rule) = classify(content) {
        return Some(rule);
    }
    if matches!(name, "ul" | "ol" | "div" | "section" | "p")
        && link_density(node) > LINK_LIST_MIN_DENSITY
        && word_count(content) < LINK_LIST_MAX_WORDS
    {
        return Some(Rule::LinkList);
    }
    None
}
