//! Answers about one text kept across documents: a heading is asked what
//! section it opens and what it names by condition detection, by the
//! walk's classifier and by the type and treatment readers, each time with
//! the same text and the same rules; every block is asked whether it is
//! page chrome, and articles of one site repeat their headings and chrome
//! ("Comments", "Symptoms", "Popular posts from this blog").
//!
//! Keyed by the text itself (not its place), the rule set and the current
//! word lists, so a hit is the answer the work would give; bounded in
//! entries and bytes (emptied when full). Most texts are asked about once
//! or twice, so a look-up must cost far less than the work: the texts are
//! kept in one string (no allocation per entry) and hashed eight bytes at
//! a time.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::thread::LocalKey;

use super::rules::{words, Hit, List, Rules, SectionKind};
use crate::document::{Block, BlockKind, Document, Format};

/// Entries a memo holds before it starts again.
const LIMIT: usize = 4096;
/// Bytes of text a memo holds before it starts again.
const BYTES: usize = 1 << 20;

pub(super) struct Memo<V> {
    /// The rule set the answers were made with (see `Rules::id`) and the
    /// word lists current then (`rules::words`).
    rules: (usize, usize),
    /// Every text answered, one after another.
    texts: String,
    /// By the text's hash: where it stands in `texts`, and its answer. (Of
    /// two texts with one hash the later is kept: a miss, never a wrong hit.)
    answers: HashMap<u64, (u32, u32, V), BuildHasherDefault<Passed>>,
}

impl<V> Memo<V> {
    pub(super) const fn new() -> Memo<V> {
        Memo {
            rules: (0, 0),
            texts: String::new(),
            answers: HashMap::with_hasher(BuildHasherDefault::new()),
        }
    }

    fn clear(&mut self) {
        self.texts.clear();
        self.answers.clear();
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
    let rules = (rules, words(List::Modals).as_ptr() as usize);
    let hash = hash(text);
    let known = memo.with(|m| {
        let m = m.borrow();
        match m.answers.get(&hash) {
            Some(&(at, len, v)) if m.rules == rules && &m.texts[at as usize..(at + len) as usize] == text => {
                Some(v)
            }
            _ => None,
        }
    });
    if let Some(v) = known {
        return v;
    }
    let v = work();
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.rules != rules || m.answers.len() >= LIMIT || m.texts.len() + text.len() > BYTES {
            m.clear();
            m.rules = rules;
        }
        let at = m.texts.len() as u32;
        m.texts.push_str(text);
        m.answers.insert(hash, (at, text.len() as u32, v));
    });
    v
}

/// FxHash's multiplier.
pub(super) const MIX: u64 = 0x517c_c1b7_2722_0a95;

/// A text's hash, eight bytes at a time (FxHash's step).
pub(super) fn hash(text: &str) -> u64 {
    hash_bytes(text.as_bytes())
}

/// [`hash`] of bytes.
#[inline]
pub(super) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = (h.rotate_left(5) ^ v).wrapping_mul(MIX);
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(MIX)
}

/// The map's keys are hashes already: passed through.
#[derive(Default)]
pub(super) struct Passed(u64);

impl Hasher for Passed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // (Only u64 keys are hashed here.)
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

thread_local! {
    /// `Rules::section` by heading text.
    pub(super) static SECTIONS: RefCell<Memo<Option<(SectionKind, Hit)>>> =
        const { RefCell::new(Memo::new()) };
    /// `condition::subject` by heading text: the subject's place in it.
    pub(super) static SUBJECTS: RefCell<Memo<Option<(usize, usize)>>> =
        const { RefCell::new(Memo::new()) };
    /// `condition::block_is_chrome` by block text, of blocks other than a
    /// marked-up table's rows.
    static CHROME: RefCell<Memo<bool>> = const { RefCell::new(Memo::new()) };
    /// The same, of a Markdown or HTML table's rows.
    static CHROME_ROWS: RefCell<Memo<bool>> = const { RefCell::new(Memo::new()) };
}

/// `condition::block_is_chrome`, made once per text. Its answer depends on
/// the block's text, the rules, and whether the block is a row of a table
/// marked up in Markdown or HTML; the last picks the memo.
pub(super) fn block_is_chrome(doc: &Document, block: &Block, rules: &Rules) -> bool {
    let row = block.kind == BlockKind::TableRow && doc.format != Format::Text;
    let memo = if row { &CHROME_ROWS } else { &CHROME };
    cached(memo, rules.id(), block.text(&doc.text), || {
        super::condition::block_is_chrome(doc, block, rules)
    })
}

