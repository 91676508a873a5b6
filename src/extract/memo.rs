//! Answers about one heading text kept for the rest of a document: a
//! heading is asked what section it opens and what it names by condition
//! detection, by the walk's classifier and by the type and treatment
//! readers, each time with the same text and the same rules.
//!
//! Keyed by the text itself (not its place) and by the rule set, so a hit
//! is the answer the work would give; emptied when an extraction starts,
//! so a long seed does not grow it, and bounded for callers outside one.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::thread::LocalKey;

use super::rules::{Fnv, Hit, SectionKind};

/// Entries a memo holds before it starts again (a document has far fewer
/// headings; this bounds callers that never start an extraction).
const LIMIT: usize = 4096;

pub(super) struct Memo<V> {
    /// The rule set the answers were made with (see `Rules::id`).
    rules: usize,
    answers: HashMap<Box<str>, V, BuildHasherDefault<Fnv>>,
}

impl<V> Memo<V> {
    pub(super) const fn new() -> Memo<V> {
        Memo {
            rules: 0,
            answers: HashMap::with_hasher(BuildHasherDefault::new()),
        }
    }
}

pub(super) type Memos<V> = LocalKey<RefCell<Memo<V>>>;

/// `work()`'s answer for `text` under the rules `rules`, made once.
/// (`work` may use other memos, never this one.)
pub(super) fn cached<V: Copy>(
    memo: &'static Memos<V>,
    rules: usize,
    text: &str,
    work: impl FnOnce() -> V,
) -> V {
    let known = memo.with(|m| {
        let m = m.borrow();
        if m.rules == rules {
            m.answers.get(text).copied()
        } else {
            None
        }
    });
    if let Some(v) = known {
        return v;
    }
    let v = work();
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.rules != rules || m.answers.len() >= LIMIT {
            m.answers.clear();
            m.rules = rules;
        }
        m.answers.insert(text.into(), v);
    });
    v
}

thread_local! {
    /// `Rules::section` by heading text.
    pub(super) static SECTIONS: RefCell<Memo<Option<(SectionKind, Hit)>>> =
        const { RefCell::new(Memo::new()) };
    /// `condition::subject` by heading text: the subject's place in it.
    pub(super) static SUBJECTS: RefCell<Memo<Option<(usize, usize)>>> =
        const { RefCell::new(Memo::new()) };
}

/// Empty the memos (at the start of each extraction).
pub(super) fn forget() {
    // (A map is dropped rather than cleared: clearing walks its buckets.)
    SECTIONS.with(|m| m.borrow_mut().answers = HashMap::default());
    SUBJECTS.with(|m| m.borrow_mut().answers = HashMap::default());
}
