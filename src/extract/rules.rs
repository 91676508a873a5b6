//! Extraction rules as data: phrase lists read from `rules.toml` (built in;
//! a seed folder's own `rules.toml` extends it), each compiled once into an
//! Aho-Corasick automaton.
//!
//! A phrase matches case-insensitively at word boundaries; a phrase ending
//! in `*` is a stem and may run on into a longer word (`treat*` matches
//! "treatment"). The Rust code names the lists it uses ([`List`]); the
//! words are all here, so a wrong rule is fixed by editing data.

use std::collections::BTreeMap;

use serde::Deserialize;

pub use super::phrase_set::{Fnv, Hit, Phrases};

/// The section kinds a heading can open, in the order their patterns are
/// tried when two match at the same place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Overview,
    Types,
    Causes,
    RiskFactors,
    Symptoms,
    Complications,
    Diagnosis,
    Treatment,
    SelfCare,
    Prevention,
    Help,
    Outlook,
    SideEffects,
    /// The page's furniture after the article (references, comments):
    /// nothing after it is content.
    End,
    Other,
}

impl SectionKind {
    const NAMED: [(&'static str, SectionKind); 15] = [
        ("overview", SectionKind::Overview),
        ("types", SectionKind::Types),
        ("causes", SectionKind::Causes),
        ("risk-factors", SectionKind::RiskFactors),
        ("symptoms", SectionKind::Symptoms),
        ("complications", SectionKind::Complications),
        ("diagnosis", SectionKind::Diagnosis),
        ("treatment", SectionKind::Treatment),
        ("self-care", SectionKind::SelfCare),
        ("prevention", SectionKind::Prevention),
        ("help", SectionKind::Help),
        ("outlook", SectionKind::Outlook),
        ("side-effects", SectionKind::SideEffects),
        ("end", SectionKind::End),
        ("other", SectionKind::Other),
    ];

    pub fn as_str(self) -> &'static str {
        Self::NAMED
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("other", |(n, _)| n)
    }

    /// Whether facts are read from this section at all.
    pub fn has_facts(self) -> bool {
        matches!(
            self,
            SectionKind::Overview
                | SectionKind::Types
                | SectionKind::Causes
                | SectionKind::RiskFactors
                | SectionKind::Symptoms
                | SectionKind::Treatment
                | SectionKind::SelfCare
        )
    }
}

macro_rules! lists {
    ($($name:ident => $key:literal),* $(,)?) => {
        /// The phrase lists the extractor uses, by their key in `rules.toml`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum List { $($name),* }
        impl List {
            pub(super) const ALL: &'static [(List, &'static str)] = &[$((List::$name, $key)),*];
            fn index(self) -> usize {
                List::ALL.iter().position(|(l, _)| *l == self).expect("every list is in ALL")
            }
        }
    };
}

