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

/// [`words_ending_in`] of the document under extraction, from its index
/// of hits when `suffixes` is an indexed list: the suffixes' places are
/// known from the one scan of the page all lists share, so only a word
/// around a hit is read, where the scan read every byte of the page.
/// Another text or list is scanned.
pub(super) fn words_ending_in_list(
    doc: &str,
    suffixes: &'static [&'static str],
    min_len: usize,
) -> Vec<crate::text::Span> {
    let whole = crate::text::Span {
        start: 0,
        end: doc.len(),
    };
    // Asked first, so a page without a shared folded copy is not folded
    // whole only to be scanned anyway.
    if super::folded::shared_generation(doc).is_some() {
        let folded = super::folded::of(doc, whole);
        // (The fold keeps every offset, and changes only ASCII case and
        // no-break spaces: a suffix of lower-case letters found in it ends
        // a run of letters of the page exactly where it ends that run.)
        let letters_only = suffixes
            .iter()
            .all(|x| x.chars().all(|c| c.is_alphabetic() && !c.is_ascii_uppercase()));
        if letters_only {
            if let Some(words) = indexed(suffixes, &folded, |hits| words_at_hits(doc, hits, min_len)) {
                return words;
            }
        }
    }
    words_ending_in(doc, suffixes, min_len)
}

/// The words of `doc` ending at a hit (start, end) of a suffix: a run of
/// letters whose last byte is the hit's and whose first is before it.
fn words_at_hits(
    doc: &str,
    hits: impl Iterator<Item = (usize, usize, usize)>,
    min_len: usize,
) -> Vec<crate::text::Span> {
    let mut out: Vec<crate::text::Span> = Vec::new();
    for (start, end, _) in hits {
        if doc[end..].chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        let letters: usize = doc[..end]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        let word = crate::text::Span {
            start: end - letters,
            end,
        };
        // (Hits come by start: two suffixes ending one word come together,
        // before any hit of a later word.)
        if word.start < start && end - word.start >= min_len && out.last() != Some(&word) {
            out.push(word);
        }
    }
    out
}