/// `chrome::is_chrome` of any text, made once: the block memo's own
/// answers, as a block other than a marked-up table's row is chrome when
/// its text is, so a heading's subject that is the whole heading (detection
/// proposes it) finds the answer its block got.
pub(super) fn is_chrome(text: &str, rules: &Rules) -> bool {
    cached(&CHROME, rules.id(), text, || {
        super::chrome::is_chrome(text, rules)
    })
}

/// Names by raw text (`names::normalize_name`), kept in one string.
struct Names {
    /// The vocabulary's id and the word lists current.
    context: (usize, usize),
    texts: String,
    /// By the raw text's hash: the raw text's place, then the name's.
    names: HashMap<u64, (u32, u32, u32, u32), BuildHasherDefault<Passed>>,
}

thread_local! {
    static NAMES: RefCell<Names> = const {
        RefCell::new(Names {
            context: (0, 0),
            texts: String::new(),
            names: HashMap::with_hasher(BuildHasherDefault::new()),
        })
    };
}

/// `work()`'s name for `raw` under `vocabulary` (and the current word
/// lists), made once.
pub(super) fn name(raw: &str, vocabulary: &super::Vocabulary, work: impl FnOnce() -> String) -> String {
    let context = (vocabulary.id(), words(List::Modals).as_ptr() as usize);
    let hash = hash(raw);
    let known = NAMES.with(|m| {
        let m = m.borrow();
        let &(at, len, name_at, name_len) = m.names.get(&hash)?;
        let slice = |at: u32, len: u32| &m.texts[at as usize..(at + len) as usize];
        (m.context == context && slice(at, len) == raw).then(|| slice(name_at, name_len).to_owned())
    });
    if let Some(name) = known {
        return name;
    }
    let name = work();
    NAMES.with(|m| {
        let mut m = m.borrow_mut();
        if m.context != context || m.names.len() >= LIMIT || m.texts.len() + raw.len() + name.len() > BYTES {
            m.texts.clear();
            m.names.clear();
            m.context = context;
        }
        let at = m.texts.len() as u32;
        m.texts.push_str(raw);
        m.texts.push_str(&name);
        let entry = (at, raw.len() as u32, at + raw.len() as u32, name.len() as u32);
        m.names.insert(hash, entry);
    });
    name
}

/// Empty the memos (they keep their room).
pub(super) fn forget() {
    NAMES.with(|m| {
        let mut m = m.borrow_mut();
        m.texts.clear();
        m.names.clear();
    });
    SECTIONS.with(|m| m.borrow_mut().clear());
    SUBJECTS.with(|m| m.borrow_mut().clear());
    CHROME.with(|m| m.borrow_mut().clear());
    CHROME_ROWS.with(|m| m.borrow_mut().clear());
    super::keys::forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static LENGTHS: RefCell<Memo<usize>> = const { RefCell::new(Memo::new()) };
    }

    #[test]
    fn answers_once_per_text_and_rule_set() {
        let mut calls = 0;
        let texts = [
            "Symptoms",
            "Causes of asthma",
            "symptoms",
            "",
            "Symptoms",
            "Causes of asthma",
        ];
        for t in texts {
            assert_eq!(
                cached(&LENGTHS, 1, t, || {
                    calls += 1;
                    t.len()
                }),
                t.len()
            );
        }
        assert_eq!(calls, 4);
        // Another rule set asks again.
        assert_eq!(cached(&LENGTHS, 2, "Symptoms", || 99), 99);
    }

    /// One text as a table row in Markdown and as a line of plain text:
    /// page chrome as a line only, whichever is asked first.
    #[test]
    fn chrome_answers_keep_a_marked_up_row_apart() {
        let rules = Rules::builtin();
        let text = Document::parse("Home | Health | Asthma\n", Format::Text);
        let table = Document::parse(
            "| Home | Health | Asthma |\n| --- | --- | --- |\n| a | b | c |\n",
            Format::Markdown,
        );
        let row = table
            .blocks
            .iter()
            .find(|b| b.text(&table.text) == "Home | Health | Asthma");
        let row = row.expect("the row's text as the line's");
        let line = &text.blocks[0];
        assert!(super::super::condition::block_is_chrome(&text, line, &rules));
        assert!(!super::super::condition::block_is_chrome(&table, row, &rules));
        for _ in 0..2 {
            forget();
            assert!(!block_is_chrome(&table, row, &rules));
            assert!(block_is_chrome(&text, line, &rules));
            assert!(!block_is_chrome(&table, row, &rules));
            forget();
            assert!(block_is_chrome(&text, line, &rules));
            assert!(!block_is_chrome(&table, row, &rules));
        }
    }
}
