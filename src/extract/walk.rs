//! The walk over a document's blocks: it keeps the section (stage a) and
//! the current type (stage c) and hands each block to the entity readers
//! (stage d) in the role its place gives it, skipping what states no fact
//! (stage e).

use crate::document::{Block, BlockKind};

use super::condition::{key, subject, Detected};
use super::keys::condition_key;
use super::rules::{words, List};
use super::sections::{classify, unnumbered, HeadingRole};
use super::*;

/// Reading state between blocks.
pub(super) struct State {
    /// How the entity readers read the current section.
    pub(super) reading: Section,
    /// The level of the heading that opened the section (1 for a flat
    /// plain-text layout's headings too: they are all level 2).
    pub(super) level: u8,
    /// What the list items under a lead-in line are, when it says.
    pub(super) list_role: Option<Role>,
    /// Under a when-to-get-help callout: its list states no facts.
    pub(super) help: bool,
    /// A line said types follow ("is classified into 3 main types :"):
    /// the headings under it name them.
    pub(super) types_follow: bool,
    /// A sentence said how many types there are ("There are four main
    /// types"): sentences counting them off name them.
    pub(super) types_counted: bool,
    /// The section a counted title names ("9 Things That Cause ..."), for
    /// its numbered headings.
    pub(super) counted: Option<SectionKind>,
    /// Which columns of the current table list causes, by its header.
    pub(super) cause_columns: Vec<bool>,
    /// In a table whose header names a type in each column, the type of
    /// each header cell (aligned from the right: a blank corner cell may
    /// be missing).
    pub(super) type_columns: Vec<Option<usize>>,
    /// Whether any heading opens a symptoms section: without one, what a
    /// type looks like is the article's account of its symptoms. Asked of
    /// few articles, so found when first asked ([`Extractor::symptoms_section`]).
    pub(super) symptoms_section: std::cell::OnceCell<bool>,
}

impl<'a> Extractor<'a> {
    pub(super) fn run(&mut self, blocks: &[Block], condition: Detected) {
        let doc = self.doc;
        self.seed = Some(ConditionSeed {
            name: condition.name.clone(),
            quote: self.quote(condition.span),
            aliases: Vec::new(),
            types: Vec::new(),
            general_causes: Vec::new(),
            symptoms: Vec::new(),
            treatments: Vec::new(),
        });
        if let Some(at) = condition.abbreviation {
            self.push_alias(at, &condition.name);
        }
        if let Some(at) = bracketed_after(doc, condition.span) {
            self.push_alias(at, &condition.name);
            self.synonym = Some(key(at.of(doc)));
        }
        // Kinds are named after the name the page uses ("Active TB disease").
        let name = condition.short.as_deref().unwrap_or(condition.name.as_str());
        let mut st = State {
            reading: Section::Intro,
            level: 1,
            list_role: None,
            help: false,
            types_follow: false,
            types_counted: false,
            counted: None,
            cause_columns: Vec::new(),
            type_columns: Vec::new(),
            symptoms_section: std::cell::OnceCell::new(),
        };
        self.section = SectionKind::Overview;
        let rules = self.rules;
        for (i, block) in blocks.iter().enumerate() {
            let text = block.text(doc);
            if self.chrome[i] {
                continue;
            }
            if rules.list(List::EndOfContent).equals(text) && i > blocks.len() / 3 {
                break;
            }
            match block.kind {
                // "9 Things That Cause Dandruff": a listicle's counted title
                // says what its numbered headings name.
                BlockKind::Title => st.counted = self.counted_title(block.span),
                BlockKind::Heading { level } => {
                    if !self.heading(block.span, level, name, &mut st, &blocks[i + 1..]) {
                        break;
                    }
                }
                // An ordered item that reads as a title ("2. METASTATIC
                // CALCINOSIS CUTIS :") heads a type in a causes section.
                BlockKind::ListItem { ordered: true, .. }
                    if st.reading == Section::Causes && self.titled_kind(block.span, name) =>
                {
                    self.rule = "numbered type heading";
                    st.list_role = None;
                    self.start_type(trim(doc, block.span, &[':', '.', '-']));
                }
                // "2. WHAT YOU NEED TO KNOW BEFORE YOU USE ...": a numbered
                // line in capitals heads a leaflet's section (only here:
                // detection reads it as an item, so it names no condition).
                BlockKind::ListItem {
                    ordered: true,
                    depth: 0,
                } if super::lead_ins::capitals_title(text) => {
                    if !self.heading(block.span, st.level.max(2), name, &mut st, &blocks[i + 1..]) {
                        break;
                    }
                }
                BlockKind::ListItem { ordered, .. } => self.item(block, ordered, name, &mut st),
                BlockKind::Paragraph => self.paragraph(blocks, block, name, &mut st),
                BlockKind::Callout => {
                    // Boxed asides are warnings, tips and when-to-get-help
                    // notes: a list under one is no list of facts.
                    st.help = true;
                }
                BlockKind::TableRow => self.table_row(blocks, i, &mut st),
                BlockKind::TableCell => {}
            }
        }
    }