lists! {
    Chrome => "chrome",
    EndOfContent => "end-of-content",
    HelpCallout => "help-callout",
    DontLeads => "dont-leads",
    ChromeText => "chrome-text",
    HeadingFiller => "heading-filler",
    Definition => "definition",
    TypeWords => "type-words",
    KindHeads => "kind-heads",
    TypesIntro => "types-intro",
    TypesListing => "types-listing",
    Negation => "negation",
    Rejection => "rejection",
    RejectingVerbs => "rejecting-verbs",
    BodyPlaces => "body-places",
    Demographics => "demographics",
    ListCues => "list-cues",
    SingularCues => "singular-cues",
    IntroCues => "intro-cues",
    Causal => "causal",
    Symptomless => "symptomless",
    GenericWords => "generic-words",
    ModifierSuffixes => "modifier-suffixes",
    ClauseBreaks => "clause-breaks",
    ItemBreaks => "item-breaks",
    Places => "places",
    ExampleCues => "example-cues",
    Instructions => "instructions",
    DescribingWords => "describing-words",
    JoiningPrefixes => "joining-prefixes",
    JoiningSuffixes => "joining-suffixes",
    Recommendations => "recommendations",
    VagueTreatments => "vague-treatments",
    Qualifiers => "qualifiers",
    DrugSuffixes => "drug-suffixes",
    ProcedureSuffixes => "procedure-suffixes",
    WorsenedBy => "worsened-by",
    RiskRaisers => "risk-raisers",
    CauseLeads => "cause-leads",
    DoingSubjects => "doing-subjects",
    DoerLeads => "doer-leads",
    Auxiliaries => "auxiliaries",
    SubjectEnds => "subject-ends",
    RelativePronouns => "relative-pronouns",
    ObjectPronouns => "object-pronouns",
    SubjectPronouns => "subject-pronouns",
    CircumstanceLeads => "circumstance-leads",
    ExampleLeads => "example-leads",
    CourseSubjects => "course-subjects",
    Denials => "denials",
    ClauseJoins => "clause-joins",
    SubjectClauseJoins => "subject-clause-joins",
    TogetherPronouns => "together-pronouns",
    OrdinalKinds => "ordinal-kinds",
    Relatives => "relatives",
    IndicationCues => "indication-cues",
    AliasCues => "alias-cues",
    AdviceLeads => "advice-leads",
    NegatedStatements => "negated-statements",
    QualifyingOpeners => "qualifying-openers",
    Medicines => "medicines",
    Therapies => "therapies",
    DosageForms => "dosage-forms",
    NotMedicines => "not-medicines",
    Avoidance => "avoidance",
    ChromeSeparators => "chrome-separators",
    NotTypeOpeners => "not-type-openers",
    RemarkLabels => "remark-labels",
    CauseColumns => "cause-columns",
    TreatmentColumns => "treatment-columns",
    OtherColumns => "other-columns",
    SubjectTails => "subject-tails",
    Quantifiers => "quantifiers",
    TypeLeads => "type-leads",
    KindOpeningEnds => "kind-opening-ends",
    TreatmentCues => "treatment-cues",
    CausesCues => "causes-cues",
    SymptomsCues => "symptoms-cues",
    DifficultyLeads => "difficulty-leads",
    SymptomVerbs => "symptom-verbs",
    SymptomLeads => "symptom-leads",
    OfferCues => "offer-cues",
    TreatingCues => "treating-cues",
    AdverbialLeads => "adverbial-leads",
    AppearanceVerbs => "appearance-verbs",
    PastLeads => "past-leads",
    Professionals => "professionals",
    ProfessionalSuffixes => "professional-suffixes",
    ListAdverbs => "list-adverbs",
    PastTails => "past-tails",
    Modals => "modals",
    CausesOrIntroCues => "causes-or-intro-cues",
    NotCausesCues => "not-causes-cues",
    ConditionCues => "condition-cues",
    ConditionCueEnds => "condition-cue-ends",
    ChromeEndings => "chrome-endings",
    ChromeOpeners => "chrome-openers",
    ItemTreatmentLabels => "item-treatment-labels",
    ItemSymptomLabels => "item-symptom-labels",
    GeneralScope => "general-scope",
    SideEffectWords => "side-effect-words",
    CausingVerbs => "causing-verbs",
    CausedObjects => "caused-objects",
    ConditionSuffixes => "condition-suffixes",
    NotConditionWords => "not-condition-words",
    NotCauseLeadIns => "not-cause-lead-ins",
}

/// The lists whose hits in a document are found once and looked up
/// ([`super::hits`]), as written and compiled: those asked about for
/// nearly every block, sentence or item and found in few of them. (A list
/// found all over the text, like the definitions' "is", would cost the
/// index more hits than its readers' searches save; those are searched.)
const INDEXED_WRITTEN: &[List] = &[
    List::ExampleCues,
    List::ItemBreaks,
    List::ListCues,
    List::Relatives,
    List::NegatedStatements,
    List::RiskRaisers,
    List::ClauseBreaks,
    List::WorsenedBy,
    List::Recommendations,
    List::ConditionSuffixes,
];
const INDEXED_COMPILED: &[List] = &[
    List::ChromeText,
    List::ChromeSeparators,
    List::TypeWords,
    List::HelpCallout,
    List::Medicines,
    List::Demographics,
    List::Rejection,
    List::TypesIntro,
    List::Symptomless,
    List::ConditionCues,
    List::GeneralScope,
    List::SideEffectWords,
];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    /// Heading patterns per section kind.
    #[serde(default)]
    sections: BTreeMap<String, Vec<String>>,
    /// Named phrase lists.
    #[serde(default)]
    lists: BTreeMap<String, Vec<String>>,
    /// Phrases to take out of the built-in lists, by list name.
    #[serde(default)]
    remove: BTreeMap<String, Vec<String>>,
}

