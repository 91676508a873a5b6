//! The document model: one block tree for plain text, Markdown and HTML.
//!
//! Every article, whatever its format, becomes a [`Document`]: the text kb
//! stores (and quotes from) plus the blocks read from it, in document order.
//! The tree is kept flat: a heading's `level` and a list item's `depth` give
//! its place, so stages walk it as a sequence and still know what nests in
//! what. Every block's span is a byte range of [`Document::text`], so every
//! quote taken from a block is a verbatim span of what the database stores.
//!
//! - Plain text is stored as it is; its blocks come from layout heuristics
//!   ([`text`]). A page of two columns side by side is stored read column
//!   by column (`columns`), and a transcript without its cues' times, as
//!   it is heard (`transcript`).
//! - Markdown and HTML are stored as the readable text their blocks were
//!   built from (`Builder`): one block per line, list items marked, page
//!   chrome (navigation, forms, scripts) left out. The original file's
//!   SHA-256 is kept, so an edited file is still noticed.

use crate::text::Span;

mod cells;
mod columns;
mod furniture;
mod html;
mod markdown;
mod scan;
mod styles;
pub mod text;
mod transcript;
mod wrap;

/// SHA-256 in lower-case hex, as `crate::text::sha256_hex` gives it,
/// without a formatted string per byte.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

/// What a file is, by its extension (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The format of a file name, or `None` for a file that is no article.
    pub fn of_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum BlockKind {
    /// The document's own title (HTML `<title>`/first `<h1>`, Markdown's
    /// first `#`, a text file's first heading line).
    Title,
    /// A heading; level 1 is the largest. Plain-text headings get a level
    /// from their shape (numbered "2.1" is deeper than "2").
    Heading {
        level: u8,
    },
    Paragraph,
    /// A list item; depth 0 is the outermost list.
    ListItem {
        depth: u8,
        ordered: bool,
    },
    /// One row of a table; its cells follow it as [`BlockKind::TableCell`].
    TableRow,
    TableCell,
    /// A boxed aside inside the content: a warning, a tip, a blockquote.
    Callout,
}

/// One block: its kind and the byte span of its text (markers excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// A bold run that opens the block and does not fill it ("**Beta
    /// blockers**, such as ..."): the label the rest explains.
    pub lead: Option<Span>,
}

impl Block {
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        self.span.of(doc)
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Title | BlockKind::Heading { .. })
    }
}

/// An article read into blocks.
#[derive(Debug, Clone)]
pub struct Document {
    /// The text kb stores and quotes: the file itself for plain text, the
    /// readable text of a Markdown or HTML file.
    pub text: String,
    pub format: Format,
    /// SHA-256 of the original file's bytes.
    pub sha256: String,
    pub blocks: Vec<Block>,
}

impl Document {
    /// Read an article of the given format. `source` is the file's text;
    /// nothing here fails: a file with no readable blocks has none.
    pub fn parse(source: &str, format: Format) -> Document {
        let sha256 = sha256_hex(source.as_bytes());
        let (text, blocks) = match format {
            // A two-column page is stored as read, column by column, and a
            // transcript as heard, without its times.
            Format::Text => match columns::unfold(source).or_else(|| transcript::unfold(source)) {
                Some(read) => {
                    let blocks = text::blocks(&read);
                    (read, blocks)
                }
                None => (source.to_owned(), text::blocks(source)),
            },
            Format::Markdown => markdown::read(source).finish(),
            Format::Html => html::read(source).finish(),
        };
        Document {
            text,
            format,
            sha256,
            blocks,
        }
    }

    /// The title block's text, else the first heading's.
    pub fn title(&self) -> Option<&str> {
        let block = self.blocks.iter().find(|b| b.kind == BlockKind::Title);
        block
            .or_else(|| self.blocks.iter().find(|b| b.is_heading()))
            .map(|b| b.text(&self.text))
    }
}

/// Whether a paragraph is a row of links (a table of contents, "related
/// reading", tabs): two or more links and, outside them, at most a short
/// label ("In this article:") and separators. Such rows are page furniture.
pub(crate) fn is_link_row(links: usize, outside_links: &str) -> bool {
    let words = outside_links
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    links >= 2 && words <= 4
}

/// Builds the readable text of a structured document one block at a time,
/// recording each block's span. Blocks are separated by a blank line,
/// except consecutive list items and table rows, which stay one per line;
/// list items are written with a marker so the stored text reads as a list.
#[derive(Default)]
pub(crate) struct Builder {
    text: String,
    blocks: Vec<Block>,
    /// A table just ended: the next row starts another after a blank line.
    table_ended: bool,
}

