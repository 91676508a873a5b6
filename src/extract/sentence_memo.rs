//! The sentences of a span of the document under extraction, split once:
//! detection, the walk, prose cues and the medicine reader each ask for
//! the sentences of the same paragraph. Kept only while the document is
//! the shared one ([`super::folded`]), by span, and forgotten with it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::phrase_set::Fnv;
use super::text::Span;

/// Spans shorter than this (bytes) are split every time.
const SHORT: usize = 240;

struct Kept {
    /// The shared document's generation the spans were split in.
    generation: u64,
    spans: HashMap<(usize, usize), Vec<Span>, BuildHasherDefault<Fnv>>,
}

thread_local! {
    static KEPT: RefCell<Kept> = RefCell::new(Kept {
        generation: 0,
        spans: HashMap::default(),
    });
}

/// `split()`'s sentences of `span` of `doc`, made once per span while
/// `doc` is the document being extracted; any other text is split anew.
pub fn sentences(doc: &str, span: Span, split: impl FnOnce() -> Vec<Span>) -> Vec<Span> {
    // A short span splits for less than it costs to keep (the synthetic
    // articles' paragraphs, a line or two, took 1.7 M instructions more
    // per 1,000 with every span kept).
    if span.end.saturating_sub(span.start) < SHORT {
        return split();
    }
    let Some(generation) = super::folded::shared_generation(doc) else {
        return split();
    };
    let key = (span.start, span.end);
    let known = KEPT.with(|k| {
        let mut k = k.borrow_mut();
        if k.generation != generation {
            k.generation = generation;
            k.spans.clear();
        }
        k.spans.get(&key).cloned()
    });
    if let Some(spans) = known {
        return spans;
    }
    let spans = split();
    KEPT.with(|k| k.borrow_mut().spans.insert(key, spans.clone()));
    spans
}

#[cfg(test)]
mod tests {
    use super::super::folded;
    use super::super::text::{sentences, split_sentences};
    use super::*;

    /// Kept sentences are the split's, for every span, asked twice, in
    /// one document after another.
    #[test]
    fn kept_sentences_are_the_split() {
        let long = "Fever. Chills! Cough, e.g. more.[3] ".repeat(SHORT / 30 + 1);
        for doc in ["Itch. Rash! Dr. Lee says so? e.g. this.[2] Then", long.as_str()] {
            let _sharing = folded::share(doc);
            for round in 0..2 {
                for s in 0..=doc.len() {
                    for e in s..=doc.len() {
                        let span = Span { start: s, end: e };
                        assert_eq!(
                            sentences(doc, span),
                            split_sentences(doc, span),
                            "{s}..{e} round {round}"
                        );
                    }
                }
            }
        }
    }
}
