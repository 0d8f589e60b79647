//! Small helpers over the html5ever tree that `htmd` parses into and converts from.

use crate::byline::text_key;
use crate::noise::{PROSE_WORDS, is_prose, word_count};
use crate::tuning::{LOOSE_TEXT_MIN_WORDS, MAX_HTML_DEPTH, PARAGRAPH_MIN_CHARS};
use markup5ever_rcdom::{Handle, NodeData};

/// The element's lowercase tag name; `None` for text, comments and the document.
pub fn tag(node: &Handle) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(&name.local),
        _ => None,
    }
}

pub fn attr(node: &Handle, name: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => {
            attrs.borrow().iter().find(|a| &*a.name.local == name).map(|a| a.value.to_string())
        }
        _ => None,
    }
}

pub fn remove_attr(node: &Handle, name: &str) {
    if let NodeData::Element { attrs, .. } = &node.data {
        attrs.borrow_mut().retain(|a| &*a.name.local != name);
    }
}

/// Lowercase words of the class and id attributes: `article__share-bar` -> article, share, bar.
pub fn class_tokens(node: &Handle) -> Vec<String> {
    let mut tokens = Vec::new();
    for name in ["class", "id"] {
        if let Some(value) = attr(node, name) {
            tokens.extend(
                value
                    .to_lowercase()
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    tokens
}

/// The text of a subtree, whitespace collapsed; scripts and styles excluded.
pub fn text(node: &Handle) -> String {
    let mut raw = String::new();
    walk_text(node, |chunk| {
        raw.push_str(chunk);
        true
    });
    collapse_whitespace(&raw)
}

/// [`text`] of a subtree of at most `max_words` words ([`word_count`]); `None` for a
/// longer one, found without reading more of it than `max_words` words: for the tests
/// of short elements (a dateline, a label) asked of every element of a page, the
/// `<div>`s holding the whole page among them.
pub fn short_text(node: &Handle, max_words: usize) -> Option<String> {
    let mut raw = String::new();
    // The words are counted at doubling lengths, so the counting stays linear. A prefix
    // of a text never has more words than the text.
    let mut next_count = 256;
    let mut long = false;
    walk_text(node, |chunk| {
        raw.push_str(chunk);
        if raw.len() >= next_count {
            next_count = raw.len() * 2;
            long = word_count(&raw) > max_words;
        }
        !long
    });
    let text = collapse_whitespace(&raw);
    (!long && word_count(&text) <= max_words).then_some(text)
}

/// Whether the text of a subtree is the same as `line` in the sense of [`same_text`](crate::byline::same_text),
/// compared as the subtree is read: most elements differ in their first letters.
pub fn text_is(node: &Handle, line: &str) -> bool {
    text_starts_with(node, line) == Some(true)
}

/// [`is_prose`] of the text of a subtree, read no further than it takes to say so.
pub fn is_prose_text(node: &Handle) -> bool {
    short_text(node, PROSE_WORDS - 1).is_none_or(|text| is_prose(&text))
}

/// Whether the text of a subtree starts with `line` in the sense of [`same_text`](crate::byline::same_text):
/// `Some(true)` when it is `line`, `Some(false)` when it goes on, `None` when it does not
/// start so. Compared as the subtree is read.
pub fn text_starts_with(node: &Handle, line: &str) -> Option<bool> {
    let mut expected = text_key(line);
    let mut found = Some(true);
    walk_text(node, |chunk| {
        for c in text_key(chunk) {
            match expected.next() {
                Some(e) if e == c => {}
                Some(_) => found = None,
                None => found = Some(false),
            }
            if found != Some(true) {
                return false;
            }
        }
        true
    });
    if found == Some(true) && expected.next().is_some() {
        return None;
    }
    found
}

/// Whether a subtree holds any text but whitespace: [`text`] is not empty.
pub fn has_text(node: &Handle) -> bool {
    let mut found = false;
    walk_text(node, |chunk| {
        found = !chunk.trim().is_empty();
        !found
    });
    found
}

/// `raw` with its runs of whitespace made one space, and none at either end.
fn collapse_whitespace(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    text
}

/// The text of a subtree as [`text`] reads it, in order: each text node, and a space at
/// the edges of block elements. Stops when `chunk` returns false. Iterative: the tree
/// is untrusted and may nest far deeper than the stack allows.
fn walk_text(node: &Handle, mut chunk: impl FnMut(&str) -> bool) {
    enum Step {
        Visit(Handle),
        Space,
    }
    let mut stack = vec![Step::Visit(node.clone())];
    while let Some(step) = stack.pop() {
        let Step::Visit(current) = step else {
            if !chunk(" ") {
                return;
            }
            continue;
        };
        match &current.data {
            NodeData::Text { contents } => {
                if !chunk(&contents.borrow()) {
                    return;
                }
            }
            NodeData::Element { name, .. } if matches!(&*name.local, "script" | "style" | "template" | "noscript") => {}
            _ => {
                for child in current.children.borrow().iter().rev() {
                    if tag(child).is_some_and(is_block) {
                        stack.push(Step::Space);
                    }
                    stack.push(Step::Visit(child.clone()));
                }
            }
        }
    }
}

/// The text children of an element as they are: the source of a `<script>`.
pub fn raw_text(node: &Handle) -> String {
    let mut raw = String::new();
    for child in node.children.borrow().iter() {
        if let NodeData::Text { contents } = &child.data {
            raw.push_str(&contents.borrow());
        }
    }
    raw
}

/// Characters of text inside links, for link density.
pub fn link_text_len(node: &Handle) -> usize {
    descendants(node).iter().filter(|n| tag(n) == Some("a")).map(|a| text(a).chars().count()).sum()
}

/// Replaces the children of every element at `MAX_HTML_DEPTH` by the text nodes of its
/// subtree, in order. Returns how many elements were flattened.
pub fn flatten_below_max_depth(root: &Handle) -> usize {
    let mut flattened = 0;
    let mut stack = vec![(root.clone(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth >= MAX_HTML_DEPTH && tag(&node).is_some() {
            let mut texts = Vec::new();
            let mut pending: Vec<Handle> = node.children.borrow().iter().rev().cloned().collect();
            while let Some(current) = pending.pop() {
                match &current.data {
                    NodeData::Text { .. } => texts.push(current.clone()),
                    NodeData::Element { name, .. } if matches!(&*name.local, "script" | "style" | "template") => {}
                    _ => pending.extend(current.children.borrow().iter().rev().cloned()),
                }
            }
            for text_node in &texts {
                text_node.parent.set(Some(std::rc::Rc::downgrade(&node)));
            }
            *node.children.borrow_mut() = texts;
            flattened += 1;
            continue;
        }
        stack.extend(node.children.borrow().iter().map(|child| (child.clone(), depth + 1)));
    }
    flattened
}

/// Share of a subtree's text that is link text: menus and related lists are near 1.
pub fn link_density(node: &Handle) -> f64 {
    let total = text(node).chars().count();
    if total == 0 { 0.0 } else { link_text_len(node) as f64 / total as f64 }
}

pub fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "ul"
            | "ol"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "form"
            | "br"
            | "dl"
            | "dt"
            | "dd"
            | "pre"
    )
}

/// The paragraphs of prose of a subtree, in document order: the text of each `<p>`,
/// and the text that pages set without one — a `<div>` holding only text, or runs of
/// text between `<br><br>` in a container.
pub fn paragraphs(root: &Handle) -> Vec<(Handle, String)> {
    let mut found = Vec::new();
    for node in descendants(root) {
        match tag(&node) {
            Some("p") => found.push((node.clone(), text(&node))),
            Some("div" | "section" | "td" | "article" | "main" | "body") => {
                let children = node.children.borrow();
                let has_blocks = children.iter().any(|c| tag(c).is_some_and(|t| is_block(t) && t != "br"));
                let mut run = String::new();
                let mut breaks = 0;
                let mut flush = |run: &mut String| {
                    let paragraph = run.split_whitespace().collect::<Vec<_>>().join(" ");
                    if paragraph.chars().count() >= PARAGRAPH_MIN_CHARS {
                        found.push((node.clone(), paragraph));
                    }
                    run.clear();
                };
                for child in children.iter() {
                    match (&child.data, tag(child)) {
                        (NodeData::Text { contents }, _) => {
                            if breaks >= 2 {
                                flush(&mut run);
                            }
                            breaks = 0;
                            run.push_str(&contents.borrow());
                        }
                        (_, Some("br")) => breaks += 1,
                        (_, Some(name)) if !is_block(name) => {
                            breaks = 0;
                            run.push(' ');
                            run.push_str(&text(child));
                        }
                        _ => {
                            flush(&mut run);
                            breaks = 0;
                        }
                    }
                }
                // A `<div>` of text is a paragraph whole; loose text beside blocks counts
                // only when long enough not to be a label.
                if !has_blocks || run.split_whitespace().count() >= LOOSE_TEXT_MIN_WORDS {
                    flush(&mut run);
                }
            }
            _ => {}
        }
    }
    found.retain(|(_, text)| !text.is_empty());
    found
}

/// Elements of the subtree, in document order, the root included.
pub fn descendants(node: &Handle) -> Vec<Handle> {
    elements(node).collect()
}

/// [`descendants`], one by one: a search stops at the first match without listing the rest.
pub fn elements(node: &Handle) -> Elements {
    Elements { stack: vec![node.clone()] }
}

pub struct Elements {
    stack: Vec<Handle>,
}

impl Iterator for Elements {
    type Item = Handle;

    fn next(&mut self) -> Option<Handle> {
        while let Some(current) = self.stack.pop() {
            self.stack.extend(current.children.borrow().iter().rev().cloned());
            if tag(&current).is_some() {
                return Some(current);
            }
        }
        None
    }
}

/// Whether an element below `node` (not `node` itself) is one `test` accepts.
pub fn has_below(node: &Handle, test: impl Fn(&Handle) -> bool) -> bool {
    elements(node).skip(1).any(|n| test(&n))
}

/// The first element of the subtree with tag `name`.
pub fn find(node: &Handle, name: &str) -> Option<Handle> {
    elements(node).find(|n| tag(n) == Some(name))
}

pub fn parent(node: &Handle) -> Option<Handle> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(|w| w.upgrade());
    node.parent.set(weak);
    parent
}

/// Detaches `child` from `parent`.
pub fn remove_child(parent: &Handle, child: &Handle) {
    parent.children.borrow_mut().retain(|c| !std::rc::Rc::ptr_eq(c, child));
}