    /// Whether a heading is the condition's name, then a separator, then
    /// two or more section names: the page's title with its contents.
    fn contents_title(&self, title: Span, condition: &str) -> bool {
        let text = title.of(self.doc);
        let Some((name, rest)) = [": ", " | ", " - ", " – "]
            .iter()
            .find_map(|sep| text.split_once(sep))
        else {
            return false;
        };
        if key(name) != *condition_key(condition) {
            return false;
        }
        // (Before any section: "Incontinence - Surgery and procedures" later
        // on is one section of a printed set of pages.)
        if self.section != SectionKind::Overview {
            return false;
        }
        let rest = rest.split(" | ").next().unwrap_or(rest);
        let mut kinds: Vec<SectionKind> = rest
            .split([',', '&'])
            .flat_map(|p| p.split(" and "))
            .filter_map(|p| self.rules.section(p.trim()).map(|(kind, _)| kind))
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds.len() >= 2
    }

    /// Take a heading; `false` when the article ends there.
    fn heading(&mut self, span: Span, level: u8, condition: &str, st: &mut State, ahead: &[Block]) -> bool {
        let doc = self.doc;
        st.list_role = None;
        st.help = self.dont_lead(span);
        if st.help {
            return true;
        }
        let title = trim(doc, span, &[':', '?', '.', '-', '–']);
        // "Lyme Disease: Diagnosis and Treatment", "Gout: Types, Causes &
        // Treatment": a page's title that lists what the page covers opens
        // none of those sections.
        if self.contents_title(title, condition) {
            self.open(SectionKind::Overview, level, st);
            return true;
        }
        let role = match (classify(doc, title, condition, self.rules), &self.synonym) {
            // "Cardiac syncope" under "Fainting (Syncope)": a kind of the
            // other name.
            (HeadingRole::Sub, Some(other)) => match classify(doc, title, other, self.rules) {
                HeadingRole::Type(s) => HeadingRole::Type(s),
                _ => HeadingRole::Sub,
            },
            (role, _) => role,
        };
        match role {
            HeadingRole::Section(SectionKind::End) if level <= st.level + 1 => return false,
            HeadingRole::Section(kind) => {
                // "Causes:" (a label) or a deeper causes heading under a
                // type is about that type.
                let label = doc[span.end..].trim_start_matches([' ', '\t']).starts_with(':')
                    || span.of(doc).trim_end().ends_with(':');
                if kind == SectionKind::Causes && self.current_type.is_some() && (label || level > st.level) {
                    return true;
                }
                // "For specific types:" among treatments heads the
                // treatments of each type, not the types.
                if kind == SectionKind::Types
                    && matches!(self.section, SectionKind::Treatment | SectionKind::SelfCare)
                    && (label || level > st.level)
                {
                    return true;
                }
                self.open(kind, level, st);
                if matches!(kind, SectionKind::Treatment | SectionKind::SelfCare) {
                    self.treatment_heading(title, condition);
                }
                // "What causes acute sinusitis?", "Who gets crusted
                // scabies?": the causes that follow are that type's.
                if matches!(kind, SectionKind::Causes | SectionKind::RiskFactors) {
                    if let Some(kind_name) = self.named_kind(title, condition) {
                        self.rule = "type named in causes heading";
                        self.start_type(kind_name);
                    }
                }
            }
            HeadingRole::Condition => self.open(SectionKind::Overview, level, st),
            // (Under symptoms or treatments, a deeper heading naming a kind
            // is about that kind's symptoms or treatment; one marked up as
            // high as the section's own starts a topic of its own.)
            HeadingRole::Type(name)
                if st.reading != Section::Symptoms && st.reading != Section::Treatment
                    || self.marked_levels && level <= st.level =>
            {
                if st.reading != Section::Causes {
                    self.open(SectionKind::Types, level.saturating_sub(1), st);
                }
                self.rule = "type heading";
                // "Q: And what about chronic sinusitis?": the type's name
                // starts where the heading names it.
                self.start_type(Span {
                    start: name.start,
                    end: title.end,
                });
            }
            // "The main symptoms are:", "You might also have:": a lead-in
            // line the plain-text reader took for a heading introduces the
            // list under it, in the section it stands in.
            HeadingRole::Sub if self.section.has_facts() && lead_in(doc, span) => {
                st.list_role = self.intro_role(span, st.reading);
            }
            HeadingRole::Type(_) | HeadingRole::Sub => {
                // "2. A naturally greasy scalp" under "9 Things That Cause
                // Dandruff": the item heads the section the title counts.
                if let Some(kind) = st.counted.filter(|k| {
                    matches!(self.section, SectionKind::Overview)
                        && unnumbered(doc, title, self.rules) != title
                        || self.section == *k
                }) {
                    if self.section != kind {
                        self.open(kind, level.saturating_sub(1), st);
                    }
                }
                let deeper = level > st.level;
                if self.section == SectionKind::Types || (st.reading == Section::Causes && st.types_follow) {
                    // A heading under "Types of X" names a type.
                    self.rule = "heading under types";
                    self.start_type(title);
                } else if st.reading == Section::Causes && deeper {
                    // "7 things that trigger gout" / "1. Beer and spirits":
                    // a causes section's sub-headings name causes.
                    self.rule = "heading under causes";
                    self.current_type = None;
                    let title = unnumbered(doc, title, self.rules);
                    self.bullet(title, &Role::GeneralCause);
                } else if st.reading == Section::Treatment
                    && (deeper || self.kind_by_content(ahead, level).1 > 0)
                {
                    // A sub-heading of the treatments ("Reliever inhalers"),
                    // as deep as theirs in a flat layout; one over nothing
                    // treatment-like ends them.
                    self.treatment_heading(title, condition);
                } else if !deeper && level <= 2 {
                    // A new top-level topic the patterns do not know: what
                    // its blocks name decides ("What I tell my patients to
                    // do" over a list of remedies is a treatment section).
                    // Else, after the overview, it states no facts.
                    let (kind, _) = self.kind_by_content(ahead, level);
                    if kind != SectionKind::Other || self.section != SectionKind::Overview {
                        self.open(kind, level, st);
                    }
                }
            }
        }
        true
    }

