//! HTML articles into blocks, with scraper (html5ever's HTML5 tree builder,
//! so malformed pages are repaired the way a browser would repair them).
//!
//! The root is the page's `<main>` (or `role="main"`), else its longest
//! `<article>`, else `<body>`. Page chrome is skipped whole: the tags in [`CHROME_TAGS`], and
//! any element whose id or class has a word in [`CHROME_WORDS`]. Words are
//! the pieces of each class/id split at '-', '_' and lower-to-upper case
//! changes ("site-cookieBanner" is site, cookie, banner), compared whole or
//! with a trailing "s", so a "cartilage" or "shared-data" class is not chrome.
//! ARIA landmark roles of chrome (navigation, banner, ...) are skipped too.
//! An element with a chrome word that holds over half the root's text is a
//! content wrapper ("page has-sidebar") and is read. The title is the first
//! `<h1>` outside chrome, but an article's `<header>` may hold it: a header
//! holding the title gives just the title. With no `<h1>` in the root, the
//! page's first `<h1>` outside chrome is the title, else its `<title>`.
//!
//! Text between block elements belongs to the innermost open block: a `<p>`,
//! a `<li>` (its own text comes before its nested blocks), a callout, or a
//! `<div>`/`<section>` whose direct text becomes a paragraph. A paragraph
//! that is only a row of links (tabs, "related" rows; see
//! [`super::is_link_row`]) is dropped.

use scraper::{ElementRef, Html, Node};

use super::{BlockKind, Builder};

/// Elements that are never article text.
const CHROME_TAGS: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form", "button",
    "select", "input", "textarea", "svg", "iframe", "dialog", "head", "title", "meta", "link", "object",
    "embed", "canvas", "video", "audio", "map",
];

/// Words of an id or class that mark page chrome.
#[rustfmt::skip]
const CHROME_WORDS: &[&str] = &[
    "cookie", "consent", "banner", "basket", "cart", "newsletter", "share", "social", "breadcrumb",
    "skip", "menu", "sidebar", "related", "comments", "comment", "advert", "ad", "ads", "promo",
    "popup", "modal", "gdpr", "editsection", "infobox",
];

/// ARIA roles of page chrome.
#[rustfmt::skip]
const CHROME_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog",
    "alertdialog",
];

/// Words of a class or role that mark a boxed aside inside the content.
const CALLOUT_WORDS: &[&str] = &["callout", "alert", "warning", "note", "tip", "info", "notice"];

/// Elements that start a block; everything else is inline and transparent.
#[rustfmt::skip]
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "section", "article", "main", "body", "ul", "ol", "li", "h1", "h2", "h3", "h4",
    "h5", "h6", "blockquote", "table", "tr", "dl", "dt", "dd", "details", "summary", "pre",
    "figure", "figcaption", "address", "hr", "center", "fieldset", "caption", "thead", "tbody",
    "tfoot",
];

/// Lines of text a `<pre>` has at least to be read as a plain-text article.
const PRE_LINES: usize = 8;

/// Deeper nesting than this is read as plain text, so hostile input cannot
/// exhaust the stack.
const MAX_DEPTH: usize = 200;

/// Bullet glyphs a word processor or an editor types before a paragraph
/// ("· item" in a symbol font). Not '-' or '*': "– Sarah, 34" and "* Survey
/// of 2,000 adults" are a quote's author and a footnote.
const GLYPHS: &[char] = &['·', '•', '▪', '◦', '○', '●', '■', '►', '✓', '✔', '§', '\u{f0b7}'];

