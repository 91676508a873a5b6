//! Condition detection's proposals, answered once per text: a page
//! proposes its condition's name from heading after heading and sentence
//! after sentence, and every proposal's name, chrome and section tests and
//! key depend on its text alone. Each distinct text is worked out once per
//! document; a repeat gets the first answer (the candidate it joined, or
//! none when it was turned down).

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The texts proposed so far in one document, with their answers.
#[derive(Default)]
pub(super) struct Seen<'a> {
    answers: HashMap<&'a str, Option<usize>, Texts>,
}

impl<'a> Seen<'a> {
    /// The answer for `text`: `work()`'s the first time, kept after.
    /// (Hashed: a hostile page may propose a hundred thousand texts.)
    pub(super) fn answer(&mut self, text: &'a str, work: impl FnOnce() -> Option<usize>) -> Option<usize> {
        match self.answers.entry(text) {
            Entry::Occupied(known) => *known.get(),
            Entry::Vacant(new) => *new.insert(work()),
        }
    }
}

/// How a document's own texts are hashed in a set or map of them (the
/// proposals, the headings detection has seen): eight bytes at a time
/// (`memo::hash`), not std's SipHash, which is made to resist keys chosen
/// to collide and cost a fifth of detection's hashing of short texts.
/// (A page that chose its headings to collide would slow its own reading,
/// never change it: equal hashes are still compared as texts.)
pub(super) type Texts = BuildHasherDefault<TextHasher>;

#[derive(Default)]
pub(super) struct TextHasher(u64);

impl Hasher for TextHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(5) ^ super::memo::hash_bytes(bytes)).wrapping_mul(super::memo::MIX);
    }
    // (`str` ends its hash with one byte.)
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(super::memo::MIX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_worked_out_once() {
        let mut seen = Seen::default();
        let mut calls = 0;
        let texts = ["Asthma", "Home", "Asthma", "asthma", "Home", "Asthma"];
        let answers: Vec<Option<usize>> = texts
            .iter()
            .map(|t| {
                seen.answer(t, || {
                    calls += 1;
                    (*t != "Home").then_some(t.len() + calls)
                })
            })
            .collect();
        // Three distinct texts ("asthma" is another text), each worked once.
        assert_eq!(calls, 3);
        assert_eq!(answers, [Some(7), None, Some(7), Some(9), None, Some(7)]);
    }
}
