//! Markdown articles into blocks, with pulldown-cmark (CommonMark + tables).
//!
//! The event stream is walked once. Inline markup is dropped and only the
//! words are kept: link text without its URL, inline code text, no images,
//! no raw HTML tags. Block rules:
//!
//! - the first heading is the Title when it is a `#` heading; every other
//!   heading is a Heading of its own level;
//! - a paragraph that is wholly bold ("**Causes**") is read as a heading one
//!   level under the current one, as web-exported articles use it that way;
//!   a wholly bold *sentence* (ending in '.' or '!') stays a paragraph;
//! - a list item's own text is one ListItem, pushed before its nested list;
//!   text in the item after a nested list is a Paragraph;
//! - each paragraph in a blockquote is a Callout;
//! - an HTML block (a `<table>`, a `<div class="note">`) is read with the
//!   HTML reader, its chrome dropped as in an HTML page;
//! - a paragraph that is only a row of links (a contents or "related" row,
//!   see [`super::is_link_row`]) is dropped;
//! - heading attributes (`## Causes {#causes}`), YAML front matter,
//!   footnotes and strikethrough are parsed as such, so ids, metadata,
//!   footnote markers and "~~" are not read as article text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{BlockKind, Builder};

/// An open container the current text belongs to.
enum Open {
    List { ordered: bool },
    Item { depth: u8, ordered: bool, emitted: bool },
    Quote,
}

#[derive(Default)]
struct Reader {
    b: Builder,
    open: Vec<Open>,
    /// Inline text of the block being read.
    buf: String,
    /// Inside an image or front matter: not article text.
    image: usize,
    strong: usize,
    /// Words of a bold run that opened the current block, and whether
    /// that run is still open.
    lead: Option<usize>,
    lead_open: bool,
    /// Whether the current paragraph has words outside / inside bold.
    plain_words: bool,
    bold_words: bool,
    heading: Option<HeadingLevel>,
    /// The last real heading's level (the title counts as 1), 0 before any.
    level: u8,
    seen_heading: bool,
    cells: Vec<String>,
    in_cell: bool,
    /// The raw text of the HTML block being read.
    html: String,
    /// Links in the current paragraph, and its text outside links.
    link: usize,
    links: usize,
    outside_links: String,
}

pub(crate) fn read(source: &str) -> Builder {
    let mut r = Reader::default();
    for event in Parser::new_ext(
        source,
        Options::ENABLE_TABLES
            | Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH,
    ) {
        r.event(event);
    }
    r.flush_item();
    let rest = std::mem::take(&mut r.buf);
    r.b.push(BlockKind::Paragraph, &rest);
    r.b
}

fn is_br(tag: &str) -> bool {
    let name = tag.trim_start_matches('<').trim_start_matches('/');
    name.len() >= 2
        && name[..2].eq_ignore_ascii_case("br")
        && !name[2..].starts_with(|c: char| c.is_ascii_alphanumeric())
}

