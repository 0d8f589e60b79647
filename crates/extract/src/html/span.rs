//! The report's span inside the kept block: from its first paragraph to its last.
//!
//! The block the density pass keeps (an `<article>`, or the widened parts of a split
//! report) still holds what a page sets around the report: a kicker, a byline without
//! "By", a reading time or a video player above it; an appeal for money, the
//! reporter's biography, a weather box or a heading of other stories below it. Their
//! words differ from site to site and language to language; their place does not. The
//! report's paragraphs are the children of one container that carry prose, most of
//! them alike in tag and class (`<p>`, `<div class="texte">`, `<section>`); what lies
//! above the first such child and is not prose, and what lies below the last and does
//! not carry the report on, is not the report; nor is a box that speaks to the reader.

use std::rc::Rc;

use markup5ever_rcdom::Handle;

use super::dom::{attr, descendants, link_density, paragraphs, parent, remove_child, tag, text};
use super::readability::record;
use crate::noise::{Rule, ends_sentence, is_prose, word_count};
use crate::text::classify::{Lexicon, features};
use crate::tuning::{LINE_READER_ADDRESS_MAX_WORDS, LINE_SHORT_WORDS};
use crate::tuning::{PART_MAX_LINK_DENSITY, PART_MIN_PROSE_WORDS, SPAN_MIN_PARAGRAPHS};
use crate::{Dropped, Language};

/// Removes, from `block`, what stands above the report's first paragraph and below its
/// last, at every level from the paragraphs' container up to `block`.
pub fn trim_to_report(block: &Handle, language: Option<Language>, dropped: &mut Vec<Dropped>) {
    let lexicon = Lexicon::new(language);
    let mut outer = block.clone();
    // Once a level is trimmed (an ad-blocker notice beside the page's wrapper gone), the
    // paragraphs left may share a lower container: trim that one too.
    loop {
        let prose: Vec<(Handle, String)> = paragraphs(&outer).into_iter().filter(|(_, line)| is_prose(line)).collect();
        if prose.len() < SPAN_MIN_PARAGRAPHS {
            return;
        }
        let Some(mut container) = common_ancestor(prose.iter().map(|(node, _)| node.clone()).collect(), &outer) else {
            return;
        };
        if tag(&container) == Some("p") {
            match parent(&container) {
                Some(up) => container = up,
                None => return,
            }
        }
        trim_children(&container, &prose, &lexicon, dropped);
        trim_around(&container, &outer, dropped);
        if Rc::ptr_eq(&container, &outer) {
            return;
        }
        outer = container;
    }
}

/// Above the container, up to `outer`, no sibling carries prose (the container is the
/// paragraphs' lowest common ancestor): what is above is a header, what is below a footer.
fn trim_around(container: &Handle, outer: &Handle, dropped: &mut Vec<Dropped>) {
    let mut child = container.clone();
    while !Rc::ptr_eq(&child, outer) {
        let Some(up) = parent(&child) else { break };
        let elements: Vec<Handle> = up.children.borrow().iter().filter(|c| tag(c).is_some()).cloned().collect();
        let at = elements.iter().position(|n| Rc::ptr_eq(n, &child)).unwrap_or(0);
        for (index, node) in elements.iter().enumerate() {
            let rule = if index < at {
                above_rule(node)
            } else if index > at {
                below_rule(node)
            } else {
                None
            };
            if let Some(rule) = rule {
                drop_node(&up, node, rule, dropped);
            }
        }
        child = up;
    }
}

/// A child's tag and class: the kind of box it is.
type Signature = (Option<String>, Option<String>);

