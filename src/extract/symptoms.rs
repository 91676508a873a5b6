//! Stage (d), symptoms said as clauses rather than listed: "Lesions may
//! become tender and ulcerate", "In severe cases gangrene may occur".

use super::rules::{words, List};
use super::*;

impl Extractor<'_> {
    /// Symptoms stated as clauses rather than lists: "Lesions may become
    /// tender and ulcerate , discharging chalky material", "In severe cases
    /// gangrene may occur". Each clause with a modal verb states one or
    /// more symptoms; a participle clause ("discharging ...") states one.
    pub(super) fn symptom_clauses(&mut self, span: Span) {
        let doc = self.doc;
        for clause in clauses(doc, span) {
            let text = folded::of(doc, clause);
            if text.starts_with(|c: char| c.is_alphabetic())
                && text.split(' ').next().is_some_and(|w| w.ends_with("ing"))
            {
                let item = cut_item(doc, clause);
                self.push_fact(&Role::Symptom, self.name(item), item);
                continue;
            }
            // "a rash of blisters appears": the subject is the symptom.
            // ("gangrene may occur" is read after its modal, below.)
            let mut last_two = text.trim_end_matches([' ', '.']).rsplit(' ');
            let (last, before) = (last_two.next().unwrap_or(""), last_two.next().unwrap_or(""));
            let appears = words(List::AppearanceVerbs)
                .iter()
                .find(|v| last == **v && !words(List::Modals).contains(&format!("{before} ").as_str()));
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
            // "Babies may also:" leads in to a list; it says nothing itself.
            let lead_in = predicate.trim_end().ends_with(':');
            if lead_in
                || predicate.starts_with("not ")
                || words(List::Symptomless).iter().any(|w| text.contains(w))
            {
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
            // "Symptoms of acute leukaemia can come on over a few weeks": how
            // the symptoms come and go, not one of them.
            let course = subject_name
                .split_whitespace()
                .take(2)
                .any(|w| words(List::CourseSubjects).contains(&w));
            if course {
                continue;
            }
            // "Children may be irritable": who has it is not what they have.
            let pronoun = ["it", "they", "this", "these", "you", "people", "some people"]
                .contains(&subject_name.as_str())
                || self.rules.list(List::Demographics).equals(&subject_name);
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
                let said = self.name(phrase);
                // "the skin may also blister": the adverb is no part of it.
                let mut bare = said.as_str();
                while let Some(rest) = std::iter::once("also ")
                    .chain(words(List::ListAdverbs).iter().copied())
                    .find_map(|a| bare.strip_prefix(a))
                {
                    bare = rest;
                }
                let (verb, rest) = bare.split_once(' ').unwrap_or((bare, ""));
                let named = !pronoun && !subject_name.is_empty();
                let (name, uses_subject) = match verb {
                    // "gangrene may occur": the subject is the symptom.
                    v if rest.is_empty() && words(List::AppearanceVerbs).contains(&v) => (
                        if named {
                            subject_name.clone()
                        } else {
                            String::new()
                        },
                        true,
                    ),
                    // "the lesion may become tender": a tender lesion.
                    "be" | "become" | "feel" | "look" | "get" | "turn" | "have" if !rest.is_empty() => {
                        if named {
                            (format!("{rest} {subject_name}"), true)
                        } else {
                            (rest.to_owned(), false)
                        }
                    }
                    // "lesions may ulcerate": ulceration; "skin may peel": peeling.
                    // ("may blister": a blister, the phenotype's own name.)
                    _ if rest.is_empty() => {
                        let lexicon = crate::codes::lexicon::lexicon();
                        let noun = lexicon
                            .longest_phenotype_at(verb, 0)
                            .is_some_and(|(r, _)| r.end == verb.len());
                        (if noun { verb.to_owned() } else { nominalize(verb) }, false)
                    }
                    _ => (bare.to_owned(), false),
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
}
