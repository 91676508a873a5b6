//! The HPO lexicon: phenotype names and exact synonyms from the Human
//! Phenotype Ontology, built into kb from `data/hpo/lexicon.tsv` (made by
//! `scripts/hpo_lexicon.py`), plus kb's short hand-checked list of everyday
//! phrases the HPO lacks (`data/hpo/lay-phrases.tsv`), indexed by a
//! normalised form of each name.

use std::sync::OnceLock;

use super::index_gen::{key_hash, LAY_BIT};
pub use super::normalise::normalise;
use super::normalise::{is_symptom_variant, unordered_key};

/// The lexicon file, as committed (about 1.3 MB of text).
const LEXICON_TSV: &str = include_str!("../../data/hpo/lexicon.tsv");

/// kb's everyday phrases for HPO terms: `phrase<TAB>HP:id` lines.
const LAY_PHRASES_TSV: &str = include_str!("../../data/hpo/lay-phrases.tsv");

/// How a lexicon entry names its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryKind {
    /// The term's own name.
    Name,
    /// An exact synonym (plain, UK spelling or plural form).
    Synonym,
    /// An exact synonym the HPO marks as a layperson term.
    Layperson,
    /// A phrase of kb's own hand-checked list (`data/hpo/lay-phrases.tsv`),
    /// recorded as a reviewer's link.
    Curated,
}

impl EntryKind {
    /// The `method` value stored in `symptom_code`.
    pub fn method(self) -> &'static str {
        match self {
            EntryKind::Name => "name",
            EntryKind::Synonym => "synonym",
            EntryKind::Layperson => "layperson",
            EntryKind::Curated => "reviewer",
        }
    }
}

/// One HPO term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// The number of the HP id (989 for HP:0000989).
    pub number: u32,
    /// The term's name, as the HPO spells it ("Pruritus").
    pub label: &'static str,
}

impl Term {
    /// The id as written in HPO files: `HP:0000989`.
    pub fn id(&self) -> String {
        format!("HP:{:07}", self.number)
    }
}

/// A normalised key found in the lexicon: which terms it names, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// (term index, how the entry names it, the entry's text), one per
    /// distinct term; more than one term means the key is ambiguous.
    pub terms: Vec<(usize, EntryKind, &'static str)>,
}

/// The lexicon, read in place from the built-in text and the index made at
/// compile time: nothing is parsed when a process starts.
pub struct Lexicon {
    release: &'static str,
    /// Byte offsets of the term lines in `LEXICON_TSV`, in id order.
    terms: Words,
    /// Entries sorted by the hash of their normalised key, and those
    /// hashes (see `index_gen.rs`).
    exact: Keyed,
    /// Entries sorted by the hash of their unordered key, and the hashes.
    unordered: Keyed,
    /// Longest entry in words, to bound scans of running text.
    max_words: usize,
    /// Hashes of every key's leading words short of the whole key
    /// (ascending): a run of words whose key is neither a key nor one of
    /// these starts no longer key.
    prefixes: Words,
}

/// Records and, in the same order, their keys' hashes (ascending).
#[derive(Clone, Copy)]
struct Keyed {
    records: Words,
    hashes: Words,
}

/// A run of little-endian u32s in the built-in index.
#[derive(Clone, Copy)]
struct Words(&'static [u8]);

impl Words {
    fn len(self) -> usize {
        self.0.len() / 4
    }
    fn get(self, i: usize) -> u32 {
        u32::from_le_bytes(self.0[i * 4..i * 4 + 4].try_into().unwrap())
    }
}

/// The built-in lexicon.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::from_index(INDEX))
}

/// The index `build.rs` made from the two files (`index_gen::build`).
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/hpo_index.bin"));

impl Lexicon {
    fn from_index(index: &'static [u8]) -> Lexicon {
        let word = |i: usize| u32::from_le_bytes(index[i * 4..i * 4 + 4].try_into().unwrap()) as usize;
        let (max_words, t, e, u, p) = (word(0), word(1), word(2), word(3), word(4));
        let at = |from: usize, n: usize| Words(&index[(5 + from) * 4..(5 + from + n) * 4]);
        let release = LEXICON_TSV
            .lines()
            .find_map(|l| l.strip_prefix("#hpo-release\t"))
            .unwrap_or("")
            .trim();
        let hashes = t + e + u;
        Lexicon {
            release,
            terms: at(0, t),
            exact: Keyed {
                records: at(t, e),
                hashes: at(hashes, e),
            },
            unordered: Keyed {
                records: at(t + e, u),
                hashes: at(hashes + e, u),
            },
            max_words,
            prefixes: at(hashes + e + u, p),
        }
    }

