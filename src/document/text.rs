//! Plain-text articles into blocks, by layout alone (no vocabulary).
//!
//! Text copied from web pages, PDFs and forums marks structure by shape:
//! short lines standing alone are headings, marked or indented lines are
//! list items, tab- or space-padded lines are table rows, lines broken at a
//! fixed width are one paragraph. The file is stored as it is; every block
//! is a span of it.

use std::borrow::Cow;

use super::cells::{cell_table, table_row};
use super::scan::{has_three_spaces, key_starts, words_up_to};
use super::wrap::{continuation, fills_width, wrap_width};
use super::{Block, BlockKind};
use crate::text::{trim, unnumbered, Span};

pub(super) const BULLETS: &[char] = &[
    '•', '-', '*', '+', '·', '–', '○', '▪', '◦', '►', '✓', '✔', '✅', '👉', '☐', '☑',
];

/// One non-blank line, with the shape facts the passes below need.
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// The trimmed line.
    pub(super) span: Span,
    pub(super) indent: usize,
    /// A blank line (or the file's edge) stands before / after it.
    pub(super) blank_before: bool,
    pub(super) blank_after: bool,
    /// The text after a list marker, when there is one.
    pub(super) item: Option<Span>,
    pub(super) ordered: bool,
    /// The line holds a tab (a table's row): asked of every line by the
    /// block, continuation and cell passes, each a search of the line.
    pub(super) tab: bool,
    /// The line's words, counted up to [`Line::COUNTED`]: the passes below
    /// ask for a line's words up to 6, 8, 14 or 15, and each asking
    /// scanned the line again.
    words: u8,
}

impl Line {
    /// Words are counted up to this many (the largest limit asked, plus one).
    const COUNTED: usize = 16;

    /// `words_up_to(text, limit)` of the line, for a limit up to [`Line::COUNTED`].
    pub(super) fn words_up_to(&self, limit: usize) -> usize {
        debug_assert!(limit <= Self::COUNTED);
        usize::from(self.words).min(limit)
    }

    /// `at_most_words(text, n)` of the line, for `n` under [`Line::COUNTED`].
    fn at_most_words(&self, n: usize) -> bool {
        debug_assert!(n < Self::COUNTED);
        usize::from(self.words) <= n
    }
}

/// An item of a list without markers, read from its layout.
const UNMARKED_ITEM: BlockKind = BlockKind::ListItem {
    depth: 0,
    ordered: false,
};

