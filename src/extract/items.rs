//! The walk's list items (stage d): each read in the role its section,
//! lead-in and type give it.

use crate::document::Block;

use super::rules::List;
use super::walk::State;
use super::*;

impl Extractor<'_> {
    pub(super) fn item(&mut self, block: &Block, ordered: bool, condition: &str, st: &mut State) {
        let span = block.span;
        if st.help {
            return;
        }
        // "- **Stay active** with regular walking, building up slowly": a
        // self-care item led by a bold instruction names that one thing;
        // the rest says how, and is no list of treatments.
        let self_care = matches!(st.list_role, Some(Role::Treatment(Some(TreatmentKind::SelfCare))))
            && block
                .lead
                .is_some_and(|l| l.start == span.start && starts_with_instruction(l.of(self.doc)));
        if st.reading == Section::Treatment
            && (st.list_role.is_none() || self_care)
            && self.led_treatment(block)
        {
            return;
        }
        let labelled = self.run_in_label(span);
        // "- *Treatment:* an antiseptic wash such as chlorhexidine" under a
        // type's item: a label naming a section reads only its own item so,
        // and leaves the section as it was.
        let under_type = matches!(st.list_role, Some(Role::Type)) || self.section == SectionKind::Types;
        if let Some((label, rest)) = labelled.filter(|_| under_type) {
            if let Some(reading) = self.section_label(label) {
                self.rule = "section label of an item";
                self.prose(rest, reading, false, condition);
                return;
            }
        }
        if matches!(st.list_role, Some(Role::Type)) {
            self.rule = "type list item";
            let head = labelled.map_or(span, |(label, _)| label);
            self.start_type(cut_item(self.doc, head));
            // "1. **Bacterial folliculitis** – the classic form. It is
            // caused by ...": the type's own explanation states its causes.
            // Only its causal sentences: the rest describes the type ("with
            // symptoms such as dry skin").
            if let Some((_, rest)) = labelled.filter(|_| self.current_type.is_some()) {
                for sentence in sentences(self.doc, rest) {
                    if self.rules.list(List::Causal).matches(sentence.of(self.doc)) {
                        self.prose(sentence, Section::Causes, true, condition);
                    }
                }
            }
            self.current_type = None;
            return;
        }
        let mut body = span;
        // "1 ) Non-specific low back pain" under a types heading: a short
        // numbered item that is no sentence names a type.
        let text = span.of(self.doc);
        if self.section == SectionKind::Types
            && ordered
            && text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
                <= 8
            && !text.ends_with(['.', ':', ';'])
        {
            self.rule = "numbered type item";
            self.start_type(span);
            return;
        }
        // "- Secondary hypothyroidism" under "Types of hypothyroidism": a
        // bare bullet naming a kind of the condition names a type.
        if self.section == SectionKind::Types
            && !ordered
            && !text.ends_with([':', ';'])
            && self.known_type(span).is_none()
            && self.titled_kind(span, condition)
        {
            self.rule = "type bullet";
            self.start_type(span);
            self.current_type = None;
            return;
        }
        // "- **Anterior blepharitis** affects the front edge ...": a bold
        // lead naming a kind of the condition, its sentence going on, makes
        // the item that type's (as it does a paragraph).
        // (A label the lead is all of, "**Viral.** More watery", is read below.)
        let lead = block.lead.filter(|l| l.start == span.start);
        if let Some(lead) = lead.filter(|l| labelled.is_none_or(|(label, _)| label.end > l.end + 1)) {
            if self.leads_new_kind(lead, st, condition) {
                self.rule = "bold type lead of an item";
                self.start_type(lead);
                let rest = Span {
                    start: lead.end,
                    end: span.end,
                };
                self.prose(rest, Section::Causes, true, condition);
                return;
            }
        }
        if let Some((label, rest)) = labelled {
            if let Some(t) = self.known_type(label) {
                self.current_type = Some(t);
                body = rest;
                // "**Viral.** More watery, and often ... Most cases are
                // caused by adenoviruses.": sentences about a type named
                // before are read as prose, as a new type's are.
                if sentences(self.doc, body).len() >= 2
                    && matches!(st.reading, Section::Causes | Section::Treatment)
                {
                    self.rule = "labelled type item";
                    self.prose(body, st.reading, st.reading == Section::Causes, condition);
                    return;
                }
            } else if self.titled_kind(label, condition)
                || self.section == SectionKind::Types && !self.names_no_type(label)
            {
                self.rule = "labelled type item";
                self.start_type(label);
                body = rest;
                self.prose(body, Section::Causes, true, condition);
                return;
            }
        }
        let role = st.list_role.clone().unwrap_or(match st.reading {
            Section::Symptoms => Role::Symptom,
            Section::Causes if self.current_type.is_some() => Role::TypeCause,
            Section::Causes => Role::GeneralCause,
            Section::Treatment => Role::Treatment(None),
            Section::Intro | Section::Other => Role::Skip,
        });
        if !self.section.has_facts() && !matches!(role, Role::Indication(_)) {
            return;
        }
        // "**Being overweight.** Obesity raises ...": a bold lead opening a
        // causes or symptoms item names the fact; the text after it explains.
        // So does a run-in label in plain text ("Genes - most dementia is
        // not passed on directly").
        let fact_item = matches!(role, Role::GeneralCause | Role::TypeCause | Role::Symptom) && body == span;
        if let Some(lead) = block.lead.filter(|l| l.start == span.start && fact_item) {
            if (1..=10).contains(&lead.of(self.doc).split_whitespace().count()) {
                self.rule = "bold lead of an item";
                self.bullet(trim(self.doc, lead, &['.', ':']), &role);
                return;
            }
        }
        if let Some((label, _)) = labelled.filter(|_| fact_item) {
            self.rule = "run-in label of an item";
            self.bullet(label, &role);
            return;
        }
        self.rule = "list item";
        self.bullet(body, &role);
        if matches!(role, Role::Treatment(_)) {
            self.medicines(body);
        }
    }

    /// The reading a run-in label gives its item when the label is all the
    /// name of a type's treatment or symptoms ("Treatment:", "Symptoms:";
    /// rules data).
    fn section_label(&self, label: Span) -> Option<Section> {
        let text = label.of(self.doc);
        if self.rules.list(List::ItemTreatmentLabels).equals(text) {
            Some(Section::Treatment)
        } else if self.rules.list(List::ItemSymptomLabels).equals(text) {
            Some(Section::Symptoms)
        } else {
            None
        }
    }

    /// Whether a bold lead opening a paragraph or an item names a kind of
    /// the condition not named before, where types may be read.
    pub(super) fn leads_new_kind(&self, lead: Span, st: &State, condition: &str) -> bool {
        matches!(st.reading, Section::Causes | Section::Intro)
            && self.known_type(lead).is_none()
            && self.titled_kind(lead, condition)
    }
}
