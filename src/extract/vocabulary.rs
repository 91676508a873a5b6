//! The vocabulary: spelling corrections, synonyms and treatment-kind
//! keywords. It is data (`seeds/vocabulary.toml`, built in; a seed folder's
//! own `vocabulary.toml` extends it), so users fix new typos without code.

use std::collections::BTreeMap;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use serde::Deserialize;

use super::rules::{Fnv, List, Rules, RulesError};
use crate::model::TreatmentKind;

/// Corrections, synonyms and keywords used to normalise extracted names,
/// with the extraction [`Rules`] they go with.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    corrections: BTreeMap<String, String>,
    /// The corrections' key lengths and first bytes: every word of every
    /// name asks for a correction, and nearly all have none.
    correction_keys: KeyFilter,
    /// Whether any correction is of several words (most vocabularies have
    /// none, and every name asks).
    any_phrase: bool,
    synonyms: BTreeMap<String, String>,
    kinds: Vec<(TreatmentKind, Vec<String>)>,
    /// The kinds' keywords indexed for [`Vocabulary::treatment_kind`]
    /// (built on first use, dropped when the vocabulary is extended).
    kind_index: OnceLock<KindIndex>,
    rules: Rules,
    /// Which vocabulary this is: a number no other vocabulary, nor this
    /// one after a `merge`, has (answers kept across documents are keyed
    /// by it).
    id: usize,
}

/// The next vocabulary's `id`.
static NEXT_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

fn next_id() -> usize {
    NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Which (length, first byte, last byte) some key has, as bits of a
/// 1,024-bit table: a word none of whose bits is set is no key, found
/// without a map lookup.
#[derive(Debug, Clone)]
struct KeyFilter {
    bits: [u64; 16],
}

impl KeyFilter {
    fn new<'a>(keys: impl Iterator<Item = &'a String>) -> KeyFilter {
        let mut f = KeyFilter { bits: [0; 16] };
        for k in keys {
            let bit = KeyFilter::bit(k);
            f.bits[bit >> 6] |= 1 << (bit & 63);
        }
        f
    }

    fn bit(word: &str) -> usize {
        let b = word.as_bytes();
        let (first, last) = (b.first().copied().unwrap_or(0), b.last().copied().unwrap_or(0));
        (b.len().wrapping_mul(131) ^ usize::from(first).wrapping_mul(31) ^ usize::from(last)) & 1023
    }

    fn may_hold(&self, word: &str) -> bool {
        let bit = KeyFilter::bit(word);
        self.bits[bit >> 6] & (1 << (bit & 63)) != 0
    }
}

/// Treatment-kind keywords by their first two bytes, each with its kind's
/// place in `kinds`: a word is tested against the few keywords it could
/// start with, not all hundred or so of them.
#[derive(Debug, Clone, Default)]
struct KindIndex {
    by_start: HashMap<[u8; 2], Vec<(usize, String)>, BuildHasherDefault<Fnv>>,
    /// Keywords of under two bytes, tested against every word.
    short: Vec<(usize, String)>,
    /// Keywords of several words, looked for in the whole name.
    phrases: Vec<(usize, String)>,
}

impl KindIndex {
    fn new(kinds: &[(TreatmentKind, Vec<String>)]) -> KindIndex {
        let mut index = KindIndex::default();
        for (i, (_, keywords)) in kinds.iter().enumerate() {
            for k in keywords {
                let entry = (i, k.clone());
                if k.contains(' ') {
                    index.phrases.push(entry);
                } else if let [a, b, ..] = *k.as_bytes() {
                    index.by_start.entry([a, b]).or_default().push(entry);
                } else {
                    index.short.push(entry);
                }
            }
        }
        index
    }

    /// Which kinds (by place, as bits: there are at most four) have a
    /// keyword in the name.
    fn listed(&self, lower: &str, words: &[&str]) -> u64 {
        let mut found = 0u64;
        for w in words {
            let bucket = match *w.as_bytes() {
                [a, b, ..] => self.by_start.get(&[a, b]),
                _ => None,
            };
            for (i, k) in bucket.into_iter().flatten().chain(&self.short) {
                if w.starts_with(k.as_str()) {
                    found |= 1 << i;
                }
            }
        }
        for (i, k) in &self.phrases {
            if found & (1 << i) == 0 && lower.contains(k.as_str()) {
                found |= 1 << i;
            }
        }
        found
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    corrections: BTreeMap<String, String>,
    #[serde(default)]
    synonyms: BTreeMap<String, String>,
    #[serde(default)]
    treatment_kinds: BTreeMap<TreatmentKind, Vec<String>>,
}

impl Vocabulary {
    /// The vocabulary shipped with kb.
    pub fn builtin() -> Vocabulary {
        Vocabulary::from_toml_str(include_str!("../../seeds/vocabulary.toml"))
            .expect("the built-in vocabulary is valid (checked by a test)")
    }