/// The children of the paragraphs' container, sorted into the report and what is set
/// around it.
fn trim_children(container: &Handle, prose: &[(Handle, String)], lexicon: &Lexicon, dropped: &mut Vec<Dropped>) {
    let elements: Vec<Handle> = container.children.borrow().iter().filter(|c| tag(c).is_some()).cloned().collect();
    // Prose characters, paragraphs and words each child carries.
    let carried: Vec<(usize, usize, usize)> = elements
        .iter()
        .map(|child| {
            let inside = descendants(child);
            prose
                .iter()
                .filter(|(node, _)| inside.iter().any(|n| Rc::ptr_eq(n, node)))
                .fold((0, 0, 0), |(chars, count, words), (_, line)| {
                    (chars + line.chars().count(), count + 1, words + word_count(line))
                })
        })
        .collect();
    // A `<p>` is a paragraph whatever its class ("lead", "last"); a box is told by its
    // class, numbers aside (`<section class="s1">`, `"s2"`… are parts of one kind).
    let signatures: Vec<Signature> = elements
        .iter()
        .map(|n| {
            let class = attr(n, "class").filter(|_| tag(n) != Some("p"));
            (tag(n).map(str::to_owned), class.map(|c| c.replace(|c: char| c.is_ascii_digit(), "")))
        })
        .collect();
    // The report's own kind of child: the signature carrying the most prose.
    let mut weights: Vec<(&Signature, usize)> = Vec::new();
    for (signature, (chars, _, _)) in signatures.iter().zip(&carried) {
        match weights.iter_mut().find(|(s, _)| *s == signature) {
            Some(entry) => entry.1 += chars,
            None => weights.push((signature, *chars)),
        }
    }
    let Some(&(dominant, weight)) = weights.iter().max_by_key(|(_, chars)| *chars) else { return };
    if weight == 0 {
        return;
    }
    // A child of the report's kind is report when it carries prose or is a sentence
    // ("The shares rose 3%."), as jusText keeps a short line among good ones.
    let is_report = |i: usize| signatures[i] == *dominant && (carried[i].0 > 0 || is_sentence(&text(&elements[i])));
    let Some(first) = (0..elements.len()).find(|&i| is_report(i)) else { return };
    let mut last = (0..elements.len()).rev().find(|&i| is_report(i)).unwrap_or(first);
    // A part of another kind below the last carries the report on when it holds prose,
    // few links and does not speak to the reader (the second half of a split body); an
    // appeal, a sign-up or an ad-blocker notice speaks to the reader.
    if let Some(further) = (last + 1..elements.len()).rev().find(|&i| {
        carried[i].2 >= PART_MIN_PROSE_WORDS
            && link_density(&elements[i]) <= PART_MAX_LINK_DENSITY
            && !addresses_reader(&elements[i], lexicon)
    }) {
        last = further;
    }
    for (index, node) in elements.iter().enumerate() {
        // A box of its own kind with at most one paragraph, that speaks to the reader: an
        // ad-blocker notice, a subscription offer, an appeal, wherever it stands.
        let box_to_reader = signatures[index] != *dominant && carried[index].1 <= 1 && addresses_reader(node, lexicon);
        let rule = if box_to_reader && index <= last {
            Some(Rule::AddressesReader)
        } else if index < first {
            if carried[index].0 > 0 { None } else { above_rule(node) }
        } else if index > last {
            below_rule(node)
        } else if signatures[index] != *dominant && carried[index].0 == 0 && is_slot_label(node) {
            Some(Rule::Advertising)
        } else {
            None
        };
        if let Some(rule) = rule {
            drop_node(container, node, rule, dropped);
        }
    }
}

fn is_sentence(line: &str) -> bool {
    word_count(line) >= LINE_SHORT_WORDS && ends_sentence(line)
}

/// Whether the text of `node` speaks to the reader or calls to act, as the line
/// classifier of text pages reads it ("you", "please whitelist us", "Cancel any time").
fn addresses_reader(node: &Handle, lexicon: &Lexicon) -> bool {
    let content = text(node);
    let read = features(&content, lexicon);
    word_count(&content) <= LINE_READER_ADDRESS_MAX_WORDS && (read.addresses_reader || read.calls_to_act)
}