    /// "Don't" (a heading or a lead-in) over a list: what to avoid, not
    /// what helps; the items under it are no facts.
    pub(super) fn dont_lead(&self, span: Span) -> bool {
        let text = span.of(self.doc).trim().trim_end_matches(':').trim_end();
        self.rules.list(List::DontLeads).equals(text)
    }

    pub(super) fn open(&mut self, kind: SectionKind, level: u8, st: &mut State) {
        self.section = kind;
        st.types_follow = false;
        st.types_counted = false;
        self.current_type = None;
        st.level = level;
        st.reading = match kind {
            SectionKind::Overview => Section::Intro,
            SectionKind::Types | SectionKind::Causes | SectionKind::RiskFactors => Section::Causes,
            SectionKind::Symptoms => Section::Symptoms,
            SectionKind::Treatment => Section::Treatment,
            SectionKind::SelfCare => {
                st.list_role = Some(Role::Treatment(Some(TreatmentKind::SelfCare)));
                Section::Treatment
            }
            _ => Section::Other,
        };
    }

    /// A treatment section's sub-heading that names a treatment ("Reliever
    /// inhalers", "Laser therapy") is one.
    fn treatment_heading(&mut self, title: Span, condition: &str) {
        // "Medications", "Treatment options": the section's own name.
        // "Urinary incontinence - Non-surgical treatments": the page's.
        match subject(self.doc, title, self.rules) {
            None => return,
            Some(s) if *key(s.of(self.doc)) == *condition_key(condition) => return,
            Some(_) => {}
        }
        let name = self.name(title);
        let words = name.split_whitespace().count();
        if (1..=4).contains(&words) && self.vocab.treatment_kind(&name) != TreatmentKind::Other {
            self.rule = "treatment heading";
            self.push_treatment(name, title, None);
        }
    }