    /// Parse a vocabulary file.
    pub fn from_toml_str(s: &str) -> Result<Vocabulary, toml::de::Error> {
        let file: File = toml::from_str(s)?;
        let lower = |m: BTreeMap<String, String>| -> BTreeMap<String, String> {
            m.into_iter()
                .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_lowercase()))
                .collect()
        };
        let corrections = lower(file.corrections);
        Ok(Vocabulary {
            any_phrase: corrections.keys().any(|k| k.contains(' ')),
            correction_keys: KeyFilter::new(corrections.keys()),
            corrections,
            synonyms: lower(file.synonyms),
            kinds: file
                .treatment_kinds
                .into_iter()
                .map(|(kind, words)| (kind, words.into_iter().map(|w| w.trim().to_lowercase()).collect()))
                .collect(),
            kind_index: OnceLock::new(),
            rules: Rules::builtin(),
            id: next_id(),
        })
    }

    /// The extraction rules.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Extend the rules with a `rules.toml` file's text.
    pub fn extend_rules(&mut self, toml: &str) -> Result<(), RulesError> {
        self.rules.extend_toml(toml)
    }

    /// Add `other` on top of this one; its entries win.
    pub fn merge(&mut self, other: Vocabulary) {
        self.corrections.extend(other.corrections);
        self.correction_keys = KeyFilter::new(self.corrections.keys());
        self.any_phrase |= other.any_phrase;
        self.synonyms.extend(other.synonyms);
        for (kind, words) in other.kinds {
            match self.kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, mine)) => mine.extend(words),
                None => self.kinds.push((kind, words)),
            }
        }
        self.kind_index = OnceLock::new();
        self.id = next_id();
    }

    /// Which vocabulary this is (see the field).
    pub(super) fn id(&self) -> usize {
        self.id
    }

    /// (misspelling, correct form) pairs, lower case.
    pub fn corrections(&self) -> impl Iterator<Item = (&str, &str)> {
        self.corrections.iter().map(|(a, b)| (a.as_str(), b.as_str()))
    }

    /// (alias, canonical name) pairs, lower case.
    pub fn synonyms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.synonyms.iter().map(|(a, b)| (a.as_str(), b.as_str()))
    }

    /// The corrections of several words ("pilar cyst" for a misspelt
    /// phrase), lower case.
    pub fn phrase_corrections(&self) -> impl Iterator<Item = (&str, &str)> {
        self.corrections()
            .take(if self.any_phrase { usize::MAX } else { 0 })
            .filter(|(wrong, _)| wrong.contains(' '))
    }

    /// The correction of one lower-case word or phrase, if any.
    pub fn correct(&self, word: &str) -> Option<&str> {
        if !self.correction_keys.may_hold(word) {
            return None;
        }
        self.corrections.get(word).map(String::as_str)
    }

    /// The canonical name a synonym stands for, if any.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.synonyms.get(name).map(String::as_str)
    }

    /// The kind of a treatment, from keywords in its name: the first kind
    /// (medication, procedure, self-care, in file order) with a keyword that
    /// occurs as a word prefix; `Other` when none does.
    pub fn treatment_kind(&self, name: &str) -> TreatmentKind {
        self.kind_read(name).0
    }

    /// Whether a text names a treatment by what it says: a first word
    /// ending in "-ing" alone makes a known treatment self-care ("raising
    /// the leg"), but as often begins a symptom ("sweating", "feeling
    /// shaky"), so it says nothing about a text that may be either.
    pub fn names_treatment(&self, text: &str) -> bool {
        let (kind, by_shape) = self.kind_read(text);
        kind != TreatmentKind::Other && !by_shape
    }

    /// A name's kind, and whether only its "-ing" shape gave it.
    fn kind_read(&self, name: &str) -> (TreatmentKind, bool) {
        let lower = name.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // The kinds with a keyword in the name, in the vocabulary's order.
        let found = self
            .kind_index
            .get_or_init(|| KindIndex::new(&self.kinds))
            .listed(&lower, &words);
        let listed: Vec<TreatmentKind> = self
            .kinds
            .iter()
            .enumerate()
            .filter(|(i, _)| found & (1 << *i) != 0)
            .map(|(_, (kind, _))| *kind)
            .collect();
        // A named medicine makes it a medication ("malathion liquid",
        // "taking potassium citrate"); a practice with none ("raising the
        // leg on a pillow", "washing hands after applying cream") is
        // self-care, whatever object it names.
        if !listed.contains(&TreatmentKind::Procedure) {
            if self.rules.list(List::Medicines).matches(&lower) {
                return (TreatmentKind::Medication, false);
            }
            let instruction = words
                .first()
                .is_some_and(|w| self.rules.list(List::Instructions).equals(w));
            let shaped = words.first().is_some_and(|w| w.len() > 5 && w.ends_with("ing"));
            if instruction || shaped {
                return (TreatmentKind::SelfCare, !instruction && listed.is_empty());
            }
        }
        if let Some(kind) = listed.first() {
            return (*kind, false);
        }
        // Name shapes: a drug's international name ending ("-olol",
        // "-prazole"), a procedure's ("-ectomy", "-scopy"), and a name with
        // a brand in brackets after it ("salbutamol (ventolin)").
        let ends = |list: List| {
            let suffixes = self.rules.list(list).phrases();
            words.iter().any(|w| {
                suffixes
                    .iter()
                    .any(|x| w.len() > x.len() + 2 && w.ends_with(x.as_str()))
            })
        };
        if ends(List::ProcedureSuffixes) {
            return (TreatmentKind::Procedure, false);
        }
        let branded = lower.split_once(" (").is_some_and(|(drug, rest)| {
            !drug.contains(' ') && rest.ends_with(')') && !rest.contains(' ') && drug.len() > 4
        });
        if ends(List::DrugSuffixes) || branded {
            return (TreatmentKind::Medication, false);
        }
        (TreatmentKind::Other, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_user_entries_extend_it() {
        let mut v = Vocabulary::builtin();
        assert_eq!(v.correct("latrogenic"), Some("iatrogenic"));
        let extra =
            Vocabulary::from_toml_str("[corrections]\nFoo = \"Bar\"\n[synonyms]\nbaz = \"qux\"").unwrap();
        v.merge(extra);
        assert_eq!(v.correct("foo"), Some("bar"));
        assert_eq!(v.canonical("baz"), Some("qux"));
    }

    #[test]
    fn treatment_kinds_come_from_keywords() {
        let v = Vocabulary::from_toml_str(
            "[treatment_kinds]\nmedication = [\"cream\"]\nprocedure = [\"surgery\", \"laser treatment\"]\n",
        )
        .unwrap();
        assert_eq!(
            v.treatment_kind("Hydrocortisone creams"),
            TreatmentKind::Medication
        );
        assert_eq!(
            v.treatment_kind("laser treatment of vessels"),
            TreatmentKind::Procedure
        );
        assert_eq!(v.treatment_kind("rest"), TreatmentKind::Other);
    }

    #[test]
    fn a_named_medicine_or_a_practice_decides_the_kind() {
        let v = Vocabulary::builtin();
        assert_eq!(v.treatment_kind("malathion liquid"), TreatmentKind::Medication);
        assert_eq!(
            v.treatment_kind("taking potassium citrate"),
            TreatmentKind::Medication
        );
        assert_eq!(
            v.treatment_kind("raising the leg on a pillow"),
            TreatmentKind::SelfCare
        );
        assert_eq!(
            v.treatment_kind("washing hands after applying cream"),
            TreatmentKind::SelfCare
        );
        assert_eq!(
            v.treatment_kind("hydrocortisone cream"),
            TreatmentKind::Medication
        );
        assert_eq!(
            v.treatment_kind("removing the lump by surgery"),
            TreatmentKind::Procedure
        );
    }

    #[test]
    fn unknown_sections_are_errors() {
        assert!(Vocabulary::from_toml_str("[colours]\nred = \"blue\"").is_err());
    }
}
