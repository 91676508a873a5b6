//! Stage (d), medicines named in a treatment section's sentences, whatever
//! the sentence's shape: "For pain, paracetamol or ibuprofen may be
//! enough" has no cue phrase, but it names two treatments. A medicine is a
//! name from the `medicines` list or a word with a drug-name ending
//! (`drug-suffixes`); its strength, dosage form and a brand in brackets
//! after it belong to it ("permethrin 5% cream (Lyclear)"). These add to
//! what the cue readers found: a medicine already inside one of their
//! names is not added again. Named therapies, devices and procedures
//! (`therapies`: "hearing aids", "watchful waiting") are read the same way.

use super::rules::{words, List};
use super::*;

impl<'a> Extractor<'a> {
    /// Add the medicines a treatment sentence names, unless it rejects or
    /// negates them.
    pub(super) fn medicines(&mut self, span: Span) {
        for sentence in sentences(self.doc, span) {
            self.medicines_in(sentence);
        }
    }

    fn medicines_in(&mut self, sentence: Span) {
        let doc = self.doc;
        let text = sentence.of(doc);
        // "Side effects of mirabegron include headaches" is about the
        // medicine's harms, not a choice of treatment.
        if self.rules.list(List::Rejection).matches(text)
            || self.rules.list(List::SideEffectWords).matches(text)
        {
            return;
        }
        let mut found = self.medicine_names(text);
        // Named therapies, devices and procedures ("hearing aids",
        // "pulmonary rehabilitation") are read the same way.
        let therapies = self.ranges(List::Therapies, text);
        found.extend(&therapies);
        found.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
        let mut last_end = 0;
        let previous = self.rule;
        for (start, end) in found {
            let therapy = therapies.contains(&(start, end));
            self.rule = if therapy {
                "therapy named"
            } else {
                "medicine named"
            };
            if start < last_end {
                continue;
            }
            last_end = end;
            if self.negated_before(text, start) {
                continue;
            }
            let core = folded::of(
                doc,
                Span {
                    start: sentence.start + start,
                    end: sentence.start + end,
                },
            );
            let known = self
                .seed
                .as_ref()
                .is_some_and(|s| s.treatments.iter().any(|t| contains_words(&fold(&t.name), &core)));
            if known {
                continue;
            }
            let whole = Span {
                start: sentence.start + start,
                end: sentence.start + self.medicine_end(text, end),
            };
            let name = self.name(whole);
            let kind = match self.vocab.treatment_kind(&name) {
                // A therapy's kind is the vocabulary's to say, not guessed.
                TreatmentKind::Other if therapy => TreatmentKind::Other,
                TreatmentKind::Other => TreatmentKind::Medication,
                kind => kind,
            };
            self.push_treatment(name, whole, Some(kind));
        }
        self.rule = previous;
    }

    /// Byte ranges (in `text`) of a list's phrases.
    fn ranges(&self, list: List, text: &str) -> Vec<(usize, usize)> {
        self.rules
            .list(list)
            .hits(text)
            .into_iter()
            .map(|h| (h.start, h.end))
            .collect()
    }

    /// Byte ranges (in `text`) of medicine names: listed names and words
    /// with a drug-name ending.
    pub(super) fn medicine_names(&self, text: &str) -> Vec<(usize, usize)> {
        let mut found = self.ranges(List::Medicines, text);
        let suffixes = words(List::DrugSuffixes);
        let (ends, any_short) = suffix_ends(suffixes);
        let may_end = |w: &[u8]| {
            any_short
                || match *w {
                    [.., a, b] => ends[pair(a, b) >> 6] & (1 << (pair(a, b) & 63)) != 0,
                    _ => false,
                }
        };
        let not = self.rules.list(List::NotMedicines);
        // Each word (a run of letters, digits and '-'), ASCII read by bytes
        // (a character is decoded only where a byte is not ASCII).
        let bytes = text.as_bytes();
        let word_at = |i: usize| match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric() || b == b'-', 1),
            _ => {
                let c = text[i..].chars().next().expect("a character starts here");
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        let mut at = 0;
        while at < text.len() {
            let (is_word, n) = word_at(at);
            if !is_word {
                at += n;
                continue;
            }
            let start = at;
            at += n;
            while at < text.len() {
                let (is_word, n) = word_at(at);
                if !is_word {
                    break;
                }
                at += n;
            }
            let word = &text[start..at];
            // Only a word of ASCII letters can have the shape; it is
            // lower-cased (a copy) only when its ending is a drug's.
            // (`to_lowercase` of other text is never all ASCII letters,
            // but for the Kelvin sign, read the old way.)
            let shaped = if word.bytes().all(|b| b.is_ascii_alphabetic()) {
                may_end(word.as_bytes())
                    && suffixes.iter().any(|x| {
                        word.len() >= x.len() + 3
                            && word.as_bytes()[word.len() - x.len()..].eq_ignore_ascii_case(x.as_bytes())
                    })
            } else {
                let lower = word.to_lowercase();
                lower.chars().all(|c| c.is_ascii_lowercase())
                    && suffixes
                        .iter()
                        .any(|x| lower.len() >= x.len() + 3 && lower.ends_with(x))
            };
            if shaped && !not.equals(&word.to_lowercase()) {
                found.push((start, start + word.len()));
            }
        }
        found
    }

