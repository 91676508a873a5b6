//! The HPO lexicon: phenotype names and exact synonyms from the Human
//! Phenotype Ontology, built into kb from `data/hpo/lexicon.tsv` (made by
//! `scripts/hpo_lexicon.py`), plus kb's short hand-checked list of everyday
//! phrases the HPO lacks (`data/hpo/lay-phrases.tsv`), indexed by a
//! normalised form of each name.

use std::collections::HashMap;
use std::sync::OnceLock;

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

/// The lexicon with its lookup index.
pub struct Lexicon {
    release: &'static str,
    terms: Vec<Term>,
    /// Normalised key -> (term index, kind, entry text).
    index: HashMap<String, Vec<(usize, EntryKind, &'static str)>>,
    /// Two-word keys with their words sorted, for word-order variants.
    unordered: HashMap<String, Vec<(usize, EntryKind, &'static str)>>,
    /// Longest entry in words, to bound scans of running text.
    max_words: usize,
}

/// The built-in lexicon, parsed once.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lex = Lexicon::parse(LEXICON_TSV);
        lex.add_phrases(LAY_PHRASES_TSV);
        lex
    })
}

impl Lexicon {
    /// Parse the lexicon's TSV form (see `scripts/hpo_lexicon.py`).
    pub fn parse(tsv: &'static str) -> Lexicon {
        let mut lex = Lexicon {
            release: "",
            terms: Vec::new(),
            index: HashMap::new(),
            unordered: HashMap::new(),
            max_words: 0,
        };
        for line in tsv.lines() {
            if let Some(release) = line.strip_prefix("#hpo-release\t") {
                lex.release = release.trim();
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(number), Some(label)) = (fields.next(), fields.next()) else {
                continue;
            };
            let Ok(number) = number.parse::<u32>() else {
                continue;
            };
            let at = lex.terms.len();
            lex.terms.push(Term { number, label });
            lex.add(at, EntryKind::Name, label);
            for syn in fields.next().unwrap_or("").split('|').filter(|s| s.len() > 1) {
                let kind = if syn.starts_with('l') {
                    EntryKind::Layperson
                } else {
                    EntryKind::Synonym
                };
                lex.add(at, kind, &syn[1..]);
            }
        }
        lex
    }

    /// Add `phrase<TAB>HP:id` lines (`#` comments) as curated entries; a
    /// line naming an id the lexicon lacks is a bug in the list.
    fn add_phrases(&mut self, tsv: &'static str) {
        for line in tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (phrase, id) = line.split_once('\t').expect("phrase<TAB>HP:id");
            let term = self
                .by_id(id)
                .and_then(|t| self.terms.binary_search_by_key(&t.number, |x| x.number).ok())
                .unwrap_or_else(|| panic!("lay phrase {phrase:?}: {id} is not in the lexicon"));
            self.add(term, EntryKind::Curated, phrase.trim());
        }
    }

    fn add(&mut self, term: usize, kind: EntryKind, text: &'static str) {
        let key = normalise(text);
        if key.is_empty() {
            return;
        }
        let words = key.split(' ').count();
        self.max_words = self.max_words.max(words);
        if let Some(k) = unordered_key(&key) {
            push_entry(self.unordered.entry(k).or_default(), term, kind, text);
        }
        push_entry(self.index.entry(key).or_default(), term, kind, text);
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
        self.terms.is_empty()
    }

    /// The term at an index of a [`Hit`].
    pub fn term(&self, index: usize) -> Term {
        self.terms[index]
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
        let number: u32 = digits.parse().ok()?;
        self.terms
            .binary_search_by_key(&number, |t| t.number)
            .ok()
            .map(|i| self.terms[i])
    }

    /// Exact lookup of a whole name after normalisation (case, plurals,
    /// UK/US spelling); two-word names also in the other word order.
    pub fn lookup(&self, name: &str) -> Option<Hit> {
        let key = normalise(name);
        if key.is_empty() {
            return None;
        }
        if let Some(v) = self.index.get(&key) {
            return Some(Hit { terms: v.clone() });
        }
        let k = unordered_key(&key)?;
        self.unordered.get(&k).map(|v| Hit { terms: v.clone() })
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
        for end in ends.into_iter().rev() {
            if let Some(hit) = self.lookup(&rest[..end]) {
                if let [(term, ..)] = hit.terms[..] {
                    return Some((offset..offset + end, self.terms[term]));
                }
            }
        }
        None
    }
}

fn push_entry(
    v: &mut Vec<(usize, EntryKind, &'static str)>,
    term: usize,
    kind: EntryKind,
    text: &'static str,
) {
    // One entry per term: its strongest kind (name before synonyms).
    match v.iter_mut().find(|e| e.0 == term) {
        Some(e) if kind < e.1 => *e = (term, kind, text),
        Some(_) => {}
        None => v.push((term, kind, text)),
    }
}

/// Two-word keys with the words in sorted order ("skin itchy" and "itchy
/// skin" alike); None for other lengths.
fn unordered_key(key: &str) -> Option<String> {
    let (a, b) = key.split_once(' ')?;
    if b.contains(' ') {
        return None;
    }
    Some(if a <= b {
        format!("{a} {b}")
    } else {
        format!("{b} {a}")
    })
}

/// The form names are compared in: lower case, words of letters and digits
/// only, without "the", each word in US spelling and singular. Both the lexicon and the
/// symptom names go through it, so a rule only ever equates two spellings.
pub fn normalise(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for word in lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
    {
        let word = word.strip_suffix("'s").unwrap_or(word);
        // "Blood in the urine" is "Blood in urine"; the HPO's own names use
        // and omit the article alike.
        if word == "the" {
            continue;
        }
        // An everyday variant the HPO spells one way ("Recurrent hiccup").
        let word = if word == "recurring" { "recurrent" } else { word };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&us_spelling(&singular(word)));
    }
    out
}