pub(crate) fn read(source: &str) -> Builder {
    let page = Html::parse_document(source);
    let mut w = Walker::default();
    let Some(root) = find_root(&page) else {
        return w.b;
    };
    w.root_len = text_len(root);
    // Panels a disclosure button in the content opens (`aria-controls`):
    // hidden until clicked, but the page's content all the same. (Not the
    // site header's menu toggles, outside the content.)
    w.panels = root
        .descendent_elements()
        .filter(|e| is_disclosure(*e))
        .filter_map(|e| e.value().attr("aria-controls"))
        .flat_map(str::split_whitespace)
        .map(str::to_owned)
        .collect();
    w.bold_classes = page
        .root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "style")
        .flat_map(|e| super::styles::bold_classes(&e.text().collect::<String>()))
        .collect();
    // An editor's export marks its title by class (Google Docs' `<p
    // class="c1 title">` over its `<h1>` sections, Word's `MsoTitle`): the
    // first of those or an `<h1>` is the title. (Only with the editor's
    // own classes: on a site, a "title" class is any card's or box's.)
    let generated = |c: &str| c.len() > 1 && c.starts_with('c') && c[1..].bytes().all(|b| b.is_ascii_digit());
    let exported = |v: &scraper::node::Element| {
        v.classes().any(|c| c.eq_ignore_ascii_case("msotitle"))
            || v.classes().any(|c| c == "title") && v.classes().any(generated)
    };
    w.title = root.descendent_elements().find(|e| {
        let v = e.value();
        (v.name() == "h1" || v.name() == "p" && exported(v)) && !w.chrome_above(*e, root)
    });
    if w.title.is_none() {
        // A page heading above the root ("hero" banner over <main>) names
        // the page better than <title>, which carries the site's name.
        let html = page.root_element();
        let text = match html
            .descendent_elements()
            .find(|e| e.value().name() == "h1" && !w.chrome_above(*e, html))
        {
            Some(h1) => w.inline_text(h1, 0),
            None => html
                .descendent_elements()
                .find(|e| e.value().name() == "title")
                .map(|t| t.text().collect())
                .unwrap_or_default(),
        };
        if w.b.push(BlockKind::Title, &text).is_some() {
            w.level = 1;
        }
    }
    w.frames.push(Frame::Plain(BlockKind::Paragraph));
    w.children(root, 0);
    w.flush();
    w.b
}

fn find_root(page: &Html) -> Option<ElementRef<'_>> {
    let html = page.root_element();
    let all = || html.descendent_elements();
    let usable = |e: &ElementRef| !inside_chrome_tag(*e, html);
    let is_main = |e: &ElementRef| e.value().name() == "main" || e.value().attr("role") == Some("main");
    if let Some(main) = all().find(|e| is_main(e) && usable(e)) {
        return Some(main);
    }
    let article = all()
        .filter(|e| e.value().name() == "article" && usable(e))
        .max_by_key(|e| e.text().map(str::len).sum::<usize>());
    article.or_else(|| all().find(|e| e.value().name() == "body"))
}

/// Whether `e` sits inside a chrome tag below `top`.
fn inside_chrome_tag(e: ElementRef, top: ElementRef) -> bool {
    e.ancestors()
        .take_while(|a| a.id() != top.id())
        .filter_map(ElementRef::wrap)
        .any(|a| CHROME_TAGS.contains(&a.value().name()))
}

fn text_len(e: ElementRef) -> usize {
    e.text().map(|t| t.trim().len()).sum()
}

/// The words of an attribute value: split at non-alphanumerics and at
/// lower-to-upper case changes, lowercased.
fn words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if (!c.is_alphanumeric() || (c.is_uppercase() && prev_lower)) && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase();
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A button that opens and closes a panel (the WAI-ARIA disclosure and
/// accordion patterns).
fn is_disclosure(e: ElementRef) -> bool {
    let v = e.value();
    v.name() == "button" && (v.attr("aria-expanded").is_some() || v.attr("aria-controls").is_some())
}

fn has_word(e: ElementRef, attrs: &[&str], list: &[&str]) -> bool {
    attrs
        .iter()
        .filter_map(|a| e.value().attr(a))
        .any(|v| has_word_str(v, list))
}

/// Whether a word of `value`, or it without a plural "s", is in `list`.
fn has_word_str(value: &str, list: &[&str]) -> bool {
    words(value).iter().any(|w| {
        let singular = w.strip_suffix('s').unwrap_or(w);
        list.contains(&w.as_str()) || list.contains(&singular)
    })
}

enum Frame {
    /// Direct text becomes a block of this kind.
    Plain(BlockKind),
    Item {
        depth: u8,
        ordered: bool,
        emitted: bool,
    },
}

#[derive(Default)]
struct Walker<'a> {
    b: Builder,
    frames: Vec<Frame>,
    /// Open lists, innermost last: whether each is ordered.
    lists: Vec<bool>,
    /// Inside a blockquote or callout box.
    callout: usize,
    buf: String,
    title: Option<ElementRef<'a>>,
    /// The last `<h1>`..`<h6>` heading's level (the title counts as 1): a
    /// `<summary>` or a disclosure button is a heading one below it, however
    /// many follow one another.
    level: u8,
    root_len: usize,
    /// Open links, links in the pending text, and its text outside links.
    link: usize,
    links: usize,
    outside_links: String,
    /// Words of a bold run that opened the pending text.
    lead: Option<usize>,
    /// The ids of the panels disclosure buttons open.
    panels: std::collections::HashSet<String>,
    /// Whether an `<h2>`..`<h6>` heading has been read.
    outlined: bool,
    /// Classes the page's style sheet makes bold (`styles`).
    bold_classes: std::collections::HashSet<String>,
}