/// The compiled rules.
#[derive(Debug, Clone)]
pub struct Rules {
    raw_sections: BTreeMap<SectionKind, Vec<String>>,
    raw_lists: BTreeMap<&'static str, Vec<String>>,
    /// Every section pattern in one automaton, with each pattern's kind
    /// (the first kind that lists it): one scan per heading.
    all_sections: (Phrases, Vec<SectionKind>),
    lists: Vec<Phrases>,
    /// Every list's phrases as written (spaces kept: " if " is a word), for
    /// the phrase-level readers. Made once per rule set and kept for the
    /// process's life, so those readers take plain `&'static` slices; a
    /// process builds a handful of rule sets (the built-in one is shared).
    words: &'static [&'static [&'static str]],
    /// All of the lists (as written and compiled) in one automaton, whose
    /// hits in a document are found once and shared ([`super::hits`]).
    union: &'static super::hits::Union,
}

thread_local! {
    /// The rules of the extraction running on this thread.
    static CURRENT: std::cell::Cell<Option<&'static [&'static [&'static str]]>> =
        const { std::cell::Cell::new(None) };
}

thread_local! {
    /// The union of the lists of the extraction running on this thread.
    static CURRENT_UNION: std::cell::Cell<Option<&'static super::hits::Union>> =
        const { std::cell::Cell::new(None) };
}

/// The union of the current rules' lists (the built-in rules outside an
/// extraction).
pub(super) fn union() -> &'static super::hits::Union {
    CURRENT_UNION
        .with(|c| c.get())
        .unwrap_or_else(|| builtin_rules().union)
}

/// A list's phrases as written, from the rules of the extraction running
/// on this thread (the built-in rules outside one).
pub fn words(list: List) -> &'static [&'static str] {
    let words = CURRENT.with(|c| c.get()).unwrap_or_else(|| builtin_rules().words);
    words[List::index(list)]
}

pub use super::finders::{earliest_of, first_at_words, first_of};