/// Read a plain-text article into blocks.
pub(crate) fn blocks(doc: &str) -> Vec<Block> {
    let mut lines = split_lines(doc);
    super::furniture::drop_page_furniture(doc, &mut lines);
    drop_contents_lists(doc, &mut lines);
    let wrap = wrap_width(doc, &lines);
    let mut out: Vec<Block> = Vec::new();
    // After a line ending in ':' the following unmarked lines are a list.
    let mut lead_in = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let text = line.span.of(doc);
        if let Some(item) = line.item {
            let (end, next) = continuation(doc, &lines, i, wrap, true);
            let depth = (line.indent / 2).min(6) as u8;
            push(
                &mut out,
                doc,
                BlockKind::ListItem {
                    depth,
                    ordered: line.ordered,
                },
                Span {
                    start: item.start,
                    end,
                },
            );
            // A list with markers ends at the first line without one: "Cause
            // & Risk factors" straight under "• fever" is the next heading,
            // no item. (An item ending in ':' leads a list of its own.)
            lead_in = text.ends_with(':');
            i = next;
            continue;
        }
        if line.blank_before && !lead_in {
            if let Some(n) = cell_table(&mut out, doc, &lines[i..]) {
                i += n;
                continue;
            }
        }
        if line.tab || has_three_spaces(text) && padded_cells(text).len() >= 2 {
            table_row(&mut out, doc, line.span);
            i += 1;
            continue;
        }
        // "Other causes include:" then short lines, one thing a line: the
        // list goes on line by line (a blank line may part it from its
        // lead-in), though a line of it looks like a heading. (Not in a
        // hard-wrapped file, where a short line may be a sentence's.)
        if lead_in
            && wrap.is_none()
            && list_line(doc, line)
            && (!line.blank_before || starts_list_run(doc, &lines, i))
        {
            push(&mut out, doc, UNMARKED_ITEM, line.span);
            lead_in = !line.blank_after;
            i += 1;
            continue;
        }
        // So are short blocks set apart by blank lines that open in lower
        // case, no sentence's start (a leaflet copied from a PDF: "It can
        // be caused by:", then "ear wax blocking your ear", ...), each
        // with the lines it wraps on to.
        if lead_in && line.blank_before && line.item.is_none() && text.starts_with(|c: char| c.is_lowercase())
        {
            let (end, next) = continuation(doc, &lines, i, wrap, false);
            let whole = &doc[line.span.start..end];
            if !ends_sentence(whole) && !whole.ends_with(':') && at_most_words(whole, 14) {
                let span = Span {
                    start: line.span.start,
                    end,
                };
                push(&mut out, doc, UNMARKED_ITEM, span);
                i = next;
                continue;
            }
        }
        if let Some(mut title) =
            heading(doc, line, lines.get(i + 1), wrap).filter(|_| !wraps_on(doc, &lines, i, wrap))
        {
            let level = heading_level(title.of(doc), text);
            // "STOMACH ULCERS (ALSO CALLED PEPTIC" over "ULCERS): WHAT THEY
            // ARE" in a hard-wrapped file: one heading wrapped on to a second
            // line of capitals.
            // (Only a first line that fills the width wrapped: "WARNING" over
            // a sentence in capitals is a heading and its text.)
            let mut last = i;
            let full = fills_width(doc, line, wrap);
            if let Some(next) = lines.get(i + 1).filter(|n| {
                let more = n.span.of(doc);
                full && !n.blank_before
                    && n.item.is_none()
                    && capitals(text)
                    && capitals(more)
                    && !more.ends_with(['.', '!'])
                    && line.words_up_to(15) + n.words_up_to(15) <= 14
            }) {
                if !text.ends_with(['.', '!', '?', ':']) {
                    title.end = trim(doc, next.span, &[':']).end;
                    last = i + 1;
                }
            }
            push(&mut out, doc, BlockKind::Heading { level }, title);
            // "Early symptoms may include:" read as a heading still leads
            // the list under it.
            lead_in = lines[last].span.of(doc).trim_end().ends_with(':');
            i = last + 1;
            continue;
        }
        let (end, next) = continuation(doc, &lines, i, wrap, false);
        let span = Span {
            start: line.span.start,
            end,
        };
        let whole = span.of(doc);
        // An unmarked list: short lines, no sentence ending, after a lead-in.
        let kind = if lead_in
            && !line.blank_before
            && !ends_sentence(whole)
            && !whole.ends_with(':')
            && at_most_words(whole, 14)
        {
            UNMARKED_ITEM
        } else {
            lead_in = false;
            BlockKind::Paragraph
        };
        push(&mut out, doc, kind, span);
        if whole.ends_with(':')
            || kind == BlockKind::Paragraph && clause_runs_into_list(doc, whole, &lines, next)
        {
            lead_in = true;
        } else if lines[next - 1].blank_after {
            lead_in = false;
        }
        i = next;
    }
    out
}

pub(super) fn push(out: &mut Vec<Block>, doc: &str, kind: BlockKind, span: Span) {
    let span = trim(doc, span, &[]);
    if !span.is_empty() {
        out.push(Block {
            kind,
            span,
            lead: None,
        });
    }
}

pub(super) fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// `words(s) <= n`, without counting the words of a long paragraph.
pub(super) fn at_most_words(s: &str, n: usize) -> bool {
    words_up_to(s, n + 1) <= n
}

