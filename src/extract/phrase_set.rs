//! A compiled phrase list ([`Phrases`]): the matcher every list of
//! `rules.toml` is built into, once. Phrases match case-insensitively at
//! word boundaries; one ending in `*` is a stem.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A list of phrases compiled for matching.
#[derive(Debug, Clone)]
pub struct Phrases {
    pub(super) phrases: Vec<String>,
    stems: Vec<bool>,
    automaton: Option<AhoCorasick>,
    /// For a list searched all the time, a DFA of the same phrases, built
    /// once it has been searched `DFA_AFTER` times: faster to search than
    /// the NFA `aho-corasick` makes of over 100 phrases, but slower to
    /// build than a one-article `kb extract` would make up for.
    dfa: Option<Box<LateDfa>>,
    /// Per phrase: whether its first and its last character are letters
    /// or digits (then a match must start, or end, a word).
    alnum_ends: Vec<(bool, bool)>,
    exact: std::collections::HashSet<String, std::hash::BuildHasherDefault<Fnv>>,
    /// The phrases' shapes (length, first and last byte: [`shape`]) as a
    /// 1,024-bit table: most texts asked to equal a phrase (a heading's
    /// every word against the filler list) share no phrase's shape, and are
    /// answered without hashing them.
    shapes: [u64; 16],
    any_stem: bool,
    /// The longest phrase, in bytes: no match starting at 0 ends later.
    longest: usize,
    /// The rule set's union of lists and this list's slot in it: a span of
    /// the document is looked up in its hits, not searched.
    pub(super) indexed: Option<(&'static super::hits::Union, usize)>,
}

/// One match: byte range in the searched text and the phrase's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub index: usize,
}

impl Phrases {
    pub(super) fn new(raw: &[String]) -> Phrases {
        Phrases::built(raw, false)
    }