/// Run `f` with `rules` as this thread's current rules.
pub fn using<T>(rules: &Rules, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<&'static [&'static [&'static str]]>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| c.set(self.0));
        }
    }
    struct RestoreUnion(Option<&'static super::hits::Union>);
    impl Drop for RestoreUnion {
        fn drop(&mut self) {
            CURRENT_UNION.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(CURRENT.with(|c| c.replace(Some(rules.words))));
    let _restore_union = RestoreUnion(CURRENT_UNION.with(|c| c.replace(Some(rules.union))));
    f()
}

fn builtin_rules() -> &'static Rules {
    static BUILTIN: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(|| {
        let mut r = Rules {
            raw_sections: BTreeMap::new(),
            raw_lists: BTreeMap::new(),
            all_sections: (Phrases::new(&[]), Vec::new()),
            lists: Vec::new(),
            words: &[],
            union: Box::leak(Box::new(super::hits::Union::new(&[], &[], |_| false))),
        };
        r.extend_toml(include_str!("rules.toml"))
            .expect("the built-in rules are valid (checked by a test)");
        r
    })
}

/// A rules file that names a section or list kb does not have.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error(transparent)]
    Toml(#[from] toml::de::Error),
    #[error("unknown {what} '{name}' (known: {known})")]
    Unknown {
        what: &'static str,
        name: String,
        known: String,
    },
}

impl Rules {
    /// The rules shipped with kb (compiled once per process).
    pub fn builtin() -> Rules {
        builtin_rules().clone()
    }

    /// Add a rules file's entries to these (its `remove` table takes
    /// entries out), then recompile.
    pub fn extend_toml(&mut self, s: &str) -> Result<(), RulesError> {
        let file: File = toml::from_str(s)?;
        let section_key = |name: &str| {
            SectionKind::NAMED
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, k)| *k)
                .ok_or_else(|| RulesError::Unknown {
                    what: "section",
                    name: name.to_owned(),
                    known: SectionKind::NAMED.map(|(n, _)| n).join(", "),
                })
        };
        let list_key = |name: &str| {
            List::ALL
                .iter()
                .find(|(_, n)| *n == name)
                .map(|(_, n)| *n)
                .ok_or_else(|| RulesError::Unknown {
                    what: "list",
                    name: name.to_owned(),
                    known: List::ALL.iter().map(|(_, n)| *n).collect::<Vec<_>>().join(", "),
                })
        };
        // "{is|are} the main cause" is written once and stands for each
        // of its spellings, in the lists and in what a folder removes.
        let expand = |phrases: Vec<String>| phrases.iter().flat_map(|p| alternatives(p)).collect::<Vec<_>>();
        for (name, phrases) in file.sections {
            self.raw_sections
                .entry(section_key(&name)?)
                .or_default()
                .extend(expand(phrases));
        }
        for (name, phrases) in file.lists {
            self.raw_lists
                .entry(list_key(&name)?)
                .or_default()
                .extend(expand(phrases));
        }
        for (name, phrases) in file.remove {
            let phrases = expand(phrases);
            let gone = |p: &String| phrases.iter().any(|q| q.trim().eq_ignore_ascii_case(p.trim()));
            if let Ok(kind) = section_key(&name) {
                self.raw_sections.entry(kind).or_default().retain(|p| !gone(p));
            } else {
                self.raw_lists
                    .entry(list_key(&name)?)
                    .or_default()
                    .retain(|p| !gone(p));
            }
        }
        self.compile();
        Ok(())
    }

    fn compile(&mut self) {
        // Patterns in kind order, each once (its first kind wins), so the
        // automaton's pattern index is the index into `kinds`.
        let mut patterns: Vec<String> = Vec::new();
        let mut kinds: Vec<SectionKind> = Vec::new();
        for (kind, raw) in &self.raw_sections {
            for pattern in raw.iter().map(|p| p.trim().to_lowercase()) {
                let bare = pattern.trim_end_matches('*');
                if !bare.is_empty() && !patterns.iter().any(|q| q.trim_end_matches('*') == bare) {
                    patterns.push(pattern);
                    kinds.push(*kind);
                }
            }
        }
        // Every heading, and every sentence's medicines, are searched.
        self.all_sections = (Phrases::built(&patterns, true), kinds);
        self.lists = List::ALL
            .iter()
            .map(|(list, key)| {
                let raw = self.raw_lists.get(key).map_or(&[][..], Vec::as_slice);
                Phrases::built(raw, matches!(*list, List::Medicines | List::Therapies))
            })
            .collect();
        let words: Vec<&'static [&'static str]> = List::ALL
            .iter()
            .map(|(_, key)| {
                let list: Vec<&'static str> = self
                    .raw_lists
                    .get(key)
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .map(|w| &*Box::leak(w.to_lowercase().into_boxed_str()))
                    .collect();
                &*Box::leak(list.into_boxed_slice())
            })
            .collect();
        self.words = Box::leak(words.into_boxed_slice());
        let compiled: Vec<&[String]> = self.lists.iter().map(Phrases::phrases).collect();
        let written = self.words.len();
        let chosen = |slot: usize| {
            let (list, indexed) = match slot.checked_sub(written) {
                None => (List::ALL[slot].0, INDEXED_WRITTEN),
                Some(i) => (List::ALL[i].0, INDEXED_COMPILED),
            };
            indexed.contains(&list)
        };
        let union: &'static super::hits::Union =
            Box::leak(Box::new(super::hits::Union::new(self.words, &compiled, chosen)));
        self.union = union;
        for (i, list) in self.lists.iter_mut().enumerate() {
            list.indexed = Some((union, written + i));
        }
    }

    pub fn list(&self, list: List) -> &Phrases {
        &self.lists[List::index(list)]
    }

    /// Which rule set these are: the address of their word lists, made
    /// (and leaked) once per compiled set, so never another set's.
    pub(super) fn id(&self) -> usize {
        self.words.as_ptr() as usize
    }

    /// The section a heading opens, by the earliest pattern in it (ties go
    /// to the kind listed first), with where the pattern stands.
    pub fn section(&self, heading: &str) -> Option<(SectionKind, Hit)> {
        // Asked of one heading by several stages: answered once.
        super::memo::cached(&super::memo::SECTIONS, self.id(), heading, || {
            self.find_section(heading)
        })
    }

    fn find_section(&self, heading: &str) -> Option<(SectionKind, Hit)> {
        let (all, kinds) = &self.all_sections;
        let ac = all.automaton()?;
        // The first hit names the section; of two at one place, the
        // longer ("spreading or getting worse" over "spread*"). (The
        // least of all hits, found without collecting them.)
        ac.find_overlapping_iter(heading)
            .filter(|m| all.at_word_boundaries(heading, m))
            .map(|m| {
                let h = Hit {
                    start: m.start(),
                    end: m.end(),
                    index: m.pattern().as_usize(),
                };
                (kinds[h.index], h)
            })
            .min_by_key(|(kind, h)| (h.start, std::cmp::Reverse(h.end), *kind))
    }
}

/// A phrase's spellings: each `{a|b|}` group is one of its alternatives
/// (an empty one drops the group), spaces around a dropped group closed up.
/// A phrase without braces is itself.
pub(super) fn alternatives(phrase: &str) -> Vec<String> {
    let Some(open) = phrase.find('{') else {
        return vec![phrase.to_owned()];
    };
    let Some(close) = phrase[open..].find('}').map(|i| open + i) else {
        return vec![phrase.to_owned()];
    };
    let (head, tail) = (&phrase[..open], &phrase[close + 1..]);
    // The tail's spellings, made once for every choice of this group.
    let rests = alternatives(tail);
    let mut out = Vec::new();
    for choice in phrase[open + 1..close].split('|') {
        for rest in &rests {
            let joined = format!("{head}{choice}{rest}");
            // "is {|also} a cause" without its group: one space, not two.
            let joined = joined
                .split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let joined = if phrase.starts_with(' ') {
                format!(" {joined}")
            } else {
                joined
            };
            out.push(if phrase.ends_with(' ') {
                format!("{joined} ")
            } else {
                joined
            });
        }
    }
    out
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
