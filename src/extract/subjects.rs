//! Stage (d), causes a sentence states as its subject: what makes the
//! condition worse, raises its risk or is a trigger ("Rubbing and sweating
//! make it worse"), and triggers named in advice.

use super::keys::key;
use super::names::without_article;
use super::rules::{words, List};
use super::*;

impl Extractor<'_> {
    /// "Sweating under them makes it worse": what makes the condition worse
    /// is a cause (a trigger).
    /// Whether it named a cause ("Some medicines can bring on acne, such
    /// as lithium" names none before its cue: its examples do).
    pub(super) fn worsened_by(&mut self, sentence: Span, role: Role) -> bool {
        let doc = self.doc;
        let Some((subject, object)) = self.subject_cue(sentence) else {
            return false;
        };
        let verb = fold(&doc[subject.end..object.start]);
        if words(List::CausingVerbs).iter().any(|v| v.trim() == verb.trim())
            && !self.causes_the_condition(object)
        {
            return false;
        }
        // "Damp socks are a common cause of wet foo rash": a
        // cause of a type named after the cue is that type's.
        if let Some(t) = self.type_named_in(object) {
            let outer = (self.current_type, std::mem::take(&mut self.also_types));
            self.current_type = Some(t);
            let named = self.subject_cause(subject, Role::TypeCause);
            (self.current_type, self.also_types) = outer;
            return named;
        }
        self.subject_cause(subject, role)
    }

    /// The known type that the clause after a subject cue names ("of oily
    /// dandruff"), if any.
    fn type_named_in(&self, object: Span) -> Option<usize> {
        let object = cut_clause(self.doc, object);
        let padded = format!(" {} ", key(object.of(self.doc)));
        self.type_keys()
            .iter()
            .position(|(_, tk)| !tk.is_empty() && padded.contains(&format!(" {tk} ")))
    }

    /// A sentence split at the phrase that makes what stands before it a
    /// cause ("makes it worse", "raises the risk"): the subject and what
    /// follows the phrase.
    pub(super) fn subject_cue(&self, sentence: Span) -> Option<(Span, Span)> {
        split_first(self.doc, sentence, words(List::WorsenedBy))
            .or_else(|| split_first(self.doc, sentence, words(List::RiskRaisers)))
    }

    /// Whether what a subject "can cause" is the condition, a type of it or
    /// one of its episodes ("can cause it", "can bring on sudden acne", "can
    /// set off an attack"), not another illness or a side effect ("can
    /// cause stridor too", "can cause mild burning").
    fn causes_the_condition(&self, object: Span) -> bool {
        let object = cut_clause(self.doc, object);
        let padded = format!(" {} ", key(object.of(self.doc)));
        let has = |name: &str| {
            let k = key(name);
            !k.is_empty() && padded.contains(&format!(" {k} "))
        };
        if padded.trim().is_empty() || words(List::CausedObjects).iter().any(|w| has(w)) {
            return true;
        }
        let Some(seed) = self.seed.as_ref() else {
            return true;
        };
        has(&seed.name)
            || seed.aliases.iter().any(|a| has(&a.name))
            || self
                .type_keys()
                .iter()
                .any(|(_, tk)| padded.contains(&format!(" {tk} ")))
    }

    /// What raises the risk, stated in an article's overview, is a cause
    /// ("Carrying extra weight or having diabetes raise your risk").
    pub(super) fn raises_risk(&mut self, sentence: Span, role: Role) {
        if let Some((subject, _)) = split_first(self.doc, sentence, words(List::RiskRaisers)) {
            self.subject_cause(subject, role);
        }
    }

    /// The cause a sentence states as its subject; whether it named one.
    pub(super) fn subject_cause(&mut self, subject: Span, role: Role) -> bool {
        let doc = self.doc;
        // "Why it happens isn't clear, but smoking and ... make it more
        // likely": the subject is the last clause's.
        let text = subject.of(doc);
        let joined = words(List::ClauseJoins)
            .iter()
            .filter_map(|j| text.rfind(j).map(|i| i + j.len()))
            .max();
        let subject = match joined {
            Some(at) => Span {
                start: subject.start + at,
                end: subject.end,
            },
            None => subject,
        };
        let subject = strip_adverbial(doc, subject);
        // "Beyond the type-specific causes, tight shoes can make it
        // worse": the scope before the comma names no cause. ("Any type of
        // friction, for example ..." is the cause: its scope is its own.)
        let folded_subject = folded::of(doc, subject);
        let subject = match self.rules.list(List::GeneralScope).starts(&folded_subject) {
            Some(hit) if !folded_subject[..hit.end].ends_with(" of") => {
                match subject.of(doc).get(hit.end..).and_then(|rest| rest.find(", ")) {
                    Some(comma) => trim(
                        doc,
                        Span {
                            start: subject.start + hit.end + comma + 2,
                            end: subject.end,
                        },
                        &[],
                    ),
                    None => subject,
                }
            }
            _ => subject,
        };
        // "stress is also reported as a trigger": the verbs before the cue
        // are no part of the cause.
        let mut subject = subject;
        while let Some(last) = subject.of(doc).split_whitespace().last() {
            if !words(List::SubjectTails).contains(&fold(last).as_str()) {
                break;
            }
            let keep = subject.of(doc).len() - last.len();
            subject = trim(
                doc,
                Span {
                    start: subject.start,
                    end: subject.start + keep,
                },
                &[],
            );
        }
        // "under them", "on it": the pronoun points back, it is no part of
        // the cause's name.
        let tokens: Vec<&str> = subject.of(doc).split_whitespace().collect();
        let subject = match tokens.as_slice() {
            [.., _, last] if words(List::ObjectPronouns).contains(&fold(last).as_str()) => {
                let keep = subject.of(doc).rfind(tokens[tokens.len() - 2]).unwrap_or(0);
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
        // "Your GP may spread them out", "a pharmacist can spread it
        // thinly": who does the acting is no cause.
        if super::names::ends_in_professional(subject.of(doc)) {
            return false;
        }
        // "A sudden illness, an operation or a minor injury is a classic
        // trigger": a subject that lists several names each.
        // (Each short, an article aside: "Wine seems less of a problem,
        // but a big night ..." is two clauses, not a list. A part is
        // measured without its qualification: "crooked teeth that are hard
        // to clean, and old fillings ..." lists two.)
        if subject.of(doc).contains(", ") && !subject.of(doc).contains(" but ") {
            let parts = split_list_marked(doc, subject);
            if parts.len() > 1
                && parts.iter().all(|(p, _)| {
                    without_article(&folded::of(doc, cut_item(doc, *p)))
                        .split_whitespace()
                        .count()
                        <= 5
                })
            {
                self.list(subject, &role, false);
                return true;
            }
        }
        let item = cut_item(doc, subject);
        // "Rubbing and sweating make it worse": two causes. Each part is
        // capped, not the whole ("Years of constipation and straining on
        // the toilet are the usual reason"): a long part is a clause.
        let lower = folded::of(doc, item);
        // ("Women who have had a baby and are over 40": a part that opens
        // with a verb goes on a clause, no second cause.)
        if find_words_in(&lower, "and").is_some() || find_words_in(&lower, "or").is_some() {
            let parts = self.distribute(item);
            let verb_led = |name: &str| {
                let first = name.split_whitespace().next().unwrap_or("");
                words(List::Auxiliaries).contains(&first)
            };
            if parts.len() > 1
                && parts
                    .iter()
                    .all(|(name, _)| unbracketed_words(without_article(name)) <= 6 && !verb_led(name))
            {
                for (name, span) in parts {
                    self.push_fact(&role, name, span);
                }
                return true;
            }
        }
        let name = self.name(item);
        let named = !name.is_empty()
            && name.split_whitespace().count() <= 7
            && !words(List::ObjectPronouns).contains(&name.as_str())
            && !is_generic(&name);
        if named {
            self.push_fact(&role, name, subject);
        }
        named
    }

    /// "avoid triggers that make sweating worse , like spicy food and
    /// alcohol": advice about triggers names general causes.
    pub(super) fn triggers_named(&mut self, item: Span) {
        let doc = self.doc;
        let Some((head, examples)) = split_examples(doc, item) else {
            return;
        };
        if !folded::of(doc, head).contains("trigger") {
            return;
        }
        for (example, _) in split_list_marked(doc, cut_clause(doc, examples)) {
            for (name, span) in self.distribute(example) {
                self.push_fact(&Role::GeneralCause, name, span);
            }
        }
    }
}

/// How many words a name has outside its brackets: "inflammatory bowel
/// disease ( Crohn's or ulcerative colitis )" is one short part of a
/// subject that lists two, its bracket only an aside.
fn unbracketed_words(name: &str) -> usize {
    let mut depth = 0usize;
    name.split_whitespace()
        .filter(|w| {
            let open = depth > 0 || w.starts_with('(');
            depth = (depth + w.matches('(').count()).saturating_sub(w.matches(')').count());
            !open
        })
        .count()
}