    /// [`Phrases::new`]; with `dfa`, searches move to a DFA once the list
    /// has been searched often (see [`LateDfa`]).
    pub(super) fn built(raw: &[String], dfa: bool) -> Phrases {
        let mut phrases = Vec::new();
        let mut stems = Vec::new();
        for p in raw {
            let p = p.trim().to_lowercase();
            let (p, stem) = match p.strip_suffix('*') {
                Some(s) => (s.to_owned(), true),
                None => (p, false),
            };
            if !p.is_empty() && !phrases.contains(&p) {
                phrases.push(p);
                stems.push(stem);
            }
        }
        let automaton = (!phrases.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&phrases)
                .expect("phrases compile")
        });
        let late = (dfa && !phrases.is_empty()).then(|| Box::new(LateDfa::new(&phrases)));
        Phrases {
            alnum_ends: phrases
                .iter()
                .map(|p| {
                    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                    (alnum(p.chars().next()), alnum(p.chars().next_back()))
                })
                .collect(),
            exact: phrases.iter().cloned().collect(),
            shapes: phrases.iter().fold([0; 16], |mut table, p| {
                let i = shape(p.as_bytes());
                table[i >> 6] |= 1 << (i & 63);
                table
            }),
            any_stem: stems.iter().any(|s| *s),
            longest: phrases.iter().map(String::len).max().unwrap_or(0),
            phrases,
            stems,
            dfa: late,
            automaton,
            indexed: None,
        }
    }

    /// `f` of this list's matches in `text` (as the automaton reports them,
    /// word boundaries untested) from the document's hits, when `text` is
    /// a span of the document under extraction or of its folded copy.
    fn indexed<R>(
        &self,
        text: &str,
        f: impl FnOnce(&mut dyn Iterator<Item = aho_corasick::Match>) -> R,
    ) -> Option<R> {
        let (union, slot) = self.indexed?;
        super::hits::with_hits(union, slot, text, true, |hits| {
            f(&mut hits.map(|(start, end, index)| aho_corasick::Match::must(index, start..end)))
        })
    }

    /// The automaton to search with: the DFA once it is worth building.
    pub(super) fn automaton(&self) -> Option<&AhoCorasick> {
        let nfa = self.automaton.as_ref()?;
        Some(self.dfa.as_ref().map_or(nfa, |late| late.get().unwrap_or(nfa)))
    }

    /// The phrases, lower case, stems without their '*'.
    pub fn phrases(&self) -> &[String] {
        &self.phrases
    }

    pub fn phrase(&self, index: usize) -> &str {
        &self.phrases[index]
    }

    /// Every match at word boundaries, overlapping ones included, in order
    /// of their start (longest first at one start).
    pub fn hits(&self, text: &str) -> Vec<Hit> {
        let to_hit = |m: aho_corasick::Match| Hit {
            start: m.start(),
            end: m.end(),
            index: m.pattern().as_usize(),
        };
        if let Some(mut out) = self.indexed(text, |ms| {
            ms.filter(|m| self.at_word_boundaries(text, m))
                .map(to_hit)
                .collect::<Vec<Hit>>()
        }) {
            out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
            return out;
        }
        let Some(ac) = self.automaton() else {
            return Vec::new();
        };
        let mut out: Vec<Hit> = ac
            .find_overlapping_iter(text)
            .filter(|m| self.at_word_boundaries(text, m))
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                index: m.pattern().as_usize(),
            })
            .collect();
        out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        out
    }

    /// Whether a match stands at word boundaries (a stem may run on).
    pub(super) fn at_word_boundaries(&self, text: &str, m: &aho_corasick::Match) -> bool {
        let (first, last) = self.alnum_ends[m.pattern().as_usize()];
        let word_start = !first
            || text[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
        word_start && {
            !last
                || self.stems[m.pattern().as_usize()]
                || text[m.end()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        }
    }

    /// The leftmost (then longest) match: [`Phrases::hits`]' first, without
    /// collecting and sorting them all (this runs for every sentence).
    pub fn find(&self, text: &str) -> Option<Hit> {
        if let Some(found) = self.indexed(text, |ms| self.best(text, ms)) {
            return found;
        }
        let ac = self.automaton()?;
        self.best(text, &mut ac.find_overlapping_iter(text))
    }

    /// The leftmost (then longest) of `matches` at word boundaries.
    fn best(&self, text: &str, matches: &mut dyn Iterator<Item = aho_corasick::Match>) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        for m in matches {
            // Reported in order of their end: a later one can be better
            // only by starting earlier, or as early and ending later.
            let better = best.is_none_or(|b| m.start() < b.start || m.start() == b.start && m.end() > b.end);
            if better && self.at_word_boundaries(text, &m) {
                best = Some(Hit {
                    start: m.start(),
                    end: m.end(),
                    index: m.pattern().as_usize(),
                });
            }
        }
        best
    }

    /// How many matches [`Phrases::hits`] would give, counting no further
    /// than `limit`.
    pub fn count_up_to(&self, text: &str, limit: usize) -> usize {
        if let Some(n) = self.indexed(text, |ms| {
            ms.filter(|m| self.at_word_boundaries(text, m))
                .take(limit)
                .count()
        }) {
            return n;
        }
        self.automaton().map_or(0, |ac| {
            // (Most texts hold no phrase at all: a plain search, which can
            // skip ahead, says so sooner than the overlapping one.)
            if !ac.is_match(text) {
                return 0;
            }
            ac.find_overlapping_iter(text)
                .filter(|m| self.at_word_boundaries(text, m))
                .take(limit)
                .count()
        })
    }

    pub fn matches(&self, text: &str) -> bool {
        if let Some(any) = self.indexed(text, |mut ms| {
            Iterator::any(&mut ms, |m| self.at_word_boundaries(text, &m))
        }) {
            return any;
        }
        // Any match will do: stop at the first.
        self.automaton().is_some_and(|ac| {
            ac.is_match(text)
                && ac
                    .find_overlapping_iter(text)
                    .any(|m| self.at_word_boundaries(text, &m))
        })
    }

    /// Whether the whole text (trimmed of spaces and end punctuation) is one
    /// of the phrases.
    pub fn equals(&self, text: &str) -> bool {
        let t = trim_phrase(text);
        // Most lists hold no stems: a set look-up answers without a scan.
        if !self.any_stem {
            // A character lower-cases to one or more of at least a byte
            // each, from at most four: a text over four times the longest
            // phrase is none (most blocks asked whether they are chrome).
            if t.len() > 4 * self.longest {
                return false;
            }
            if t.is_ascii() {
                // ASCII text keeps its length when lower-cased, and every
                // byte its low three bits (only 0x20 changes): its shape.
                // One longer than every phrase, or of no phrase's shape, is
                // none, told without a copy (every block is asked whether
                // it ends the content or is chrome, every heading's word
                // whether it is filler).
                if t.len() > self.longest || !self.has_shape(t.as_bytes()) {
                    return false;
                }
                // Text already in lower case (most words asked about) is
                // looked up as it is; other text is lower-cased on the stack.
                if !t.bytes().any(|b| b.is_ascii_uppercase()) {
                    return self.exact.contains(t);
                }
                let mut buf = [0u8; 96];
                if let Some(buf) = buf.get_mut(..t.len()) {
                    buf.copy_from_slice(t.as_bytes());
                    buf.make_ascii_lowercase();
                    return std::str::from_utf8(buf).is_ok_and(|t| self.exact.contains(t));
                }
            }
            return self.exact.contains(&t.to_lowercase());
        }
        self.hits(t).iter().any(|h| h.start == 0 && h.end == t.len())
    }

    /// Whether some phrase has the shape of `lower` (lower-case bytes, or
    /// ASCII in any case, whose lower case has its shape): a phrase equal
    /// to it has.
    fn has_shape(&self, lower: &[u8]) -> bool {
        let i = shape(lower);
        self.shapes[i >> 6] & (1 << (i & 63)) != 0
    }

    /// Whether the text starts with one of the phrases: the longest that
    /// does (the first of [`Phrases::hits`] that starts at 0).
    pub fn starts(&self, text: &str) -> Option<Hit> {
        if let Some(found) = self.indexed(text, |ms| {
            // (Hits come by start: those at 0 first.)
            let mut best: Option<Hit> = None;
            for m in ms.take_while(|m| m.start() == 0) {
                if best.is_none_or(|b| m.end() > b.end) && self.at_word_boundaries(text, &m) {
                    best = Some(Hit {
                        start: 0,
                        end: m.end(),
                        index: m.pattern().as_usize(),
                    });
                }
            }
            best
        }) {
            return found;
        }
        let ac = self.automaton()?;
        let mut best: Option<Hit> = None;
        // A match starting at 0 ends by the longest phrase: only that much
        // of the text is scanned (a paragraph that starts with none was
        // scanned to its end). The word-boundary test still sees it all.
        let mut cut = self.longest.min(text.len());
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        for m in ac.find_overlapping_iter(&text[..cut]) {
            // Matches come in order of their end: none after this one can
            // start at 0.
            if m.end() > self.longest {
                break;
            }
            if m.start() == 0 && best.is_none_or(|b| m.end() > b.end) && self.at_word_boundaries(text, &m) {
                best = Some(Hit {
                    start: 0,
                    end: m.end(),
                    index: m.pattern().as_usize(),
                });
            }
        }
        best
    }
}

