//! The walk's lead-ins (stage d): the role a lead-in gives the list under
//! it; a lead-in too long for a label that names causes, a paragraph that
//! is one question, a numbered title in capitals, each opening the section
//! its words name.

use super::rules::{words, List};
use super::walk::State;
use super::*;

impl Extractor<'_> {
    /// The role a lead-in ending in ':' gives the list under it, when its
    /// words say (an indication, self-care, procedures, causes).
    pub(super) fn intro_role(&self, line: Span, section: Section) -> Option<Role> {
        let text = line.of(self.doc);
        if !text.trim_end().ends_with(':') {
            return None;
        }
        let lower = folded::of(self.doc, line);
        for cue in words(List::IndicationCues) {
            if let Some(i) = find_in(&lower, cue) {
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
        // (Its last sentence leads in: "It happens when ... Typical reasons
        // are:"; "tips" earlier in it is "tips the wrong way". "Self-care"
        // anywhere says it: "Some self-care tips. Try these:".)
        let last_span = sentences(self.doc, line).last().copied().unwrap_or(line);
        let last = last_span.of(self.doc);
        let whole = lower;
        let lower = folded::of(self.doc, last_span);
        let has = |w: &str| find_in(&lower, w).is_some();
        // ("Watch yourself for:" over a symptoms list leads in to symptoms.)
        if section != Section::Symptoms
            && (has("yourself") || has("tips") || find_in(&whole, "self-care").is_some())
        {
            return Some(Role::Treatment(Some(TreatmentKind::SelfCare)));
        }
        if section == Section::Treatment && (has("procedure") || has("surger")) {
            return Some(Role::Treatment(Some(TreatmentKind::Procedure)));
        }
        // "Things that make thrush more likely include:", "You're more
        // likely to get it if you:": a lead-in naming causes or risk factors
        // lists causes wherever it stands (a causes section reads its
        // lists so already).
        // Under a type's own heading, they are the type's causes.
        let named = matches!(
            self.rules.section(last),
            Some((SectionKind::Causes | SectionKind::RiskFactors, _))
        );
        if named
            && !self.rules.list(List::NotCauseLeadIns).matches(last)
            && section != Section::Causes
            && last.split_whitespace().count() <= 14
            && !super::text::has_negation(last)
        {
            let typed = self.current_type.is_some() && self.section == SectionKind::Types;
            return Some(if typed {
                Role::TypeCause
            } else {
                Role::GeneralCause
            });
        }
        None
    }

    /// "Stuff that makes back pain more likely in general: being
    /// overweight, smoking ...": a lead-in too long for a label, whose
    /// words name causes or risk factors, lists general causes up to the
    /// end of its sentence. Returns the text after that sentence.
    pub(super) fn causes_lead_in(&mut self, span: Span, st: &mut State) -> Option<Span> {
        let doc = self.doc;
        let (lead, rest) = split_first(doc, span, &[": "])?;
        let count = lead.of(doc).split_whitespace().count();
        if !(7..=14).contains(&count) || rest.is_empty() {
            return None;
        }
        let (kind, _) = self.rules.section(lead.of(doc))?;
        if !matches!(kind, SectionKind::Causes | SectionKind::RiskFactors) {
            return None;
        }
        let level = st.level;
        self.open(kind, level, st);
        let first = *sentences(doc, rest).first()?;
        // "Things that DON'T cause glaucoma, ...: reading in bad light,
        // screens": what a denied lead-in lists is no cause.
        if !super::text::has_negation(lead.of(doc)) {
            self.rule = "lead-in naming causes";
            self.list(
                cut_clause(doc, trim(doc, first, &['.'])),
                &Role::GeneralCause,
                false,
            );
        }
        Some(Span {
            start: first.end,
            end: rest.end,
        })
    }

    /// "[00:19:30] JAMIE: So why do some people get it?": a paragraph that
    /// is one question, after who asks it, opens the section it names, as
    /// a heading would (an interview's, a thread's). Whether it did.
    pub(super) fn question_opens(&mut self, text: &str, st: &mut State) -> bool {
        if !text.trim_end().ends_with('?') {
            return false;
        }
        let asked = text
            .find(": ")
            .filter(|&at| text[..at].split_whitespace().count() <= 4);
        let question = asked.map_or(text, |at| &text[at + 2..]);
        let one = question
            .trim_end()
            .trim_end_matches('?')
            .chars()
            .all(|c| !matches!(c, '?' | '.' | '!'));
        if !one || question.split_whitespace().count() > 16 {
            return false;
        }
        match self.rules.section(question) {
            Some((kind, _)) if kind != SectionKind::End => {
                let level = st.level;
                self.open(kind, level, st);
                true
            }
            _ => false,
        }
    }
}

/// A line in capitals, short enough for a title: three letters or more,
/// none of them lower case, at most twelve words.
pub(super) fn capitals_title(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).nth(2).is_some()
        && !text.chars().any(char::is_lowercase)
        && text.split_whitespace().nth(12).is_none()
}
