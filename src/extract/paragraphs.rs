//! The walk's paragraphs (stage d): each read in the role its section,
//! lead and type give it.

use crate::document::Block;

use super::rules::{words, List};
use super::walk::{reads_as_label, State};
use super::*;

impl Extractor<'_> {
    /// Whether any heading opens a symptoms section (or a run-in label:
    /// "Symptoms. The classic ones are ..." in a reply without headings).
    fn symptoms_section(&self, blocks: &[Block], st: &State) -> bool {
        let doc = self.doc;
        *st.symptoms_section.get_or_init(|| {
            blocks.iter().any(|b| match b.kind {
                BlockKind::Heading { .. } => {
                    matches!(self.rules.section(b.text(doc)), Some((SectionKind::Symptoms, _)))
                }
                BlockKind::Paragraph => self.run_in_label(b.span).is_some_and(|(label, _)| {
                    matches!(self.rules.section(label.of(doc)), Some((SectionKind::Symptoms, h)) if h.start == 0)
                }),
                _ => false,
            })
        })
    }

    pub(super) fn paragraph(&mut self, blocks: &[Block], block: &Block, condition: &str, st: &mut State) {
        let doc = self.doc;
        let span = block.span;
        let text = span.of(doc);
        // ("RED - Go to A&E or call 999 if:" leads in to when to get help,
        // whatever the section.)
        let lead_in = text.trim_end().ends_with(':') && text.split_whitespace().count() <= 12;
        if self.rules.list(List::HelpCallout).matches(text) && (lead_in || !self.section.has_facts())
            || self.rules.list(List::HelpCallout).starts(text).is_some()
        {
            st.help = true;
            return;
        }
        if self.dont_lead(span) {
            st.help = true;
            return;
        }
        st.help = false;
        // "How to use your GTN spray:", "Warnings:": a short lead-in naming
        // a section without facts (directions, side effects, when to get
        // help) makes the list under it none of facts, as a callout does.
        // "When the dose is too high, you may have side effects such as:":
        // what the list under it names are side effects, however long
        // the lead-in.
        if text.trim_end().ends_with(':') && self.rules.list(List::SideEffectWords).matches(text) {
            st.help = true;
            return;
        }
        if text.trim_end().ends_with(':') && text.split_whitespace().count() <= 8 {
            if let Some((kind, hit)) = self.rules.section(text) {
                if !kind.has_facts() && kind != SectionKind::End {
                    st.help = true;
                    return;
                }
                // "Treatment, roughly in the order I'd try:" in a reply
                // with no headings: a lead-in opening with a section's
                // name opens it.
                if kind.has_facts() && hit.start == 0 && kind != self.section {
                    let level = st.level;
                    self.open(kind, level, st);
                }
            }
        }
        let mut body = span;
        // Whether a bold lead made the whole paragraph one type's.
        let mut led = false;
        // "What helps? There's no pill for it, but ...": a question opening a
        // paragraph heads it, as a heading would.
        if let Some((question, rest)) = split_first(doc, span, &["? "]) {
            let words = question.of(doc).split_whitespace().count();
            if let Some((kind, _)) = self.rules.section(question.of(doc)).filter(|_| words <= 8) {
                if kind != SectionKind::End {
                    let level = st.level;
                    self.open(kind, level, st);
                    body = rest;
                }
            }
        }
        if body == span && self.question_opens(text, st) {
            return;
        }
        let label = self
            .run_in_label(body)
            .or_else(|| (body == span).then(|| bold_label(doc, block)).flatten());
        if let Some((label, rest)) = label {
            if let Some(t) = self.known_type(label) {
                self.current_type = Some(t);
                body = rest;
            } else if self.titled_kind(label, condition)
                || self.section == SectionKind::Types && !self.names_no_type(label)
            {
                if st.reading != Section::Causes {
                    self.open(SectionKind::Types, st.level, st);
                }
                self.rule = "labelled type paragraph";
                self.start_type(label);
                body = rest;
                if !self.symptoms_section(blocks, st) {
                    self.described_type(rest);
                }
            } else if let Some((kind, _)) = self.rules.section(label.of(doc)) {
                if kind != SectionKind::End {
                    let level = st.level;
                    self.open(kind, level, st);
                    body = rest;
                }
            } else if st.reading == Section::Treatment && label.of(doc).split_whitespace().count() <= 4 {
                // "Heat. A hot water bottle can ease muscle spasm.": a
                // treatment section's run-in label names the treatment its
                // text explains.
                let name = self.name(label);
                let first = name.split_whitespace().next().unwrap_or("");
                let remark = self.rules.list(List::RemarkLabels).equals(&name)
                    || self.rules.list(List::NotTypeOpeners).equals(first);
                if !is_generic(&name) && !remark {
                    self.rule = "labelled treatment paragraph";
                    let kind = st.list_role.as_ref().and_then(|r| match r {
                        Role::Treatment(kind) => *kind,
                        _ => None,
                    });
                    self.push_treatment(name, label, kind);
                    body = rest;
                }
            }
        }
        if body == span {
            if let Some(rest) = self.causes_lead_in(body, st) {
                body = rest;
            }
            // "**Acute pancreatitis** comes on suddenly ...": a bold lead
            // naming a kind of the condition, its sentence going on,
            // makes the paragraph that type's.
            if let Some(lead) = block.lead.filter(|l| l.start == span.start) {
                if self.leads_new_kind(lead, st, condition) {
                    self.rule = "bold type lead";
                    self.start_type(lead);
                    led = true;
                }
            }
        }
        if self.types_intro(body, st) {
            return;
        }
        if !self.section.has_facts() {
            st.list_role = None;
            return;
        }
        st.list_role = self.intro_role(body, st.reading);
        // The types the last sentence named together, for a "they" after it.
        let mut together: Vec<usize> = Vec::new();
        for sentence in sentences(doc, body) {
            self.rule = "prose cue";
            // "Primary gout is ... Secondary gout happens when ...": a
            // sentence that opens with a kind of the condition (or a type
            // already named) is about that type.
            let mut reading = if led { Section::Causes } else { st.reading };
            let named = self.types_named_together(sentence, condition);
            let carried = !together.is_empty() && {
                let lower = folded::of(doc, sentence);
                words(List::TogetherPronouns).iter().any(|p| lower.starts_with(p))
            };
            let grouped =
                matches!(st.reading, Section::Causes | Section::Intro) && (named.len() >= 2 || carried);
            if !grouped {
                together.clear();
                self.also_types.clear();
            }
            if grouped {
                // "Both bacterial and viral conjunctivitis are catching.
                // They spread when ...": the causes are each type's.
                if named.len() >= 2 {
                    together = named;
                }
                self.rule = "types named together";
                self.current_type = together.first().copied();
                self.also_types = together[1..].to_vec();
                reading = Section::Causes;
            } else if let Some(t) = self.known_type(sentence) {
                self.current_type = Some(t);
                reading = Section::Causes;
            } else if let Some(t) = self
                .led_type(sentence)
                .filter(|_| matches!(st.reading, Section::Causes | Section::Intro))
            {
                self.rule = "type led in a sentence";
                self.current_type = Some(t);
                reading = Section::Causes;
            } else if let Some(head) = self
                .ordinal_kind(sentence, condition, st.types_counted)
                .filter(|_| matches!(st.reading, Section::Causes | Section::Intro) || st.types_counted)
            {
                // ("So there are four main types. The first is ..." in an
                // overview or a page without headings: the count opens the
                // types, and what follows is the kind's.)
                if !matches!(st.reading, Section::Causes) {
                    self.open(SectionKind::Types, st.level, st);
                    st.types_counted = true;
                }
                self.rule = "kind counted off in a sentence";
                self.start_type(head);
                reading = Section::Causes;
            } else if let Some(head) = self.kind_opening(sentence, condition) {
                if matches!(st.reading, Section::Causes | Section::Intro) {
                    self.rule = "type opening a sentence";
                    self.start_type(head);
                    reading = Section::Causes;
                }
            } else if self.section == SectionKind::Overview && !led
                || self.rules.list(List::GeneralScope).matches(sentence.of(doc))
            {
                // "Whatever the kind, ...": the sentence, and what follows
                // until a type is named again, is about them all.
                self.current_type = None;
            }
            self.prose(sentence, reading, self.current_type.is_some(), condition);
        }
        self.also_types.clear();
        // (A count of kinds may have opened the types inside the paragraph.)
        if self.section == SectionKind::Overview {
            self.current_type = None;
        }
    }
}

/// "**Moccasin type**" over "This kind spreads ...", one paragraph in
/// Markdown: a bold lead that a new sentence follows is a run-in label,
/// as "Moccasin type: ..." is. (A lead that goes on in lower case is the
/// subject of its sentence: "**Primary gout** is the more common".)
fn bold_label(doc: &str, block: &Block) -> Option<(Span, Span)> {
    let lead = block.lead.filter(|l| l.start == block.span.start)?;
    let rest = trim(
        doc,
        Span {
            start: lead.end,
            end: block.span.end,
        },
        &[],
    );
    let sentence = rest.of(doc).starts_with(char::is_uppercase);
    (reads_as_label(lead.of(doc)) && sentence).then_some((lead, rest))
}