/// `text.trim().trim_end_matches([':', '.', '?', '!']).trim()`, with
/// nothing searched when the text starts and ends with other ASCII (nearly
/// every word and heading asked about).
/// A text's slot in [`Phrases::shapes`]: its length and its first and last
/// bytes, three bits of each (ten in all).
fn shape(bytes: &[u8]) -> usize {
    let (first, last) = (
        bytes.first().copied().unwrap_or(0),
        bytes.last().copied().unwrap_or(0),
    );
    (bytes.len() & 15) << 6 | usize::from(first & 7) << 3 | usize::from(last & 7)
}

fn trim_phrase(text: &str) -> &str {
    let plain = |b: u8| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ');
    if let (Some(&first), Some(&last)) = (text.as_bytes().first(), text.as_bytes().last()) {
        if plain(first) && plain(last) && !matches!(last, b':' | b'.' | b'?' | b'!') {
            return text;
        }
    }
    text.trim().trim_end_matches([':', '.', '?', '!']).trim()
}

/// How many searches of a list make its DFA worth building: a
/// one-article `kb extract` searches the section patterns a few hundred
/// times, a seed of many articles millions.
const DFA_AFTER: u32 = 5_000;

/// A DFA built on the `DFA_AFTER`th search (the same phrases and options
/// as the NFA, so the same matches in the same order).
#[derive(Debug)]
struct LateDfa {
    phrases: Vec<String>,
    searches: std::sync::atomic::AtomicU32,
    built: std::sync::OnceLock<AhoCorasick>,
}

impl Clone for LateDfa {
    fn clone(&self) -> LateDfa {
        LateDfa::new(&self.phrases)
    }
}

impl LateDfa {
    fn new(phrases: &[String]) -> LateDfa {
        LateDfa {
            phrases: phrases.to_vec(),
            searches: std::sync::atomic::AtomicU32::new(0),
            built: std::sync::OnceLock::new(),
        }
    }

    fn get(&self) -> Option<&AhoCorasick> {
        if let Some(dfa) = self.built.get() {
            return Some(dfa);
        }
        if self.searches.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < DFA_AFTER {
            return None;
        }
        Some(self.built.get_or_init(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&self.phrases)
                .expect("phrases compile")
        }))
    }
}

/// FNV-1a, for the sets of short phrases: std's default hasher is built
/// to resist chosen keys, which built-in rules are not, and costs more.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

#[cfg(test)]
mod tests {
    use super::Phrases;

    #[test]
    fn equals_by_shape_as_by_set() {
        let raw: Vec<String> = ["what", "is", "Signs and symptoms", "how to", "the", "éclat"]
            .iter()
            .map(|p| p.to_string())
            .collect();
        let p = Phrases::new(&raw);
        // Each phrase in any case, and words of the same length and ends.
        for (text, want) in [
            ("what", true),
            ("WHAT", true),
            ("What?", true),
            ("wart", false),
            ("whet", false),
            ("is", true),
            ("IS", true),
            ("it", false),
            ("signs and symptoms", true),
            ("Signs And Symptoms:", true),
            ("signs and symptomz", false),
            ("How to", true),
            ("the", true),
            ("tie", false),
            ("Éclat", true),
            ("", false),
            ("SIGNS AND SYMPTOMZ", false),
            ("TIE", false),
            ("The", true),
        ] {
            assert_eq!(p.equals(text), want, "{text:?}");
        }
        // Every phrase of the built-in lists, in capitals and in title
        // case, answered as the set answers its trimmed lower case.
        let rules = super::super::rules::Rules::builtin();
        for (list, _) in super::super::rules::List::ALL {
            let p = rules.list(*list);
            if p.any_stem {
                continue;
            }
            for phrase in p.phrases() {
                let title: String = phrase
                    .char_indices()
                    .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
                    .collect();
                for text in [phrase.to_uppercase(), title, format!("{phrase}x")] {
                    let want = p.exact.contains(&super::trim_phrase(&text).to_lowercase());
                    assert_eq!(p.equals(&text), want, "{list:?} {text:?}");
                }
            }
        }
    }
}