/// Whether the paragraph `lead`, whose lines end before `next`, is a lead-in that
/// lost its colon and the list its bullets (a web page copied as text:
/// "Symptoms include" over one item a line): it breaks off mid-clause,
/// ending in a lower-case word, and two or more short lines that end no
/// sentence follow it with no blank line between.
fn clause_runs_into_list(doc: &str, lead: &str, lines: &[Line], next: usize) -> bool {
    let last = &lines[next - 1];
    // Four words or more: a clause ("Symptoms of gout include"), not the
    // first of a column of labels ("Between the fingers").
    let mid_clause = lead.ends_with(|c: char| c.is_ascii_lowercase()) && !at_most_words(lead, 3);
    let short = |l: &Line| l.item.is_none() && !ends_sentence(l.span.of(doc)) && l.at_most_words(14);
    mid_clause
        && !last.blank_after
        && lines.get(next).is_some_and(|l| short(l) && !l.blank_after)
        && lines.get(next + 1).is_some_and(short)
}

/// Whether line `i`'s sentence goes on in the next line, in a file with
/// no wrap width (an easy read leaflet's short lines, "This is when sound
/// cannot get" over "through the middle part of your ear."): it ends no
/// sentence, and the next follows with no blank line, unmarked, in lower
/// case, and is no item of an unmarked list run.
fn wraps_on(doc: &str, lines: &[Line], i: usize, wrap: Option<usize>) -> bool {
    let text = lines[i].span.of(doc);
    let Some(next) = lines.get(i + 1) else {
        return false;
    };
    // In a hard-wrapped file a line that fills the width is a sentence's,
    // not a lead-in to short lines (an e-mail wrapped at 40 columns).
    let full = fills_width(doc, &lines[i], wrap);
    // (Three words or fewer is a heading's length: "Other common symptoms"
    // over its one item.)
    !next.blank_before
        && !at_most_words(text, 3)
        && next.item.is_none()
        && lines[i].item.is_none()
        && !text.ends_with(['.', '!', '?', ':'])
        && next.span.of(doc).starts_with(|c: char| c.is_lowercase())
        && (full || !clause_runs_into_list(doc, text, lines, i + 1))
}

/// Whether a line is in capitals (three letters or more, none lower case).
fn capitals(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    letters.clone().all(|c| c.is_uppercase()) && letters.nth(2).is_some()
}

/// A line that can be one item of an unmarked list: short, unmarked, and
/// ending no sentence and leading nothing.
fn list_line(doc: &str, line: &Line) -> bool {
    let text = line.span.of(doc);
    line.item.is_none() && !ends_sentence(text) && !text.ends_with(':') && line.at_most_words(14)
}

/// Whether line `i` opens a run of two or more list lines with no blank
/// line between them.
fn starts_list_run(doc: &str, lines: &[Line], i: usize) -> bool {
    !lines[i].blank_after && lines.get(i + 1).is_some_and(|l| list_line(doc, l))
}

pub(super) fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', '!', ';', ','])
}

fn split_lines(doc: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut start = 0;
    let mut blank = true;
    // (Most files hold no tab: one search of the whole file says so.)
    let tabs = doc.as_bytes().contains(&b'\t');
    // `doc.split_inclusive('\n')`, without a searcher set up per line.
    let bytes = doc.as_bytes();
    let mut at = 0;
    let raws = std::iter::from_fn(|| {
        let end = super::scan::newline_in(&bytes[at..]).map_or(bytes.len(), |p| at + p + 1);
        let raw = (at < bytes.len()).then(|| &doc[at..end]);
        at = end;
        raw
    });
    for raw in raws {
        let body = raw.trim_end_matches(['\n', '\r']);
        // (An empty line is blank without the trim's slow path.)
        let span = if body.is_empty() {
            Span { start, end: start }
        } else {
            trim(
                doc,
                Span {
                    start,
                    end: start + body.len(),
                },
                &[],
            )
        };
        start += raw.len();
        if span.is_empty() {
            if let Some(last) = out.last_mut() {
                last.blank_after = true;
            }
            blank = true;
            continue;
        }
        let indent = body.len() - body.trim_start().len();
        let (item, ordered) = marker(doc, span);
        out.push(Line {
            span,
            indent,
            blank_before: blank,
            blank_after: false,
            item,
            ordered,
            tab: tabs && span.of(doc).contains('\t'),
            words: words_up_to(span.of(doc), Line::COUNTED) as u8,
        });
        blank = false;
    }
    if let Some(last) = out.last_mut() {
        last.blank_after = true;
    }
    out
}

