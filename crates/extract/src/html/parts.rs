//! An article split across sibling containers (sections between figures, paragraphs
//! as sibling `<div>`s, a body broken by a box of links) is kept whole: the densest
//! block is widened to its parent when its siblings are prose too, and what stands
//! between the parts is kept unless its structure says it is a widget.
//!
//! Structure, not words, tells the widgets apart, so that they are found in any
//! language: a small box holding form controls (a sign-up, a consent prompt of an
//! embed, a paywall), a run of repeated items each with its own date (teasers, a
//! comment thread), a block made mostly of links.

use std::collections::HashSet;
use std::rc::Rc;

use markup5ever_rcdom::Handle;

use super::dom::{
    attr, descendants, elements, has_below, link_density, paragraphs, parent, remove_child, short_text, tag, text,
};
use super::readability::record;
use crate::Dropped;
use crate::dates::DateContext;
use crate::dates::datelines::is_date_line;
use crate::noise::{Rule, fold, is_prose, relative_time, word_count};
use crate::tuning::{
    LISTING_MIN_ITEMS, LISTING_TEXT_SHARE, PART_MAX_LINK_DENSITY, PART_MIN_PROSE_WORDS, WIDGET_MAX_WORDS,
    WRAPPER_LEVELS,
};

/// The elements that held a form control before page chrome was removed: a box with
/// a button or a field is something to use, not to read.
pub struct Controls {
    holders: HashSet<usize>,
    /// Kept alive, so that no address in `holders` is reused by another node.
    _alive: Vec<Handle>,
}

impl Controls {
    pub fn mark(root: &Handle) -> Controls {
        let mut holders = HashSet::new();
        let mut alive = Vec::new();
        for control in descendants(root).iter().filter(|n| is_control(n)) {
            let mut current = parent(control);
            while let Some(node) = current {
                if !holders.insert(Rc::as_ptr(&node) as usize) {
                    break;
                }
                current = parent(&node);
                alive.push(node);
            }
        }
        Controls { holders, _alive: alive }
    }

    fn held_by(&self, node: &Handle) -> bool {
        self.holders.contains(&(Rc::as_ptr(node) as usize))
    }
}

fn is_control(node: &Handle) -> bool {
    matches!(tag(node), Some("form" | "input" | "button" | "select" | "textarea" | "dialog"))
}

/// Why `node` is not part of the report, told by its structure alone.
pub fn structural_rule(node: &Handle, controls: &Controls, context: DateContext) -> Option<Rule> {
    structural_rule_of(node, &text(node), controls, context)
}

/// [`structural_rule`] of a node whose text, `content`, is already read.
pub fn structural_rule_of(node: &Handle, content: &str, controls: &Controls, context: DateContext) -> Option<Rule> {
    if content.is_empty() {
        return None;
    }
    if controls.held_by(node) && word_count(content) <= WIDGET_MAX_WORDS {
        return Some(Rule::Widget);
    }
    let listed: usize = listings(node, context).iter().map(|list| text(list).chars().count()).sum();
    (listed as f64 >= LISTING_TEXT_SHARE * content.chars().count() as f64).then_some(Rule::Listing)
}

/// The outermost runs of repeated items in `node`, itself included.
fn listings(node: &Handle, context: DateContext) -> Vec<Handle> {
    let mut found = Vec::new();
    let mut stack = vec![node.clone()];
    while let Some(current) = stack.pop() {
        if is_listing(&current, context) {
            found.push(current);
            continue;
        }
        stack.extend(current.children.borrow().iter().filter(|c| tag(c).is_some()).cloned());
    }
    found
}

/// A run of at least `LISTING_MIN_ITEMS` children alike in tag and class, most of them
/// with a date of their own: a `<time>`, or a short line that is a date or a relative time.
fn is_listing(node: &Handle, context: DateContext) -> bool {
    let children: Vec<Handle> = node.children.borrow().iter().filter(|c| tag(c).is_some()).cloned().collect();
    if children.len() < LISTING_MIN_ITEMS {
        return false;
    }
    // The items are the children of the most common tag and class; a heading may lead them.
    let signatures: Vec<(Option<&str>, Option<String>)> = children.iter().map(|n| (tag(n), attr(n, "class"))).collect();
    let alike = signatures.iter().map(|s| signatures.iter().filter(|other| *other == s).count()).max().unwrap_or(0);
    if alike * 3 < children.len() * 2 {
        return false;
    }
    let dated = children.iter().filter(|item| has_own_date(item, context)).count();
    dated >= LISTING_MIN_ITEMS && dated * 3 >= children.len() * 2
}

fn has_own_date(item: &Handle, context: DateContext) -> bool {
    elements(item).skip(1).any(|n| {
        if tag(&n) == Some("time") {
            return true;
        }
        if has_below(&n, |c| tag(c).is_some_and(super::dom::is_block)) {
            return false;
        }
        short_text(&n, 8).is_some_and(|line| relative_time(&fold(&line)) || is_date_line(&line, context))
    })
}