    /// "Label: explanation", "Label – explanation", "Label. explanation":
    /// a short capitalised label run in before its text.
    pub(super) fn run_in_label(&self, span: Span) -> Option<(Span, Span)> {
        let doc = self.doc;
        let (label, rest) = split_first(doc, span, &[": ", " - ", " – ", " — ", ". "])?;
        // "Non - specific back pain": a spaced hyphen after a prefix joins
        // a word; it ends no label.
        let last = label.of(doc).rsplit(' ').next().unwrap_or("");
        if doc[label.end..rest.start].contains('-')
            && words(List::JoiningPrefixes).contains(&fold(last).as_str())
        {
            return None;
        }
        // "Viral croup is the usual kind. It comes on ...": a short sentence
        // with its verb, not a label.
        let sentence = doc[label.end..rest.start].starts_with('.')
            && [" is ", " are "].iter().any(|v| label.of(doc).contains(v));
        (reads_as_label(label.of(doc)) && !sentence && !rest.is_empty()).then_some((label, rest))
    }

    /// Whether a run-in label in a types section names no type: it opens
    /// with the name of another section ("Causes in general.",
    /// "Symptoms." in a reply that went through the types first), or it
    /// is a remark ("Yes. Doctors mostly talk about two kinds").
    pub(super) fn names_no_type(&self, label: Span) -> bool {
        let text = label.of(self.doc);
        self.rules.list(List::RemarkLabels).equals(text)
            || self
                .rules
                .section(text)
                .is_some_and(|(kind, hit)| hit.start == 0 && kind != SectionKind::Types)
    }
}

/// A run-in label's shape: one to six words, capitalised, no punctuation
/// of a sentence or list.
pub(super) fn reads_as_label(label: &str) -> bool {
    let words = label.split_whitespace().count();
    label.starts_with(char::is_uppercase) && !label.contains([',', ';', '.']) && (1..=6).contains(&words)
}

/// Whether a heading's text is a lead-in to a list: it ends with a colon
/// and reads as a clause ("You might also have:"), not a label ("Causes:").
fn lead_in(doc: &str, span: Span) -> bool {
    let text = span.of(doc).trim_end();
    let colon = text.ends_with(':') || doc[span.end..].starts_with(':');
    // "They can:", "It may:": two words are a clause when the last is a modal.
    let last = fold(text.trim_end_matches(':').split_whitespace().last().unwrap_or(""));
    let modal = words(List::Modals).iter().any(|m| m.trim_end() == last);
    colon && (text.split_whitespace().count() >= 3 || modal)
}

/// The words in brackets right after the condition's name, when they are
/// another name for it ("Piles (haemorrhoids)", "Fainting (Syncope)"):
/// one to three words of letters. (An abbreviation is found apart.)
fn bracketed_after(doc: &str, name: Span) -> Option<Span> {
    let rest = doc[name.end..].strip_prefix(" (")?;
    let inner = &rest[..rest.find(')')?];
    let words = inner.split_whitespace().count();
    let letters = inner
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'');
    let capitals = inner.chars().filter(|c| c.is_uppercase()).count();
    // ("TB", "GERD": an abbreviation, read by detection.)
    (letters && (1..=3).contains(&words) && capitals * 2 < inner.len()).then(|| Span {
        start: name.end + 2,
        end: name.end + 2 + inner.len(),
    })
}