    /// Where a medicine's name ends: after its strength ("5%"), dosage form
    /// ("cream", "eye drops") and a brand in brackets ("(Lyclear)").
    fn medicine_end(&self, text: &str, mut end: usize) -> usize {
        let rest = &text[end..];
        let strength = rest.trim_start();
        let len = strength
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '%'))
            .unwrap_or(strength.len());
        if len > 1 && strength[..len].ends_with('%') {
            end += rest.len() - strength.len() + len;
        }
        let rest = &text[end..];
        let form = rest.trim_start();
        if let Some(hit) = self.rules.list(List::DosageForms).starts(form) {
            end += rest.len() - form.len() + hit.end;
        }
        let rest = &text[end..];
        if let Some(inner) = rest.strip_prefix(" (") {
            if let Some(close) = inner.find(')') {
                let brand = &inner[..close];
                let first = brand.split_whitespace().next().unwrap_or("");
                let qualifying = self.rules.list(List::QualifyingOpeners).equals(first);
                if !brand.is_empty() && brand.split_whitespace().count() <= 4 && !qualifying {
                    end += 2 + close + 1;
                }
            }
        }
        end
    }

    /// Whether the clause before `at` in `text` negates what follows ("do
    /// not take aspirin", "avoid codeine").
    pub(super) fn negated_before(&self, text: &str, at: usize) -> bool {
        let before = &text[..at];
        let clause = before
            .rfind([',', ';', ':', '(', '–', '—'])
            // (The dashes are three bytes long: the clause starts after all of it.)
            .map_or(before, |i| {
                &before[i + before[i..].chars().next().map_or(1, char::len_utf8)..]
            });
        clause
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .any(|w| {
                // Most words need no copy: `equals` reads lower-case ASCII
                // as it is.
                let copy;
                let w = if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                    w
                } else {
                    copy = w.to_lowercase().replace('’', "'");
                    copy.as_str()
                };
                self.rules.list(List::Negation).equals(w) || self.rules.list(List::Avoidance).equals(w)
            })
    }
}

/// Whether `name`'s words hold `part`'s words in a row.
pub(super) fn contains_words(name: &str, part: &str) -> bool {
    // (Compared as the words come, without collecting either side: this
    // runs for every medicine against every treatment found before it.)
    let words = |s| {
        let s: &str = s;
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
    };
    let mut wanted = words(part);
    let Some(first) = wanted.next() else {
        return false;
    };
    // Only where the first word matches are the rest compared.
    let mut from = words(name);
    while let Some(w) = from.next() {
        if w == first {
            let mut here = from.clone();
            if wanted.clone().all(|p| here.next() == Some(p)) {
                return true;
            }
        }
    }
    false
}

/// The last two bytes of every drug-name ending (lower case, folded into
/// a 4,096-bit table; a word ending otherwise has no drug's ending), and
/// whether an ending is shorter than two bytes: made once per list, not
/// once per sentence.
fn suffix_ends(suffixes: &'static [&'static str]) -> ([u64; 64], bool) {
    thread_local! {
        static ENDS: std::cell::Cell<(usize, usize, [u64; 64], bool)> =
            const { std::cell::Cell::new((0, 0, [0; 64], false)) };
    }
    let id = (suffixes.as_ptr() as usize, suffixes.len());
    let (ptr, len, ends, any_short) = ENDS.get();
    if (ptr, len) == id {
        return (ends, any_short);
    }
    let mut ends = [0u64; 64];
    let mut any_short = false;
    for x in suffixes {
        match *x.as_bytes() {
            [.., a, b] => ends[pair(a, b) >> 6] |= 1 << (pair(a, b) & 63),
            _ => any_short = true,
        }
    }
    ENDS.set((id.0, id.1, ends, any_short));
    (ends, any_short)
}

/// A pair of bytes' place in the endings' table (lower case, six bits each).
fn pair(a: u8, b: u8) -> usize {
    (usize::from(a.to_ascii_lowercase() & 63) << 6) | usize::from(b.to_ascii_lowercase() & 63)
}

#[cfg(test)]
mod tests {
    use super::contains_words;

    #[test]
    fn words_in_a_row() {
        assert!(contains_words("steroid tablets (prednisolone)", "prednisolone"));
        assert!(contains_words("salicylic acid gel", "salicylic acid"));
        assert!(!contains_words("acid reflux", "salicylic acid"));
        assert!(!contains_words("anything", ""));
    }

    /// The same answer as comparing the collected words, on every pair of
    /// a set of short names (repeats, punctuation, longer parts).
    #[test]
    fn words_in_a_row_as_collected() {
        let collected = |name: &str, part: &str| {
            let w = |s: &str| -> Vec<String> {
                s.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned)
                    .collect()
            };
            let (name, part) = (w(name), w(part));
            !part.is_empty() && name.windows(part.len()).any(|x| x == part.as_slice())
        };
        let texts = [
            "",
            " ",
            "a",
            "a a",
            "a a b",
            "a b a b c",
            "b c",
            "(a) b",
            "a-b",
            "é a",
            "acid",
            "a b c d",
            "c d",
            "d",
            "a, b",
            "b a",
        ];
        for name in texts {
            for part in texts {
                assert_eq!(
                    contains_words(name, part),
                    collected(name, part),
                    "{name:?} / {part:?}"
                );
            }
        }
    }

    /// The endings' table is the list's, made again for another list.
    #[test]
    fn suffix_table_follows_the_list() {
        static A: &[&str] = &["mab", "x"];
        static B: &[&str] = &["olol"];
        let (a, short) = super::suffix_ends(A);
        assert!(short);
        assert_ne!(
            a[super::pair(b'a', b'b') >> 6] & (1 << (super::pair(b'a', b'b') & 63)),
            0
        );
        let (b, short) = super::suffix_ends(B);
        assert!(!short);
        assert_eq!(
            b[super::pair(b'a', b'b') >> 6] & (1 << (super::pair(b'a', b'b') & 63)),
            0
        );
        assert_ne!(
            b[super::pair(b'o', b'l') >> 6] & (1 << (super::pair(b'o', b'l') & 63)),
            0
        );
    }
}
