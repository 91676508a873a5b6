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
    "popup", "modal", "gdpr",
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

/// Deeper nesting than this is read as plain text, so hostile input cannot
/// exhaust the stack.
const MAX_DEPTH: usize = 200;

pub(crate) fn read(source: &str) -> Builder {
    let page = Html::parse_document(source);
    let mut w = Walker::default();
    let Some(root) = find_root(&page) else {
        return w.b;
    };
    w.root_len = text_len(root);
    w.title = root
        .descendent_elements()
        .find(|e| e.value().name() == "h1" && !w.chrome_above(*e, root));
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
    /// The last heading's level (the title counts as 1).
    level: u8,
    root_len: usize,
    /// Open links, links in the pending text, and its text outside links.
    link: usize,
    links: usize,
    outside_links: String,
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
        if v.attr("hidden").is_some()
            || v.attr("aria-hidden") == Some("true")
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
        if CHROME_TAGS.contains(&name) {
            if let Some(t) = self.title.filter(|_| self.holds_title(e)) {
                self.flush();
                self.heading(t, 1);
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
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.heading(e, level);
            }
            "summary" => self.heading(e, (self.level + 1).min(6)),
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
                self.block(e, Frame::Plain(kind), depth);
            }
        }
        if callout {
            self.callout -= 1;
        }
    }

    fn block(&mut self, e: ElementRef<'a>, frame: Frame, depth: usize) {
        self.frames.push(frame);
        self.children(e, depth);
        self.flush();
        self.frames.pop();
    }

    fn heading(&mut self, e: ElementRef<'a>, level: u8) {
        let text = self.inline_text(e, 0);
        let kind = if self.is_title(e) {
            BlockKind::Title
        } else {
            BlockKind::Heading { level }
        };
        if self.b.push(kind, &text).is_some() {
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
                    if CHROME_TAGS.contains(&name) || self.chrome_by_attr(c) {
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
        if kind == BlockKind::Paragraph && super::is_link_row(links, &outside_links) {
            return;
        }
        self.b.push(kind, &text);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BlockKind, Document, Format};

    const H: fn(u8) -> BlockKind = |level| BlockKind::Heading { level };
    const LI: fn(u8, bool) -> BlockKind = |depth, ordered| BlockKind::ListItem { depth, ordered };
    const P: BlockKind = BlockKind::Paragraph;
    const C: BlockKind = BlockKind::Callout;

    const PAGE: &str = r##"<!DOCTYPE html>
<html><head><title>Chilblains | Elm Street Clinic</title>
<style>.x { color: red }</style><script>var tracker = "SCRIPTTEXT";</script></head>
<body class="has-cookie-banner">
<div id="cookie-consent"><p>We use cookies to improve this site.</p><button>Accept all</button></div>
<header class="site-header"><a href="/">Elm Street Clinic</a>
  <nav><ul><li><a href="/a">Find a clinic</a></li><li>Book online</li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> / Conditions</div>
<main class="page has-sidebar">
 <article>
  <header><h1>Chilblains</h1><p class="byline">Reviewed by our team</p></header>
  <p>Chilblains are small, itchy swellings that appear after the skin gets
     <em>cold</em> &amp; then warms up too fast.<br>They usually heal on their own.</p>
  <div class="tabs"><a href="/s">Symptoms</a> · <a href="/t">Treatment</a></div>
  <h2>Symptoms</h2>
  <ul>
   <li>Red or purple patches</li>
   <li><strong>Itching.</strong> Often worse in a warm room.</li>
   <li><p>Swelling</p>
     <ul><li>around the toes</li><li>on the fingers</li></ul>
   </li>
  </ul>
  <div class="callout callout--warning"><p>Do not rub the skin.</p><p>Never put feet near a fire.</p></div>
  <blockquote>Most people recover in two weeks.</blockquote>
  <h2>Causes</h2>
  <section>Cold and damp weather are the main triggers.
   <ol><li>Poor circulation</li><li>Smoking</li></ol>
  </section>
  <table><thead><tr><th>Risk</th><th>How common</th></tr></thead>
   <tbody><tr><td>Age over 60</td><td><b>common</b></td></tr></tbody></table>
  <dl><dt>Raynaud's</dt><dd>A related circulation problem.</dd></dl>
  <details><summary>Where can I learn more?</summary><p>Ask your pharmacist.</p></details>
  <div class="share-buttons"><a href="#">Share on social media</a></div>
  <aside class="related"><h3>Related articles</h3><p>Frostbite</p></aside>
 </article>
</main>
<div class="newsletter-signup"><p>Sign up for our newsletter</p></div>
<footer><p>Copyright Elm Street Clinic</p></footer>
<script>console.log("SCRIPT2")</script>
</body></html>"##;

    fn blocks(source: &str) -> (Document, Vec<(BlockKind, String)>) {
        let doc = Document::parse(source, Format::Html);
        let list = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text(&doc.text).to_owned()))
            .collect();
        (doc, list)
    }

    #[test]
    fn a_clinic_page_reads_into_blocks_without_chrome() {
        let (doc, got) = blocks(PAGE);
        let want: Vec<(BlockKind, &str)> = vec![
            (BlockKind::Title, "Chilblains"),
            (P, "Chilblains are small, itchy swellings that appear after the skin gets cold & then warms up too fast. They usually heal on their own."),
            (H(2), "Symptoms"),
            (LI(0, false), "Red or purple patches"),
            (LI(0, false), "Itching. Often worse in a warm room."),
            (LI(0, false), "Swelling"),
            (LI(1, false), "around the toes"),
            (LI(1, false), "on the fingers"),
            (C, "Do not rub the skin."),
            (C, "Never put feet near a fire."),
            (C, "Most people recover in two weeks."),
            (H(2), "Causes"),
            (P, "Cold and damp weather are the main triggers."),
            (LI(0, true), "Poor circulation"),
            (LI(0, true), "Smoking"),
            (BlockKind::TableRow, "Risk | How common"),
            (BlockKind::TableCell, "Risk"),
            (BlockKind::TableCell, "How common"),
            (BlockKind::TableRow, "Age over 60 | common"),
            (BlockKind::TableCell, "Age over 60"),
            (BlockKind::TableCell, "common"),
            (P, "Raynaud's"),
            (P, "A related circulation problem."),
            (H(3), "Where can I learn more?"),
            (P, "Ask your pharmacist."),
        ];
        let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(got, want);
        for chrome in [
            "cookies",
            "Accept",
            "Find a clinic",
            "Book online",
            "Home",
            "Elm Street",
            "byline",
            "Reviewed",
            "Treatment",
            "Share",
            "Related",
            "Frostbite",
            "newsletter",
            "Copyright",
            "SCRIPT",
            "color",
            "tracker",
        ] {
            assert!(!doc.text.contains(chrome), "{chrome} in {}", doc.text);
        }
    }

    #[test]
    fn spans_slice_the_stored_text_exactly() {
        let (doc, got) = blocks(PAGE);
        assert!(got.len() > 10);
        for (block, (_, text)) in doc.blocks.iter().zip(&got) {
            assert_eq!(&doc.text[block.span.start..block.span.end], text);
            assert!(!text.is_empty() && text.trim() == text);
        }
    }

    #[test]
    fn without_main_the_body_is_read_and_the_title_tag_names_it() {
        let (_, got) = blocks(
            "<title>Gout &ndash; facts</title><nav>Menu</nav><h2>Causes</h2>\
             <div>Uric acid<div>builds up</div></div><h3>Diet</h3>",
        );
        let want = [
            (BlockKind::Title, "Gout – facts"),
            (H(2), "Causes"),
            (P, "Uric acid"),
            (P, "builds up"),
            (H(3), "Diet"),
        ];
        let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(got, want);
        let (_, got) = blocks("<title>T</title><p>Intro</p><h1>First</h1><h1>Second</h1>");
        let want = [(P, "Intro"), (BlockKind::Title, "First"), (H(1), "Second")];
        let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_page_without_main_keeps_its_wrapped_content() {
        let page = r##"<html><body>
<div class="skip-link"><a href="#c">Skip to content</a></div>
<div id="page" class="layout layout--has-sidebar">
 <div class="sidebar"><ul><li>A to Z</li><li>Our hospitals</li></ul></div>
 <div role="main" id="c">
  <h1>Pressure <br>ulcers</h1>
  <div class="intro">Pressure ulcers are injuries to skin caused by long pressure.</div>
  <div role="alert"><strong>Urgent:</strong> see a nurse if the skin breaks.</div>
  <ol>
   <li><p>Reposition often</p><p>every two hours</p>
    <ol><li>in bed</li></ol>
    <p>Ask for help.</p>
   </li>
  </ol>
  <div class="social-share">Tweet this</div>
 </div>
</div>
<div class="modal"><p>Rate this page</p></div>
</body></html>"##;
        let (doc, got) = blocks(page);
        let want = [
            (BlockKind::Title, "Pressure ulcers"),
            (P, "Pressure ulcers are injuries to skin caused by long pressure."),
            (C, "Urgent: see a nurse if the skin breaks."),
            (LI(0, true), "Reposition often every two hours"),
            (LI(1, true), "in bed"),
            (P, "Ask for help."),
        ];
        let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(got, want);
        for chrome in ["Skip", "A to Z", "hospitals", "Tweet", "Rate"] {
            assert!(!doc.text.contains(chrome), "{chrome} in {}", doc.text);
        }
    }

    #[test]
    fn a_heading_above_the_root_is_the_title() {
        let (_, got) = blocks(
            "<title>Site | Gout</title><nav><h1>Menu</h1></nav>\
             <div class=hero><h1>Gout</h1></div><main><p>Joint pain.</p></main>",
        );
        let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(got, [(BlockKind::Title, "Gout"), (P, "Joint pain.")]);
    }

    #[test]
    fn chrome_words_match_whole_words_only() {
        assert!(super::has_word_str("site-cookieBanner", super::CHROME_WORDS));
        assert!(super::has_word_str("social_links", super::CHROME_WORDS));
        assert!(super::has_word_str("ads", super::CHROME_WORDS));
        assert!(!super::has_word_str("cartilage shared-care", super::CHROME_WORDS));
        assert!(!super::has_word_str("header-image", super::CHROME_WORDS));
    }

    #[test]
    fn odd_input_does_not_panic() {
        let deep = "<div>".repeat(5000) + "deep text";
        let lists = "<ul><li>".repeat(400) + "x";
        let odd = [
            "",
            "   ",
            "plain words, no tags",
            "<",
            "<<<>>></p></li></ul>",
            "<html><body></body></html>",
            "<li>stray item<li>another",
            "<table><td>cell<tr><th>head",
            "<p>unclosed <b>bold <i>italic</p> after",
            "<h1></h1><h1>   </h1>",
            "<main></main><article>x</article>",
            "<!-- only a comment -->",
            "<script>never closed",
            "&bogus; &#xFFFFFF; &#0; &amp",
            "\u{0}\u{feff}<p>\r\nnul</p>",
            "<svg><p>in svg</p></svg><math><mi>x</mi></math>",
            "<div class=\"\" id=\"\" role=\"\">empty attrs</div>",
            &deep,
            &lists,
        ];
        for s in odd {
            let doc = Document::parse(s, Format::Html);
            for b in &doc.blocks {
                assert!(doc.text.get(b.span.start..b.span.end).is_some());
            }
        }
    }
}
