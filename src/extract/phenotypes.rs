//! Stage (d), symptoms known to the Human Phenotype Ontology: in a
//! symptoms section's running prose, a phrase that is an HPO term's name
//! or synonym ("headache", "loss of appetite") is a symptom, whatever the
//! sentence's shape. The lexicon also gives the name its boundaries. These
//! add to what the cue readers found.

use super::condition::key;
use super::medicines::contains_words;
use super::rules::List;
use super::*;

impl<'a> Extractor<'a> {
    /// Add the phenotype terms a symptoms sentence names, unless it negates
    /// them ("heartburn is often absent" aside, which no rule reads).
    pub(super) fn phenotypes(&mut self, span: Span) {
        let lexicon = crate::codes::lexicon::lexicon();
        let previous = self.rule;
        self.rule = "phenotype term";
        for sentence in sentences(self.doc, span) {
            let text = sentence.of(self.doc);
            if self.rules.list(List::Symptomless).matches(text) {
                continue;
            }
            let mut from = 0;
            for at in word_starts(text, char::is_alphanumeric) {
                if at < from {
                    continue;
                }
                let Some((range, _)) = lexicon.longest_phenotype_at(text, at) else {
                    continue;
                };
                from = range.end;
                if self.negated_before(text, at) {
                    continue;
                }
                let core = fold(&text[range.clone()]);
                // "Asthma", "acute leukaemia": the condition is no symptom of itself.
                let itself = self.seed.as_ref().is_some_and(|s| {
                    let condition = key(&s.name);
                    let k = key(&core);
                    k == condition || k.ends_with(&format!(" {condition}"))
                });
                let known = itself
                    || self.seed.as_ref().is_some_and(|s| {
                        s.symptoms.iter().any(|f| {
                            let name = fold(&f.name);
                            contains_words(&name, &core)
                                || contains_words(&core, &name)
                                // "blistering" (from "may blister") names the blister.
                                || !core.contains(' ') && name.split(' ').any(|w| w.starts_with(core.as_str()))
                        })
                    });
                if known {
                    continue;
                }
                let found = Span {
                    start: sentence.start + range.start,
                    end: sentence.start + range.end,
                };
                self.push_fact(&Role::Symptom, self.name(found), found);
            }
        }
        self.rule = previous;
    }
}
