//! A list item's facts kept across documents. Articles of one site, and
//! the bench's synthetic articles, repeat items ("stress", "itching",
//! "emollients"), and reading one costs thousands of instructions of
//! cutting, splitting and name tests where a look-up costs a hash.
//!
//! Reading an item (`read_bullet`) is a pure function of the item's text,
//! its role and the rules and vocabulary in force, up to the point where a
//! fact is added: where a fact goes (the current type, what is already
//! there) and which rule and section `--explain` names are the walk's
//! state, so what is kept is the list of additions (`add_fact`,
//! `push_treatment_as`) with their names and their spans relative to the
//! item, and a hit replays them through the same two functions. A reading
//! that asks the walk's state itself (the prose reader, an indication's
//! treatment) or adds a span outside the item is not kept.
//!
//! Keyed by the text, the role and the identities of the rule set, the
//! current word lists and the vocabulary, so a hit is the answer the work
//! would give; bounded in entries and bytes (emptied when full).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::memo::{hash, Passed};
use super::rules::{words, List};
use super::*;

/// Items kept before the memo starts again.
const LIMIT: usize = 4096;
/// Bytes of item texts and fact names kept before it starts again.
const BYTES: usize = 1 << 20;

/// One addition a reading made.
#[derive(Debug, Clone)]
pub(super) enum Effect {
    Fact {
        role: Role,
        name: String,
        /// Offsets from the item's start.
        start: u32,
        end: u32,
    },
    Treatment {
        name: String,
        start: u32,
        end: u32,
        kind: TreatmentKind,
    },
}

/// The additions of the reading under way.
pub(super) struct Recording {
    item: Span,
    effects: Vec<Effect>,
    bytes: usize,
    keep: bool,
}

/// What an answer depends on besides the text.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Context {
    role: u8,
    rules: usize,
    words: usize,
    vocabulary: usize,
}

struct Entry {
    /// The text's place in `Items::texts`.
    at: u32,
    len: u32,
    context: Context,
    effects: Box<[Effect]>,
}

struct Items {
    texts: String,
    bytes: usize,
    /// By the hash of text and role (of two with one hash the later is
    /// kept: a miss, never a wrong hit).
    entries: HashMap<u64, Entry, BuildHasherDefault<Passed>>,
}

thread_local! {
    static ITEMS: RefCell<Items> = const {
        RefCell::new(Items {
            texts: String::new(),
            bytes: 0,
            entries: HashMap::with_hasher(BuildHasherDefault::new()),
        })
    };
}

/// Forget every answer kept across documents on this thread: list items
/// here, headings and page chrome in `memo` (a measurement of first
/// readings; answers never go stale, their key says what they depend on).
pub fn forget_answers() {
    super::memo::forget();
    ITEMS.with(|m| {
        let mut m = m.borrow_mut();
        m.texts.clear();
        m.bytes = 0;
        m.entries.clear();
    });
}

/// A role's part of the key; `None` for roles whose reading is not kept.
fn role_code(role: &Role) -> Option<u8> {
    Some(match role {
        Role::Skip => 1,
        Role::Symptom => 2,
        Role::TypeCause => 3,
        Role::GeneralCause => 4,
        Role::Treatment(None) => 5,
        Role::Treatment(Some(kind)) => 6 + *kind as u8,
        Role::Indication(_) | Role::Type => return None,
    })
}

impl Extractor<'_> {
    /// An item's facts: replayed when the same item was read before under
    /// the same role, rules and vocabulary, else read and kept.
    pub(super) fn bullet(&mut self, item: Span, role: &Role) {
        let Some(code) = role_code(role).filter(|_| self.recording.is_none()) else {
            return self.read_bullet(item, role);
        };
        let context = Context {
            role: code,
            rules: self.rules.id(),
            words: words(List::Modals).as_ptr() as usize,
            vocabulary: self.vocab.id(),
        };
        let text = item.of(self.doc);
        let key = hash(text) ^ u64::from(code).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let known = ITEMS.with(|m| {
            let m = m.borrow();
            let e = m.entries.get(&key)?;
            (e.context == context && &m.texts[e.at as usize..(e.at + e.len) as usize] == text)
                .then(|| e.effects.clone())
        });
        if let Some(effects) = known {
            return self.replay(item, &effects);
        }
        self.recording = Some(Recording {
            item,
            effects: Vec::new(),
            bytes: text.len(),
            keep: true,
        });
        self.read_bullet(item, role);
        let done = self.recording.take().expect("recording");
        if !done.keep {
            return;
        }
        ITEMS.with(|m| {
            let mut m = m.borrow_mut();
            if m.entries.len() >= LIMIT || m.bytes + done.bytes > BYTES {
                m.texts.clear();
                m.bytes = 0;
                m.entries.clear();
            }
            let at = m.texts.len() as u32;
            m.texts.push_str(text);
            m.bytes += done.bytes;
            m.entries.insert(
                key,
                Entry {
                    at,
                    len: text.len() as u32,
                    context,
                    effects: done.effects.into_boxed_slice(),
                },
            );
        });
    }

    fn replay(&mut self, item: Span, effects: &[Effect]) {
        let at = |start: u32, end: u32| Span {
            start: item.start + start as usize,
            end: item.start + end as usize,
        };
        for e in effects {
            match e {
                Effect::Fact {
                    role,
                    name,
                    start,
                    end,
                } => self.add_fact(role, name.clone(), at(*start, *end)),
                Effect::Treatment {
                    name,
                    start,
                    end,
                    kind,
                } => self.push_treatment_as(name.clone(), at(*start, *end), *kind),
            }
        }
    }

    /// The reading under way asks the walk's state: not kept.
    pub(super) fn not_memoised(&mut self) {
        if let Some(r) = &mut self.recording {
            r.keep = false;
        }
    }

    /// Keep `add_fact`'s addition, if a reading is recorded.
    pub(super) fn record_fact(&mut self, role: &Role, name: &str, span: Span) {
        let Some(r) = &mut self.recording else { return };
        if let Some((start, end)) = r.offsets(span) {
            r.bytes += name.len() + 64;
            r.effects.push(Effect::Fact {
                role: role.clone(),
                name: name.to_owned(),
                start,
                end,
            });
        }
    }

    /// Keep `push_treatment_as`'s addition, if a reading is recorded.
    pub(super) fn record_treatment(&mut self, name: &str, span: Span, kind: TreatmentKind) {
        let Some(r) = &mut self.recording else { return };
        if let Some((start, end)) = r.offsets(span) {
            r.bytes += name.len() + 64;
            r.effects.push(Effect::Treatment {
                name: name.to_owned(),
                start,
                end,
                kind,
            });
        }
    }
}