impl Reader {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            // Inline tags are dropped, but a <br> still parts two words.
            Event::InlineHtml(tag) if is_br(&tag) => self.text(" "),
            // An HTML block is read by the HTML reader when it ends.
            Event::Html(raw) => self.html.push_str(&raw),
            // Rules, task markers, math: no article words.
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.image > 0 {
            return;
        }
        if self.in_cell {
            if let Some(cell) = self.cells.last_mut() {
                cell.push_str(t);
            }
            return;
        }
        if self.link == 0 {
            self.outside_links.push_str(t);
        }
        if !t.trim().is_empty() {
            if self.strong > 0 {
                self.bold_words = true;
            } else {
                self.plain_words = true;
            }
        }
        self.buf.push_str(t);
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                self.plain_words = false;
                self.bold_words = false;
                self.links = 0;
                self.outside_links.clear();
            }
            Tag::Link { .. } => {
                self.link += 1;
                self.links += 1;
            }
            Tag::Heading { level, .. } => {
                self.flush_item();
                self.heading = Some(level);
            }
            Tag::List(first) => {
                self.flush_item();
                self.open.push(Open::List {
                    ordered: first.is_some(),
                });
            }
            Tag::Item => {
                let (depth, ordered) = self.list_place();
                self.open.push(Open::Item {
                    depth,
                    ordered,
                    emitted: false,
                });
            }
            Tag::BlockQuote(_) => {
                self.flush_item();
                self.open.push(Open::Quote);
            }
            Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock => self.flush_item(),
            Tag::TableCell => {
                self.cells.push(String::new());
                self.in_cell = true;
            }
            Tag::Strong => {
                if self.strong == 0 && self.buf.trim().is_empty() {
                    self.lead = None;
                    self.lead_open = true;
                }
                self.strong += 1;
            }
            Tag::Image { .. } | Tag::MetadataBlock(_) => self.image += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.end_paragraph(),
            TagEnd::Heading(level) => {
                self.heading = None;
                self.lead = None;
                let mut text = std::mem::take(&mut self.buf);
                // A wiki export's "## Causes [[edit](...)]": the edit link is
                // the site's, not the heading's (as in HTML, where it is chrome).
                if let Some(kept) = text.trim_end().strip_suffix("[edit]") {
                    text.truncate(kept.len());
                }
                let n = level as u8;
                if !self.seen_heading && level == HeadingLevel::H1 {
                    self.b.push(BlockKind::Title, &text);
                } else {
                    self.b.push(BlockKind::Heading { level: n }, &text);
                }
                self.seen_heading = true;
                self.level = n;
            }
            TagEnd::Item => {
                self.flush_item();
                self.open.pop();
            }
            TagEnd::List(_) | TagEnd::BlockQuote(_) => {
                self.open.pop();
            }
            TagEnd::HtmlBlock => {
                let raw = std::mem::take(&mut self.html);
                self.b.append(super::html::read(&raw));
            }
            TagEnd::CodeBlock => {
                let text = std::mem::take(&mut self.buf);
                self.b.push(BlockKind::Paragraph, &text);
            }
            TagEnd::TableCell => self.in_cell = false,
            TagEnd::Table => self.b.end_table(),
            TagEnd::TableHead | TagEnd::TableRow => {
                let cells = std::mem::take(&mut self.cells);
                self.b.push_row(&cells);
            }
            TagEnd::Strong => {
                self.strong = self.strong.saturating_sub(1);
                if self.strong == 0 && self.lead_open {
                    self.lead_open = false;
                    self.lead = Some(self.buf.split_whitespace().count());
                }
            }
            TagEnd::Link => self.link = self.link.saturating_sub(1),
            TagEnd::Image | TagEnd::MetadataBlock(_) => self.image = self.image.saturating_sub(1),
            _ => {}
        }
    }

    /// Depth and kind of a new item: one level per enclosing list.
    fn list_place(&self) -> (u8, bool) {
        let lists = self
            .open
            .iter()
            .filter(|o| matches!(o, Open::List { .. }))
            .count();
        let ordered = self.open.iter().rev().find_map(|o| match o {
            Open::List { ordered } => Some(*ordered),
            _ => None,
        });
        (
            lists.saturating_sub(1).min(u8::MAX as usize) as u8,
            ordered.unwrap_or(false),
        )
    }

    fn end_paragraph(&mut self) {
        match self.open.last() {
            // A loose item's paragraphs are the item's own text; they are
            // pushed when the item ends or a nested block starts.
            Some(Open::Item { emitted: false, .. }) => self.buf.push(' '),
            Some(Open::Quote) => {
                let text = std::mem::take(&mut self.buf);
                self.b.push_led(BlockKind::Callout, &text, self.lead.take());
            }
            _ => {
                let text = std::mem::take(&mut self.buf);
                if super::is_link_row(self.links, &self.outside_links) {
                    return;
                }
                let kind = if self.is_bold_heading(&text) {
                    // Under the title's level at least: a bold line before
                    // any heading is a section or a kicker, not the title.
                    BlockKind::Heading {
                        level: (self.level + 1).clamp(2, 6),
                    }
                } else {
                    BlockKind::Paragraph
                };
                self.b.push_led(kind, &text, self.lead.take());
            }
        }
    }

    fn is_bold_heading(&self, text: &str) -> bool {
        let text = text.trim_end();
        self.bold_words
            && !self.plain_words
            && !text.ends_with('.')
            && !text.ends_with('!')
            && matches!(self.open.last(), None | Some(Open::List { .. }))
    }

    /// Push the innermost open item's own text, if it has any pending.
    fn flush_item(&mut self) {
        if let Some(Open::Item {
            depth,
            ordered,
            emitted,
        }) = self.open.last_mut()
        {
            let kind = if *emitted {
                BlockKind::Paragraph
            } else {
                BlockKind::ListItem {
                    depth: *depth,
                    ordered: *ordered,
                }
            };
            let text = std::mem::take(&mut self.buf);
            if self.b.push_led(kind, &text, self.lead.take()).is_some() {
                *emitted = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BlockKind, Document, Format};

    fn blocks(source: &str) -> (Document, Vec<(BlockKind, String)>) {
        let doc = Document::parse(source, Format::Markdown);
        let list = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text(&doc.text).to_owned()))
            .collect();
        (doc, list)
    }

    const H: fn(u8) -> BlockKind = |level| BlockKind::Heading { level };
    const LI: fn(u8, bool) -> BlockKind = |depth, ordered| BlockKind::ListItem { depth, ordered };
    const P: BlockKind = BlockKind::Paragraph;

    const ARTICLE: &str = "\
---
title: Chilblains page
---
# Chilblains

![A cold foot](/img/foot.jpg)