/// British spellings of medical words in their American form (anaemia ->
/// anemia, oedema -> edema, tumour -> tumor, centre -> center).
fn us_spelling(word: &str) -> String {
    let mut w = word.to_owned();
    for (uk, us) in [
        ("aemia", "emia"),
        ("haem", "hem"),
        ("oedem", "edem"),
        ("oesoph", "esoph"),
        ("rrhoea", "rrhea"),
        ("paed", "ped"),
        ("foet", "fet"),
        ("aesth", "esth"),
        ("ischae", "ische"),
        ("coel", "cel"),
        ("grey", "gray"),
        ("sulph", "sulf"),
    ] {
        if w.contains(uk) {
            w = w.replace(uk, us);
        }
    }
    let n = w.chars().count();
    if n > 4 && w.ends_with("our") && !w.ends_with("hour") {
        w.truncate(w.len() - 3);
        w.push_str("or");
    } else if n > 4 && w.ends_with("tre") {
        w.truncate(w.len() - 3);
        w.push_str("ter");
    }
    for (uk, us) in [("isation", "ization"), ("ising", "izing"), ("ised", "ized")] {
        if w.len() > uk.len() + 2 && w.ends_with(uk) {
            w.truncate(w.len() - uk.len());
            w.push_str(us);
        }
    }
    w
}

/// A plural word in its singular form, by regular English endings.
fn singular(word: &str) -> String {
    let n = word.len();
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    for end in ["sses", "ches", "shes", "xes"] {
        if n > end.len() + 1 && word.ends_with(end) {
            return word[..n - 2].to_owned();
        }
    }
    if n > 3 && word.ends_with('s') && !["ss", "us", "is", "ys"].iter().any(|e| word.ends_with(e)) {
        return word[..n - 1].to_owned();
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_plurals_and_spelling() {
        assert_eq!(normalise("Itchy Skin"), "itchy skin");
        assert_eq!(normalise("blisters"), normalise("Blister"));
        assert_eq!(normalise("anaemia"), normalise("anemia"));
        assert_eq!(normalise("Oedema"), normalise("edema"));
        assert_eq!(normalise("diarrhoea"), normalise("diarrhea"));
        assert_eq!(normalise("tumours"), normalise("tumor"));
        assert_eq!(normalise("abscesses"), "abscess");
        assert_eq!(normalise("hives"), normalise("hive"));
        assert_eq!(normalise("Raynaud's phenomenon"), "raynaud phenomenon");
        assert_eq!(normalise("blood in the urine"), normalise("Blood in urine"));
        assert_eq!(normalise("recurring hiccups"), normalise("Recurrent hiccup"));
    }

    /// Every curated phrase names a term of the lexicon, and none restates
    /// an HPO entry: the list only adds what the HPO lacks, and never makes
    /// a name ambiguous.
    #[test]
    fn curated_phrases_only_add_what_the_hpo_lacks() {
        let hpo = Lexicon::parse(LEXICON_TSV);
        let mut n = 0;
        for line in LAY_PHRASES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (phrase, id) = line.split_once('\t').unwrap();
            assert!(hpo.by_id(id).is_some(), "{phrase}: {id}");
            assert!(hpo.lookup(phrase).is_none(), "{phrase:?} is already an HPO entry");
            let hit = lexicon().lookup(phrase).unwrap();
            assert_eq!(hit.terms.len(), 1, "{phrase:?}");
            assert_eq!(lexicon().term(hit.terms[0].0).id(), id, "{phrase:?}");
            assert_eq!(hit.terms[0].1, EntryKind::Curated);
            n += 1;
        }
        assert!(n >= 20, "{n} phrases");
        assert_eq!(EntryKind::Curated.method(), "reviewer");
    }

    #[test]
    fn built_in_lexicon_has_release_and_terms() {
        let lex = lexicon();
        assert_eq!(lex.release(), "2025-01-16");
        assert!(lex.len() > 15_000, "{} terms", lex.len());
        let t = lex.by_id("HP:0000989").unwrap();
        assert_eq!((t.label, t.id()), ("Pruritus", "HP:0000989".to_owned()));
        assert!(
            lex.by_id("HP:0000118").is_none(),
            "the branch root itself is not a phenotype"
        );
        assert!(lex.by_id("HP:x").is_none());
    }

    #[test]
    fn looks_up_names_synonyms_and_word_order() {
        let lex = lexicon();
        for name in ["itchy skin", "Itching", "pruritus", "skin itching", "itchy skins"] {
            let hit = lex.lookup(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(hit.terms.len(), 1, "{name}");
            assert_eq!(lex.term(hit.terms[0].0).id(), "HP:0000989", "{name}");
        }
        let hit = lex.lookup("itchy skin").unwrap();
        assert_eq!(hit.terms[0].1, EntryKind::Layperson);
        assert!(lex.is_phenotype("Pruritus"));
        assert!(!lex.is_phenotype("calcium"));
    }

    #[test]
    fn longest_term_in_running_text() {
        let lex = lexicon();
        let text = "Signs include itchy skin, and fever.";
        let at = text.find("itchy").unwrap();
        let (range, term) = lex.longest_phenotype_at(text, at).unwrap();
        assert_eq!(&text[range], "itchy skin");
        assert_eq!(term.id(), "HP:0000989");
        assert!(lex
            .longest_phenotype_at(text, text.find("and").unwrap())
            .is_none());
        let (range, _) = lex
            .longest_phenotype_at(text, text.find("fever").unwrap())
            .unwrap();
        assert_eq!(&text[range], "fever");
    }
}
