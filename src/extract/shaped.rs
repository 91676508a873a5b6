//! Stage (b)'s signal from word shape: a word ending like a condition's
//! name ("blepharitis", "psoriasis", "glaucoma") that the page keeps
//! using. Pages whose title and headings never name their condition (a
//! Q&A thread under a lay question, a transcript, a newspaper column)
//! still use its name, again and again, in their text.

use std::collections::HashMap;

use super::proposals::Texts;
use super::rules::{words, List};
use crate::text::Span;

/// How often a shaped word must be used to be proposed.
const MIN_USES: usize = 3;

/// Each word of `doc` shaped like a condition's name and used at least
/// [`MIN_USES`] times (case aside): where it is first used, and how often.
pub(super) fn shaped_names(doc: &str) -> Vec<(Span, usize)> {
    let suffixes = words(List::ConditionSuffixes);
    let not = words(List::NotConditionWords);
    let mut found: Vec<(Span, usize)> = Vec::new();
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
            Some(Some(at)) => found[*at].1 += 1,
            Some(None) => {}
            None => {
                let name = !not.contains(&lower.as_str());
                index.insert(lower.clone(), name.then_some(found.len()));
                if name {
                    found.push((span, 1));
                }
            }
        }
    }
    found.retain(|(_, n)| *n >= MIN_USES);
    found
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
}
