//! Automata over phrase lists as written (spaces count: " if " is a
//! word), for the phrase-level readers that take a list's words
//! ([`super::rules::words`]) rather than a compiled [`super::rules::Phrases`]:
//! each is built once per list per thread, the first time it is asked
//! for, and kept, like the lists.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

thread_local! {
    /// Automata over phrase lists as written (spaces count), by the list's
    /// address: built once per list per thread and kept, like the lists.
    static FINDERS: Built<AhoCorasick> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Built automata by their list's (address, length).
type Built<T> = std::cell::RefCell<Vec<((usize, usize), &'static T)>>;
type Finders<T> = std::thread::LocalKey<Built<T>>;

/// What `build` makes of a list (its automaton), from `finders` by the
/// list's address and length, built on first use. A thread sees a handful
/// of lists: a short scan finds one sooner than hashing its address.
fn finder<T>(
    finders: &'static Finders<T>,
    list: &'static [&'static str],
    build: impl FnOnce() -> T,
) -> &'static T {
    let key = (list.as_ptr() as usize, list.len());
    finders.with(|f| {
        let mut f = f.borrow_mut();
        if let Some((_, found)) = f.iter().find(|(k, _)| *k == key) {
            return *found;
        }
        let built: &'static T = Box::leak(Box::new(build()));
        f.push((key, built));
        built
    })
}

/// `f` of `list`'s hits in `text` (relative to it, by start), from the
/// document's hits when `list` is one of the current rules' lists and
/// `text` a span of the document's folded copy ([`super::hits`]).
fn indexed<R>(
    list: &'static [&'static str],
    text: &str,
    f: impl FnOnce(super::hits::SpanHits<'_>) -> R,
) -> Option<R> {
    let union = super::rules::union();
    let slot = union.written_slot(list)?;
    super::hits::with_hits(union, slot, text, false, f)
}

/// Where the first phrase of `list` (as written: " if " is a word) starts
/// in `text`, in one scan.
pub fn first_of(list: &'static [&'static str], text: &str) -> Option<usize> {
    if list.is_empty() {
        return None;
    }
    // (Hits come by start.)
    if let Some(at) = indexed(list, text, |mut hits| hits.next().map(|(start, _, _)| start)) {
        return at;
    }
    let finder = finder(&FINDERS, list, || {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(list)
            .expect("phrases compile")
    });
    finder.find(text).map(|m| m.start())
}

thread_local! {
    /// Like `FINDERS`, reporting every match (`earliest_of`).
    static ALL_FINDERS: Built<AhoCorasick> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The earliest place any of `list` (as written) occurs in `text`, and of
/// those starting there the shortest's length: the least (start, length)
/// of all occurrences, found in one scan instead of a search per phrase.
pub fn earliest_of(list: &'static [&'static str], text: &str) -> Option<(usize, usize)> {
    if list.is_empty() {
        return None;
    }
    // (Hits come by start, then end. An indexed list holds no empty
    // phrase, so its hits are the answer: the test for one below walked
    // the whole list at every call.)
    if let Some(at) = indexed(list, text, |mut hits| {
        hits.next().map(|(start, end, _)| (start, end - start))
    }) {
        return at;
    }
    // An empty phrase occurs at 0 (`str::find` finds it there).
    if list.iter().any(|p| p.is_empty()) {
        return Some((0, 0));
    }
    // Leftmost-first over the phrases shortest first: the leftmost start,
    // and there the phrase listed first, the shortest (two of one length
    // at one place are one phrase). One plain search, which can skip
    // ahead, where a scan of every overlapping match cannot.
    let finder = finder(&ALL_FINDERS, list, || {
        let mut by_length = list.to_vec();
        by_length.sort_by_key(|p| p.len());
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(by_length)
            .expect("phrases compile")
    });
    finder.find(text).map(|m| (m.start(), m.end() - m.start()))
}

thread_local! {
    /// Automata for `first_at_words`, each with the automaton's pattern
    /// for every phrase of its list (a repeated phrase is one pattern).
    static WORD_FINDERS: Built<(AhoCorasick, Vec<usize>)> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// For each phrase of `list` (as written), where it first occurs in `lower`
/// as whole words: starting at an ASCII letter with no letter or digit
/// before it, and with none after its end. One scan for the whole list.
pub fn first_at_words(list: &'static [&'static str], lower: &str) -> Vec<Option<usize>> {
    let at_words = |start: usize, end: usize| {
        let bytes = lower.as_bytes();
        start < bytes.len()
            && bytes[start].is_ascii_alphabetic()
            && !lower[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && !lower[end..].chars().next().is_some_and(char::is_alphanumeric)
    };
    // (Hits come by start: a phrase's first at words is its first kept.)
    if let Some(first) = indexed(list, lower, |hits| {
        let mut first: Vec<Option<usize>> = vec![None; list.len()];
        for (start, end, index) in hits {
            if first[index].is_none() && at_words(start, end) {
                first[index] = Some(start);
            }
        }
        first
    }) {
        return first;
    }
    let (ac, pattern_of) = finder(&WORD_FINDERS, list, || {
        let mut distinct: Vec<&str> = Vec::new();
        let pattern_of = list
            .iter()
            .map(|p| {
                distinct.iter().position(|d| d == p).unwrap_or_else(|| {
                    distinct.push(p);
                    distinct.len() - 1
                })
            })
            .collect();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&distinct)
            .expect("phrases compile");
        (ac, pattern_of)
    });
    // (Most texts hold none: a plain search says so sooner.)
    if !ac.is_match(lower) {
        return vec![None; pattern_of.len()];
    }
    let mut first: Vec<Option<usize>> = vec![None; ac.patterns_len()];
    for m in ac.find_overlapping_iter(lower) {
        let (start, end) = (m.start(), m.end());
        let slot = &mut first[m.pattern().as_usize()];
        if slot.is_none_or(|s| start < s) && at_words(start, end) {
            *slot = Some(start);
        }
    }
    pattern_of.iter().map(|&p| first[p]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The least (start, length) of a `find` of each phrase.
    #[test]
    fn earliest_as_by_finding_each() {
        static LISTS: &[&[&str]] = &[
            &[" if ", " or ", " if you", "if"],
            &["worse", "worse when", "made worse by", "wor"],
            &[],
            &["a", ""],
        ];
        for list in LISTS {
            for text in [
                "made worse when you lie down if you",
                "nothing here",
                "",
                "or if or",
            ] {
                let each = list
                    .iter()
                    .filter_map(|p| text.find(p).map(|at| (at, p.len())))
                    .min();
                assert_eq!(earliest_of(list, text), each, "{list:?} in {text:?}");
            }
        }
    }
}
