//! Every list's phrases found in the document once ([`with_hits`]): one
//! automaton over the union of a rule set's lists ([`Union`]), run over
//! the document's folded copy ([`super::folded`]) the first time a reader
//! asks, its hits kept per list and sorted by place. A reader of a span of
//! the document then looks its list's hits up in that span instead of
//! running its own search: most of the extractor's searches are over a
//! sentence or less, so their fixed cost was most of their cost.
//!
//! Two families of lists are indexed: the lists as written (spaces count,
//! searched in folded text: [`super::finders`]) and the compiled lists
//! ([`super::rules::Phrases`], matched ASCII-case-insensitively). The
//! fold lower-cases ASCII and turns U+00A0 into two spaces, nothing else,
//! so a compiled list's matches in the document are its matches in the
//! folded copy whose bytes equal the document's ignoring ASCII case (the
//! check made for a span of the document itself).
//!
//! An index holds every occurrence of every pattern (overlapping ones
//! too), so the occurrences inside a span are exactly what a search of
//! that span finds: word boundaries, which depend on the span's ends, are
//! still tested by the reader.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// One automaton over all of a rule set's lists, each pattern tagged with
/// the lists (slots) holding it and its place in each.
pub struct Union {
    patterns: Vec<String>,
    /// Per pattern: (slot, index of the phrase in the slot's list).
    tags: Vec<Vec<(u32, u32)>>,
    /// Per slot: whether its hits are indexed (a list not chosen, one with
    /// an empty phrase, or a compiled one with a phrase holding U+00A0, is
    /// searched as before).
    indexed: Vec<bool>,
    /// The lists as written, by address: (address, length, slot), sorted.
    by_address: Vec<(usize, usize, usize)>,
    automaton: OnceLock<AhoCorasick>,
    /// The same automaton as a DFA, built once `DFA_AFTER` documents have
    /// been indexed: several times faster to run over a document, but
    /// slower to build than a one-article `kb extract` makes up for.
    dfa: OnceLock<AhoCorasick>,
    documents: std::sync::atomic::AtomicU32,
}

/// How many documents make the union's DFA worth building.
const DFA_AFTER: u32 = 8;

impl std::fmt::Debug for Union {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Union")
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

impl Union {
    /// The union of the lists of `written` (slots 0..n, searched in folded
    /// text) and `compiled` (slots n..2n, lower case, matched ignoring
    /// ASCII case) whose slot is `chosen`.
    pub fn new(
        written: &[&'static [&'static str]],
        compiled: &[&[String]],
        chosen: impl Fn(usize) -> bool,
    ) -> Union {
        let mut patterns: Vec<String> = Vec::new();
        let mut tags: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut indexed = Vec::new();
        let lists = written.iter().map(|l| (l.to_vec(), false)).chain(
            compiled
                .iter()
                .map(|l| (l.iter().map(String::as_str).collect(), true)),
        );
        for (slot, (list, compiled)) in lists.enumerate() {
            let ok = chosen(slot)
                && !list
                    .iter()
                    .any(|p| p.is_empty() || compiled && p.contains('\u{a0}'));
            indexed.push(ok);
            if !ok {
                continue;
            }
            for (index, phrase) in list.iter().enumerate() {
                let id = *ids.entry((*phrase).to_owned()).or_insert_with(|| {
                    patterns.push((*phrase).to_owned());
                    tags.push(Vec::new());
                    patterns.len() - 1
                });
                tags[id].push((slot as u32, index as u32));
            }
        }
        let mut by_address: Vec<(usize, usize, usize)> = written
            .iter()
            .enumerate()
            .map(|(slot, l)| (l.as_ptr() as usize, l.len(), slot))
            .collect();
        by_address.sort_unstable();
        Union {
            patterns,
            tags,
            indexed,
            by_address,
            automaton: OnceLock::new(),
            dfa: OnceLock::new(),
            documents: std::sync::atomic::AtomicU32::new(0),
        }
    }

    /// The slot of a list as written, known by its address and length.
    pub fn written_slot(&self, list: &[&str]) -> Option<usize> {
        let key = (list.as_ptr() as usize, list.len());
        let at = self.by_address.partition_point(|(a, l, _)| (*a, *l) < key);
        self.by_address
            .get(at)
            .filter(|(a, l, _)| (*a, *l) == key)
            .map(|(_, _, slot)| *slot)
    }

