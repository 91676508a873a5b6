//! Run-in labels for condition detection: the labels of paragraphs and
//! list items ("Subjective tinnitus - the sound ...", "**Internal
//! haemorrhoids** sit inside ...") that end in the same words name kinds
//! of the thing those words name.

use crate::document::Block;
use crate::text::Span;

use super::keys::key;
use super::rules::{List, Rules};
use super::text::first_of;

/// Labels grouped by their last word (as a key).
#[derive(Default)]
pub(super) struct Labels {
    groups: Vec<Group>,
}

struct Group {
    last: String,
    /// The first label.
    first: Span,
    /// How many of the first label's last words every label shares.
    shared: usize,
    labels: usize,
}

impl Labels {
    /// Take a block's run-in label or bold lead, if it has one.
    pub(super) fn read(&mut self, text: &str, block: &Block, rules: &Rules) {
        // "**Internal haemorrhoids** sit inside ...": a bold lead of a few
        // words is a run-in label as well.
        let lead = block.lead.and_then(|l| lead_head(text, l, rules));
        let Some(label) = label_head(text, block.span).or(lead) else {
            return;
        };
        // "Top tip:", "Myth:" before each of several: a remark, no kind.
        // (One name repeated, "Urinary incontinence - Causes", is the
        // page's.)
        if rules.list(List::RemarkLabels).equals(label.of(text)) {
            return;
        }
        // Words compared as keys, last first ("haemorrhoid" and
        // "haemorrhoids" are one word).
        let keys = |s: Span| s.of(text).split_whitespace().rev().map(key).collect::<Vec<_>>();
        let these = keys(label);
        let last = these[0].clone();
        match self.groups.iter_mut().find(|g| g.last == last) {
            Some(g) => {
                let first = keys(g.first);
                let shared = first.iter().zip(&these).take_while(|(a, b)| a == b).count();
                g.shared = g.shared.min(shared);
                g.labels += 1;
            }
            None => self.groups.push(Group {
                last,
                first: label,
                shared: usize::MAX,
                labels: 1,
            }),
        }
    }

    /// Each name two or more labels end in ("Evaporative dry eye.",
    /// "Aqueous-deficient dry eye." give "dry eye"), with its weight.
    pub(super) fn proposals(self, text: &str) -> impl Iterator<Item = (Span, f64)> + '_ {
        self.groups.into_iter().filter(|g| g.labels >= 2).map(move |g| {
            let first = g.first.of(text);
            // (Words split at white space: the shared ones end the label.)
            let start = first
                .split_whitespace()
                .rev()
                .take(g.shared.max(1))
                .last()
                .map_or(g.first.start, |w| {
                    g.first.start + (w.as_ptr() as usize - first.as_ptr() as usize)
                });
            (
                Span {
                    start,
                    end: g.first.end,
                },
                1.5 * g.labels as f64,
            )
        })
    }
}

/// A block's run-in label ("Subjective tinnitus - the sound ..."): two to
/// four capitalised-first words before " - ", " – " or ": ".
fn label_head(doc: &str, span: Span) -> Option<Span> {
    let text = span.of(doc);
    let end = first_of(text, &[" - ", " – ", ": "])?;
    head_word(doc, span.start, &text[..end])
}

/// A bold lead that names a thing ("**Internal haemorrhoids**",
/// "**External haemorrhoids:**"), as [`label_head`]'s;
/// a question or a sentence in bold ("**Check for red eyes.**", "**Put
/// a warm compress on your eyes.**": words that join or qualify) is no
/// label.
fn lead_head(doc: &str, lead: Span, rules: &Rules) -> Option<Span> {
    let label = lead
        .of(doc)
        .trim_end()
        .trim_end_matches([':', '.', ' ', '-', '–']);
    let joining = |w: &str| {
        let w = w.to_lowercase();
        rules.list(List::GenericWords).equals(&w) || rules.list(List::Qualifiers).equals(&w)
    };
    if label.split_whitespace().any(joining) {
        return None;
    }
    head_word(doc, lead.start, label)
}

/// A label starting at `start`, trimmed, if it is two to four words, the
/// first capitalised, letters, digits and hyphens only, the last not a
/// number.
fn head_word(doc: &str, start: usize, label: &str) -> Option<Span> {
    debug_assert!(doc[start..].starts_with(label));
    let words: Vec<&str> = label.split_whitespace().collect();
    let plain = label.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
    if !(2..=4).contains(&words.len()) || !plain || !label.starts_with(char::is_uppercase) {
        return None;
    }
    let last = words.last()?;
    // "Method 1 of 4: ...", "Step 2 of 5 - ...": a count, no thing's name.
    if !last.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(Span {
        start,
        end: start + label.trim_end().len(),
    })
}
