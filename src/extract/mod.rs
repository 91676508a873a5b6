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
mod text;
pub mod vocabulary;

use text::{
    around, find_words, fold, lines, sentences, split_list, split_list_marked, trim, Kind, Line, Span,
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

/// Prepositions of place, which coordinate body sites ("on the face and
/// neck").
const PLACES: &[&str] = &["around", "on", "under", "behind", "between", "inside", "over"];

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

/// Words that end a list inside a clause ("heat and friction on the skin
/// from things like helmets": the list ends before "from things like").
const CLAUSE_BREAKS: &[&str] = &[
    " from things like ",
    " for example",
    " , for example",
    " because ",
    " if ",
    " but ",
    " can make",
    " may be ",
    " and is ",
    " are found",
    " , also known as",
    ", also known as",
    " , such as ",
    ", such as ",
    // What follows qualifies the list ("red patches , usually on the knees").
    " , usually",
    ", usually",
    " , often",
    ", often",
    " , mostly",
    ", mostly",
    " , especially",
    ", especially",
    // The list's own predicate ("emollients and creams are used first",
    // "aciclovir or famciclovir work best").
    " can ease",
    " can relieve",
    " can reduce",
    " can soothe",
    " may ease",
    " may relieve",
    " work ",
    " works ",
    " are used",
    " is used",
    " are often",
    " are usually",
    " are given",
    " are applied",
    " are prescribed",
    " are recommended",
];

/// Trailing qualifications dropped from a list item ("hormonal changes ,
/// for example at puberty" -> "hormonal changes").
const ITEM_BREAKS: &[&str] = &[
    " which ",
    " that ",
    " when ",
    " where ",
    " while ",
    " , for example",
    ", for example",
    " , as ",
    ", as ",
    " , which",
    ", which",
    " , where",
    ", where",
    " , always",
    " , mainly",
    " , usually",
    " , especially",
    " , put on",
    " , prescribed",
    " , making",
    " , often",
    " , if ",
    " , and ",
    " for example",
    " because ",
    " that can ",
    " when you ",
    " may help",
    " can help",
    " consisting ",
    " during ",
    " in severe cases",
    " in some cases",
    " in rare cases",
    " in women",
    " in men",
];

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
                    let text = trim(doc, line.span, &[]);
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
        let item = match head_before_examples(doc, item) {
            Some(head) if is_generic(&self.name(head)) => strip_cue(
                doc,
                trim(
                    doc,
                    Span {
                        start: head.end,
                        end: item.end,
                    },
                    &[','],
                ),
            ),
            _ => item,
        };
        let item = cut_item(doc, item);
        if item.is_empty() {
            return;
        }
        match role {
            Role::Skip => {}
            Role::Symptom => self.fact(item, Role::Symptom),
            Role::TypeCause | Role::GeneralCause => {
                // "destructive bone disease , such as paget disease": one cause.
                let head = head_before_examples(doc, item).unwrap_or(item);
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
            let (head, examples) = match head_before_examples(doc, part) {
                Some(head) => {
                    let rest = trim(
                        doc,
                        Span {
                            start: head.end,
                            end: part.end,
                        },
                        &[','],
                    );
                    (head, Some(strip_cue(doc, rest)))
                }
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
                        let end = list.of(doc).find(',').map_or(list.end, |c| list.start + c);
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
                        let clause_start = fold(&doc[sentence.start..at])
                            .rfind(',')
                            .map_or(sentence.start, |c| sentence.start + c + 1);
                        let team = trim(
                            doc,
                            Span {
                                start: clause_start,
                                end: at,
                            },
                            &[],
                        );
                        self.push_treatment(self.name(team), team, Some(TreatmentKind::Other));
                        continue;
                    }
                    // "Antiviral medicines such as aciclovir": the class before
                    // the cue is a treatment too, and its kind is the
                    // examples' kind.
                    if matches!(role, Role::Treatment(_)) && ["such as", "like", "including"].contains(&cue) {
                        let clause_start = fold(&doc[sentence.start..at])
                            .rfind(',')
                            .map_or(sentence.start, |c| sentence.start + c + 1);
                        let head = strip_adverbial(
                            doc,
                            trim(
                                doc,
                                Span {
                                    start: clause_start,
                                    end: at,
                                },
                                &[],
                            ),
                        );
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
        for cue in LIST_CUES {
            let Some(at) = find_words(doc, sentence, cue) else {
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
                "can follow" | "often follows" | "follows" | "develops after" | "triggers are"
                | "causes are" | "factors are" => section == Section::Causes,
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
            if let Some(head) = head_before_examples(doc, item).filter(|h| is_generic(&self.name(*h))) {
                let examples = strip_cue(
                    doc,
                    trim(
                        doc,
                        Span {
                            start: head.end,
                            end: item.end,
                        },
                        &[','],
                    ),
                );
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
        let lower = fold(sentence.of(doc));
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
        let Some(at) = PREDICATES.iter().filter_map(|p| lower.find(p)).min() else {
            return;
        };
        let subject = cut_item(
            doc,
            trim(
                doc,
                Span {
                    start: sentence.start,
                    end: sentence.start + at,
                },
                &[','],
            ),
        );
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

/// The condition a title asks about: "What causes acne and how ..." ->
/// "acne"; "How do you get calcinosis cutis ?" -> "calcinosis cutis".
fn title_subject(doc: &str, title: Span) -> Option<Span> {
    let text = title.of(doc);
    let lower = fold(text);
    // "X : causes, symptoms and treatment" names it before the colon.
    if let Some(colon) = text.find(':') {
        let head = trim(
            doc,
            Span {
                start: title.start,
                end: title.start + colon,
            },
            &[],
        );
        if !head.is_empty() && !head.of(doc).contains('?') && head.of(doc).split_whitespace().count() <= 5 {
            return Some(head);
        }
    }
    for cue in [
        " causes ",
        " cause of ",
        " causes of ",
        " get rid of ",
        " get ",
        " treat ",
        " is ",
        " are ",
        " about ",
    ] {
        if let Some(i) = lower.find(cue) {
            let start = title.start + i + cue.len();
            let rest = &lower[i + cue.len()..];
            let end = [" and ", " ?", "?", " how", " -"]
                .iter()
                .filter_map(|c| rest.find(c))
                .min()
                .unwrap_or(rest.len());
            let span = trim(
                doc,
                Span {
                    start,
                    end: start + end,
                },
                &['?'],
            );
            if !span.is_empty() {
                return Some(span);
            }
        }
    }
    None
}

/// "X , such as Y" / "X like Y": the span of X.
fn head_before_examples(doc: &str, item: Span) -> Option<Span> {
    for cue in ["such as", "like", "e.g.", "for example", "including"] {
        if let Some(at) = find_words(doc, item, cue) {
            let head = trim(
                doc,
                Span {
                    start: item.start,
                    end: at,
                },
                &[','],
            );
            if !head.is_empty() {
                return Some(head);
            }
        }
    }
    None
}

/// Verbs that open an instruction ("wash the skin", "loosen tight straps").
const INSTRUCTIONS: &[&str] = &[
    "use",
    "wear",
    "avoid",
    "apply",
    "clean",
    "wash",
    "keep",
    "take",
    "try",
    "stop",
    "drink",
    "eat",
    "protect",
    "moisturise",
    "moisturize",
    "shower",
    "bathe",
    "change",
    "loosen",
    "cut",
    "limit",
    "reduce",
    "put",
    "remove",
    "manage",
    "sleep",
    "exercise",
    "lose",
    "quit",
];

/// Whether `text` starts with an instruction verb.
fn starts_with_instruction(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    let first = lower.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    INSTRUCTIONS.contains(&first)
}

/// "shower after exercise and loosen tight straps": split where "and" (or
/// ", and") opens a second instruction.
fn split_at_instructions(doc: &str, item: Span) -> Vec<Span> {
    let text = item.of(doc);
    let mut cuts = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(" and ").map(|i| i + from) {
        if starts_with_instruction(&text[i + 5..]) {
            cuts.push((i, i + 5));
        }
        from = i + 5;
    }
    let mut out = Vec::new();
    let mut start = item.start;
    for (a, b) in cuts {
        out.push(trim(
            doc,
            Span {
                start,
                end: item.start + a,
            },
            &[','],
        ));
        start = item.start + b;
    }
    out.push(trim(doc, Span { start, end: item.end }, &[',']));
    out.retain(|s| !s.is_empty());
    out
}

/// "benzoyl peroxide combined with a topical antibiotic": two treatments.
fn split_combination(doc: &str, span: Span) -> Vec<Span> {
    for joint in ["combined with", "together with", "in combination with", "plus"] {
        if let Some(at) = find_words(doc, span, joint) {
            let (left, right) = around(doc, span, at, joint.len(), &[',']);
            if !left.is_empty() && !right.is_empty() {
                return vec![left, right];
            }
        }
    }
    vec![span]
}

/// A treatment without its purpose or audience ("isotretinoin for severe
/// acne", "the pill , for women whose acne flares").
fn cut_purpose(doc: &str, span: Span) -> Span {
    let cut = cut_at(
        doc,
        span,
        &[
            " for ",
            " , for ",
            ", for ",
            " used ",
            " to reduce",
            " to relieve",
            " to stop",
            " to prevent",
            " to help",
            " to ease",
            " to soothe",
            " to control",
            " to shrink",
            " to hide",
            " to reshape",
            " to improve",
            " to keep",
        ],
        &[',', '.', ':', ';'],
    );
    if cut.is_empty() {
        span
    } else {
        cut
    }
}

/// Whether a text ends with a passive verb ("can be improved later"), so
/// that a following "with" introduces the means.
fn after_passive(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    words.iter().any(|w| w.ends_with("ed"))
        && before
            .split_whitespace()
            .rev()
            .take(4)
            .any(|w| ["be", "is", "are", "been"].contains(&w))
}

/// "dry , red patches", "firm , whitish papules": a lone describing word
/// before a longer item describes it, it is not an item of its own.
fn merge_modifiers(doc: &str, parts: Vec<(Span, bool)>) -> Vec<(Span, bool)> {
    const DESCRIBING: &[&str] = &[
        "dry", "red", "sore", "firm", "itchy", "scaly", "thick", "swollen", "painful", "tender", "raised",
        "flaky", "rough", "white", "yellow", "brown", "dark", "pale", "hot", "warm", "wet", "soft", "hard",
        "small", "large", "deep", "shiny", "cracked", "crusty", "pitted", "gritty",
    ];
    let mut out: Vec<(Span, bool)> = Vec::with_capacity(parts.len());
    let mut pending: Option<Span> = None;
    for (i, (part, closing)) in parts.iter().enumerate() {
        let text = fold(part.of(doc));
        let single = text.split_whitespace().count() == 1;
        let next_longer = parts
            .get(i + 1)
            .is_some_and(|(n, _)| n.of(doc).split_whitespace().count() >= 2);
        if single && next_longer && DESCRIBING.contains(&text.trim()) {
            pending.get_or_insert(*part);
            continue;
        }
        match pending.take() {
            Some(first) => out.push((
                Span {
                    start: first.start,
                    end: part.end,
                },
                *closing,
            )),
            None => out.push((*part, *closing)),
        }
    }
    out
}

/// Whether a name says nothing in particular ("another medical condition",
/// "by a medicine", "other factors").
fn is_generic(name: &str) -> bool {
    const GENERIC: &[&str] = &[
        "a",
        "an",
        "the",
        "by",
        "another",
        "other",
        "some",
        "certain",
        "various",
        "medical",
        "condition",
        "conditions",
        "medicine",
        "medicines",
        "factor",
        "factors",
        "thing",
        "things",
        "cause",
        "causes",
        "disease",
        "diseases",
        "problem",
        "problems",
        "treatment",
        "procedure",
        "underlying",
    ];
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| GENERIC.contains(&w))
}

/// The noun of a symptom verb: "ulcerate" -> "ulceration", "itch" ->
/// "itching".
fn nominalize(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix("ate") {
        format!("{stem}ation")
    } else if verb.ends_with("ing") {
        verb.to_owned()
    } else if let Some(stem) = verb.strip_suffix('e') {
        format!("{stem}ing")
    } else {
        format!("{verb}ing")
    }
}

/// Whether a list item names people ("rheumatologists", "a dermatologist").
fn names_professionals(item: &str) -> bool {
    let last = item
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let last = last.trim_end_matches('s');
    last.ends_with("ist")
        || last.ends_with("ian")
        || ["doctor", "nurse", "surgeon", "specialist", "gp"].contains(&last)
}

/// The clauses of a sentence: split at commas, semicolons and "while",
/// "although", "whereas" (the list is not split: a clause may hold one).
fn clauses(doc: &str, span: Span) -> Vec<Span> {
    let span = trim(doc, span, &[]);
    let text = fold(span.of(doc));
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in [
        " , while ",
        ", while ",
        " while ",
        " , although ",
        ", although ",
        " whereas ",
        " ; ",
        "; ",
    ] {
        let mut from = 0;
        while let Some(i) = text[from..].find(sep).map(|i| i + from) {
            cuts.push((i, i + sep.len()));
            from = i + sep.len();
        }
    }
    // A comma followed by a participle ("ulcerate , discharging chalk").
    let mut from = 0;
    while let Some(i) = text[from..].find(',').map(|i| i + from) {
        let next = text[i + 1..].trim_start().split(' ').next().unwrap_or("");
        if next.len() > 4 && next.ends_with("ing") {
            cuts.push((i, i + 1));
        }
        from = i + 1;
    }
    cuts.sort();
    let mut out = Vec::new();
    let mut start = 0;
    for (a, b) in cuts {
        if a >= start {
            out.push(trim(
                doc,
                Span {
                    start: span.start + start,
                    end: span.start + a,
                },
                &[','],
            ));
            start = b;
        }
    }
    out.push(trim(
        doc,
        Span {
            start: span.start + start,
            end: span.end,
        },
        &[',', '.'],
    ));
    out.retain(|s| !s.is_empty());
    out
}

/// A clause without a leading circumstance: "In severe cases gangrene",
/// "over time the redness", "For ocular rosacea , use" (up to its comma).
fn strip_adverbial(doc: &str, span: Span) -> Span {
    let span = trim(doc, span, &[]);
    let lower = fold(span.of(doc));
    for lead in [
        "in many cases",
        "in most cases",
        "in some cases",
        "in severe cases",
        "a few days later",
        "after a few days",
        "at first",
        "over time",
        "sometimes",
        "eventually",
        "later",
        "often",
    ] {
        if let Some(rest) = lower.strip_prefix(lead) {
            let rest = rest.trim_start_matches([' ', ',']);
            return trim(
                doc,
                Span {
                    start: span.end - rest.len(),
                    end: span.end,
                },
                &[],
            );
        }
    }
    if lower.starts_with("for ") || lower.starts_with("if ") || lower.starts_with("when ") {
        if let Some(comma) = lower.find(',') {
            return trim(
                doc,
                Span {
                    start: span.start + comma + 1,
                    end: span.end,
                },
                &[],
            );
        }
    }
    span
}

/// A verb phrase split at "and": "restrict joint mobility and limit
/// movement" -> two.
fn split_on_and(doc: &str, span: Span) -> Vec<Span> {
    let span = trim(doc, span, &[]);
    let text = fold(span.of(doc));
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(i) = text[from..].find(" and ").map(|i| i + from) {
        out.push(trim(
            doc,
            Span {
                start: span.start + start,
                end: span.start + i,
            },
            &[','],
        ));
        start = i + 5;
        from = start;
    }
    out.push(trim(
        doc,
        Span {
            start: span.start + start,
            end: span.end,
        },
        &[','],
    ));
    out.retain(|s| !s.is_empty());
    out
}

/// "use warm compresses" -> "warm compresses": the verb "use" adds nothing
/// to a treatment's name; other verbs ("clean the eyelids") carry it.
fn strip_instruction_verb(doc: &str, span: Span) -> Span {
    let span = trim(doc, span, &[]);
    let lower = fold(span.of(doc));
    match lower.strip_prefix("use ") {
        Some(rest) => trim(
            doc,
            Span {
                start: span.end - rest.len(),
                end: span.end,
            },
            &[],
        ),
        None => span,
    }
}

/// `span` without the first of `leads` it starts with (lower case).
fn strip_leading(doc: &str, span: Span, leads: &[&str]) -> Span {
    let lower = fold(span.of(doc));
    match leads.iter().find(|l| lower.starts_with(*l)) {
        Some(l) => trim(
            doc,
            Span {
                start: span.start + l.len(),
                end: span.end,
            },
            &[],
        ),
        None => span,
    }
}

fn strip_cue(doc: &str, span: Span) -> Span {
    let lower = fold(span.of(doc));
    for cue in ["such as", "like", "e.g.", "for example", "including"] {
        if let Some(rest) = lower.strip_prefix(cue) {
            return trim(
                doc,
                Span {
                    start: span.end - rest.len(),
                    end: span.end,
                },
                &[],
            );
        }
    }
    span
}

/// `span` up to the first of `breaks` (case-insensitive), trimmed of
/// spaces and `extra`.
fn cut_at(doc: &str, span: Span, breaks: &[&str], extra: &[char]) -> Span {
    let span = trim(doc, span, &[]);
    let lower = fold(span.of(doc));
    let end = breaks
        .iter()
        .filter_map(|b| lower.find(b))
        .min()
        .unwrap_or(lower.len());
    trim(
        doc,
        Span {
            start: span.start,
            end: span.start + end,
        },
        extra,
    )
}

/// End an inline list at the first clause break.
fn cut_clause(doc: &str, span: Span) -> Span {
    let span = trim(doc, span, &[]);
    let lower = fold(span.of(doc));
    // " - " breaks a clause, except where it joins a word ("anti - epileptic",
    // "chalk - like"): there it ends no list.
    let dash = lower
        .match_indices(" - ")
        .map(|(i, _)| i)
        .find(|&i| !joins_words(&lower, i));
    let span = match dash {
        Some(i) => Span {
            start: span.start,
            end: span.start + i,
        },
        None => span,
    };
    cut_at(doc, span, CLAUSE_BREAKS, &[',', ':'])
}

/// Whether the " - " at `i` joins a prefix or suffix to a word.
fn joins_words(lower: &str, i: usize) -> bool {
    const PREFIXES: &[&str] = &[
        "anti", "non", "self", "pre", "post", "over", "under", "well", "long", "short", "semi", "co",
        "multi", "re", "sub", "ultra", "ex", "mid", "low", "high", "x", "t", "b",
    ];
    const SUFFIXES: &[&str] = &[
        "like", "free", "induced", "related", "based", "term", "filled", "up", "prone",
    ];
    let before = lower[..i]
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let after = lower[i + 3..]
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    PREFIXES.contains(&before) || SUFFIXES.contains(&after)
}

/// Drop a leading condition and a trailing qualification from one item.
fn cut_item(doc: &str, span: Span) -> Span {
    let mut span = span;
    // "if anxiety makes it worse , talking therapy": keep what follows.
    let lower = fold(span.of(doc));
    if lower.starts_with("if ") || lower.starts_with("when ") {
        if let Some(comma) = lower.find(',') {
            span = trim(
                doc,
                Span {
                    start: span.start + comma + 1,
                    end: span.end,
                },
                &[],
            );
        }
    }
    cut_at(doc, span, ITEM_BREAKS, &[',', '.', ':', ';'])
}

/// "Surgical removal of lesions is" -> "Surgical removal of lesions".
fn strip_verb(doc: &str, span: Span) -> Span {
    let lower = fold(span.of(doc));
    for verb in [" is", " are", " may be", " can be"] {
        if let Some(stripped) = lower.strip_suffix(verb) {
            return trim(
                doc,
                Span {
                    start: span.start,
                    end: span.start + stripped.len(),
                },
                &[],
            );
        }
    }
    span
}

/// The canonical form of a name: lower case, spaces and punctuation tidied
/// ("make - up" -> "make-up", "( x )" -> "(x)"), vocabulary corrections
/// applied word by word, leading articles dropped, a whole-name synonym
/// mapped to its canonical name.
pub fn normalize_name(raw: &str, vocabulary: &Vocabulary) -> String {
    let s = normalize_words(raw, vocabulary);
    match vocabulary.canonical(&s) {
        Some(canonical) => canonical.to_owned(),
        None => s,
    }
}

/// [`normalize_name`] without mapping synonyms.
fn normalize_words(raw: &str, vocabulary: &Vocabulary) -> String {
    let mut s = String::with_capacity(raw.len());
    // Quotation marks go before spaces are folded, so `use " x " make-up`
    // leaves no double space.
    for c in raw.chars().filter(|c| !matches!(c, '"' | '“' | '”' | '*')) {
        s.push(if c.is_whitespace() { ' ' } else { c });
    }
    let s = s.to_lowercase();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s
        .replace(" - ", "-")
        .replace(" , ", ", ")
        .replace(" ,", ",")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" /", "/")
        .replace("/ ", "/")
        .replace(" '", "'")
        .replace(" ’", "'")
        .replace('’', "'");
    let s = drop_qualifying_parenthesis(&s);
    // Corrections: whole words, then whole phrases.
    let words: Vec<String> = s
        .split(' ')
        .map(|w| {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            match vocabulary.correct(core) {
                Some(fix) if !core.is_empty() => w.replacen(core, fix, 1),
                _ => w.to_owned(),
            }
        })
        .collect();
    let mut s = words.join(" ");
    for (wrong, right) in vocabulary.corrections().filter(|(w, _)| w.contains(' ')) {
        s = s.replace(wrong, right);
    }
    let mut s = s
        .trim_matches(|c: char| c.is_whitespace() || ".,;:!?".contains(c))
        .to_owned();
    for article in ["a ", "an ", "the ", "some "] {
        if let Some(rest) = s.strip_prefix(article) {
            s = rest.to_owned();
        }
    }
    s
}

/// "alcohol (especially red wine)" -> "alcohol": a parenthesis that only
/// narrows the name is not part of it; one that names the thing ("(pcos)",
/// "(sebum)") stays.
fn drop_qualifying_parenthesis(s: &str) -> String {
    let mut out = s.to_owned();
    let mut from = 0;
    while let Some(open) = out[from..].find('(').map(|o| o + from) {
        let Some(close) = out[open..].find(')').map(|c| c + open) else {
            break;
        };
        let inner = &out[open + 1..close];
        let first = inner.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if [
            "especially",
            "mainly",
            "mostly",
            "usually",
            "often",
            "particularly",
            "eg",
            "e",
            "such",
            "for",
        ]
        .contains(&first)
        {
            out = format!("{}{}", out[..open].trim_end(), &out[close + 1..]);
        } else {
            from = close + 1;
        }
    }
    out
}

/// A word that reads as a modifier ("primary", "topical", "hot"), for
/// sharing the noun after a conjunction.
fn adjective_like(word: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "ary", "al", "ic", "ive", "ous", "ile", "ent", "ant", "ed", "ful", "less",
    ];
    // "burning or stinging skin": participles modify the noun too.
    word.chars().count() <= 4 || SUFFIXES.iter().any(|s| word.ends_with(s)) || word.ends_with("ing")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::builtin()
    }

    fn check_quotes(doc: &str, seed: &SeedFile) {
        for (_, _, q) in seed.conditions[0].quoted() {
            assert_eq!(&doc[q.start..q.end], q.text);
        }
    }

    #[test]
    fn normalises_names() {
        let v = vocab();
        assert_eq!(
            normalize_name("Latrogenic\u{a0} CALCINOSIS cutis :", &v),
            "iatrogenic calcinosis cutis"
        );
        assert_eq!(normalize_name("greasy make - up ", &v), "greasy make-up");
        assert_eq!(
            normalize_name("an overactive thyroid gland ( hyperthyroidism )", &v),
            "overactive thyroid gland (hyperthyroidism)"
        );
        assert_eq!(normalize_name("Hives", &v), "urticaria");
    }

    #[test]
    fn reads_a_capitalised_article_with_numbered_types_and_chrome() {
        let doc = "How do you get foo rash ?\n\nFOO RASH :\n\nFoo rash , also known as bar itch , is common .\n\n\
WHAT ARE THE SIGNS AND SYMPTOMS OF FOO RASH ?\n\nThe main signs include redness , scaling and itching .\n\n\
WHAT ARE THE CAUSES OF FOO RASH ?\n\n1. DRY FOO RASH :\n  \u{2022} cold\u{a0}weather\u{a0}\n  \u{2022} primary or secondary xerosis\n\
2. WET FOO RASH :\n- sweating\n- cold weather\n\nHOW TO TREAT FOO RASH ?\n\nMedications that may be tried include zinc cream , tar gel and steroids .\n\
Surgical removal is indicated when they :\n  \u{2022} bleed\n\nComments\n\nPopular posts from this blog\n\nWhat is the main cause of lipoma ?\n";
        let seed = extract(doc, "foo.txt", &vocab());
        check_quotes(doc, &seed);
        let c = &seed.conditions[0];
        assert_eq!(c.name, "foo rash");
        assert_eq!(c.aliases[0].name, "bar itch");
        let types: Vec<&str> = c.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(types, ["dry foo rash", "wet foo rash"]);
        let dry: Vec<&str> = c.types[0].causes.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(dry, ["cold weather", "primary xerosis", "secondary xerosis"]);
        assert_eq!(c.types[1].causes.len(), 2);
        let symptoms: Vec<&str> = c.symptoms.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(symptoms, ["redness", "scaling", "itching"]);
        let treatments: Vec<(&str, TreatmentKind)> =
            c.treatments.iter().map(|t| (t.name.as_str(), t.kind)).collect();
        assert!(treatments.contains(&("zinc cream", TreatmentKind::Medication)));
        assert!(treatments.contains(&("surgical removal", TreatmentKind::Procedure)));
        let surgery = c
            .treatments
            .iter()
            .find(|t| t.name == "surgical removal")
            .unwrap();
        assert_eq!(surgery.notes[0].kind, NoteKind::Indication);
        assert!(!doc[c.quote.end..].is_empty());
        assert!(
            c.treatments.iter().all(|t| !t.name.contains("lipoma")),
            "chrome is not content"
        );
    }

    #[test]
    fn reads_markdown_and_type_dash_styles() {
        let doc = "Why does my skin go red ?\n\nBlushitis\n\nBlushitis , which used to be called red face , is long - term .\n\n\
## Signs and symptoms\n\n* flushing \n* dry skin \n\nThe 2 subtypes of blushitis\n\nType 1 - Vascular blushitis ( VB )\nTriggers such as hot drinks , wind and sunlight .\n\n\
### 2. Ocular blushitis\n* smoke \n\n## Self - care\n\n- wear sunscreen every day \n";
        let seed = extract(doc, "b.txt", &vocab());
        check_quotes(doc, &seed);
        let c = &seed.conditions[0];
        assert_eq!(c.name, "blushitis");
        assert_eq!(c.aliases[0].name, "red face");
        assert_eq!(c.symptoms.len(), 2);
        assert_eq!(c.types[0].name, "vascular blushitis");
        assert_eq!(c.types[0].aliases[0].name, "vb");
        let vascular: Vec<&str> = c.types[0].causes.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(vascular, ["hot drinks", "wind", "sunlight"]);
        assert_eq!(c.types[1].causes[0].name, "smoke");
        assert_eq!(c.treatments[0].kind, TreatmentKind::SelfCare);
    }

    #[test]
    fn reads_numbered_lists_and_titles_with_a_colon() {
        let doc = "Grumpy skin : causes , symptoms and treatment\n\nSymptoms\n\n1. itching\n2. flaking\n\n\
Risk factors\n\nYou are more likely to get it if you have dry skin .\n\nMedications\n\n1. urea cream\n2. antihistamine tablets\n";
        let seed = extract(doc, "g.txt", &vocab());
        check_quotes(doc, &seed);
        let c = &seed.conditions[0];
        assert_eq!(c.name, "grumpy skin");
        let symptoms: Vec<&str> = c.symptoms.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(symptoms, ["itching", "flaking"]);
        assert_eq!(c.general_causes[0].name, "dry skin");
        let treatments: Vec<(&str, TreatmentKind)> =
            c.treatments.iter().map(|t| (t.name.as_str(), t.kind)).collect();
        assert_eq!(
            treatments,
            [
                ("urea cream", TreatmentKind::Medication),
                ("antihistamine tablets", TreatmentKind::Medication)
            ]
        );
        assert!(c.types.is_empty());
    }

    fn names(facts: &[FactSeed]) -> Vec<&str> {
        facts.iter().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn reads_symptoms_stated_as_clauses() {
        // No-break spaces sit where writers put them: around modal verbs.
        let doc = "Why is my skin sore ?\n\nZED RASH :\n\nZed rash is common .\n\n## Symptoms\n\n\
The signs vary from person to person . Patches may\u{a0} become itchy and crack , oozing clear fluid . \
In severe cases deep sores may occur , while scars may limit movement .\n";
        let seed = extract(doc, "z.txt", &vocab());
        check_quotes(doc, &seed);
        let symptoms = names(&seed.conditions[0].symptoms);
        assert_eq!(
            symptoms,
            [
                "itchy patches",
                "cracking",
                "oozing clear fluid",
                "deep sores",
                "limit movement"
            ]
        );
    }

    #[test]
    fn reads_treatments_in_prose_and_instructions() {
        let doc = "How to treat zed rash ?\n\nZED RASH :\n\nZed rash is common .\n\nHOW TO TREAT ZED RASH ?\n\n\
A doctor may prescribe :\n- topical steroids such as mometasone or betamethasone for flares\n\
- zinc cream combined with a barrier film\n- the pill , for women whose rash flares monthly\n\n\
Cracks can be soothed later with paraffin balm , tar gel or light therapy . \
A care team including dermatologists and nurses may help . \
For bad flares , use cool compresses , pat the skin dry and use emollients every day . See a doctor if it spreads .\n";
        let seed = extract(doc, "z.txt", &vocab());
        check_quotes(doc, &seed);
        let treatments: Vec<(&str, TreatmentKind)> = seed.conditions[0]
            .treatments
            .iter()
            .map(|t| (t.name.as_str(), t.kind))
            .collect();
        for expected in [
            ("topical steroids", TreatmentKind::Medication),
            ("mometasone", TreatmentKind::Medication),
            ("betamethasone", TreatmentKind::Medication),
            ("zinc cream", TreatmentKind::Medication),
            ("barrier film", TreatmentKind::Other),
            ("pill", TreatmentKind::Medication),
            ("paraffin balm", TreatmentKind::Other),
            ("tar gel", TreatmentKind::Medication),
            ("light therapy", TreatmentKind::Procedure),
            ("care team", TreatmentKind::Other),
            ("cool compresses", TreatmentKind::SelfCare),
            ("pat the skin dry", TreatmentKind::SelfCare),
        ] {
            assert!(
                treatments.contains(&expected),
                "{expected:?} not in {treatments:?}"
            );
        }
        assert!(
            treatments
                .iter()
                .all(|(n, _)| !n.contains("nurse") && !n.contains("doctor") && !n.contains("women")),
            "{treatments:?}"
        );
    }

    #[test]
    fn causes_need_substance() {
        let doc = "What causes zed rash ?\n\nZED RASH :\n\nZed rash is common .\n\nWHAT CAUSES ZED RASH ?\n\n\
1. SECONDARY ZED RASH :\nIt is caused by another medical condition or by a medicine . It arises secondary to a procedure , \
for example , repeated freezing of the skin . Triggers include anti - fungal sprays , heat and / cold baths .\n\
- some medicines , for example lithium\n- alcohol ( especially beer )\n";
        let seed = extract(doc, "z.txt", &vocab());
        check_quotes(doc, &seed);
        let causes = names(&seed.conditions[0].types[0].causes);
        assert_eq!(
            causes,
            [
                "repeated freezing of the skin",
                "anti-fungal sprays",
                "heat",
                "cold baths",
                "lithium",
                "alcohol"
            ]
        );
    }

    #[test]
    fn one_cause_under_its_abbreviation_and_its_forms() {
        let doc = "What causes zed rash ?\n\nZED RASH :\n\nZed rash is common .\n\nTYPES OF ZED RASH\n\n\
1. Hormonal zed rash\n- polycystic ovary syndrome ( PCOS )\n- hormonal changes during puberty\n\n\
2. Adult zed rash\n- PCOS in women\n- taking anabolic steroids\n- hormonal changes\n\n\
3. Sporty zed rash\n- anabolic steroids\n- vitamin d ( calciferol )\n";
        let seed = extract(doc, "z.txt", &vocab());
        check_quotes(doc, &seed);
        let c = &seed.conditions[0];
        assert_eq!(
            names(&c.types[0].causes),
            ["polycystic ovary syndrome", "hormonal changes"]
        );
        assert_eq!(
            names(&c.types[1].causes),
            [
                "polycystic ovary syndrome",
                "anabolic steroids",
                "hormonal changes"
            ]
        );
        // A lower-case parenthesis is another name, not an abbreviation.
        assert_eq!(
            names(&c.types[2].causes),
            ["anabolic steroids", "vitamin d (calciferol)"]
        );
    }

    #[test]
    fn the_first_cue_governs_and_recommendations_name_treatments() {
        let doc =
            "How to treat zed rash ?\n\nZED RASH :\n\nZed rash is common .\n\nHOW TO TREAT ZED RASH ?\n\n\
It is usually treated with an antifungal cream such as clotrimazole or miconazole . \
Tea tree oil can also be used . Medical therapy may help . \
Laser ablation , where the patch is burnt away , is only a last resort .\n";
        let seed = extract(doc, "z.txt", &vocab());
        check_quotes(doc, &seed);
        let treatments: Vec<(&str, TreatmentKind)> = seed.conditions[0]
            .treatments
            .iter()
            .map(|t| (t.name.as_str(), t.kind))
            .collect();
        assert_eq!(
            treatments,
            [
                ("antifungal cream", TreatmentKind::Medication),
                ("clotrimazole", TreatmentKind::Medication),
                ("miconazole", TreatmentKind::Medication),
                ("tea tree oil", TreatmentKind::Other),
                ("laser ablation", TreatmentKind::Procedure),
            ]
        );
    }

    #[test]
    fn reads_bold_headings_and_numbered_treatment_lists() {
        let doc = "Zed rash : causes , symptoms and treatment\n\n**Zed rash** is itchy .\n\n**Symptoms**\n\n\
Common symptoms are :\n* intense itching\n* red patches\n\n**What triggers zed rash ?**\n\n\
Things that can trigger flare - ups include soaps , stress and hot weather .\n\n**Treatment options**\n\n\
1. Emollients used every day to stop the skin drying\n2. Antihistamines for severe itching\n\
3. Phototherapy , if creams do not help\n\nYou should also avoid scratching and keep nails short .\n\nShare this post\n";
        let seed = extract(doc, "z.txt", &vocab());
        check_quotes(doc, &seed);
        let c = &seed.conditions[0];
        assert_eq!(c.name, "zed rash");
        assert_eq!(names(&c.symptoms), ["intense itching", "red patches"]);
        assert_eq!(names(&c.general_causes), ["soaps", "stress", "hot weather"]);
        assert!(
            c.types.is_empty(),
            "a numbered treatment list is not a list of types"
        );
        let treatments: Vec<&str> = c.treatments.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            treatments,
            [
                "emollients",
                "antihistamines",
                "phototherapy",
                "avoid scratching",
                "keep nails short"
            ]
        );
    }

    #[test]
    fn reads_run_in_type_headings_and_plain_section_titles() {
        let doc = "Zed rash - what is it ?\n\nZed rash\n\nZed rash is a long-term skin condition .\n\n\
Signs & Symptoms\n\nMost people get dry , red patches covered with scales , usually on the knees and scalp . \
Some people also develop thick , pitted nails .\n\nTypes of zed rash\n\n\
a) Plaque zed rash - the common type. It is often triggered by stress and smoking .\n\n\
b) Drop zed rash - small sores . It often follows a throat infection .\n\nCauses\n\n\
It tends to run in families . Common triggers are injury to the skin , certain medicines such as lithium \
and beta blockers , and cold weather .\n\nPrevention\n\n- cut down on alcohol\n- manage stress\n";
        let seed = extract(doc, "z.txt", &vocab());
        check_quotes(doc, &seed);
        let c = &seed.conditions[0];
        assert_eq!(
            names(&c.symptoms),
            ["dry, red patches covered with scales", "thick, pitted nails"]
        );
        let types: Vec<&str> = c.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(types, ["plaque zed rash", "drop zed rash"]);
        assert_eq!(names(&c.types[0].causes), ["stress", "smoking"]);
        assert_eq!(names(&c.types[1].causes), ["throat infection"]);
        assert_eq!(
            names(&c.general_causes),
            [
                "family history",
                "injury to the skin",
                "lithium",
                "beta blockers",
                "cold weather"
            ]
        );
        assert!(c.treatments.iter().all(|t| t.kind == TreatmentKind::SelfCare));
        assert_eq!(c.treatments.len(), 2);
    }

    #[test]
    fn reads_label_sections_and_class_heads() {
        let doc = "All about zed rash\n\nZed rash ( zeditis ) is a viral rash . It is caused by the zed virus , \
the same virus that causes zed pox .\n\nSymptoms:\nThe first signs are usually headache and feeling unwell . \
A few days later a rash of blisters appears .\n\nRisk factors:\nYou are more likely to get it if you are over 50 \
or have a weakened immune system .\n\nTreatment:\nAntiviral medicines such as zedovir or zedclovir work best early . \
Painkillers like paracetamol can ease the pain . Other tips :\n- keep the rash dry\n\nVaccination:\n\
A zed vaccine is offered to older people .\n";
        let seed = extract(doc, "z.txt", &vocab());
        check_quotes(doc, &seed);
        let c = &seed.conditions[0];
        assert_eq!(c.aliases[0].name, "zeditis");
        assert_eq!(
            names(&c.general_causes),
            ["zed virus", "over 50", "weakened immune system"]
        );
        assert_eq!(
            names(&c.symptoms),
            ["headache", "feeling unwell", "rash of blisters"]
        );
        let treatments: Vec<(&str, TreatmentKind)> =
            c.treatments.iter().map(|t| (t.name.as_str(), t.kind)).collect();
        assert_eq!(
            treatments,
            [
                ("antiviral medicines", TreatmentKind::Medication),
                ("zedovir", TreatmentKind::Medication),
                ("zedclovir", TreatmentKind::Medication),
                ("painkillers", TreatmentKind::Medication),
                ("paracetamol", TreatmentKind::Medication),
                ("keep the rash dry", TreatmentKind::SelfCare),
                ("zed vaccine", TreatmentKind::Medication),
            ]
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for doc in [
            "",
            "\n\n",
            "?",
            "1.",
            "# \n- \n•",
            "ÄÖÜ ?\n\u{a0}\n•\u{a0}",
            "Title\n\nX (\nY )\n",
        ] {
            let seed = extract(doc, "x.txt", &vocab());
            if let Some(c) = seed.conditions.first() {
                check_quotes(doc, &seed);
                assert!(!c.name.is_empty());
            }
        }
    }
}