/// The words of `doc` (runs of alphabetic characters) of `min_len` bytes
/// or more that end, ASCII case aside, in one of `suffixes` (longer than
/// the suffix, which starts at a character boundary): by bytes, decoding
/// only characters outside ASCII, and testing the suffixes only of a word
/// whose last two bytes may end one of them. Detection asks it of every page
/// (words shaped like a condition's name), where a walk of every
/// character and a test of every suffix against every long word was a
/// tenth of the work on short articles.
pub(super) fn words_ending_in(doc: &str, suffixes: &[&str], min_len: usize) -> Vec<crate::text::Span> {
    // The suffixes' last two bytes in ASCII lower case (a byte outside
    // ASCII is its own), one bit of 64 for each pair: a word whose last
    // two bytes set none ends in none of them. (A suffix of under two
    // bytes turns the filter off.)
    let pair = |a: u8, z: u8| {
        1u64 << ((usize::from(a.to_ascii_lowercase()) * 7 + usize::from(z.to_ascii_lowercase())) & 63)
    };
    let mut pairs = 0u64;
    let mut every = false;
    for x in suffixes {
        match x.as_bytes() {
            [.., a, z] => pairs |= pair(*a, *z),
            _ => every = true,
        }
    }
    let ends_in = |word: &str, suffix: &str| {
        word.len() > suffix.len()
            && word.is_char_boundary(word.len() - suffix.len())
            && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    let b = doc.as_bytes();
    // Whether a character outside ASCII starting at `i` is a letter, and
    // its length.
    let wide = |i: usize| {
        let c = doc[i..].chars().next().expect("a character starts here");
        (c.is_alphabetic(), c.len_utf8())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Up to a word's first letter, then past its last.
        if b[i] < 0x80 {
            if !b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
        } else {
            let (letter, len) = wide(i);
            if !letter {
                i += len;
                continue;
            }
        }
        let s = i;
        while i < b.len() {
            if b[i].is_ascii_alphabetic() {
                i += 1;
            } else if b[i] < 0x80 {
                break;
            } else {
                let (letter, len) = wide(i);
                if !letter {
                    break;
                }
                i += len;
            }
        }
        let word = &doc[s..i];
        if word.len() >= min_len
            && (every || word.len() >= 2 && pairs & pair(b[i - 2], b[i - 1]) != 0)
            && suffixes.iter().any(|x| ends_in(word, x))
        {
            out.push(crate::text::Span { start: s, end: i });
        }
    }
    out
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
    /// The byte scan against a walk of the characters testing every suffix.
    #[test]
    fn words_ending_in_as_by_characters() {
        let by_chars = |doc: &str, suffixes: &[&str], min: usize| {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in doc.char_indices().chain(std::iter::once((doc.len(), ' '))) {
                if c.is_alphabetic() {
                    start.get_or_insert(i);
                    continue;
                }
                let Some(s) = start.take() else { continue };
                let w = &doc[s..i];
                let ends = |x: &&str| {
                    w.len() > x.len()
                        && w.is_char_boundary(w.len() - x.len())
                        && w[w.len() - x.len()..].eq_ignore_ascii_case(x)
                };
                if w.len() >= min && suffixes.iter().any(ends) {
                    out.push(crate::text::Span { start: s, end: i });
                }
            }
            out
        };
        let suffixes: &[&[&str]] = &[
            &["itis", "osis", "oma", "ism", "é", "ßa", ""],
            &["itis", "OSIS", "oma", "é", "ßa"],
            &["itis", "s"],
            &[],
        ];
        let bits = [
            "it", "is", "IS", "os", "o", "ma", "M", "a", " ", ".", "é", "É", "ß", "-", "7", "x", "\u{a0}",
            "\u{3b1}", "\n", "ism",
        ];
        let mut rng = fastrand::Rng::with_seed(16);
        for _ in 0..20_000 {
            let doc: String = (0..rng.usize(0..30))
                .map(|_| bits[rng.usize(..bits.len())])
                .collect();
            for list in suffixes {
                for min in [0, 3, 6] {
                    assert_eq!(
                        words_ending_in(&doc, list, min),
                        by_chars(&doc, list, min),
                        "{doc:?}"
                    );
                }
            }
        }
    }

    /// The words found from the document's index of hits are the scan's,
    /// on random pages of the built-in suffixes' pieces, in any case.
    #[test]
    fn words_at_hits_as_by_the_scan() {
        use super::super::folded;
        use super::super::rules::{self, List, Rules};
        let rules = Rules::builtin();
        rules::using(&rules, || {
            let suffixes = rules::words(List::ConditionSuffixes);
            let bits = [
                "it", "itis", "ITIS", "os", "osis", "Osis", "emia", "aemia", "oma", "OMA", "ism", "pathy",
                "rrhoea", "a", "x", "é", "É", "\u{3b1}", " ", ".", "-", "7", "\u{a0}", "\n",
            ];
            let mut rng = fastrand::Rng::with_seed(17);
            let mut from_index = 0;
            for _ in 0..20_000 {
                let doc: String = (0..rng.usize(0..40))
                    .map(|_| bits[rng.usize(..bits.len())])
                    .collect();
                let _sharing = folded::share(&doc);
                let whole = crate::text::Span {
                    start: 0,
                    end: doc.len(),
                };
                from_index += usize::from(indexed(suffixes, &folded::of(&doc, whole), |_| ()).is_some());
                for min in [0, 6, 9] {
                    assert_eq!(
                        words_ending_in_list(&doc, suffixes, min),
                        words_ending_in(&doc, suffixes, min),
                        "{doc:?}"
                    );
                }
            }
            assert_eq!(from_index, 20_000, "the suffixes are indexed");
        });
    }
}