    /// The automaton to index the next document with (the same matches,
    /// in the same order, as either kind).
    fn automaton(&self) -> &AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        if self.documents.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < DFA_AFTER {
            return self.automaton.get_or_init(|| self.build(None));
        }
        self.dfa.get_or_init(|| self.build(Some(AhoCorasickKind::DFA)))
    }

    fn build(&self, kind: Option<AhoCorasickKind>) -> AhoCorasick {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(&self.patterns)
            .expect("phrases compile")
    }
}

/// One hit: where it starts and ends in the folded document, and the
/// phrase's index in its list.
#[derive(Clone, Copy)]
struct Hit {
    start: u32,
    end: u32,
    index: u32,
}

/// The hits of one document, per slot, sorted by (start, end).
struct DocHits {
    union: usize,
    generation: u64,
    folded: Rc<str>,
    /// The document's own address (its length is the fold's).
    original: usize,
    by_slot: Vec<Vec<Hit>>,
}

thread_local! {
    static DOC: RefCell<Option<DocHits>> = const { RefCell::new(None) };
}

fn index(union: &Union, folded: Rc<str>, original: usize, generation: u64) -> DocHits {
    let mut by_slot: Vec<Vec<Hit>> = vec![Vec::new(); union.indexed.len()];
    for m in union.automaton().find_overlapping_iter(&*folded) {
        for &(slot, index) in &union.tags[m.pattern().as_usize()] {
            by_slot[slot as usize].push(Hit {
                start: m.start() as u32,
                end: m.end() as u32,
                index,
            });
        }
    }
    for hits in &mut by_slot {
        hits.sort_unstable_by_key(|h| (h.start, h.end, h.index));
    }
    DocHits {
        union: union as *const Union as usize,
        generation,
        folded,
        original,
        by_slot,
    }
}

/// The hits inside a span, relative to it: (start, end, index), by start
/// then end.
pub struct SpanHits<'a> {
    hits: std::slice::Iter<'a, Hit>,
    start: u32,
    end: u32,
    /// For a span of the document itself: its text, to check each hit's
    /// bytes against (they differ from the fold's only at U+00A0).
    check: Option<(&'a [u8], &'a [u8])>,
}

impl Iterator for SpanHits<'_> {
    type Item = (usize, usize, usize);

    fn next(&mut self) -> Option<(usize, usize, usize)> {
        for h in self.hits.by_ref() {
            if h.start >= self.end {
                self.hits = [].iter();
                return None;
            }
            if h.end > self.end {
                continue;
            }
            let (s, e) = ((h.start - self.start) as usize, (h.end - self.start) as usize);
            if let Some((text, folded)) = self.check {
                if !text[s..e].eq_ignore_ascii_case(&folded[s..e]) {
                    continue;
                }
            }
            return Some((s, e, h.index as usize));
        }
        None
    }
}

