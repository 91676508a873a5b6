//! Stage (b)'s signal from word shape: a word ending like a condition's
//! name ("blepharitis", "psoriasis", "glaucoma") that the page keeps
//! using. Pages whose title and headings never name their condition (a
//! Q&A thread under a lay question, a transcript, a newspaper column)
//! still use its name, again and again, in their text.

use super::rules::{words, List};
use crate::text::Span;

/// How often a shaped word must be used to be proposed.
const MIN_USES: usize = 3;

/// Each word of `doc` shaped like a condition's name and used at least
/// [`MIN_USES`] times (case aside): where it is first used, and how often.
pub(super) fn shaped_names(doc: &str) -> Vec<(Span, usize)> {
    let suffixes = words(List::ConditionSuffixes);
    let not = words(List::NotConditionWords);
    let mut found: Vec<(String, Span, usize)> = Vec::new();
    // (Where each word is in `found`: a page may hold many such words.)
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // (Six letters at least: "coma" and "stoma" are no -oma names.)
    for Span { start: s, end: i } in super::finders::words_ending_in_list(doc, suffixes, 6) {
        let lower = doc[s..i].to_lowercase();
        if not.contains(&lower.as_str()) {
            continue;
        }
        match index.get(&lower) {
            Some(&at) => found[at].2 += 1,
            None => {
                index.insert(lower.clone(), found.len());
                found.push((lower, Span { start: s, end: i }, 1));
            }
        }
    }
    found
        .into_iter()
        .filter(|(_, _, n)| *n >= MIN_USES)
        .map(|(_, span, n)| (span, n))
        .collect()
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