Chilblains are *small*, ~~painful~~ itchy swellings on the skin[^1]
that appear after exposure to [cold air](https://example.org/cold).

*In this article:* [Symptoms](#symptoms) · [Causes](#causes)

## Symptoms {#symptoms}

**What to look for**

- Red or purple patches
- Burning and itching, often worse in a warm room
  - sometimes with blisters
- **Swelling.** The skin may puff up around the toes.

## Causes

1. Poor circulation

   Blood vessels narrow in the cold and react too fast when warmed.

   - smoking
   - low body weight
2. Damp housing<br>and `wet socks`

| Risk | How common |
|------|------------|
| Age over 60 | *common* |

> Do not rub the skin or put it near a fire.
>
> See a GP if the swelling does not go down.

**Tip: keep your feet warm and dry.**

[^1]: Also called pernio.
";

    #[test]
    fn a_web_style_article_reads_into_blocks() {
        let (doc, got) = blocks(ARTICLE);
        let want: Vec<(BlockKind, &str)> = vec![
            (BlockKind::Title, "Chilblains"),
            (
                P,
                "Chilblains are small, painful itchy swellings on the skin that appear after exposure to cold air.",
            ),
            (H(2), "Symptoms"),
            (H(3), "What to look for"),
            (LI(0, false), "Red or purple patches"),
            (LI(0, false), "Burning and itching, often worse in a warm room"),
            (LI(1, false), "sometimes with blisters"),
            (LI(0, false), "Swelling. The skin may puff up around the toes."),
            (H(2), "Causes"),
            (
                LI(0, true),
                "Poor circulation Blood vessels narrow in the cold and react too fast when warmed.",
            ),
            (LI(1, false), "smoking"),
            (LI(1, false), "low body weight"),
            (LI(0, true), "Damp housing and wet socks"),
            (BlockKind::TableRow, "Risk | How common"),
            (BlockKind::TableCell, "Risk"),
            (BlockKind::TableCell, "How common"),
            (BlockKind::TableRow, "Age over 60 | common"),
            (BlockKind::TableCell, "Age over 60"),
            (BlockKind::TableCell, "common"),
            (BlockKind::Callout, "Do not rub the skin or put it near a fire."),
            (BlockKind::Callout, "See a GP if the swelling does not go down."),
            (P, "Tip: keep your feet warm and dry."),
            (P, "Also called pernio."),
        ];
        let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(got, want);
        assert!(!doc.text.contains("example.org"), "{}", doc.text);
        assert!(!doc.text.contains("A cold foot"));
        assert!(!doc.text.contains("In this article") && !doc.text.contains('#'));
        assert!(!doc.text.contains("page") && !doc.text.contains('^') && !doc.text.contains('~'));

        assert!(!doc.text.contains("**") && !doc.text.contains("<br>"));
    }

    #[test]
    fn spans_slice_the_stored_text_exactly() {
        let (doc, got) = blocks(ARTICLE);
        assert!(!got.is_empty());
        for (block, (_, text)) in doc.blocks.iter().zip(&got) {
            assert_eq!(&doc.text[block.span.start..block.span.end], text);
            assert!(!text.is_empty() && text.trim() == text);
        }
    }

    #[test]
    fn a_wiki_exports_edit_links_leave_its_headings() {
        let (_, got) =
            blocks("# Foo rash\n\n## Causes [[edit](https://w.example/?action=edit&section=2)]\n\nHeat.\n");
        let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(
            got,
            [(BlockKind::Title, "Foo rash"), (H(2), "Causes"), (P, "Heat.")]
        );
    }

    #[test]
    fn a_document_not_opening_with_a_top_heading_has_no_title() {
        let (_, got) = blocks("## Overview\n\nText.\n\n# Later\n\n**Bold**\n");
        assert_eq!(
            got.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            [H(2), P, H(1), H(2)]
        );
    }

    #[test]
    fn html_blocks_are_read_as_html() {
        let (_, got) = blocks(
            "# Hives\n\n<!-- editor: check -->\n\n<table>\n<tr><th>Sign</th><th>Do</th></tr>\n\
             <tr><td>Lip swelling</td><td>call 999</td></tr>\n</table>\n\n\
             <div class=\"note\">Most hives fade <b>within a day</b>.</div>\n\n\
             <script>track()</script>\n\n<h1>More</h1>\n",
        );
        let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
        let want = [
            (BlockKind::Title, "Hives"),
            (BlockKind::TableRow, "Sign | Do"),
            (BlockKind::TableCell, "Sign"),
            (BlockKind::TableCell, "Do"),
            (BlockKind::TableRow, "Lip swelling | call 999"),
            (BlockKind::TableCell, "Lip swelling"),
            (BlockKind::TableCell, "call 999"),
            (BlockKind::Callout, "Most hives fade within a day."),
            (H(1), "More"),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let odd = [
            "",
            "\n\n\n",
            "#",
            "- \n  - \n    - ",
            "> > > deep\n>\n> - x",
            "| a |\n|---|\n| b | c | d |",
            "**unclosed *mixed _marks",
            "```\nnever closed",
            "<div>raw <b>html</b></div>\n\ntext",
            "[link](",
            "![img](x) only",
            "\u{0}\u{feff}\r\n\r\n# é\r\n",
            &"- x\n".repeat(50),
            &format!("{}x", "  ".repeat(40)),
            &format!("{}x", "> ".repeat(300)),
            &format!("{}x", "- ".repeat(300)),
        ];
        for s in odd {
            let doc = Document::parse(s, Format::Markdown);
            for b in &doc.blocks {
                assert!(doc.text.get(b.span.start..b.span.end).is_some());
            }
        }
    }
}
