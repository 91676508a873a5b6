//! Extraction of seed data from informal health articles, in stages over
//! the document model ([`crate::document`]):
//!
//! - (a) `sections`: what each heading opens (symptoms, treatment,
//!   prevention, ...), by patterns in the rules file;
//! - (b) [`condition`]: which condition the article is about;
//! - (c) types, in `walk`: type headings, "Label: text" paragraphs,
//!   prose that introduces types, and later mentions of a type;
//! - (d) entities, in `entities` and `prose`: list items and cue
//!   phrases read as causes, symptoms and treatments;
//! - (e) nothing from sections, callouts and statements that state no fact
//!   (prevention, when to get help, negated or rejected statements).
//!
//! The words every stage looks for are data ([`rules`], `rules.toml`;
//! names are normalised through the [`Vocabulary`]). Every fact keeps the
//! exact byte span of the stored text it was read from.

use crate::document::{BlockKind, Document};
use crate::model::{
    AliasSeed, ConditionSeed, DocumentRef, FactSeed, NoteKind, NoteSeed, Quote, SeedFile, TreatmentKind,
    TreatmentSeed, TypeSeed, SEED_FORMAT,
};

mod aliases;
mod chrome;
mod clauses;
pub mod condition;
mod entities;
mod finders;
mod folded;
mod hits;
mod item_memo;
mod items;
mod keys;
mod labels;
mod lead_ins;
mod medicines;
mod memo;
mod names;
mod paragraphs;
mod phenotypes;
mod phrase_set;
mod phrases;
mod proposals;
mod prose;
pub mod rules;
mod sections;
mod sentence_memo;
mod shaped;
mod subjects;
mod symptoms;
mod tables;
mod text;
mod treatments;
mod types;
pub mod vocabulary;
mod walk;

pub use condition::Signal;
#[doc(hidden)]
pub use item_memo::forget_answers;
pub use names::normalize_name;
use names::{adjective_like, is_body_site, names_professionals, nominalize, normalize_words};
use phrases::{
    after_passive, clause_before, clauses, cut_clause, cut_item, cut_purpose, dash_examples, describing_word,
    is_generic, is_vague_treatment, merge_modifiers, split_at_instructions, split_combination,
    split_examples, split_on_and, starts_with_instruction, strip_adverbial, strip_instruction_verb,
    strip_leading, strip_verb, who_clauses,
};
pub use rules::{Rules, SectionKind};
use text::{
    around, find_in, find_words, find_words_in, fold, sentences, split_first, split_list, split_list_marked,
    trim, word_starts, Span,
};
pub use vocabulary::Vocabulary;

/// How the entity stages read a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Intro,
    Symptoms,
    Causes,
    Treatment,
    Other,
}

/// What the user may tell the extractor.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The condition's name, instead of detecting it.
    pub condition: Option<String>,
}

/// One fact and where it came from: the section it stood in and the rule
/// that read it (`kb extract --explain`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Explained {
    /// "type", "cause", "symptom", "treatment", "alias".
    pub fact: &'static str,
    pub name: String,
    pub section: SectionKind,
    pub rule: &'static str,
    pub quote: Quote,
}

/// The seed data of one document, and how it was read.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub seed: SeedFile,
    /// How the condition was named; `None` when no condition was found.
    pub signal: Option<Signal>,
    pub explained: Vec<Explained>,
}

/// Extract the structured seed data of one document.
pub fn extract(doc: &Document, document_path: &str, vocabulary: &Vocabulary) -> SeedFile {
    extract_with(doc, document_path, vocabulary, &Options::default()).seed
}

/// [`extract`], with options and the record of which rule read each fact.
pub fn extract_with(
    doc: &Document,
    document_path: &str,
    vocabulary: &Vocabulary,
    options: &Options,
) -> Extraction {
    // The stages read many lists by `rules::words`: a seed folder's
    // rules.toml must reach them as it reaches `rules.list`.
    rules::using(vocabulary.rules(), || {
        extract_using(doc, document_path, vocabulary, options)
    })
}