    /// The HPO release the lexicon was made from ("2025-01-16").
    pub fn release(&self) -> &'static str {
        self.release
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True when the lexicon holds no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.len() == 0
    }

    /// The term at an index of a [`Hit`].
    pub fn term(&self, index: usize) -> Term {
        let line = &LEXICON_TSV[self.terms.get(index) as usize..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let mut fields = line.split('\t');
        let number = fields.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        Term {
            number,
            label: fields.next().unwrap_or(""),
        }
    }

    fn index_of(&self, number: u32) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.terms.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.term(mid).number.cmp(&number) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// A term by its id (`HP:0000989`, `hp:989`), if the lexicon has it.
    pub fn by_id(&self, id: &str) -> Option<Term> {
        let (prefix, digits) = id.trim().split_once(':')?;
        if !prefix.eq_ignore_ascii_case("hp")
            || digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        self.index_of(digits.parse().ok()?).map(|i| self.term(i))
    }

    /// A record's (term index, kind, entry text).
    fn entry(&self, record: u32) -> (usize, EntryKind, &'static str) {
        if record & LAY_BIT != 0 {
            let line = &LAY_PHRASES_TSV[(record & !LAY_BIT) as usize..];
            let line = &line[..line.find('\n').unwrap_or(line.len())];
            let (phrase, id) = line.split_once('\t').unwrap_or((line, ""));
            let term = self
                .by_id(id)
                .and_then(|t| self.index_of(t.number))
                .unwrap_or_else(|| panic!("lay phrase {phrase:?}: {id} is not in the lexicon"));
            return (term, EntryKind::Curated, phrase.trim());
        }
        let at = record as usize;
        let rest = &LEXICON_TSV[at..];
        let text = &rest[..rest.find(['\t', '|', '\n']).unwrap_or(rest.len())];
        let before = LEXICON_TSV.as_bytes()[at - 1];
        let kind = match before {
            b'\t' => EntryKind::Name,
            b'l' => EntryKind::Layperson,
            _ => EntryKind::Synonym,
        };
        let line_start = LEXICON_TSV[..at].rfind('\n').map_or(0, |i| i + 1);
        let number = LEXICON_TSV[line_start..]
            .split('\t')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        (self.index_of(number).unwrap_or(0), kind, text)
    }

    /// An entry's text alone (what [`Lexicon::entry`] gives third).
    fn text(&self, record: u32) -> &'static str {
        if record & LAY_BIT != 0 {
            return self.entry(record).2;
        }
        let rest = &LEXICON_TSV[record as usize..];
        &rest[..rest.find(['\t', '|', '\n']).unwrap_or(rest.len())]
    }

    /// Whether some key is `key` or starts with `key` and a space (or a
    /// key or leading words of one share its hash: never a false no).
    fn may_lead(&self, key: &str) -> bool {
        let hash = key_hash(key);
        let found = |words: Words| {
            let (mut lo, mut hi) = (0, words.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                match words.get(mid).cmp(&hash) {
                    std::cmp::Ordering::Less => lo = mid + 1,
                    std::cmp::Ordering::Greater => hi = mid,
                    std::cmp::Ordering::Equal => return true,
                }
            }
            false
        };
        found(self.prefixes) || found(self.exact.hashes)
    }

    /// The records of `table` whose key (by `key_of`) is `key`: those of
    /// the key's hash, less any other key that shares it.
    fn search(&self, table: Keyed, key: &str, key_of: impl Fn(&str) -> String) -> Vec<u32> {
        let hash = key_hash(key);
        let (mut lo, mut hi) = (0, table.hashes.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if table.hashes.get(mid) < hash {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo..table.hashes.len())
            .take_while(|i| table.hashes.get(*i) == hash)
            .map(|i| table.records.get(i))
            .filter(|r| key_of(self.text(*r)) == key)
            .collect()
    }

    fn hit(&self, records: &[u32]) -> Option<Hit> {
        (!records.is_empty()).then(|| Hit {
            terms: records.iter().map(|r| self.entry(*r)).collect(),
        })
    }

    /// Exact lookup of a whole name after normalisation (case, plurals,
    /// UK/US spelling, symptom adjectives); two-word names also in the
    /// other word order.
    pub fn lookup(&self, name: &str) -> Option<Hit> {
        self.lookup_key(&normalise(name))
    }

    /// [`Lexicon::lookup`] of a key already normalised.
    pub fn lookup_key(&self, key: &str) -> Option<Hit> {
        if key.is_empty() {
            return None;
        }
        if let Some(hit) = self.hit(&self.search(self.exact, key, normalise)) {
            return Some(hit);
        }
        let k = unordered_key(key)?;
        let of = |t: &str| unordered_key(&normalise(t)).unwrap_or_default();
        self.hit(&self.search(self.unordered, &k, of))
    }

    /// True when `name` is, after normalisation, exactly one phenotype's
    /// name or exact synonym (ambiguous names are not).
    pub fn is_phenotype(&self, name: &str) -> bool {
        self.lookup(name).is_some_and(|h| h.terms.len() == 1)
    }

    /// The longest phenotype term starting at byte `offset` of `text` (which
    /// must be a word start), as the byte range it covers and the term. For
    /// the extractor: a known term is evidence of a symptom and marks where
    /// its name ends.
    pub fn longest_phenotype_at(&self, text: &str, offset: usize) -> Option<(std::ops::Range<usize>, Term)> {
        let rest = text.get(offset..)?;
        let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '-';
        let is_stop = |c: char| matches!(c, '.' | ',' | ';' | ':' | '\n' | '(' | ')');
        if !rest.chars().next().is_some_and(is_word) {
            return None;
        }
        // Word ends (byte offsets into rest) of up to max_words words,
        // stopping at punctuation that ends a phrase.
        let mut ends = Vec::new();
        let mut in_word = true;
        let mut stopped = false;
        for (i, c) in rest.char_indices() {
            let w = is_word(c);
            if in_word && !w {
                ends.push(i);
                if ends.len() >= self.max_words {
                    stopped = true;
                    break;
                }
            }
            if !w && is_stop(c) {
                stopped = true;
                break;
            }
            in_word = w;
        }
        if !stopped && in_word {
            ends.push(rest.len());
        }
        // The key of every prefix: `normalise` of a run of words is the
        // keys of its words joined by spaces, so the longest prefix's key is
        // built once, word by word, and each shorter prefix's key is a
        // prefix of it (normalising every prefix whole cost the square).
        let (key, key_ends) = prefix_keys(rest, &ends, |k| self.may_lead(k));
        for (end, key_end) in ends.into_iter().zip(key_ends).rev() {
            let key = &key[..key_end];
            // A lone "itchy" or "itch" names Itching as a symptom's name,
            // but in running text it is no evidence of one.
            let mut words = rest[..end]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty());
            let last = words.next_back().unwrap_or("");
            if is_symptom_variant(last) && !key.contains(' ') {
                continue;
            }
            if let Some(hit) = self.lookup_key(key) {
                if let [(term, ..)] = hit.terms[..] {
                    return Some((offset..offset + end, self.term(term)));
                }
            }
        }
        None
    }
}

