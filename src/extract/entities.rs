//! Stage (d), the facts of one item: a list item or an inline list read as
//! causes, symptoms or treatments, each name cut at its natural boundary.

use super::rules::{words, List};
use super::*;

impl<'a> Extractor<'a> {
    /// One item's facts, read afresh (`bullet` answers repeated items from
    /// `item_memo`). Reads only the item's text, its role, the rules and
    /// the vocabulary until a fact is added: a path that asks the walk's
    /// state (the seed, the current type) calls `not_memoised` first.
    pub(super) fn read_bullet(&mut self, item: Span, role: &Role) {
        let doc = self.doc;
        if let Role::Treatment(kind) = role {
            // "- Opioids such as codeine are not recommended", "- spearmint
            // tea: made no difference": an item that rejects what it names
            // names no treatment, as a sentence that does so names none.
            // ("clomifene if letrozole doesn't work": a condition rejects
            // nothing.)
            let lower = folded::of(doc, item);
            let said = [" if ", " when ", " unless "]
                .iter()
                .filter_map(|w| lower.find(w))
                .min()
                .map_or(&lower[..], |i| &lower[..i]);
            if self.rules.list(List::Rejection).matches(said) {
                return;
            }
            // "Your GP or a clinic may offer cryotherapy, or laser
            // treatment": an item that says who may offer what is read as
            // the sentence it is, from its cue.
            if let Some((cue, at)) = self.find_cue(item, Section::Treatment, false) {
                let before = folded::of(
                    doc,
                    Span {
                        start: item.start,
                        end: at,
                    },
                );
                let modal = words(List::Modals).iter().any(|m| before.ends_with(m));
                if modal && words(List::OfferCues).contains(&cue) {
                    // (The item's medicines are read after it, as any item's.)
                    self.not_memoised();
                    self.prose_cues(item, Section::Treatment, false, "");
                    return;
                }
            }
            // "Eat a low-fat diet. Eat small meals more often.": an item of
            // several sentences names a treatment in its first and in each
            // later one that is an instruction; the others explain
            // ("Rest until you feel stronger. Ask someone to drive you").
            let said = sentences(doc, item);
            let pieces = said
                .iter()
                .enumerate()
                .filter(|(i, s)| *i == 0 || starts_with_instruction(s.of(doc)))
                .flat_map(|(_, s)| split_at_instructions(doc, *s));
            // "wear leather shoes and socks that soak up moisture , and
            // change socks twice a day": two instructions, each cut on its own.
            for piece in pieces {
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
        let split = split_examples(doc, item);
        // "a food allergy, for example to nuts, shellfish or eggs": a class
        // with several examples is the class (when it names one) and each
        // example.
        if let Some((head, examples)) = split.filter(|_| matches!(role, Role::TypeCause | Role::GeneralCause))
        {
            if self.class_and_examples(head, examples, role) {
                return;
            }
        }
        // "some medicines , for example antidepressants": a head that names
        // nothing in particular gives way to its examples.
        let item = match split {
            Some((head, examples)) if is_generic(&self.name(head)) => examples,
            _ => item,
        };
        // "a parent, brother or sister has asthma": one family history, not
        // a list to split.
        if matches!(role, Role::TypeCause | Role::GeneralCause) && {
            let lower = folded::of(doc, item);
            finders::first_of(words(List::Relatives), &lower).is_some()
        } {
            self.push_fact(role, "family history".to_owned(), item);
            return;
        }
        // "certain food and drink: coffee, alcohol and chocolate": a short
        // label before a colon gives way to the list after it.
        if matches!(role, Role::TypeCause | Role::GeneralCause) {
            if let Some((label, rest)) = split_first(doc, item, &[": "]) {
                let parts = split_list(doc, rest);
                if label.of(doc).split_whitespace().count() <= 4 && parts.len() >= 3 {
                    for part in parts {
                        let part = cut_item(doc, part);
                        if (1..=6).contains(&part.of(doc).split_whitespace().count()) {
                            for (name, span) in self.distribute(part) {
                                self.push_fact(role, name, span);
                            }
                        }
                    }
                    return;
                }
            }
        }
        // "some people get large blisters": who has it is no part of it.
        let item = match role {
            Role::Symptom => strip_leading(doc, item, words(List::SymptomLeads)),
            _ => item,
        };
        let whole = item;
        let mut item = cut_item(doc, item);
        if item.is_empty() {
            return;
        }
        // "fingers and toes that turn white in the cold": cut before its
        // clause, the symptom would be a body site; the clause is the symptom.
        if matches!(role, Role::Symptom) && is_body_site(&self.name(item)) {
            item = whole;
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
            Role::Treatment(_) | Role::Type => unreachable!("treatment and type items are read before"),
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

    /// An item naming a class (`head`) and two or more examples of it: the
    /// class (unless it names nothing in particular) and each example are
    /// facts. Whether the item was read so.
    fn class_and_examples(&mut self, head: Span, examples: Span, role: &Role) -> bool {
        let doc = self.doc;
        let parts = example_parts(doc, examples);
        if parts.len() < 2 {
            return false;
        }
        let head = cut_item(doc, head);
        let mut spans = Vec::new();
        if !is_generic(&self.name(head)) {
            spans.push(head);
        }
        spans.extend(parts.into_iter().map(|p| cut_item(doc, p)));
        for span in spans {
            for (name, span) in self.distribute(span) {
                self.push_fact(role, name, span);
            }
        }
        true
    }

    pub(super) fn fact(&mut self, span: Span, role: Role) {
        let name = self.name(span);
        self.push_fact(&role, name, span);
    }

    pub(super) fn push_fact(&mut self, role: &Role, name: String, span: Span) {
        let name = names::without_tail(names::without_adverb(name));
        if name.is_empty() || name.split_whitespace().count() > 12 {
            return;
        }
        // "When there is a trigger, it is ...": a pronoun names nothing.
        if words(List::ObjectPronouns).contains(&name.as_str()) {
            return;
        }
        // "caused by another medical condition or by a medicine" names no
        // cause in particular.
        if matches!(role, Role::TypeCause | Role::GeneralCause) && is_generic(&name) {
            return;
        }
        if matches!(role, Role::TypeCause | Role::GeneralCause | Role::Symptom) && is_body_site(&name) {
            return;
        }
        // "Age", "Your sex": who gets it is no cause of it.
        if matches!(role, Role::TypeCause | Role::GeneralCause)
            && self
                .rules
                .list(List::Demographics)
                .equals(name.strip_prefix("your ").unwrap_or(&name))
        {
            return;
        }
        // "a close relative with rosacea", "a parent who has it": the cause
        // is a family history.
        let name = if matches!(role, Role::TypeCause | Role::GeneralCause)
            && words(List::Relatives).iter().any(|k| find_in(&name, k).is_some())
        {
            "family history".to_owned()
        } else {
            name
        };
        // "taking anabolic steroids" and "anabolic steroids" are one cause.
        let name = match role {
            Role::TypeCause | Role::GeneralCause => {
                // "if you ... have a weakened immune system".
                let name = words(List::CauseLeads)
                    .iter()
                    .find_map(|lead| name.strip_prefix(lead))
                    .map(names::without_article)
                    .filter(|rest| !rest.is_empty())
                    .map_or(name.clone(), str::to_owned);
                // "you inject drugs": the doing is the cause.
                let name = match words(List::DoerLeads)
                    .iter()
                    .find_map(|lead| name.strip_prefix(lead))
                {
                    Some(rest) if rest.contains(' ') => names::as_doing(rest),
                    _ => name,
                };
                // "have a condition": vague once its verb is gone.
                if is_generic(&name) {
                    return;
                }
                names::as_cause(&name)
            }
            Role::Symptom => names::as_symptom(&name),
            _ => name,
        };
        self.add_fact(role, name, span);
    }

    /// Add a fact under its final name: where it goes depends on the walk's
    /// state (the current type), not on the item.
    pub(super) fn add_fact(&mut self, role: &Role, name: String, span: Span) {
        self.record_fact(role, &name, span);
        let fact = FactSeed {
            name,
            quote: self.quote(span),
        };
        let what = if matches!(role, Role::Symptom) {
            "symptom"
        } else {
            "cause"
        };
        self.explain(what, &fact.name, span);
        let current = self.current_type;
        if matches!(role, Role::TypeCause) && current.is_some() {
            let seed = self.seed.as_mut().expect("condition found before facts");
            for &t in &self.also_types {
                let causes = &mut seed.types[t].causes;
                if !causes.iter().any(|f| f.name == fact.name) {
                    causes.push(fact.clone());
                }
            }
        }
        let seed = self.seed();
        let list = match role {
            Role::Symptom => &mut seed.symptoms,
            Role::TypeCause => match current.and_then(|i| seed.types.get_mut(i)) {
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

    pub(super) fn push_treatment(&mut self, name: String, span: Span, kind: Option<TreatmentKind>) {
        let name = names::without_tail(names::without_adverb(name));
        // ("; and, for cystine stones, tiopronin": a lone "and" names nothing.)
        if name.is_empty() || name.split_whitespace().count() > 14 || is_generic(&name) {
            return;
        }
        // A list's own heading ("Self - care", "Things you can do yourself")
        // says more than keywords do.
        let kind = kind.unwrap_or_else(|| self.vocab.treatment_kind(&name));
        let practice = names::as_practice(&name);
        if self.advised_against(&practice) {
            return;
        }
        self.push_treatment_as(practice, span, kind);
    }

    /// Whether a "not ..." practice advises against a treatment ("not
    /// taking aspirin for the pain", "not using adhesive plasters", "not
    /// giving it to children"), which is no treatment, where "not
    /// scratching the sores" is self-care: its object is a medicine, a
    /// dosage form or a pronoun standing for one.
    fn advised_against(&self, practice: &str) -> bool {
        let Some(object) = practice
            .strip_prefix("not ")
            .and_then(|rest| rest.split_once(' '))
            .map(|(_, object)| object)
        else {
            return false;
        };
        let first = object.split_whitespace().next().unwrap_or("");
        // "not using herbal cleanses", "not recommending acupuncture": some
        // verbs reject whatever they name; "not stopping your medicine"
        // keeps a treatment up, and is none itself.
        let verb = &practice["not ".len()..];
        let vague = |w: &str| {
            self.rules.list(List::VagueTreatments).equals(w)
                && !self.rules.list(List::Quantifiers).equals(w)
                && !self.rules.list(List::SubjectPronouns).equals(w)
        };
        self.rules.list(List::ObjectPronouns).equals(first)
            || self.rules.list(List::RejectingVerbs).starts(verb).is_some()
            || object.split_whitespace().any(vague)
            || !self.medicine_names(object).is_empty()
            || !self.rules.list(List::DosageForms).hits(object).is_empty()
    }

    /// [`Self::push_treatment`] under the name as given: a label ("Sleep
    /// restriction:") is a name, not an instruction to turn into a practice.
    pub(super) fn push_treatment_as(&mut self, name: String, span: Span, kind: TreatmentKind) {
        self.record_treatment(&name, span, kind);
        let quote = self.quote(span);
        self.explain("treatment", &name, span);
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
    pub(super) fn distribute(&self, span: Span) -> Vec<(String, Span)> {
        let doc = self.doc;
        let hay = span.of(doc).to_ascii_lowercase();
        let conj = ["or", "and"]
            .iter()
            .filter_map(|c| find_words_in(&hay, c).map(|i| (span.start + i, c.len())))
            .min();
        let whole = || {
            let cut = cut_item(doc, span);
            vec![(self.name(cut), cut)]
        };
        let Some((at, len)) = conj else { return whole() };
        // "lymphoedema (swelling in your arms or legs)": a bracket's own
        // "or" coordinates nothing of the name.
        let before = &doc[span.start..at];
        if before.matches('(').count() > before.matches(')').count() {
            return whole();
        }
        let (left, right) = around(doc, span, at, len, &[]);
        let left = trim(doc, left, &[',']);
        if left.is_empty() || right.is_empty() {
            return whole();
        }
        let (l, r) = (self.name(left), self.name(cut_item(doc, right)));
        let lw: Vec<&str> = l.split(' ').collect();
        let rw: Vec<&str> = r.split(' ').collect();
        // "HPV types 2 and 4", "grades 3 or 4": numbers coordinated inside
        // one name.
        let number = |w: &&str| w.chars().all(|c| c.is_ascii_digit());
        if lw.last().is_some_and(number) && rw.first().is_some_and(number) && lw.len() >= 2 {
            return whole();
        }
        // ("smoking and heavy drinking": two doings, "smoking and certain
        // genes": two things.)
        let own_phrase = words(List::Quantifiers).contains(&rw[0])
            || lw[0].ends_with("ing") && rw.last().is_some_and(|w| w.ends_with("ing"));
        if lw.len() == 1 && rw.len() >= 2 && rw.len() <= 3 && adjective_like(lw[0]) && !own_phrase {
            let cut = cut_item(doc, span);
            return vec![(format!("{} {}", lw[0], rw[1..].join(" ")), cut), (r, cut)];
        }
        // "red sores around the nose and mouth": the place is coordinated,
        // not the thing; one item.
        if rw.len() == 1
            && lw.len() >= 3
            && lw[..lw.len() - 1].iter().any(|w| words(List::Places).contains(w))
        {
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
}

/// The examples after a class's example cue, each without the class's
/// preposition ("an allergy, for example to nuts or eggs", "for example
/// from HIV or after chemotherapy"); none when they say when or where ("for
/// example at puberty, before a period or during pregnancy").
pub(super) fn example_parts(doc: &str, examples: Span) -> Vec<Span> {
    let unled = |p: Span| {
        let lower = folded::of(doc, p);
        match words(List::ExampleLeads)
            .iter()
            .find(|l| lower.strip_prefix(**l).is_some_and(|rest| rest.starts_with(' ')))
        {
            Some(lead) => trim(
                doc,
                Span {
                    start: p.start + lead.len(),
                    ..p
                },
                &[],
            ),
            None => p,
        }
    };
    let examples = unled(cut_clause(doc, examples));
    let mut parts = split_list(doc, examples);
    // "skinny jeans or cycling shorts", "HIV or after chemotherapy": two
    // examples the list reader keeps as one. "burning or stinging skin",
    // "red or purple patches" stay one: a lone describing word before "or"
    // shares the noun after it.
    if let [one] = parts[..] {
        if let Some((a, b)) = split_first(doc, one, &[" or "]) {
            let describing = |w: &str| {
                let w = w.to_lowercase();
                words(List::DescribingWords).contains(&w.as_str()) || w.ends_with("ing")
            };
            let mut before = a.of(doc).split_whitespace();
            let mut after = b.of(doc).split_whitespace();
            let shared_noun = before.next().is_some_and(describing)
                && before.next().is_none()
                && after.next().is_some_and(describing)
                && after.next().is_some();
            if !shared_noun {
                parts = vec![a, b];
            }
        }
    }
    let parts: Vec<Span> = parts.into_iter().map(unled).collect();
    let circumstance = |p: &Span| {
        let lower = folded::of(doc, *p);
        words(List::CircumstanceLeads).contains(&lower.split_whitespace().next().unwrap_or(""))
    };
    if circumstance(&examples) || parts.iter().any(circumstance) {
        return Vec::new();
    }
    parts
}