fn extract_using(
    doc: &Document,
    document_path: &str,
    vocabulary: &Vocabulary,
    options: &Options,
) -> Extraction {
    let text = doc.text.as_str();
    let rules = vocabulary.rules();
    // One folded copy of the text for every reader (see `folded`).
    let _folded = folded::share(text);
    // Which blocks are page chrome: asked once, for detection and the walk.
    let chrome: Vec<bool> = doc
        .blocks
        .iter()
        .map(|b| memo::block_is_chrome(doc, b, rules))
        .collect();
    let detected = match &options.condition {
        Some(name) => condition::given(doc, name, vocabulary),
        None => condition::detect_in(doc, document_path, rules, vocabulary, &chrome),
    };
    let title = title(doc, &chrome, detected.as_ref().map(|d| d.name.as_str()));
    let mut ex = Extractor {
        doc: text,
        vocab: vocabulary,
        rules,
        chrome,
        seed: None,
        current_type: None,
        also_types: Vec::new(),
        section: SectionKind::Overview,
        rule: "",
        explained: Vec::new(),
        type_keys: Default::default(),
        marked_levels: doc.format != crate::document::Format::Text,
        recording: None,
        synonym: None,
    };
    let signal = detected.as_ref().map(|d| d.signal);
    if let Some(detected) = detected {
        ex.run(&doc.blocks, detected);
    }
    let seed = SeedFile {
        format: SEED_FORMAT,
        document: DocumentRef {
            path: document_path.to_owned(),
            title,
            sha256: doc.sha256.clone(),
        },
        conditions: ex
            .seed
            .into_iter()
            .filter(|c| !c.name.is_empty())
            .map(resolve_abbreviations)
            .collect(),
    };
    // A name taken only from the file name, with nothing read under it,
    // is no extraction: the article is a shopping list, not a condition.
    let mut seed = seed;
    let empty = |c: &ConditionSeed| {
        c.types.is_empty() && c.general_causes.is_empty() && c.symptoms.is_empty() && c.treatments.is_empty()
    };
    if signal == Some(Signal::FileName) && seed.conditions.iter().all(empty) {
        seed.conditions.clear();
    }
    Extraction {
        signal: signal.filter(|_| !seed.conditions.is_empty()),
        seed,
        explained: ex.explained,
    }
}

/// The document's title: its own (a Markdown or HTML title) when it has
/// one. A page copied as text has none, and its first lines are often
/// page chrome ("Skip to main content", "Menu"): its title is the first
/// heading that is no chrome when it names the condition, else the first
/// that is the condition's name ("HYPERHIDROSIS" under a catchy title),
/// else the first that names it, else the first.
fn title(doc: &Document, chrome: &[bool], condition: Option<&str>) -> Option<String> {
    if let Some(b) = doc.blocks.iter().find(|b| b.kind == BlockKind::Title) {
        return Some(b.text(&doc.text).to_owned());
    }
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .zip(chrome)
        .filter(|(b, chrome)| b.is_heading() && !**chrome)
        .map(|(b, _)| b.text(&doc.text))
        .collect();
    let own = condition.map(condition::key).unwrap_or_default();
    let padded = format!(" {own} ");
    let names = |h: &&str| !own.is_empty() && format!(" {} ", condition::key(h)).contains(&padded);
    let first = headings.first().filter(|h| names(h));
    first
        .or_else(|| {
            headings
                .iter()
                .find(|h| !own.is_empty() && condition::key(h) == own)
        })
        .or_else(|| headings.iter().find(|h| names(h)))
        .or(headings.first())
        .copied()
        .or_else(|| doc.title())
        .map(str::to_owned)
}