impl Builder {
    /// Append a block. White space inside `content` is folded to single
    /// spaces; an empty block is dropped. Returns the block's span.
    pub fn push(&mut self, kind: BlockKind, content: &str) -> Option<Span> {
        let folded = content.split_whitespace().collect::<Vec<_>>().join(" ");
        if folded.is_empty() {
            return None;
        }
        if !self.text.is_empty() {
            // Only items of one list, or rows of one table, stay on
            // consecutive lines.
            let tight = !std::mem::take(&mut self.table_ended)
                && matches!(
                    (self.blocks.last().map(|b| b.kind), kind),
                    (Some(BlockKind::ListItem { .. }), BlockKind::ListItem { .. })
                        | (
                            Some(BlockKind::TableCell | BlockKind::TableRow),
                            BlockKind::TableRow
                        )
                );
            self.text.push_str(if tight { "\n" } else { "\n\n" });
        }
        if let BlockKind::ListItem { depth, ordered } = kind {
            for _ in 0..depth {
                self.text.push_str("  ");
            }
            self.text.push_str(if ordered { "1. " } else { "- " });
        }
        let start = self.text.len();
        self.text.push_str(&folded);
        let span = Span {
            start,
            end: self.text.len(),
        };
        self.blocks.push(Block {
            kind,
            span,
            lead: None,
        });
        Some(span)
    }

    /// [`Builder::push`] a block whose first `lead` words were bold: they
    /// become its lead, when words follow them.
    pub fn push_led(&mut self, kind: BlockKind, content: &str, lead: Option<usize>) -> Option<Span> {
        let span = self.push(kind, content)?;
        if let Some(n) = lead.filter(|&n| n > 0) {
            let text = span.of(&self.text);
            // The folded text has single spaces: the lead ends at the n-th.
            if let Some((end, _)) = text.match_indices(' ').nth(n - 1) {
                let lead = crate::text::trim(
                    &self.text,
                    Span {
                        start: span.start,
                        end: span.start + end,
                    },
                    &[':', '.', ',', ';', '-', '–', '—'],
                );
                if let Some(block) = self.blocks.last_mut() {
                    block.lead = Some(lead).filter(|l| !l.is_empty());
                }
            }
        }
        Some(span)
    }

    /// Append a table row: the row's text is its cells joined by " | ";
    /// each cell follows the row as its own block.
    /// End a table: rows pushed after this start a new one.
    pub fn end_table(&mut self) {
        self.table_ended = true;
    }

    pub fn push_row(&mut self, cells: &[String]) {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|c| !c.is_empty())
            .collect();
        if cells.is_empty() {
            return;
        }
        let Some(row) = self.push(BlockKind::TableRow, &cells.join(" | ")) else {
            return;
        };
        let mut at = row.start;
        for cell in &cells {
            let span = Span {
                start: at,
                end: at + cell.len(),
            };
            self.blocks.push(Block {
                kind: BlockKind::TableCell,
                span,
                lead: None,
            });
            at = span.end + " | ".len();
        }
    }

    /// Append another builder's blocks (HTML inside Markdown); its title
    /// becomes a level-1 heading, as the outer document has its own.
    pub fn append(&mut self, other: Builder) {
        let (text, blocks) = other.finish();
        let mut rest = blocks.iter().peekable();
        while let Some(block) = rest.next() {
            match block.kind {
                BlockKind::TableRow => {
                    let mut cells = Vec::new();
                    while let Some(cell) = rest.next_if(|b| b.kind == BlockKind::TableCell) {
                        cells.push(cell.text(&text).to_owned());
                    }
                    self.push_row(&cells);
                }
                BlockKind::TableCell => {}
                BlockKind::Title => {
                    self.push(BlockKind::Heading { level: 1 }, block.text(&text));
                }
                kind => {
                    self.push(kind, block.text(&text));
                }
            }
        }
    }

    pub fn finish(self) -> (String, Vec<Block>) {
        (self.text, self.blocks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_hex_as_the_shared_one() {
        for bytes in [&b""[..], b"abc", "Gout \u{2013} facts".as_bytes()] {
            assert_eq!(sha256_hex(bytes), crate::text::sha256_hex(bytes));
        }
    }

    #[test]
    fn formats_follow_extensions_in_any_case() {
        assert_eq!(Format::of_name("a.TXT"), Some(Format::Text));
        assert_eq!(Format::of_name("b.Md"), Some(Format::Markdown));
        assert_eq!(Format::of_name("c.htm"), Some(Format::Html));
        assert_eq!(Format::of_name("d.json"), None);
        assert_eq!(Format::of_name("noext"), None);
    }

    #[test]
    fn the_builder_records_verbatim_spans() {
        let mut b = Builder::default();
        b.push(BlockKind::Title, "  Gout\n facts ");
        b.push(
            BlockKind::ListItem {
                depth: 0,
                ordered: false,
            },
            "red wine",
        );
        b.push(
            BlockKind::ListItem {
                depth: 1,
                ordered: true,
            },
            "beer",
        );
        b.push_row(&["Age".into(), " over 40 ".into()]);
        b.push(BlockKind::Paragraph, "   ");
        let (text, blocks) = b.finish();
        let texts: Vec<&str> = blocks.iter().map(|b| b.text(&text)).collect();
        assert_eq!(
            texts,
            [
                "Gout facts",
                "red wine",
                "beer",
                "Age | over 40",
                "Age",
                "over 40"
            ]
        );
        assert_eq!(text, "Gout facts\n\n- red wine\n  1. beer\n\nAge | over 40");
    }
}