/// The item text after a bullet ("• x", "- x") or a list number ("1. x",
/// "2) x"), with whether it is numbered. "1 Signs" (a numbered heading)
/// and "-5 degrees" are not items.
fn marker(doc: &str, line: Span) -> (Option<Span>, bool) {
    let text = line.of(doc);
    let mut chars = text.char_indices();
    let Some((_, first)) = chars.next() else {
        return (None, false);
    };
    if BULLETS.contains(&first) {
        // "✔️ red patches": a mark drawn as an emoji carries a variation
        // selector after it.
        let mark = first.len_utf8() + text[first.len_utf8()..].strip_prefix('\u{fe0f}').map_or(0, |_| 3);
        let rest = &text[mark..];
        if rest.starts_with(char::is_whitespace) {
            let item = trim(
                doc,
                Span {
                    start: line.start + mark,
                    end: line.end,
                },
                &[],
            );
            return (Some(item).filter(|s| !s.is_empty()), false);
        }
        return (None, false);
    }
    // "a) Plaque psoriasis - ...": a lettered item.
    let letter = first.is_ascii_lowercase() && text[1..].starts_with(") ");
    let digits = if letter {
        1
    } else {
        text.chars().take_while(char::is_ascii_digit).count()
    };
    // "1 ) Sciatica": a space may stand before the bracket.
    let gap = usize::from(!letter && digits > 0 && text[digits..].starts_with(" )"));
    if (1..=2).contains(&digits)
        && text[digits + gap..].starts_with([')', '.'])
        && (letter || first.is_ascii_digit())
    {
        let digits = digits + gap;
        let rest = &text[digits + 1..];
        // "2.1 Causes" is a numbered heading; "2. Apply" an item.
        if rest.starts_with(' ') && rest.trim_start().starts_with(|c: char| c.is_alphabetic()) {
            let item = trim(
                doc,
                Span {
                    start: line.start + digits + 1,
                    end: line.end,
                },
                &[],
            );
            // A numbered line that reads as a title ("3. Diagnosis", no
            // sentence) is left to the heading pass when it stands alone.
            return (Some(item), true);
        }
    }
    (None, false)
}

