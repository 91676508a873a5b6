//! Stage (b)'s signal from word shape: a word ending like a condition's
//! name ("blepharitis", "psoriasis", "glaucoma") that the page keeps
//! using. Pages whose title and headings never name their condition (a
//! Q&A thread under a lay question, a transcript, a newspaper column)
//! still use its name, again and again, in their text.
//!
//! A word that only ever follows the same word ("rheumatoid arthritis",
//! "plantar fasciitis") is part of a longer name, not a name of its own:
//! proposed alone, it would take the longer name's uses and make the
//! full name look like one of its types.

use std::collections::HashMap;

use super::proposals::Texts;
use super::rules::{words, List};
use crate::text::Span;

/// How often a shaped word must be used to be proposed.
const MIN_USES: usize = 3;

/// Each word of `doc` shaped like a condition's name, used at least
/// [`MIN_USES`] times (case aside) and at least once apart from the word
/// before its first use: where it is first used, and how often.
pub(super) fn shaped_names(doc: &str) -> Vec<(Span, usize)> {
    let suffixes = words(List::ConditionSuffixes);
    let not = words(List::NotConditionWords);
    let filler = words(List::HeadingFiller);
    let mut found: Vec<(Span, usize)> = Vec::new();
    // (For each found word: the word before its first use, lower-cased,
    // while every use so far follows that same word.)
    let mut before: Vec<Option<String>> = Vec::new();
    // (Each word, in lower case, once: where it is in `found`, or `None`
    // when it is no name. A page may hold many such words: hashed, as the
    // proposals are, not by SipHash.)
    let mut index: HashMap<String, Option<usize>, Texts> = HashMap::default();
    // (One buffer for the lower case of each word: most words are ASCII,
    // lower-cased in place in a copy.)
    let mut lower = String::new();
    // (Six letters at least: "coma" and "stoma" are no -oma names.)
    for span in super::finders::words_ending_in_list(doc, suffixes, 6) {
        let word = span.of(doc);
        if word.is_ascii() {
            lower.clear();
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower = word.to_lowercase();
        }
        match index.get(lower.as_str()) {
            Some(Some(at)) => {
                found[*at].1 += 1;
                if before[*at].is_some() && before[*at] != word_before(doc, span, filler) {
                    before[*at] = None;
                }
            }
            Some(None) => {}
            None => {
                let name = !not.contains(&lower.as_str());
                index.insert(lower.clone(), name.then_some(found.len()));
                if name {
                    found.push((span, 1));
                    before.push(word_before(doc, span, filler));
                }
            }
        }
    }
    found
        .into_iter()
        .zip(before)
        .filter(|((_, n), before)| *n >= MIN_USES && before.is_none())
        .map(|(found, _)| found)
        .collect()
}

/// The word just before `span`, lower-cased, if white space within a
/// paragraph is all that parts them (a hard-wrapped "rheumatoid" may end
/// the line above). After a mark, a blank line or a word that only wraps
/// a name ("my psoriasis", "the flu": heading-filler) a word stands alone.
fn word_before(doc: &str, span: Span, filler: &[&str]) -> Option<String> {
    let mut head = doc[..span.start].trim_end_matches([' ', '\t']);
    if let Some(above) = head.strip_suffix('\n') {
        head = above.trim_end_matches([' ', '\t', '\r']);
        if head.ends_with('\n') {
            return None;
        }
    }
    if head.len() == span.start {
        return None;
    }
    let word = head
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .next()
        .filter(|w| !w.is_empty() && !filler.iter().any(|f| f.eq_ignore_ascii_case(w)))?;
    Some(word.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_shaped_like_a_condition_and_used_often_is_found() {
        let doc = "My lids are crusty. Is it blepharitis? Blepharitis is common. \
The diagnosis, diagnosis and diagnosis took weeks; blepharitis again. Arthritis once. \
Osteopathy, osteopathy, osteopathy: a therapy, named like one.";
        let got: Vec<(&str, usize)> = shaped_names(doc)
            .into_iter()
            .map(|(s, n)| (s.of(doc), n))
            .collect();
        assert_eq!(got, [("blepharitis", 3)]);
    }

    #[test]
    fn a_word_that_always_follows_the_same_word_is_part_of_a_name() {
        let doc = "Plantar fasciitis hurts. Rest eases plantar fasciitis, and \
PLANTAR fasciitis fades. Gastritis: a sore stomach. Acute gastritis and chronic \
gastritis differ.";
        let got: Vec<&str> = shaped_names(doc).into_iter().map(|(s, _)| s.of(doc)).collect();
        assert_eq!(got, ["Gastritis"]);
        // A word that only wraps a name leaves it alone; a line break in a
        // paragraph does not.
        let doc = "Has my psoriasis spread? My psoriasis itches. Is my psoriasis worse in winter? \
Rheumatoid\narthritis hurts; rheumatoid arthritis, rheumatoid   arthritis.";
        let got: Vec<&str> = shaped_names(doc).into_iter().map(|(s, _)| s.of(doc)).collect();
        assert_eq!(got, ["psoriasis"]);
    }
}
