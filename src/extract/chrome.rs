//! Page chrome: the lines of a page that are its site's, not its
//! article's (menus, link bars, "Page last reviewed", timestamps). Asked
//! of every block, by condition detection and by the walk, which skip them.

use crate::document::{Block, BlockKind, Document, Format};

use super::rules::{List, Rules};

/// Whether a block is page chrome: a line that is wholly a chrome phrase or
/// holds a chrome marker ("Page last reviewed", "Add to basket").
pub fn is_chrome(text: &str, rules: &Rules) -> bool {
    marked_chrome(text, rules)
        // "Report | Quote | Reply", "Home · Health A-Z · Asthma": a row of
        // links (a Markdown table row opens with its separator instead).
        || !text.trim_start().starts_with('|') && rules.list(List::ChromeSeparators).count_up_to(text, 2) >= 2
}

/// [`is_chrome`] of one of a document's blocks. A row of a table marked up
/// in Markdown or HTML has its cells joined by " | " in the stored text:
/// that makes it no row of links. (Kept across documents by text, rules
/// and that row test in `memo`: what else it reads, the key must hold.)
pub fn block_is_chrome(doc: &Document, block: &Block, rules: &Rules) -> bool {
    let text = block.text(&doc.text);
    if block.kind == BlockKind::TableRow && doc.format != Format::Text {
        return marked_chrome(text, rules);
    }
    is_chrome(text, rules)
}

/// A chrome phrase, a chrome marker, a timestamp or a picture's credit.
fn marked_chrome(text: &str, rules: &Rules) -> bool {
    rules.list(List::Chrome).equals(text)
        || rules.list(List::ChromeText).matches(text)
        || timestamp(text, rules)
        || credit(text, rules)
        || form_line(text)
}

/// "[ ] Is my vitamin D worth checking?": a box to tick beside a question
/// is a form's or a checklist's line, not the article's. (A box beside a
/// plain name, "[ ] Talking therapy", may list options, and one beside the
/// reader's own words, "[ ] My periods are irregular", may be a symptom
/// checker's: they stay.)
fn form_line(text: &str) -> bool {
    let t = text.trim();
    let Some(rest) = ["[ ]", "[x]", "[X]", "☐", "☑", "☒"]
        .iter()
        .find_map(|b| t.strip_prefix(b))
    else {
        return false;
    };
    let rest = rest.trim_start();
    !rest.contains('\n') && rest.ends_with('?')
}

/// "Photo: Ines Barrow / Northlight Images": a short line opening as a
/// picture's caption or credit does. (Only a line on its own: a credit
/// wrapped into the paragraph under it leaves the paragraph content.)
fn credit(text: &str, rules: &Rules) -> bool {
    !text.trim().contains('\n')
        && text.split_whitespace().nth(12).is_none()
        && rules
            .list(List::ChromeOpeners)
            .starts(text.trim_start())
            .is_some()
}

/// "2y ago", "3 hours ago": a short line with a number that ends in a
/// timestamp's last word.
fn timestamp(text: &str, rules: &Rules) -> bool {
    // The last word first, read from the end: every block is asked.
    text.split_whitespace()
        .next_back()
        .is_some_and(|w| rules.list(List::ChromeEndings).equals(w))
        && text.split_whitespace().nth(4).is_none()
        && text.contains(|c: char| c.is_ascii_digit())
}
