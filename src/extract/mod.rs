//! Extraction of seed data from informal health articles.
//!
//! The extractor reads the article's structure rather than its words:
//! headings split it into sections (signs and symptoms, causes and types,
//! treatment), numbered headings inside the causes section are types, list
//! items and inline lists after cue phrases ("include", "such as", "caused
//! by") are facts. Names are normalised through the [`Vocabulary`] (data,
//! not code). Every fact keeps the exact byte span it was read from.

use crate::model::{
    AliasSeed, ConditionSeed, DocumentRef, FactSeed, NoteKind, NoteSeed, Quote, SeedFile, TreatmentKind,
    TreatmentSeed, TypeSeed, SEED_FORMAT,
};
use crate::seed::load::sha256_hex;

pub mod eval;
mod names;
mod phrases;
mod text;
pub mod vocabulary;

pub use names::normalize_name;
use names::{adjective_like, is_generic, names_professionals, nominalize, normalize_words};
use phrases::{
    after_passive, clause_before, clauses, cut_clause, cut_item, cut_purpose, describing_word,
    merge_modifiers, named_paragraph, split_at_instructions, split_combination, split_examples, split_on_and,
    starts_with_instruction, strip_adverbial, strip_instruction_verb, strip_leading, strip_verb,
    title_subject, PLACES,
};

use text::{
    around, find_words, fold, lines, sentences, split_first, split_list, split_list_marked, trim, Kind, Line,
    Span,
};
pub use vocabulary::Vocabulary;

/// Lines that start the blog furniture after an article; nothing after
/// one of them is content.
const CHROME: &[&str] = &[
    "comments",
    "post a comment",
    "popular posts",
    "popular posts from this blog",
    "related posts",
    "you may also like",
    "share this",
    "share this post",
    "share this article",
    "leave a comment",
    "leave a reply",
    "newer post older post home",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Intro,
    Symptoms,
    Causes,
    Treatment,
    Other,
}

/// Which section a heading opens, by its words.
fn section_of(title: &str) -> Option<Section> {
    let t = fold(title).replace(" - ", "-");
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["symptom", "sign"]) {
        Some(Section::Symptoms)
    } else if has(&[
        "treat",
        "manag",
        "therap",
        "self-care",
        "self care",
        "remed",
        "cure",
        "prevent",
        "get rid",
        "medic",
        "drug",
        "surg",
        "lifestyle",
        "home care",
        "relief",
        "vaccin",
    ]) {
        Some(Section::Treatment)
    } else if has(&[
        "cause", "type", "trigger", "risk", "classif", "form", "why ", "reason",
    ]) {
        Some(Section::Causes)
    } else {
        None
    }
}

/// Cue phrases after which a sentence lists facts; the list runs to the end
/// of the clause.
const LIST_CUES: &[&str] = &[
    "include",
    "includes",
    "including",
    "such as",
    "are :",
    "are:",
    "caused by",
    "linked to",
    "associated with",
    "brought on by",
    "set off by",
    "triggered by",
    "seen in",
    "appear as",
    "from things like",
    "prescribe",
    "offer",
    "recommend",
    "treated with",
    "sign is usually",
    "sign is",
    "symptom is",
    "signs are",
    "symptoms are",
    "if you have",
    "if you are",
    "also get",
    "people get",
    "you get",
    "may get",
    "also develop",
    "people develop",
    "triggers are",
    "causes are",
    "factors are",
    "can follow",
    "often follows",
    "follows",
    "develops after",
    "spread through",
    "spreads through",
    "spread by",
    "spreads by",
    "picked up in",
    "picked up from",
    "start with",
    "starts with",
    "begin with",
    "begins with",
    "may notice",
    "may experience",
    "for example",
    "containing",
    "with",
    "like",
];

/// Cues that name one fact, not a list ("the main sign is sweating").
const SINGULAR_CUES: &[&str] = &["sign is usually", "sign is", "symptom is"];

/// Cues that state a cause in an article's introduction.
const INTRO_CUES: &[&str] = &[
    "caused by",
    "linked to",
    "seen in",
    "associated with",
    "triggered by",
    "if you have",
    "if you are",
];

/// Phrases that make what follows a cause ("arises secondary to").
const CAUSAL: &[&str] = &[
    "secondary to",
    "caused by",
    "due to",
    "result of",
    "arises from",
    "brought on by",
    "triggered by",
];

/// Words by which a symptoms sentence says there are none.
const SYMPTOMLESS: &[&str] = &["symptomless", "asymptomatic", "no symptoms", "vary", "varies"];