impl Recording {
    /// A span's offsets from the item's start; a span outside the item
    /// cannot be replayed elsewhere, and the reading is not kept.
    fn offsets(&mut self, span: Span) -> Option<(u32, u32)> {
        let inside = self.item.start <= span.start && span.start <= span.end && span.end <= self.item.end;
        self.keep &= inside;
        (inside && self.keep).then(|| {
            (
                (span.start - self.item.start) as u32,
                (span.end - self.item.start) as u32,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn read(doc: &str, vocabulary: &Vocabulary) -> (String, String) {
        let ex = extract_with(
            &Document::parse(doc, Format::Text),
            "a.txt",
            vocabulary,
            &Options::default(),
        );
        (
            serde_json::to_string(&ex.seed).unwrap(),
            serde_json::to_string(&ex.explained).unwrap(),
        )
    }

    /// Items repeated under other types and at other places, in this
    /// document and the next, read as they are read afresh.
    #[test]
    fn replayed_items_read_as_read_afresh() {
        let doc = "Flaky rash\n\nFlaky rash is a skin condition.\n\nSymptoms\n\n- itching\n- dry skin\n\n\
            Causes\n\nThere are two types of flaky rash.\n\nContact flaky rash\n\nIt is caused by:\n\n\
            - stress\n- heat or friction\n\nAtopic flaky rash\n\nIt is caused by:\n\n- stress\n\
            - heat or friction\n- a parent or brother with it\n\nTreatment\n\n- emollients\n\
            - avoid triggers like stress and heat\n- itching\n";
        let seed = include_str!("../../seeds/calcinosis-cutis.txt");
        let v = Vocabulary::builtin();
        for text in [doc, seed] {
            forget_answers();
            let cold = read(text, &v);
            // Warm: every item is a hit now, at the same places, then at
            // others (the text shifted by a line).
            assert_eq!(read(text, &v), cold);
            let shifted = format!("\n\n{text}");
            let warm = read(&shifted, &v);
            forget_answers();
            assert_eq!(read(&shifted, &v), warm);
        }
        // Items read afresh from the first document were kept.
        forget_answers();
        read(doc, &v);
        assert!(ITEMS.with(|m| m.borrow().entries.len()) >= 5);
    }

    /// Every corpus and dev article read with the answers of all the others
    /// kept reads as it does alone: a reading that came to depend on the
    /// walk's state without saying so (`not_memoised`) shows here.
    #[test]
    fn articles_read_the_same_after_all_the_others() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in ["../shared/corpus/documents", "tests/fixtures/dev/documents"] {
            let dir = root.join(dir);
            let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            paths.extend(entries.map(|e| e.unwrap().path()));
        }
        paths.sort();
        assert!(paths.len() >= 30, "the corpus and dev articles are missing");
        let v = Vocabulary::builtin();
        let read_one = |path: &std::path::Path| {
            let text = std::fs::read_to_string(path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let format = Format::of_name(&name).unwrap_or(Format::Text);
            let ex = extract_with(&Document::parse(&text, format), &name, &v, &Options::default());
            let explained = serde_json::to_string(&ex.explained).unwrap();
            (serde_json::to_string(&ex.seed).unwrap(), explained)
        };
        let alone: Vec<_> = paths
            .iter()
            .map(|p| {
                forget_answers();
                read_one(p)
            })
            .collect();
        forget_answers();
        for _ in 0..2 {
            for (p, want) in paths.iter().zip(&alone) {
                assert_eq!(&read_one(p), want, "{}", p.display());
            }
        }
    }

    /// A vocabulary extended after an item was read reads it again.
    #[test]
    fn another_vocabulary_reads_again() {
        let doc = "Flaky rash\n\nFlaky rash is a skin condition.\n\nSymptoms\n\n- itchng\n- dry skin\n";
        let mut v = Vocabulary::builtin();
        forget_answers();
        let before = read(doc, &v);
        v.merge(Vocabulary::from_toml_str("[corrections]\nitchng = \"itching\"\n").unwrap());
        let after = read(doc, &v);
        assert_ne!(before, after);
        assert!(after.0.contains("\"itching\""), "{}", after.0);
    }
}