impl<'a> Walker<'a> {
    fn children(&mut self, e: ElementRef<'a>, depth: usize) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => {
                    self.buf.push_str(t);
                    if self.link == 0 {
                        self.outside_links.push_str(t);
                    }
                }
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(child) {
                        self.element(el, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn is_title(&self, e: ElementRef) -> bool {
        self.title.is_some_and(|t| t.id() == e.id())
    }

    fn holds_title(&self, e: ElementRef) -> bool {
        self.title
            .is_some_and(|t| t.ancestors().any(|a| a.id() == e.id()))
    }

    /// Chrome by class, id, role or `hidden`, unless it wraps the content.
    fn chrome_by_attr(&self, e: ElementRef) -> bool {
        let v = e.value();
        let panel = v.id().is_some_and(|id| self.panels.contains(id));
        if (v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true")) && !panel
            || v.attr("role")
                .is_some_and(|r| r.split_whitespace().any(|r| CHROME_ROLES.contains(&r)))
        {
            return true;
        }
        has_word(e, &["id", "class"], CHROME_WORDS) && text_len(e) * 2 <= self.root_len
    }

    /// Whether chrome other than a `<header>` encloses `e` below `top`.
    fn chrome_above(&self, e: ElementRef, top: ElementRef) -> bool {
        e.ancestors()
            .take_while(|a| a.id() != top.id())
            .filter_map(ElementRef::wrap)
            .any(|a| {
                let name = a.value().name();
                (name != "header" && CHROME_TAGS.contains(&name)) || self.chrome_by_attr(a)
            })
    }

    fn element(&mut self, e: ElementRef<'a>, depth: usize) {
        let name = e.value().name();
        // An accordion's toggle (`aria-expanded` / `aria-controls`) names the
        // panel it opens, as a `<summary>` does; other buttons are chrome.
        if is_disclosure(e) {
            self.flush();
            self.heading(e, (self.level + 1).min(6), false);
            return;
        }
        if CHROME_TAGS.contains(&name) {
            if let Some(t) = self.title.filter(|_| self.holds_title(e)) {
                self.flush();
                self.heading(t, 1, true);
            }
            return;
        }
        if self.chrome_by_attr(e) {
            return;
        }
        // A loose item's paragraphs are its own text until a nested block.
        if matches!(name, "p" | "div" | "span")
            && matches!(self.frames.last(), Some(Frame::Item { emitted: false, .. }))
        {
            self.buf.push(' ');
            self.children(e, depth);
            self.buf.push(' ');
            return;
        }
        if name == "br" {
            self.buf.push(' ');
            return;
        }
        if depth > MAX_DEPTH {
            self.buf.push(' ');
            self.buf.extend(e.text());
            self.buf.push(' ');
            return;
        }
        if !BLOCK_TAGS.contains(&name) {
            // A bold run that opens a block is its lead ("<li><strong>Rest</strong>,
            // as much as you can</li>").
            // (After a typed bullet glyph too: "· <b>Heat.</b> Hot baths".)
            let before = self.buf.trim();
            let opening = before.is_empty() || before.chars().count() == 1 && before.starts_with(GLYPHS);
            let bold = opening && (matches!(name, "strong" | "b") || self.styled_bold(e));
            if bold {
                self.children(e, depth);
                self.lead = Some(self.buf.split_whitespace().count());
                return;
            }
            let link = name == "a";
            if link {
                self.link += 1;
                self.links += 1;
            }
            self.children(e, depth);
            if link {
                self.link -= 1;
            }
            return;
        }
        self.flush();
        let callout =
            name == "blockquote" || (has_word(e, &["class", "role"], CALLOUT_WORDS) && !self.holds_title(e));
        if callout {
            self.callout += 1;
        }
        match name {
            _ if self.is_title(e) => self.heading(e, 1, true),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.outlined |= level > 1;
                self.heading(e, level, true);
            }
            "summary" => self.heading(e, (self.level + 1).min(6), false),
            "pre" if self.callout == 0 => self.preformatted(e, depth),
            "tr" => {
                let cells: Vec<String> = e
                    .child_elements()
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .map(|c| self.inline_text(c, depth))
                    .collect();
                self.b.push_row(&cells);
            }
            "ul" | "ol" => {
                self.lists.push(name == "ol");
                self.block(e, Frame::Plain(BlockKind::Paragraph), depth);
                self.lists.pop();
            }
            "li" => {
                let frame = Frame::Item {
                    depth: self.lists.len().saturating_sub(1).min(u8::MAX as usize) as u8,
                    ordered: self.lists.last().copied().unwrap_or(false),
                    emitted: false,
                };
                // A list inside an item is nested one deeper than the item.
                self.block(e, frame, depth);
            }
            _ => {
                let kind = if self.callout > 0 {
                    BlockKind::Callout
                } else {
                    BlockKind::Paragraph
                };
                // Headings inside a `<details>` outline its panel only: the
                // next `<summary>` is a sibling of this one.
                let level = self.level;
                self.block(e, Frame::Plain(kind), depth);
                if name == "details" {
                    self.level = level;
                }
                if name == "table" {
                    self.b.end_table();
                }
            }
        }
        if callout {
            self.callout -= 1;
        }
    }

    /// A `<pre>` that holds most of the page's text (a mailing-list
    /// archive's message, a plain-text page served as HTML) is a plain-text
    /// article inside the page: its lines are laid out as a `.txt` file's
    /// are, into headings, lists and paragraphs, where folded into one
    /// block it would be one paragraph. A `<pre>` among the page's own
    /// blocks (a code sample, a diary's table), a short one, or one in a
    /// list item stays one block. (`<br>` inside it reads as a space, as
    /// everywhere: such a `<pre>` is one line.)
    fn preformatted(&mut self, e: ElementRef<'a>, depth: usize) {
        let raw = self.inline_text(e, depth);
        let lines = raw.lines().filter(|l| !l.trim().is_empty()).count();
        let in_item = matches!(self.frames.last(), Some(Frame::Item { .. }));
        if lines < PRE_LINES || text_len(e) * 2 < self.root_len || in_item {
            self.block(e, Frame::Plain(BlockKind::Paragraph), depth);
            return;
        }
        for block in super::text::blocks(&raw) {
            let kind = match block.kind {
                BlockKind::Title | BlockKind::Heading { .. } => {
                    let level = match block.kind {
                        BlockKind::Heading { level } => level,
                        _ => 1,
                    };
                    BlockKind::Heading {
                        level: (self.level + level).min(6),
                    }
                }
                kind => kind,
            };
            self.b.push(kind, block.span.of(&raw));
        }
    }

    fn block(&mut self, e: ElementRef<'a>, frame: Frame, depth: usize) {
        self.frames.push(frame);
        self.children(e, depth);
        self.flush();
        self.frames.pop();
    }

    /// A heading block; `outline` for an `<h1>`..`<h6>`, whose level the
    /// headings under it count from.
    fn heading(&mut self, e: ElementRef<'a>, level: u8, outline: bool) {
        let text = self.inline_text(e, 0);
        let kind = if self.is_title(e) {
            BlockKind::Title
        } else {
            BlockKind::Heading { level }
        };
        if self.b.push(kind, &text).is_some() && (outline || kind == BlockKind::Title) {
            self.level = level;
        }
    }

    /// All text under `e` (chrome skipped), block edges and `<br>` as spaces.
    fn inline_text(&self, e: ElementRef<'a>, depth: usize) -> String {
        let mut out = String::new();
        self.collect(e, depth, &mut out);
        out
    }

    fn collect(&self, e: ElementRef<'a>, depth: usize, out: &mut String) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(el) => {
                    let name = el.name();
                    let Some(c) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if (CHROME_TAGS.contains(&name) && !is_disclosure(c)) || self.chrome_by_attr(c) {
                        continue;
                    }
                    let spaced = name == "br" || BLOCK_TAGS.contains(&name) || name == "td";
                    if spaced {
                        out.push(' ');
                    }
                    if depth < MAX_DEPTH {
                        self.collect(c, depth + 1, out);
                    } else {
                        out.extend(c.text());
                    }
                    if spaced {
                        out.push(' ');
                    }
                }
                _ => {}
            }
        }
    }

    /// Push the pending direct text as the innermost frame's block.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.buf);
        let links = std::mem::take(&mut self.links);
        let outside_links = std::mem::take(&mut self.outside_links);
        let kind = match self.frames.last_mut() {
            None => BlockKind::Paragraph,
            Some(Frame::Plain(kind)) => *kind,
            Some(Frame::Item {
                depth,
                ordered,
                emitted,
            }) => {
                let kind = if *emitted {
                    BlockKind::Paragraph
                } else {
                    BlockKind::ListItem {
                        depth: *depth,
                        ordered: *ordered,
                    }
                };
                if !text.trim().is_empty() {
                    *emitted = true;
                }
                kind
            }
        };
        let lead = self.lead.take();
        if kind == BlockKind::Paragraph && super::is_link_row(links, &outside_links) {
            return;
        }
        let (kind, text, lead) = match kind {
            BlockKind::Paragraph => self.styled(&text, lead),
            _ => (kind, text.as_str(), lead),
        };
        self.b.push_led(kind, text, lead);
    }

    /// A `<span>` made bold by its classes or its own style.
    fn styled_bold(&self, e: ElementRef) -> bool {
        let v = e.value();
        v.name() == "span"
            && (v.classes().any(|c| self.bold_classes.contains(c))
                || v.attr("style")
                    .is_some_and(|s| s.split(';').any(super::styles::is_bold)))
    }

    /// What a paragraph is by its look alone, as a word processor saves
    /// it: "· item" in a symbol font is a bullet, and a short line wholly
    /// in bold over its text is a heading (so are CMS pages'
    /// `<p><strong>Causes</strong></p>`).
    fn styled<'t>(&self, text: &'t str, lead: Option<usize>) -> (BlockKind, &'t str, Option<usize>) {
        let trimmed = text.trim_start();
        let mut chars = trimmed.chars();
        if let (Some(first), Some(gap)) = (chars.next(), chars.next()) {
            if GLYPHS.contains(&first) && gap.is_whitespace() {
                let kind = BlockKind::ListItem {
                    depth: self.lists.len().min(u8::MAX as usize) as u8,
                    ordered: false,
                };
                // (The glyph was the lead's first word.)
                let lead = lead.map(|n| n.saturating_sub(1));
                return (kind, &trimmed[first.len_utf8()..], lead);
            }
        }
        // Only on a page outlined by no <h2>..<h6> (else a bold line is a
        // warning, "Call 999 if you have chest pain"), unless it is
        // numbered or a question.
        let words = text.split_whitespace().count();
        let trimmed = text.trim();
        let sentence = trimmed.ends_with(['.', '!', ',', ';', ':']);
        let marked = trimmed.ends_with('?') || trimmed.starts_with(|c: char| c.is_ascii_digit());
        let bold = lead == Some(words) && (1..=8).contains(&words) && !sentence && self.callout == 0;
        if bold && (!self.outlined || marked) {
            let level = (self.level + 1).min(6);
            return (BlockKind::Heading { level }, text, None);
        }
        (BlockKind::Paragraph, text, lead)
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