/// Extract the structured seed data of one document.
pub fn extract(doc: &str, document_path: &str, vocabulary: &Vocabulary) -> SeedFile {
    let all = lines(doc);
    let content_end = all
        .iter()
        .position(|l| {
            let t = fold(trim(doc, l.span, &[':', '.']).of(doc));
            CHROME.contains(&t.as_str()) || t.starts_with("labels :") || t.starts_with("labels:")
        })
        .unwrap_or(all.len());
    let content = &all[..content_end];
    let title = content
        .iter()
        .find(|l| l.kind != Kind::Blank)
        .map(|l| trim(doc, l.span, &[]).of(doc).to_owned());

    let mut ex = Extractor {
        doc,
        vocab: vocabulary,
        seed: None,
    };
    ex.run(content);
    SeedFile {
        format: SEED_FORMAT,
        document: DocumentRef {
            path: document_path.to_owned(),
            title,
            sha256: sha256_hex(doc.as_bytes()),
        },
        conditions: ex
            .seed
            .into_iter()
            .filter(|c| !c.name.is_empty())
            .map(resolve_abbreviations)
            .collect(),
    }
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
            let (Some(open), true) = (name.rfind(" ("), name.ends_with(')')) else {
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
    seed: Option<ConditionSeed>,
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

    fn run(&mut self, content: &[Line]) {
        let doc = self.doc;
        // The title line is a question about the condition, not a section.
        let first = content.iter().position(|l| l.kind != Kind::Blank);
        let Some(first) = first else { return };

        // The condition: the first heading that opens no section, else the
        // title's subject.
        let mut condition_span = None;
        for line in &content[first + 1..] {
            if let Kind::Heading(h) = &line.kind {
                if section_of(h.title.of(doc)).is_none() && !h.question && !h.numbered {
                    condition_span = Some(h.title);
                }
                break;
            }
        }
        if condition_span.is_none() {
            // A plain one-line paragraph right after the title ("Rosacea").
            condition_span = content[first + 1..]
                .iter()
                .find(|l| l.kind != Kind::Blank)
                .filter(|l| {
                    let t = trim(doc, l.span, &[]).of(doc);
                    l.kind == Kind::Prose && t.split_whitespace().count() <= 5 && !t.ends_with('.')
                })
                .map(|l| trim(doc, l.span, &[':']));
        }
        let condition_span = condition_span.or_else(|| title_subject(doc, content[first].span));
        let Some(condition_span) = condition_span else {
            return;
        };
        let condition_name = self.name(condition_span);
        if condition_name.is_empty() {
            return;
        }
        self.seed = Some(ConditionSeed {
            name: condition_name.clone(),
            quote: self.quote(condition_span),
            aliases: Vec::new(),
            types: Vec::new(),
            general_causes: Vec::new(),
            symptoms: Vec::new(),
            treatments: Vec::new(),
        });

        let mut section = Section::Intro;
        let mut in_type = false;
        // The causes section is about types ("Types of warts").
        let mut types_section = false;
        // What the bullets under a "...:" line are, when that line says.
        let mut list_role: Option<Role> = None;
        // Numbered lines that follow one another (blank lines aside) are a
        // numbered list, whatever their words say ("4. Phototherapy , if
        // creams do not help" is an item, not a therapy section).
        let numbered = |l: &Line| matches!(&l.kind, Kind::Heading(h) if h.numbered && h.depth == 0);
        let body: Vec<&Line> = content[first + 1..]
            .iter()
            .filter(|l| l.kind != Kind::Blank)
            .collect();
        let listed: std::collections::HashSet<usize> = body
            .windows(2)
            .filter(|w| numbered(w[0]) && numbered(w[1]))
            .flat_map(|w| [w[0].span.start, w[1].span.start])
            .collect();
        for line in &content[first + 1..] {
            // A label that names no section, or "Causes:" under a type of
            // the causes section, introduces a list: it is read as prose.
            let kind = match &line.kind {
                Kind::Heading(h)
                    if h.label
                        && match section_of(h.title.of(doc)) {
                            None => true,
                            Some(s) => in_type && s == Section::Causes && section == Section::Causes,
                        } =>
                {
                    &Kind::Prose
                }
                kind => kind,
            };
            match kind {
                Kind::Blank => {}
                Kind::Heading(h) if h.title == condition_span => {}
                Kind::Heading(h)
                    if h.numbered
                        && h.depth == 0
                        && matches!(section, Section::Symptoms | Section::Treatment)
                        && (section_of(h.title.of(doc)).is_none() || listed.contains(&line.span.start)) =>
                {
                    // A numbered list of symptoms or treatments, not a
                    // heading: its lines are items.
                    let role = list_role.clone().unwrap_or(if section == Section::Symptoms {
                        Role::Symptom
                    } else {
                        Role::Treatment(None)
                    });
                    self.bullet(h.title, &role);
                }
                Kind::Heading(h) => {
                    let title = h.title.of(doc);
                    list_role = None;
                    if section == Section::Causes && (h.numbered || h.depth >= 3) {
                        self.start_type(h.title);
                        in_type = true;
                    } else if let Some(s) = section_of(title) {
                        section = s;
                        in_type = false;
                        types_section = s == Section::Causes
                            && ["type", "form", "kind"].iter().any(|w| fold(title).contains(w));
                        if s == Section::Treatment && fold(title).replace(" - ", "-").contains("self") {
                            list_role = Some(Role::Treatment(Some(TreatmentKind::SelfCare)));
                        }
                    } else if h.numbered && section == Section::Intro {
                        // Types listed before any causes heading.
                        section = Section::Causes;
                        self.start_type(h.title);
                        in_type = true;
                    } else {
                        section = Section::Other;
                        in_type = false;
                    }
                }
                Kind::Bullet(item) => {
                    let role = list_role.clone().unwrap_or(match section {
                        Section::Symptoms => Role::Symptom,
                        Section::Causes if in_type => Role::TypeCause,
                        Section::Causes => Role::GeneralCause,
                        Section::Treatment => Role::Treatment(None),
                        Section::Intro | Section::Other => Role::Skip,
                    });
                    self.bullet(*item, &role);
                }
                Kind::Prose => {
                    let mut text = trim(doc, line.span, &[]);
                    // "Plantar warts ( verrucas ) - found on the soles": in a
                    // section about types, a paragraph that opens with a name
                    // of the condition's kind and a dash is a type.
                    if types_section {
                        if let Some((head, rest)) = named_paragraph(doc, text, &condition_name) {
                            self.start_type(head);
                            in_type = true;
                            text = rest;
                        }
                    }
                    list_role = self.intro_role(text, section);
                    self.prose(text, section, in_type, &condition_name);
                }
            }
        }
    }

    fn seed(&mut self) -> &mut ConditionSeed {
        self.seed.as_mut().expect("condition found before facts")
    }

    fn start_type(&mut self, title: Span) {
        let doc = self.doc;
        let raw = title.of(doc);
        // "Erythematotelangiectatic rosacea ( ETR )": the abbreviation is an alias.
        let (name_span, alias) = match (raw.find('('), raw.rfind(')')) {
            (Some(open), Some(close)) if close > open && raw[close + 1..].trim().is_empty() => (
                trim(
                    doc,
                    Span {
                        start: title.start,
                        end: title.start + open,
                    },
                    &[],
                ),
                Some(trim(
                    doc,
                    Span {
                        start: title.start + open + 1,
                        end: title.start + close,
                    },
                    &[],
                )),
            ),
            _ => (title, None),
        };
        let name = self.name(name_span);
        if name.is_empty() {
            return;
        }
        let aliases = alias
            .filter(|a| !a.is_empty())
            .map(|a| {
                vec![AliasSeed {
                    name: self.name(a),
                    quote: self.quote(a),
                }]
            })
            .unwrap_or_default();
        let quote = self.quote(title);
        self.seed().types.push(TypeSeed {
            name,
            quote,
            aliases,
            causes: Vec::new(),
        });
    }

    /// What the bullets after a line ending in ':' are, when its words say so.
    fn intro_role(&self, line: Span, section: Section) -> Option<Role> {
        let text = line.of(self.doc);
        if !text.trim_end().ends_with(':') {
            return None;
        }
        let lower = fold(text);
        for cue in [
            "indicated when",
            "recommended when",
            "considered when",
            "needed when",
            "used when",
        ] {
            if let Some(i) = lower.find(cue) {
                let subject = trim(
                    self.doc,
                    Span {
                        start: line.start,
                        end: line.start + i,
                    },
                    &[],
                );
                let subject = strip_verb(self.doc, subject);
                return Some(Role::Indication(subject));
            }
        }
        if lower.contains("yourself") || lower.contains("self-care") || lower.contains("tips") {
            return Some(Role::Treatment(Some(TreatmentKind::SelfCare)));
        }
        if section == Section::Treatment && (lower.contains("procedure") || lower.contains("surger")) {
            return Some(Role::Treatment(Some(TreatmentKind::Procedure)));
        }
        None
    }

    fn bullet(&mut self, item: Span, role: &Role) {
        let doc = self.doc;
        if let Role::Treatment(kind) = role {
            // "wear leather shoes and socks that soak up moisture , and
            // change socks twice a day": two instructions, each cut on its own.
            for piece in split_at_instructions(doc, item) {
                self.triggers_named(piece);
                let piece = cut_item(doc, piece);
                // A comma left after cut_item separates a list only when the
                // list closes with "and"/"or" ("surgery , laser or
                // dermabrasion"), or what follows it qualifies the item
                // ("loose clothes , in black or white"); "use gentle ,
                // fragrance free products" is one item.
                let parts = split_list_marked(doc, piece);
                let list = parts.len() == 1 || parts.iter().any(|(_, closing)| *closing);
                let parts = if list { parts } else { vec![(piece, false)] };
                for (part, closing) in parts {
                    for (name, span, class) in self.treatments_in(part, !closing) {
                        self.push_treatment(name, span, kind.or(class));
                    }
                }
            }
            return;
        }
        // "some medicines , for example antidepressants": a head that names
        // nothing in particular gives way to its examples.
        let item = match split_examples(doc, item) {
            Some((head, examples)) if is_generic(&self.name(head)) => examples,
            _ => item,
        };
        let item = cut_item(doc, item);
        if item.is_empty() {
            return;
        }
        match role {
            Role::Skip => {}
            // "whiteheads and blackheads" is two symptoms; "burning or
            // stinging skin" one, and a comma marks a description
            // ("nodules and cysts , large painful lumps"): kept whole.
            Role::Symptom
                if !item.of(doc).contains(',')
                    && find_words(doc, item, "and").is_some()
                    && find_words(doc, item, "or").is_none() =>
            {
                for (name, span) in self.distribute(item) {
                    self.push_fact(&Role::Symptom, name, span);
                }
            }
            Role::Symptom => self.fact(item, Role::Symptom),
            Role::TypeCause | Role::GeneralCause => {
                // "destructive bone disease , such as paget disease": one cause.
                let head = split_examples(doc, item).map_or(item, |(head, _)| head);
                for (name, span) in self.distribute(head) {
                    self.push_fact(role, name, span);
                }
            }
            Role::Treatment(_) => unreachable!("treatment items are read above"),
            Role::Indication(subject) => {
                let subject = *subject;
                let treatment = self.name(subject);
                if treatment.is_empty() {
                    return;
                }
                if !self.seed().treatments.iter().any(|t| t.name == treatment) {
                    self.push_treatment(treatment.clone(), subject, Some(TreatmentKind::Procedure));
                }
                let note = NoteSeed {
                    kind: NoteKind::Indication,
                    text: self.name(item),
                    quote: self.quote(item),
                };
                if let Some(t) = self.seed().treatments.iter_mut().find(|t| t.name == treatment) {
                    t.notes.push(note);
                }
            }
        }
    }

    fn fact(&mut self, span: Span, role: Role) {
        let name = self.name(span);
        self.push_fact(&role, name, span);
    }

    fn push_fact(&mut self, role: &Role, name: String, span: Span) {
        if name.is_empty() || name.split_whitespace().count() > 12 {
            return;
        }
        // "caused by another medical condition or by a medicine" names no
        // cause in particular.
        if matches!(role, Role::TypeCause | Role::GeneralCause) && is_generic(&name) {
            return;
        }
        // "a close relative with rosacea", "a parent who has it": the cause
        // is a family history.
        let name = if matches!(role, Role::TypeCause | Role::GeneralCause)
            && [
                "relative with",
                "relative who",
                "family member",
                "parent with",
                "parent who",
                "sibling with",
            ]
            .iter()
            .any(|k| name.contains(k))
        {
            "family history".to_owned()
        } else {
            name
        };
        // "taking anabolic steroids" and "anabolic steroids" are one cause.
        let name = match role {
            Role::TypeCause | Role::GeneralCause => {
                // "if you ... have a weakened immune system".
                [
                    "taking ",
                    "using ",
                    "eating ",
                    "drinking ",
                    "exposure to ",
                    "have ",
                    "having ",
                    "are ",
                    "being ",
                    // "spread ... by sharing towels".
                    "by ",
                ]
                .iter()
                .find_map(|lead| name.strip_prefix(lead))
                .map(|rest| {
                    ["a ", "an ", "the "]
                        .iter()
                        .find_map(|a| rest.strip_prefix(a))
                        .unwrap_or(rest)
                })
                .filter(|rest| !rest.is_empty())
                .map_or(name.clone(), str::to_owned)
            }
            _ => name,
        };
        let fact = FactSeed {
            name,
            quote: self.quote(span),
        };
        let seed = self.seed();
        let list = match role {
            Role::Symptom => &mut seed.symptoms,
            Role::TypeCause => match seed.types.last_mut() {
                Some(t) => &mut t.causes,
                None => &mut seed.general_causes,
            },
            Role::GeneralCause => &mut seed.general_causes,
            _ => return,
        };
        if !list.iter().any(|f| f.name == fact.name) {
            list.push(fact);
        }
    }

    fn push_treatment(&mut self, name: String, span: Span, kind: Option<TreatmentKind>) {
        if name.is_empty() || name.split_whitespace().count() > 14 {
            return;
        }
        // A list's own heading ("Self - care", "Things you can do yourself")
        // says more than keywords do.
        let kind = kind.unwrap_or_else(|| self.vocab.treatment_kind(&name));
        let quote = self.quote(span);
        let seed = self.seed();
        if !seed.treatments.iter().any(|t| t.name == name) {
            seed.treatments.push(TreatmentSeed {
                name,
                kind,
                quote,
                notes: Vec::new(),
            });
        }
    }

    /// Coordinated items: "primary or secondary hyperparathyroidism" and
    /// "hot or cold weather" share their noun (a single adjective-like word
    /// before the conjunction); "administration of calcium or phosphate"
    /// shares its head; anything else splits in two ("anxiety or emotional
    /// stress", "problems with the vessels and an overactive immune
    /// response"). Each result is trimmed of trailing qualifications.
    fn distribute(&self, span: Span) -> Vec<(String, Span)> {
        let doc = self.doc;
        let conj = ["or", "and"]
            .iter()
            .filter_map(|c| find_words(doc, span, c).map(|at| (at, c.len())))
            .min();
        let whole = || {
            let cut = cut_item(doc, span);
            vec![(self.name(cut), cut)]
        };
        let Some((at, len)) = conj else { return whole() };
        let (left, right) = around(doc, span, at, len, &[]);
        let left = trim(doc, left, &[',']);
        if left.is_empty() || right.is_empty() {
            return whole();
        }
        let (l, r) = (self.name(left), self.name(cut_item(doc, right)));
        let lw: Vec<&str> = l.split(' ').collect();
        let rw: Vec<&str> = r.split(' ').collect();
        if lw.len() == 1 && rw.len() >= 2 && rw.len() <= 3 && adjective_like(lw[0]) {
            let cut = cut_item(doc, span);
            return vec![(format!("{} {}", lw[0], rw[1..].join(" ")), cut), (r, cut)];
        }
        // "red sores around the nose and mouth": the place is coordinated,
        // not the thing; one item.
        if rw.len() == 1 && lw.len() >= 3 && lw[..lw.len() - 1].iter().any(|w| PLACES.contains(w)) {
            return whole();
        }
        if rw.len() == 1 && lw.len() >= 2 && lw.len() <= 4 && lw.contains(&"of") {
            let cut = cut_item(doc, span);
            return vec![
                (l.clone(), cut),
                (format!("{} {}", lw[..lw.len() - 1].join(" "), rw[0]), cut),
            ];
        }
        let mut out = Vec::new();
        for side in [left, right] {
            let side = cut_item(doc, side);
            if !side.is_empty() {
                out.push((self.name(side), side));
            }
        }
        out
    }

    /// The treatments one list item names: "topical retinoids such as
    /// adapalene or tretinoin" is the class and each example; "benzoyl
    /// peroxide combined with a topical antibiotic" is two; "shower after
    /// exercise and loosen tight straps" is two instructions. A purpose
    /// ("for severe acne") is not part of the name. `distribute` shares a
    /// coordinated noun ("topical or oral antibiotics"). An example carries
    /// its class's kind when the vocabulary does not know it ("steroids
    /// such as mometasone": a medication).
    fn treatments_in(&self, item: Span, distribute: bool) -> Vec<(String, Span, Option<TreatmentKind>)> {
        let doc = self.doc;
        let mut out = Vec::new();
        for part in split_at_instructions(doc, item) {
            let (head, examples) = match split_examples(doc, part) {
                Some((head, examples)) => (head, Some(examples)),
                None => (part, None),
            };
            for piece in split_combination(doc, head) {
                let piece = cut_purpose(doc, piece);
                if piece.is_empty() {
                    continue;
                }
                // An instruction keeps its "and"/"or" ("do not squeeze or
                // pick spots", "wash with a cleanser and lukewarm water").
                let instruction = starts_with_instruction(piece.of(doc)) || {
                    let lower = fold(piece.of(doc));
                    lower.starts_with("do not") || lower.starts_with("don't") || lower.starts_with("dont ")
                };
                if distribute && !instruction {
                    out.extend(self.distribute(piece).into_iter().map(|(n, s)| (n, s, None)));
                } else {
                    // An instruction is self-care unless its words say more
                    // ("apply a steroid cream" is a medication).
                    let name = self.name(piece);
                    let kind = (instruction && self.vocab.treatment_kind(&name) == TreatmentKind::Other)
                        .then_some(TreatmentKind::SelfCare);
                    out.push((name, piece, kind));
                }
            }
            let Some(examples) = examples else { continue };
            // Examples of a treatment class are treatments ("retinoids such
            // as adapalene"); examples of anything else ("avoid triggers
            // like spicy food") only when they read as treatments.
            let class = self.vocab.treatment_kind(head.of(doc));
            for example in split_list(doc, cut_clause(doc, examples)) {
                for (name, span) in self.distribute(cut_purpose(doc, example)) {
                    let own = self.vocab.treatment_kind(&name);
                    if own != TreatmentKind::Other {
                        out.push((name, span, Some(own)));
                    } else if class != TreatmentKind::Other {
                        out.push((name, span, Some(class)));
                    }
                }
            }
        }
        out.retain(|(name, _, _)| !name.is_empty());
        out
    }

    /// "Sweating under them makes it worse": what makes the condition worse
    /// is a cause (a trigger).
    fn worsened_by(&mut self, sentence: Span, role: Role) {
        let doc = self.doc;
        let Some((subject, _)) = split_first(
            doc,
            sentence,
            &[
                " makes it worse",
                " make it worse",
                " makes it much worse",
                " make it much worse",
                " makes symptoms worse",
                " make symptoms worse",
                " can make it worse",
                " can make it much worse",
            ],
        ) else {
            return;
        };
        let subject = strip_adverbial(doc, subject);
        // "under them", "on it": the pronoun points back, it is no part of
        // the cause's name.
        let words: Vec<&str> = subject.of(doc).split_whitespace().collect();
        let subject = match words.as_slice() {
            [.., _, last] if ["them", "it", "this"].contains(&fold(last).as_str()) => {
                let keep = subject.of(doc).rfind(words[words.len() - 2]).unwrap_or(0);
                trim(
                    doc,
                    Span {
                        start: subject.start,
                        end: subject.start + keep,
                    },
                    &[],
                )
            }
            _ => subject,
        };
        let name = self.name(cut_item(doc, subject));
        if !name.is_empty()
            && name.split_whitespace().count() <= 5
            && !["it", "this", "that"].contains(&name.as_str())
        {
            self.push_fact(&role, name, subject);
        }
    }

    /// "avoid triggers that make sweating worse , like spicy food and
    /// alcohol": advice about triggers names general causes.
    fn triggers_named(&mut self, item: Span) {
        let doc = self.doc;
        let Some((head, examples)) = split_examples(doc, item) else {
            return;
        };
        if !fold(head.of(doc)).contains("trigger") {
            return;
        }
        for (example, _) in split_list_marked(doc, cut_clause(doc, examples)) {
            for (name, span) in self.distribute(example) {
                self.push_fact(&Role::GeneralCause, name, span);
            }
        }
    }

    fn prose(&mut self, line: Span, section: Section, in_type: bool, condition: &str) {
        let doc = self.doc;
        for sentence in sentences(doc, line) {
            let lower = fold(sentence.of(doc));
            if section == Section::Intro {
                self.aliases(sentence, condition);
            }
            if section == Section::Treatment && lower.contains("underlying") && lower.contains("treat") {
                let name = if lower.contains("condition") {
                    "treating the underlying condition"
                } else {
                    "treating the underlying cause"
                };
                self.push_treatment(name.to_owned(), sentence, Some(TreatmentKind::Other));
                continue;
            }
            let negated = [
                "not caused",
                "not linked",
                "not a type",
                "no cure",
                "not known",
                "not catching",
                "not dangerous",
            ]
            .iter()
            .any(|n| lower.contains(n));
            if (section == Section::Intro || section == Section::Causes && !in_type)
                && (lower.contains("run in families") || lower.contains("runs in families"))
                && !negated
            {
                self.push_fact(&Role::GeneralCause, "family history".to_owned(), sentence);
            }
            let role = match section {
                Section::Symptoms => Role::Symptom,
                Section::Causes if in_type => Role::TypeCause,
                Section::Causes | Section::Intro => Role::GeneralCause,
                Section::Treatment => Role::Treatment(None),
                Section::Other => continue,
            };
            match self.find_cue(sentence, section, negated) {
                Some((cue, at)) => {
                    let list = trim(
                        doc,
                        Span {
                            start: at + cue.len(),
                            end: sentence.end,
                        },
                        &[':', ','],
                    );
                    // "signs are usually a tingling feeling": the adverb is not
                    // part of the first item.
                    let list = strip_leading(
                        doc,
                        list,
                        &["usually ", "often ", "typically ", "generally ", "mostly "],
                    );
                    if SINGULAR_CUES.contains(&cue) {
                        // "The main sign is sweating when ..., often heavy
                        // enough to ...": one fact, up to the first comma;
                        // the rest may state more.
                        // "a firm , raised growth": a comma after a lone
                        // describing word does not end the fact.
                        let text = list.of(doc);
                        let end = text
                            .match_indices(',')
                            .map(|(c, _)| c)
                            .find(|&c| !describing_word(&text[..c]))
                            .map_or(list.end, |c| list.start + c);
                        let item = trim(
                            doc,
                            Span {
                                start: list.start,
                                end,
                            },
                            &[],
                        );
                        self.push_fact(&role, self.name(item), item);
                        if section == Section::Symptoms && end < list.end {
                            self.symptom_clauses(Span {
                                start: end,
                                end: list.end,
                            });
                        }
                        continue;
                    }
                    let list = cut_clause(doc, list);
                    let parts = split_list_marked(doc, list);
                    if matches!(role, Role::Treatment(_))
                        && !parts.is_empty()
                        && parts
                            .iter()
                            .all(|(p, _)| names_professionals(cut_item(doc, *p).of(doc)))
                    {
                        // "a multidisciplinary team of physicians including
                        // rheumatologists": the team is the treatment.
                        let team = clause_before(doc, sentence, at);
                        self.push_treatment(self.name(team), team, Some(TreatmentKind::Other));
                        continue;
                    }
                    // "Antiviral medicines such as aciclovir": the class before
                    // the cue is a treatment too, and its kind is the
                    // examples' kind.
                    if matches!(role, Role::Treatment(_)) && ["such as", "like", "including"].contains(&cue) {
                        let head = strip_adverbial(doc, clause_before(doc, sentence, at));
                        if !head.is_empty()
                            && head.of(doc).split_whitespace().count() <= 4
                            && self.vocab.treatment_kind(&self.name(head)) != TreatmentKind::Other
                        {
                            let whole = Span {
                                start: head.start,
                                end: list.end,
                            };
                            self.list(whole, &role, false);
                            continue;
                        }
                    }
                    self.list(list, &role, cue.ends_with("with"));
                }
                None => match section {
                    Section::Symptoms => self.symptom_clauses(sentence),
                    Section::Treatment => self.instructions(sentence),
                    Section::Causes => self.worsened_by(
                        sentence,
                        if in_type {
                            Role::TypeCause
                        } else {
                            Role::GeneralCause
                        },
                    ),
                    _ => {}
                },
            }
        }
    }

    /// The first cue in `sentence` after which a list of facts follows, and
    /// where it stands.
    fn find_cue(&self, sentence: Span, section: Section, negated: bool) -> Option<(&'static str, usize)> {
        let doc = self.doc;
        let lower = fold(sentence.of(doc));
        // The cue that comes first in the sentence governs it ("caused by X ,
        // such as Y" lists X); of two at one place, the longer.
        let mut best: Option<(&'static str, usize)> = None;
        // Cues are looked for at word starts only: one pass over the words,
        // not a substring search per cue (this runs for every sentence).
        let bytes = lower.as_bytes();
        let mut starts: Vec<usize> = Vec::new();
        let mut prev_alnum = false;
        for (i, c) in lower.char_indices() {
            if c.is_ascii_alphabetic() && !prev_alnum {
                starts.push(i);
            }
            prev_alnum = c.is_alphanumeric();
        }
        let first = |cue: &str| {
            starts.iter().copied().find(|&i| {
                bytes[i] == cue.as_bytes()[0]
                    && bytes[i..].starts_with(cue.as_bytes())
                    && !lower[i + cue.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            })
        };
        for cue in LIST_CUES {
            let Some(at) = first(cue).map(|i| sentence.start + i) else {
                continue;
            };
            let before = &lower[..at - sentence.start];
            let allowed = match *cue {
                // "arises secondary to a treatment , for example , X": the
                // examples are the causes, but only after a causal phrase.
                "for example" => section == Section::Causes && CAUSAL.iter().any(|c| before.contains(c)),
                // "look like acne" compares; only among treatments does "like" list
                // examples ("painkillers like paracetamol").
                "containing" | "with" | "like" => section == Section::Treatment,
                "can follow" | "often follows" | "follows" | "develops after" | "spread through"
                | "spreads through" | "spread by" | "spreads by" | "picked up in" | "picked up from"
                | "triggers are" | "causes are" | "factors are" => section == Section::Causes,
                "people get" | "you get" | "may get" | "also develop" | "people develop" => {
                    section == Section::Symptoms
                }
                // In the intro only causal cues count ("such as" lists body
                // sites there).
                _ => section != Section::Intro || INTRO_CUES.contains(cue),
            };
            if !allowed {
                continue;
            }
            // "scars can be improved later with laser": "with" lists
            // treatments only after a passive verb.
            if *cue == "with" && !after_passive(before) {
                continue;
            }
            // Negation counts only in the clause that holds the cue ("the
            // cause is not known, but it may be linked to X").
            let clause = before.rsplit([',', ';']).next().unwrap_or(before);
            let clause = clause.rsplit(" but ").next().unwrap_or(clause);
            if negated && (clause.contains(" not ") || clause.starts_with("not ") || clause.ends_with("not "))
            {
                continue;
            }
            if best.is_none_or(|(b, b_at)| at < b_at || (at == b_at && cue.len() > b.len())) {
                best = Some((cue, at));
            }
        }
        best
    }

    /// The facts of an inline list, in the role of its section. `gapped`:
    /// the cue ends in "with", so a later item may repeat the pattern with
    /// its verb left out ("spots are treated with creams , and more severe
    /// cases with tablets").
    fn list(&mut self, list: Span, role: &Role, gapped: bool) {
        let doc = self.doc;
        let parts = split_list_marked(doc, list);
        if let Role::Treatment(kind) = role {
            // "a team including rheumatologists", "drained by a
            // dermatologist": people are not treatments.
            for (part, closing) in parts {
                self.triggers_named(part);
                let part = match find_words(doc, part, "with") {
                    Some(at) if gapped => trim(
                        doc,
                        Span {
                            start: at + 4,
                            end: part.end,
                        },
                        &[],
                    ),
                    _ => part,
                };
                for (name, span, class) in self.treatments_in(part, !closing) {
                    if !names_professionals(&name) {
                        self.push_treatment(name, span, kind.or(class));
                    }
                }
            }
            return;
        }
        for (item, closing) in merge_modifiers(doc, parts) {
            // "certain medicines such as lithium and beta blockers": a head
            // that names nothing in particular gives way to its examples.
            if let Some((_, examples)) = split_examples(doc, item).filter(|(h, _)| is_generic(&self.name(*h)))
            {
                for (example, _) in split_list_marked(doc, examples) {
                    for (name, span) in self.distribute(example) {
                        self.push_fact(role, name, span);
                    }
                }
                continue;
            }
            let items = if closing {
                let item = cut_item(doc, item);
                vec![(self.name(item), item)]
            } else {
                self.distribute(item)
            };
            for (name, span) in items {
                self.push_fact(role, name, span);
            }
        }
    }

    /// Symptoms stated as clauses rather than lists: "Lesions may become
    /// tender and ulcerate , discharging chalky material", "In severe cases
    /// gangrene may occur". Each clause with a modal verb states one or
    /// more symptoms; a participle clause ("discharging ...") states one.
    fn symptom_clauses(&mut self, span: Span) {
        let doc = self.doc;
        for clause in clauses(doc, span) {
            let text = fold(clause.of(doc));
            if text.starts_with(|c: char| c.is_alphabetic())
                && text.split(' ').next().is_some_and(|w| w.ends_with("ing"))
            {
                let item = cut_item(doc, clause);
                self.push_fact(&Role::Symptom, self.name(item), item);
                continue;
            }
            // "a rash of blisters appears": the subject is the symptom.
            let appears = ["appears", "appear", "develops", "forms", "occurs"]
                .iter()
                .find(|v| {
                    text.trim_end_matches([' ', '.'])
                        .rsplit(' ')
                        .next()
                        .is_some_and(|last| last == **v)
                });
            if let Some(verb) = appears {
                let end = clause.start + text.trim_end_matches([' ', '.']).len() - verb.len();
                let subject = strip_adverbial(
                    doc,
                    trim(
                        doc,
                        Span {
                            start: clause.start,
                            end,
                        },
                        &[],
                    ),
                );
                let name = self.name(subject);
                if !name.is_empty() && !["it", "they", "this"].contains(&name.as_str()) {
                    self.push_fact(&Role::Symptom, name, subject);
                }
                continue;
            }
            let Some((modal_at, modal_len)) = [" may ", " can ", " might ", " could "]
                .iter()
                .filter_map(|m| text.find(m).map(|i| (i, m.len())))
                .min()
            else {
                continue;
            };
            let predicate = &text[modal_at + modal_len..];
            if predicate.starts_with("not ") || SYMPTOMLESS.iter().any(|w| text.contains(w)) {
                continue;
            }
            let subject = trim(
                doc,
                strip_adverbial(
                    doc,
                    Span {
                        start: clause.start,
                        end: clause.start + modal_at,
                    },
                ),
                &[],
            );
            let subject_name = self.name(subject);
            let pronoun = ["it", "they", "this", "these", "you", "people", "some people"]
                .contains(&subject_name.as_str());
            let predicate = trim(
                doc,
                Span {
                    start: clause.start + modal_at + modal_len,
                    end: clause.end,
                },
                &[],
            );
            for verb_phrase in split_on_and(doc, predicate) {
                let phrase = cut_item(doc, verb_phrase);
                let words = self.name(phrase);
                let (verb, rest) = words.split_once(' ').unwrap_or((words.as_str(), ""));
                let named = !pronoun && !subject_name.is_empty();
                let (name, uses_subject) = match verb {
                    // "gangrene may occur": the subject is the symptom.
                    "occur" | "develop" | "appear" | "form" | "happen" if rest.is_empty() => (
                        if named {
                            subject_name.clone()
                        } else {
                            String::new()
                        },
                        true,
                    ),
                    // "the lesion may become tender": a tender lesion.
                    "be" | "become" | "feel" | "look" | "get" | "turn" if !rest.is_empty() => {
                        if named {
                            (format!("{rest} {subject_name}"), true)
                        } else {
                            (rest.to_owned(), false)
                        }
                    }
                    // "lesions may ulcerate": ulceration; "skin may peel": peeling.
                    _ if rest.is_empty() => (nominalize(verb), false),
                    _ => (words.clone(), false),
                };
                if name.is_empty() {
                    continue;
                }
                let quote = if uses_subject && named {
                    Span {
                        start: subject.start,
                        end: phrase.end,
                    }
                } else {
                    phrase
                };
                self.push_fact(&Role::Symptom, name, quote);
            }
        }
    }

    /// A treatment that is the subject of a recommendation: "Hydrogen
    /// peroxide cream can also be used", "Endoscopic thoracic sympathectomy
    /// ( ETS ) , where ..., is only a last resort".
    fn recommended(&mut self, sentence: Span) {
        let doc = self.doc;
        const PREDICATES: &[&str] = &[
            " can also be used",
            " may also be used",
            " can be used",
            " may be used",
            " can also help",
            " can help",
            " may help",
            " may be prescribed",
            " may be recommended",
            " may be offered",
            " may be tried",
            " is a last resort",
            " is only a last resort",
            " is an option",
            " is offered",
            " are offered",
            " is available",
            " is another option",
        ];
        let Some((subject, _)) = split_first(doc, sentence, PREDICATES) else {
            return;
        };
        let subject = cut_item(doc, trim(doc, subject, &[',']));
        let name = self.name(subject);
        // A pronoun or a whole clause is not a treatment's name.
        let words = name.split_whitespace().count();
        const VAGUE: &[&str] = &[
            "it",
            "this",
            "they",
            "these",
            "medical",
            "therapy",
            "treatment",
            "treatments",
            "medicine",
            "medicines",
            "medication",
            "medications",
            "drug",
            "drugs",
            "other",
            "some",
        ];
        if words == 0 || words > 6 || name.split_whitespace().all(|w| VAGUE.contains(&w)) {
            return;
        }
        self.push_treatment(name, subject, None);
    }

    /// Instructions in a treatment section: "For ocular rosacea , use warm
    /// compresses , clean the eyelids every day and use eye drops". Advice
    /// to see someone is not a treatment.
    fn instructions(&mut self, sentence: Span) {
        let doc = self.doc;
        let body = strip_adverbial(doc, sentence);
        // "You should also avoid scratching": the advice is the instruction.
        let lower = fold(body.of(doc));
        let lead = [
            "you should also ",
            "you should ",
            "you can also ",
            "you can ",
            "try to ",
            "remember to ",
        ]
        .iter()
        .find(|l| lower.starts_with(*l))
        .map_or(0, |l| l.len());
        let body = trim(
            doc,
            Span {
                start: body.start + lead,
                end: body.end,
            },
            &[],
        );
        if !starts_with_instruction(body.of(doc)) {
            self.recommended(body);
            return;
        }
        for (part, _) in split_list_marked(doc, body) {
            for piece in split_at_instructions(doc, part) {
                let piece = cut_item(doc, piece);
                let name = self.name(strip_instruction_verb(doc, piece));
                if name.is_empty() {
                    continue;
                }
                let kind = match self.vocab.treatment_kind(&name) {
                    TreatmentKind::Other => TreatmentKind::SelfCare,
                    kind => kind,
                };
                self.push_treatment(name, piece, Some(kind));
            }
        }
    }

    /// Aliases in the intro: "X ( Y ) is", "X , also known as Y", "It is
    /// also known as Y", "X , which used to be called Y". The phrase must be
    /// about the condition itself, so the text before it may only be the
    /// condition's name or "it".
    fn aliases(&mut self, sentence: Span, condition: &str) {
        let doc = self.doc;
        let text = sentence.of(doc);
        let lower = fold(text);
        let about_condition = |prefix: &str| {
            let p = normalize_name(prefix, self.vocab);
            let p = p
                .trim_end_matches([',', ' '])
                .trim_end_matches(" is")
                .trim_end_matches(" which")
                .trim_end_matches(',');
            p == condition || p == "it" || p == "this" || p == "this condition" || p.is_empty()
        };
        for cue in [
            "also known as",
            "used to be called",
            "sometimes called",
            "also called",
            "formerly known as",
        ] {
            let Some(i) = lower.find(cue) else { continue };
            if !about_condition(&text[..i]) {
                continue;
            }
            let rest = trim(
                doc,
                Span {
                    start: sentence.start + i + cue.len(),
                    end: sentence.end,
                },
                &['"', '\''],
            );
            let end = rest
                .of(doc)
                .find(" , ")
                .or_else(|| rest.of(doc).find(", "))
                .unwrap_or(rest.end - rest.start);
            let alias = trim(
                doc,
                Span {
                    start: rest.start,
                    end: rest.start + end,
                },
                &['"', '\'', ','],
            );
            self.push_alias(alias, condition);
        }
        // "Acne ( acne vulgaris ) is ..."
        if let (Some(open), Some(close)) = (text.find('('), text.find(')')) {
            if close > open && normalize_name(&text[..open], self.vocab) == condition {
                let alias = trim(
                    doc,
                    Span {
                        start: sentence.start + open + 1,
                        end: sentence.start + close,
                    },
                    &[],
                );
                self.push_alias(alias, condition);
            }
        }
    }

    fn push_alias(&mut self, span: Span, condition: &str) {
        // Not through synonyms: "excessive sweating" is kept as the alias it
        // is, not mapped onto the condition it names.
        let name = normalize_words(span.of(self.doc), self.vocab);
        if name.is_empty() || name == condition || name.split_whitespace().count() > 6 {
            return;
        }
        let quote = self.quote(span);
        let seed = self.seed();
        if !seed.aliases.iter().any(|a| a.name == name) {
            seed.aliases.push(AliasSeed { name, quote });
        }
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
}

#[cfg(test)]
mod tests;