/// The words of a line with list numbering ("2.1", "3\t") and a wiki
/// "[edit]" taken off: what a contents entry and its heading share, compared
/// in lower case by [`key_starts`]. ASCII is kept as it is (every line of a
/// document with a list gets a key, and most are ASCII), and so is text
/// whose other characters are lower case already (a bullet, a dash); the
/// rest is lower-cased here.
pub(super) fn entry_key(s: &str) -> Cow<'_, str> {
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c.is_whitespace());
    let s = s.strip_suffix("[edit]").unwrap_or(s);
    let s = s.trim().trim_end_matches([':', '?']);
    // Text whose non-ASCII characters are each their own lower case (a
    // bullet, a dash, "é") compares as its lower-case copy does.
    if crate::text::lower_outside_ascii(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// A run of three or more short lines most of which start a later heading
/// of the same document is a table of contents ("On this page", "Contents"):
/// navigation, dropped with the label line before it.
fn drop_contents_lists(doc: &str, lines: &mut Vec<Line>) {
    let short = |l: &Line| !ends_sentence(l.span.of(doc)) && l.at_most_words(8);
    let mut drop = vec![false; lines.len()];
    // Each line's key, made once when a run needs them (a run is compared
    // with every later line).
    let mut keys: Vec<Cow<'_, str>> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len() && short(&lines[j]) && (j == i || !lines[j].blank_before) {
            j += 1;
        }
        if j - i >= 3 {
            if keys.is_empty() {
                keys = lines.iter().map(|l| entry_key(l.span.of(doc))).collect();
            }
            let later = &keys[j..];
            let hits = (i..j)
                .filter(|&k| {
                    let key = &keys[k];
                    !key.is_empty() && later.iter().any(|h| key_starts(h, key))
                })
                .count();
            if hits * 2 > j - i && hits >= 3 {
                // The first line of the run is its label when it heads no
                // later section itself.
                drop[i..j].iter_mut().for_each(|d| *d = true);
            }
        }
        i = j.max(i + 1);
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// Cells of a line padded into columns with runs of 3 or more spaces.
fn padded_cells(text: &str) -> Vec<&str> {
    text.split("   ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// The title of a heading line, when the line is one: short, not a
/// sentence, standing apart (a blank line around it, or prose or a list
/// right under it), or marked as one (Markdown '#', '**bold**', ALL CAPS,
/// a question, a wiki "[edit]", a numbered title).
fn heading(doc: &str, line: &Line, next: Option<&Line>, wrap: Option<usize>) -> Option<Span> {
    let text = line.span.of(doc);
    if let Some(rest) = text.strip_prefix('#') {
        let hashes = 1 + rest.chars().take_while(|&c| c == '#').count();
        let title = trim(
            doc,
            Span {
                start: line.span.start + hashes,
                end: line.span.end,
            },
            &['#'],
        );
        return (!title.is_empty() && text[hashes..].starts_with(' ')).then(|| unnumbered(doc, title));
    }
    for mark in ["**", "__"] {
        if let Some(inner) = text.strip_prefix(mark).and_then(|t| t.strip_suffix(mark)) {
            if !inner.contains(mark) && inner.chars().any(char::is_alphanumeric) && words(inner) <= 12 {
                return Some(trim(doc, line.span, &['*', '_', ':']));
            }
        }
    }
    let edit = text.strip_suffix("[edit]");
    // Words counted up to 15 only: a longer line is no heading, and every
    // paragraph's line is asked.
    let n = line.words_up_to(15);
    let first = text.chars().next()?;
    if !(first.is_uppercase() || first.is_ascii_digit()) || n > 14 {
        return None;
    }
    let title = trim(
        doc,
        Span {
            start: line.span.start,
            end: line.span.end - edit.map_or(0, |_| "[edit]".len()),
        },
        &[':'],
    );
    let title = unnumbered(doc, title);
    if edit.is_some() {
        return Some(title);
    }
    if ends_sentence(text) || text.ends_with(')') && n > 8 {
        return None;
    }
    let caps = capitals(text);
    let question = text.ends_with('?');
    // In a hard-wrapped file a short line is often a paragraph's last.
    let apart = line.blank_before || next.is_none_or(|n| n.blank_before || n.item.is_some());
    let wrapped_tail = wrap.is_some() && !line.blank_before;
    let label = text.ends_with(':');
    if label && (n > 4 || wrapped_tail) {
        return None;
    }
    // A short line right above a sentence heads it; above another short
    // line it is more likely a list's first item.
    let above_prose = next.is_some_and(|n| n.words_up_to(8) == 8 || n.span.of(doc).ends_with('.'));
    let plain = n <= 10 && (apart || above_prose);
    (caps || question || plain && !wrapped_tail || label && apart).then_some(title)
}

/// A heading's level from its shape: Markdown hashes, numbering depth
/// ("2" is 2, "2.1" is 3), else 2 (the page title is 1).
fn heading_level(title: &str, line: &str) -> u8 {
    if line.starts_with('#') {
        return line.chars().take_while(|&c| c == '#').count().min(6) as u8;
    }
    let numbering = line.split_whitespace().next().unwrap_or("");
    if numbering.chars().next().is_some_and(|c| c.is_ascii_digit()) && numbering != title {
        let depth = numbering.trim_end_matches(['.', ')']).split('.').count();
        return (1 + depth).min(6) as u8;
    }
    2
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