/// `normalise(&text[..end])` for each of `ends` (ascending), as one string
/// and the length of each prefix's key in it. Words are normalised once:
/// the text is cut where a character that no normalised word can hold
/// (a space, a hyphen) separates two ends, and the keys of the pieces are
/// joined by a space, as `normalise` joins its words. Where the cut would
/// be unsafe (a U+2019 apostrophe, which `normalise` reads as a word's
/// apostrophe; a capital sigma, whose lower case depends on the letters
/// after it) the piece runs on to the next end.
///
/// The keys stop (fewer lengths than `ends`) at the first longer key past
/// one of three words or more that `may_lead` says no key is or starts
/// with: such a key is none, nor is any longer one (and only keys of two
/// or three words are also looked up in another word order).
/// Append `normalise(piece)` to a key, after a space when both hold
/// words. The keys of recent pieces are kept (by hash, one per slot): the
/// scan runs at every word of a sentence, over the same words each time.
fn push_piece_key(piece: &str, key: &mut String) {
    const SLOTS: usize = 1024;
    thread_local! {
        static PIECES: std::cell::RefCell<Vec<(String, String)>> =
            std::cell::RefCell::new(vec![(String::new(), String::new()); SLOTS]);
    }
    PIECES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let slot = &mut cache[key_hash(piece) as usize % SLOTS];
        if slot.0 != piece {
            slot.0.clear();
            slot.0.push_str(piece);
            slot.1 = normalise(piece);
        }
        if !slot.1.is_empty() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(&slot.1);
        }
    });
}

fn prefix_keys(text: &str, ends: &[usize], may_lead: impl Fn(&str) -> bool) -> (String, Vec<usize>) {
    let mut key = String::new();
    let mut lens = Vec::with_capacity(ends.len());
    let sigma = text[..ends.last().copied().unwrap_or(0)].contains('\u{3a3}');
    // Start of the piece not yet in `key`, and `key`'s length before it.
    let (mut from, mut settled) = (0, 0);
    // The length of a key that leads to none longer.
    let mut dead_end: Option<usize> = None;
    for &end in ends {
        key.truncate(settled);
        push_piece_key(&text[from..end], &mut key);
        match dead_end {
            Some(len) if key.len() > len => {
                key.truncate(len);
                break;
            }
            Some(_) => {}
            None if key.matches(' ').count() >= 2 && !may_lead(&key) => dead_end = Some(key.len()),
            None => {}
        }
        lens.push(key.len());
        let clean = !sigma
            && text[end..].chars().next().is_some_and(|c| {
                c != '\u{2019}' && c.to_lowercase().all(|l| !(l.is_alphanumeric() || l == '\''))
            });
        if clean {
            (from, settled) = (end, key.len());
        }
    }
    (key, lens)
}

#[cfg(test)]
#[path = "lexicon_tests.rs"]
mod tests;