/// The block holding the whole report: `best`, or an ancestor whose other children are
/// parts of the report too. Children of that ancestor before the first part or after
/// the last are removed and recorded, and so are widgets between parts.
pub fn widen(best: Handle, controls: &Controls, context: DateContext, dropped: &mut Vec<Dropped>) -> Handle {
    let mut child = best;
    for _ in 0..=WRAPPER_LEVELS {
        let Some(up) = parent(&child) else { return child };
        if tag(&up).is_none() || tag(&up) == Some("html") {
            return child;
        }
        let elements: Vec<Handle> = up.children.borrow().iter().filter(|c| tag(c).is_some()).cloned().collect();
        // A sibling alike in tag and class (`<div class="content">` twice, a figure between)
        // is a part however short, once it holds a paragraph of prose.
        let alike = |node: &Handle| {
            tag(node) == tag(&child)
                && attr(node, "class") == attr(&child, "class")
                && paragraphs(node).iter().any(|(_, line)| is_prose(line))
                && structural_rule(node, controls, context).is_none()
        };
        let is_part =
            |node: &Handle| Rc::ptr_eq(node, &child) || alike(node) || is_report_part(node, controls, context);
        let parts: Vec<usize> = elements.iter().enumerate().filter(|(_, n)| is_part(n)).map(|(i, _)| i).collect();
        if parts.len() < 2 {
            // A wrapper holding nothing else: look one level up.
            if elements.iter().all(|n| Rc::ptr_eq(n, &child) || text(n).is_empty()) {
                child = up;
                continue;
            }
            return child;
        }
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        for (index, node) in elements.iter().enumerate() {
            if parts.contains(&index) {
                continue;
            }
            let between = first < index && index < last;
            let rule = if between {
                match structural_rule(node, controls, context) {
                    Some(rule) => rule,
                    None if link_density(node) > PART_MAX_LINK_DENSITY && !is_prose(&text(node)) => Rule::LinkList,
                    None => continue,
                }
            } else {
                Rule::OutsideArticle
            };
            if !text(node).is_empty() {
                record(dropped, node, rule);
            }
            remove_child(&up, node);
        }
        return up;
    }
    child
}

/// A sibling of the densest block that carries the report on: prose, few links, not a widget.
fn is_report_part(node: &Handle, controls: &Controls, context: DateContext) -> bool {
    if link_density(node) > PART_MAX_LINK_DENSITY || structural_rule(node, controls, context).is_some() {
        return false;
    }
    let prose: usize =
        paragraphs(node).iter().filter(|(_, line)| is_prose(line)).map(|(_, line)| word_count(line)).sum();
    prose >= PART_MIN_PROSE_WORDS
}

#[cfg(test)]
mod tests {
    use crate::Rule;

    fn paragraph(n: usize) -> String {
        format!(
            "<p>Paragraph {n} of the report says, at some length and with commas, what the company did on Monday.</p>"
        )
    }

    #[test]
    fn every_part_of_a_split_report_is_kept_and_the_boxes_between_are_not() {
        let page = crate::html::extract(
            &format!(
                r#"<html lang="en"><head><title>Kelpwave splits its report</title></head><body>
                <div class="page"><div class="a">{}{}{}</div>
                <div class="b"><p><a href="/1">Another story entirely</a></p><p><a href="/2">And one more story</a></p></div>
                <div class="c">{}</div>
                <div class="d"><p>Sign up to our letter.</p><form><input name="e"><button>Go</button></form></div>
                <div class="e">{}</div>
                <ol class="f"><li class="x">Reply one <time>2 h</time></li><li class="x">Reply two <time>3 h</time></li><li class="x">Reply three <time>4 h</time></li></ol>
                </div></body></html>"#,
                paragraph(1),
                paragraph(2),
                paragraph(3),
                paragraph(4),
                paragraph(5)
            ),
            2025,
        );
        let body = page.body.join("\n\n");
        for n in 1..=5 {
            assert!(body.contains(&format!("Paragraph {n} ")), "{body}");
        }
        assert!(!body.contains("Another story") && !body.contains("Sign up") && !body.contains("Reply"), "{body}");
        let rules: Vec<Rule> = page.dropped.iter().map(|d| d.rule).collect();
        assert!(rules.contains(&Rule::Widget) && rules.contains(&Rule::LinkList), "{rules:?}");
    }

    #[test]
    fn repeated_items_with_their_own_dates_are_a_listing() {
        let items: String = (1..=4)
            .map(|n| format!(r#"<div class="it"><p>Reader {n} wrote a long comment about the plant and its jobs.</p><span>{n} hours ago</span></div>"#))
            .collect();
        let page = crate::html::extract(
            &format!(
                r#"<html lang="en"><body><article><h1>Kelpwave opens a plant</h1>{}{}<div class="t">{items}</div></article></body></html>"#,
                paragraph(1),
                paragraph(2)
            ),
            2025,
        );
        assert!(!page.body.join("\n").contains("Reader"), "{:?}", page.body);
        assert!(page.dropped.iter().any(|d| d.rule == Rule::Listing), "{:?}", page.dropped);
    }
}