/// Above the report: a kicker, a byline, a reading time, a player. Subheadings,
/// lists and tables (a summary in points) stay.
fn above_rule(node: &Handle) -> Option<Rule> {
    let content = text(node);
    let kept = matches!(tag(node), Some("h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "table" | "blockquote"));
    (!content.is_empty() && !kept && !is_prose(&content)).then_some(Rule::AboveReport)
}

/// Below the report: everything but a table or a list of few links (data the report
/// ends on).
fn below_rule(node: &Handle) -> Option<Rule> {
    if text(node).is_empty() {
        return None;
    }
    let data = matches!(tag(node), Some("table" | "ul" | "ol")) && link_density(node) <= PART_MAX_LINK_DENSITY;
    (!data).then_some(Rule::AfterBody)
}

/// A one-word line between the report's paragraphs in a box of its own kind:
/// "Advertisement", "Anzeige", "Pubblicità", the label of an ad slot.
fn is_slot_label(node: &Handle) -> bool {
    let heading = matches!(tag(node), Some("h2" | "h3" | "h4" | "h5" | "h6"));
    let content = text(node);
    !heading && word_count(&content) == 1 && !content.chars().any(|c| c.is_ascii_digit())
}

fn drop_node(up: &Handle, node: &Handle, rule: Rule, dropped: &mut Vec<Dropped>) {
    record(dropped, node, rule);
    remove_child(up, node);
}

/// The lowest element holding every node of `nodes`, at or below `root`.
fn common_ancestor(nodes: Vec<Handle>, root: &Handle) -> Option<Handle> {
    let chain = |node: &Handle| {
        let mut chain = vec![node.clone()];
        let mut current = node.clone();
        while !Rc::ptr_eq(&current, root) {
            let Some(up) = parent(&current) else { break };
            chain.push(up.clone());
            current = up;
        }
        chain.reverse();
        chain
    };
    let mut nodes = nodes.into_iter();
    let mut common = chain(&nodes.next()?);
    for node in nodes {
        let other = chain(&node);
        let shared = common.iter().zip(&other).take_while(|(a, b)| Rc::ptr_eq(a, b)).count();
        common.truncate(shared);
    }
    common.pop()
}

#[cfg(test)]
mod tests {
    use crate::Rule;

    #[test]
    fn what_is_set_above_and_below_the_report_goes_in_any_language() {
        let paragraph = |n: usize| {
            format!(
                r#"<div class="texte">Paragraph {n} of the report says, at some length and with commas, what the company did.</div>"#
            )
        };
        let page = crate::html::extract(
            &format!(
                r#"<html lang="en"><head><title>Kelpwave opens a plant</title></head><body><div class="page">
                <div class="notice"><p>It looks like you are using an ad blocker. Ads fund our reporting, so please turn it off.</p></div>
                <h1>Kelpwave opens a plant</h1><div class="signature">Ana Ficta</div><div class="duree">4 min</div>
                {}{}<div class="slot">Werbung</div>{}
                <div class="fin"><p>The Example Times is independent. Support us from 3 euros a month.</p></div>
                <div class="meteo">Porto 18° cloudy</div></div></body></html>"#,
                paragraph(1),
                paragraph(2),
                paragraph(3)
            ),
            2025,
        );
        let body = page.body.join("\n\n");
        assert!((1..=3).all(|n| body.contains(&format!("Paragraph {n} "))), "{body}");
        for noise in ["ad blocker", "Ana Ficta", "4 min", "Werbung", "independent", "Porto"] {
            assert!(!body.contains(noise), "{noise} kept: {body}");
        }
        let rules: Vec<Rule> = page.dropped.iter().map(|d| d.rule).collect();
        assert!(rules.contains(&Rule::AboveReport) && rules.contains(&Rule::AfterBody), "{rules:?}");
    }

    #[test]
    fn a_box_between_the_parts_that_speaks_to_the_reader_goes() {
        let page = crate::html::extract(
            r#"<html lang="en"><body><div class="main"><h1>Sundial signs a power deal</h1>
            <div class="text"><p>Sundial Compute has signed a 15-year deal to buy electricity from a wind farm, the company said.</p></div>
            <div class="promo"><p>Get unlimited access to the Wire for one euro a week. Cancel any time.</p></div>
            <div class="text"><p>The grid operator had warned that new data centres could only connect with their own power.</p></div>
            </div></body></html>"#,
            2025,
        );
        let body = page.body.join("\n\n");
        assert!(body.contains("grid operator") && !body.contains("unlimited"), "{body}");
    }

    #[test]
    fn a_second_part_of_another_kind_below_the_first_is_kept() {
        let page = crate::html::extract(
            r#"<html lang="en"><body><article><h1>Kelpwave opens a plant</h1>
            <div class="body-a"><p>Kelpwave opened a plant near Porto on Monday, the company said, after two years of work.</p>
            <p>The plant cost about 400 million euros and will employ 600 people, the company said on Monday.</p>
            <p>It will make packages for chips used in cars, most of them sold to German carmakers.</p></div>
            <div class="body-b"><p>Local officials welcomed the plant, which they said would bring work to the region.</p>
            <p>Construction of a second hall is planned for next year, pending a permit from the city.</p></div>
            </article></body></html>"#,
            2025,
        );
        let body = page.body.join("\n\n");
        assert!(body.contains("Local officials") && body.contains("second hall"), "{body}");
    }
}