/// "polycystic ovary syndrome ( PCOS )" once, "PCOS in women" later: one
/// cause. An abbreviation the document defines in capitals is dropped from
/// the name that defines it and, used alone elsewhere, read as that name,
/// so the two mentions meet (and match other documents that never
/// abbreviate). The quotes keep the text as written.
fn resolve_abbreviations(mut c: ConditionSeed) -> ConditionSeed {
    let mut defined: Vec<(String, String)> = Vec::new();
    {
        let mut define = |name: &str, quote: &Quote| {
            // (The closing bracket first: nearly no name has one, and the
            // reverse search set up a searcher for every fact.)
            let Some(open) = name.ends_with(')').then(|| name.rfind(" (")).flatten() else {
                return;
            };
            let abbr = &name[open + 2..name.len() - 1];
            let written = quote.text.split(['(', ')']).nth(1).unwrap_or("").trim();
            let is_abbr = (2..=6).contains(&written.chars().count())
                && written
                    .chars()
                    .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
                && written.to_ascii_lowercase() == abbr;
            if is_abbr && !defined.iter().any(|(a, _)| a == abbr) {
                defined.push((abbr.to_owned(), name[..open].to_owned()));
            }
        };
        for t in &c.types {
            t.causes.iter().for_each(|f| define(&f.name, &f.quote));
        }
        for f in c.general_causes.iter().chain(&c.symptoms) {
            define(&f.name, &f.quote);
        }
        for t in &c.treatments {
            define(&t.name, &t.quote);
        }
    }
    if defined.is_empty() {
        return c;
    }
    let resolve = |name: &mut String| {
        for (abbr, full) in &defined {
            if *name == format!("{full} ({abbr})") || name == abbr {
                *name = full.clone();
            }
        }
    };
    let tidy = |facts: &mut Vec<FactSeed>| {
        facts.iter_mut().for_each(|f| resolve(&mut f.name));
        let mut seen = std::collections::HashSet::new();
        facts.retain(|f| seen.insert(f.name.clone()));
    };
    for t in &mut c.types {
        tidy(&mut t.causes);
    }
    tidy(&mut c.general_causes);
    tidy(&mut c.symptoms);
    c.treatments.iter_mut().for_each(|t| resolve(&mut t.name));
    let mut seen = std::collections::HashSet::new();
    c.treatments.retain(|t| seen.insert(t.name.clone()));
    c
}

struct Extractor<'a> {
    doc: &'a str,
    vocab: &'a Vocabulary,
    rules: &'a Rules,
    /// Per block of the document: page chrome, to be skipped.
    chrome: Vec<bool>,
    seed: Option<ConditionSeed>,
    /// The type that facts of the causes role go to.
    current_type: Option<usize>,
    /// More types a sentence names with the current one ("Both bacterial
    /// and viral conjunctivitis ..."): its causes are theirs too.
    also_types: Vec<usize>,
    /// Where the walk stands, and the rule at work, for `--explain`.
    section: SectionKind,
    rule: &'static str,
    explained: Vec<Explained>,
    /// The seed's type names and their keys, for `known_type`, which runs
    /// for every label and sentence opening (remade if a name changes).
    type_keys: std::cell::RefCell<Vec<(String, String)>>,
    /// Whether heading levels come from markup (Markdown, HTML), not from
    /// guesses at a plain-text layout.
    marked_levels: bool,
    /// The additions of the list item being read, for `item_memo`.
    recording: Option<item_memo::Recording>,
    /// The condition's other name, given in brackets after it ("Fainting
    /// (Syncope)"): kinds may be named after either ("cardiac syncope").
    synonym: Option<String>,
}

impl<'a> Extractor<'a> {
    fn quote(&self, span: Span) -> Quote {
        Quote {
            text: span.of(self.doc).to_owned(),
            start: span.start,
            end: span.end,
        }
    }

    fn name(&self, span: Span) -> String {
        normalize_name(span.of(self.doc), self.vocab)
    }

    fn seed(&mut self) -> &mut ConditionSeed {
        self.seed.as_mut().expect("condition found before facts")
    }

    /// Record where a fact came from.
    fn explain(&mut self, fact: &'static str, name: &str, span: Span) {
        let quote = self.quote(span);
        self.explained.push(Explained {
            fact,
            name: name.to_owned(),
            section: self.section,
            rule: self.rule,
            quote,
        });
    }
}

#[derive(Debug, Clone)]
enum Role {
    Skip,
    Symptom,
    TypeCause,
    GeneralCause,
    Treatment(Option<TreatmentKind>),
    /// Indications of the treatment named by the span.
    Indication(Span),
    /// Items that name types of the condition.
    Type,
}

#[cfg(test)]
mod tests;