/// `f` of the hits of `union`'s list `slot` inside `text`, when `text` is
/// a span of the folded copy of the document being extracted (or, with
/// `original`, of the document itself); `None` (search as before) when it
/// is not, or the list is not indexed.
pub fn with_hits<R>(
    union: &Union,
    slot: usize,
    text: &str,
    original: bool,
    f: impl FnOnce(SpanHits<'_>) -> R,
) -> Option<R> {
    if !union.indexed.get(slot).copied().unwrap_or(false) {
        return None;
    }
    DOC.with(|d| {
        let mut d = d.borrow_mut();
        // (The index at hand is checked first: asking for the shared copy
        // costs a reference count's rise and fall.)
        let generation = super::folded::generation();
        let fresh = d
            .as_ref()
            .is_some_and(|h| h.union == union as *const Union as usize && h.generation == generation);
        if !fresh {
            let (at, _, folded, generation) = super::folded::current()?;
            *d = Some(index(union, folded, at, generation));
        }
        let doc = d.as_ref().expect("indexed just now");
        let addr = text.as_ptr() as usize;
        let len = doc.folded.len();
        let inside = |base: usize| (addr >= base && addr + text.len() <= base + len).then(|| addr - base);
        let (start, in_original) = match inside(doc.folded.as_ptr() as usize) {
            Some(start) => (start, false),
            None if original => (inside(doc.original)?, true),
            None => return None,
        };
        let hits = &doc.by_slot[slot];
        let (s, e) = (start as u32, (start + text.len()) as u32);
        let first = hits.partition_point(|h| h.start < s);
        let check = in_original.then(|| (text.as_bytes(), &doc.folded.as_bytes()[start..start + text.len()]));
        Some(f(SpanHits {
            hits: hits[first..].iter(),
            start: s,
            end: e,
            check,
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every span's hits are the occurrences a search of the span finds.
    #[test]
    fn a_span_holds_what_a_search_of_it_finds() {
        static A: &[&str] = &["if", " or ", "fever and", "and", "e"];
        static B: &[&str] = &["chills", "and chills", "ça"];
        let compiled: Vec<String> = vec!["fever".into(), "and  chills".into(), "ça".into()];
        let union = Union::new(&[A, B], &[&compiled], |_| true);
        let doc = "Fever\u{a0}and  Chills or if: ça va, AND chills";
        let _sharing = super::super::folded::share(doc);
        let folded = super::super::text::fold(doc);
        let shared = super::super::folded::of(
            doc,
            super::super::text::Span {
                start: 0,
                end: doc.len(),
            },
        );
        for s in 0..=doc.len() {
            for e in s..=doc.len() {
                if !doc.is_char_boundary(s) || !doc.is_char_boundary(e) {
                    continue;
                }
                for (slot, list) in [A, B].iter().enumerate() {
                    let span = &shared[s..e];
                    let got: Vec<_> = with_hits(&union, slot, span, false, |h| h.collect()).unwrap();
                    let mut want = Vec::new();
                    for (i, p) in list.iter().enumerate() {
                        for at in 0..=e - s {
                            if folded.as_bytes()[s + at..e].starts_with(p.as_bytes()) {
                                want.push((at, at + p.len(), i));
                            }
                        }
                    }
                    want.sort_unstable();
                    assert_eq!(got, want, "{s}..{e} slot {slot}");
                }
                // The document's own span: matches ignoring ASCII case only.
                let got: Vec<_> = with_hits(&union, 2, &doc[s..e], true, |h| h.collect()).unwrap();
                let mut want = Vec::new();
                for (i, p) in compiled.iter().enumerate() {
                    let text = &doc[s..e];
                    for at in 0..text.len() {
                        if text.as_bytes()[at..].len() >= p.len()
                            && text.as_bytes()[at..at + p.len()].eq_ignore_ascii_case(p.as_bytes())
                        {
                            want.push((at, at + p.len(), i));
                        }
                    }
                }
                want.sort_unstable();
                assert_eq!(got, want, "{s}..{e}");
            }
        }
        // Another text is not looked up.
        let copy = folded.clone();
        assert!(with_hits(&union, 0, &copy, false, |_| ()).is_none());
    }

    /// The built-in rules' readers answer the same from the index as from
    /// a search of a copy (which the index does not hold), on every line
    /// and sentence of the seed article.
    #[test]
    fn readers_answer_the_same_from_the_index() {
        use super::super::folded;
        use super::super::rules::{self, List, Rules};
        use super::super::text::Span;
        let doc = include_str!("../../seeds/calcinosis-cutis.txt");
        let rules = Rules::builtin();
        rules::using(&rules, || {
            let _sharing = folded::share(doc);
            let mut spans = Vec::new();
            let mut start = 0;
            for (at, c) in doc.char_indices() {
                if matches!(c, '\n' | '.') {
                    spans.push(Span { start, end: at });
                    start = at + 1;
                }
            }
            spans.push(Span {
                start,
                end: doc.len(),
            });
            let mut looked_up = 0;
            for span in spans {
                let (text, lower) = (span.of(doc), folded::of(doc, span));
                let (text_copy, lower_copy) = (text.to_owned(), lower.to_owned());
                for (list, _) in List::ALL {
                    let p = rules.list(*list);
                    assert_eq!(p.hits(text), p.hits(&text_copy), "{list:?} in {text:?}");
                    assert_eq!(p.hits(&lower), p.hits(&lower_copy), "{list:?} in {text:?}");
                    assert_eq!(p.find(text), p.find(&text_copy));
                    assert_eq!(p.starts(text), p.starts(&text_copy));
                    assert_eq!(p.matches(text), p.matches(&text_copy));
                    assert_eq!(p.count_up_to(text, 2), p.count_up_to(&text_copy, 2));
                    let w = rules::words(*list);
                    assert_eq!(rules::first_of(w, &lower), rules::first_of(w, &lower_copy));
                    assert_eq!(rules::earliest_of(w, &lower), rules::earliest_of(w, &lower_copy));
                    assert_eq!(
                        rules::first_at_words(w, &lower),
                        rules::first_at_words(w, &lower_copy)
                    );
                    looked_up += usize::from(p.indexed.is_some_and(|(u, slot)| {
                        with_hits(u, slot, text, true, |mut h| h.next().is_some()) == Some(true)
                    }));
                }
            }
            // (The index was used, not only the searches compared.)
            assert!(looked_up > 10, "{looked_up} spans answered from the index");
        });
    }
}
