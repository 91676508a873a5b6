//! Stage (d), the facts of running prose: cue phrases that open a list,
//! recommendations and instructions that name treatments (the aliases a
//! definition gives: `aliases.rs`; symptoms said as clauses: `symptoms.rs`; causes
//! said as a subject: `subjects.rs`; where a sentence splits into clauses:
//! `clauses.rs`).

use super::rules::{words, List};
use super::*;

/// Words that open no doing after "spreads when people ...": "and by close
/// contact" names a way, not a verb.
const NOT_VERBS: [&str; 6] = ["by", "through", "from", "with", "via", "after"];

impl<'a> Extractor<'a> {
    pub(super) fn prose(&mut self, line: Span, section: Section, in_type: bool, condition: &str) {
        self.prose_cues(line, section, in_type, condition);
        match section {
            Section::Treatment => self.medicines(line),
            Section::Symptoms => self.phenotypes(line),
            _ => {}
        }
    }

    pub(super) fn prose_cues(&mut self, line: Span, section: Section, in_type: bool, condition: &str) {
        let doc = self.doc;
        for sentence in self.cue_clauses(line, section) {
            let lower = folded::of(doc, sentence);
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
            // "What we don't recommend: TENS machines, acupuncture": a
            // rejected treatment is none.
            if section == Section::Treatment && self.rules.list(List::Rejection).matches(&lower) {
                continue;
            }
            // (One scan for the list, where a `str::contains` per word set
            // up a searcher each.)
            let negated = finders::first_of(words(List::NegatedStatements), &lower).is_some();
            if matches!(section, Section::Intro | Section::Causes)
                && (find_in(&lower, "run in families").is_some()
                    || find_in(&lower, "runs in families").is_some())
                && !negated
            {
                let role = if in_type && section == Section::Causes {
                    Role::TypeCause
                } else {
                    Role::GeneralCause
                };
                self.push_fact(&role, "family history".to_owned(), sentence);
            }
            let role = match section {
                Section::Symptoms => Role::Symptom,
                Section::Causes if in_type => Role::TypeCause,
                Section::Causes | Section::Intro => Role::GeneralCause,
                Section::Treatment => Role::Treatment(None),
                Section::Other => continue,
            };
            let cue = self.find_cue(sentence, section, negated);
            // "Things you can do yourself help too: cut down on alcohol,
            // stop smoking": among treatments a colon before any cue opens
            // the sentence's list.
            if section == Section::Treatment {
                if let Some(list) = self.colon_list(sentence, cue.map(|(_, at)| at)) {
                    self.list(list, &role, false);
                    continue;
                }
            }
            let role = match cue {
                Some((c, _))
                    if section == Section::Causes
                        && (words(List::OfferCues).contains(&c)
                            || words(List::TreatingCues).contains(&c)) =>
                {
                    Role::Treatment(None)
                }
                _ => role,
            };
            // "Hormones such as estrogen play a part": the cause stands
            // before its cue, and the examples inside it list no causes.
            // (With no cue at all, the causes reader below tries the same.)
            if section == Section::Causes
                && !negated
                && cue.is_some_and(|(c, _)| words(List::ExampleCues).contains(&c))
                && self.worsened_by(sentence, role.clone())
            {
                continue;
            }
            match cue {
                // "Their side effects include feeling sick": what the cue
                // lists are side effects, no facts.
                Some((_, at))
                    if self
                        .rules
                        .list(List::SideEffectWords)
                        .matches(&doc[sentence.start..at]) => {}
                Some((cue, at)) => {
                    // "(such as bleach or oven cleaner) in the eye": a cue
                    // inside brackets lists up to the closing one.
                    let open = doc[sentence.start..at].matches('(').count()
                        > doc[sentence.start..at].matches(')').count();
                    let end = doc[at..sentence.end]
                        .find(')')
                        .filter(|_| open)
                        .map_or(sentence.end, |i| at + i);
                    let list = trim(
                        doc,
                        Span {
                            start: at + cue.len(),
                            end,
                        },
                        &[':', ','],
                    );
                    // "signs are usually a tingling feeling": the adverb is not
                    // part of the first item.
                    let list = strip_leading(doc, list, words(List::ListAdverbs));
                    if words(List::SingularCues).contains(&cue) {
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
                        // ("This is called cautery": a treatment; "the cause
                        // is ..." among treatments stays what it was. What a
                        // thing other than the step is called names no
                        // treatment: "a skin doctor is called a
                        // dermatologist", "the crystals are called ...".)
                        match &role {
                            Role::Treatment(kind) if words(List::TreatmentCues).contains(&cue) => {
                                let subject = doc[sentence.start..at]
                                    .split_whitespace()
                                    .last()
                                    .unwrap_or("")
                                    .trim_matches(|c: char| !c.is_alphanumeric())
                                    .to_lowercase();
                                if super::phrases::is_vague_treatment(&subject) {
                                    self.push_treatment(self.name(item), item, *kind)
                                }
                            }
                            _ => self.push_fact(&role, self.name(item), item),
                        }
                        if section == Section::Symptoms && end < list.end {
                            self.symptom_clauses(Span {
                                start: end,
                                end: list.end,
                            });
                        }
                        continue;
                    }
                    // "higher in people who are obese, who eat a diet high in
                    // salt, or who live in hot climates": each who-clause is
                    // one item (a clause break inside one ends only it).
                    // (Ending in a colon, they lead in to a list that names them.)
                    if cue.ends_with(" who") {
                        if sentence.of(doc).trim_end().ends_with(':') {
                            continue;
                        }
                        for part in who_clauses(doc, list) {
                            // "play contact sports such as rugby": the
                            // clause names the cause; its examples do not
                            // add more.
                            let part = split_examples(doc, part)
                                .filter(|(head, _)| !is_generic(&self.name(*head)))
                                .map_or(part, |(head, _)| head);
                            self.list(cut_clause(doc, part), &role, false);
                        }
                        continue;
                    }
                    // "spreads when people touch their eyes, share towels
                    // or pillowcases": each clause after the people is a
                    // doing, its verb first.
                    // ("spreads when blood from an infected person enters
                    // the body" names no doers: read as any list.)
                    let doings = cue
                        .ends_with(" when")
                        .then(|| {
                            let clause = cut_clause(doc, list);
                            (clause, strip_leading(doc, clause, words(List::DoingSubjects)))
                        })
                        .filter(|(clause, doings)| doings != clause);
                    if let Some((_, doings)) = doings {
                        // "share combs, hairbrushes, hats or pillows, and by
                        // close contact": once a part is a bare object, the
                        // parts after it are objects too, not verbs; nor is
                        // a part led by a preposition a doing.
                        let mut objects = false;
                        for (n, (part, _)) in split_list_marked(doc, doings).into_iter().enumerate() {
                            let mut part_words = part.of(doc).split_whitespace();
                            let first = part_words.next().unwrap_or("").to_lowercase();
                            let verb_led = part_words.next().is_some()
                                && !objects
                                && !NOT_VERBS.contains(&first.as_str());
                            // (The first part follows its doers: a verb.)
                            objects |= n > 0 && !verb_led;
                            for (name, span) in self.distribute(part) {
                                // ("share beds or wear old clothes": a known
                                // verb after the "or" is a second doing.)
                                let verb = name.split(' ').next().is_some_and(super::phrases::is_instruction);
                                let name = if verb_led && (span.start == part.start || verb) {
                                    names::as_doing(&name)
                                } else {
                                    name
                                };
                                self.push_fact(&role, name, span);
                            }
                        }
                        continue;
                    }
                    // The examples after the list's clause, when its cue is
                    // no example cue itself (looked for once, for both below).
                    let examples = (!words(List::ExampleCues).contains(&cue))
                        .then(|| split_examples(doc, list))
                        .flatten();
                    // "recommend creams to soothe the itching, such as
                    // calamine lotion or witch hazel": the examples after
                    // the clause are treatments too.
                    if matches!(role, Role::Treatment(_)) && !cue.ends_with("with") {
                        if let Some((_, examples)) = examples {
                            self.list(cut_clause(doc, examples), &role, false);
                        }
                    }
                    // So are the examples of a cause named alone ("set off by
                    // damage to the skin, such as friction or sunburn"); in
                    // a list of several, an example is its item's own.
                    let cause_examples = examples
                        .filter(|(head, examples)| {
                            matches!(role, Role::TypeCause | Role::GeneralCause)
                                && !head.of(doc).contains(", ")
                                && find_words(doc, *head, "and").is_none()
                                && !doc[head.end..examples.start].contains("like")
                                && !is_generic(&self.name(*head))
                        })
                        .map(|(_, examples)| examples);
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
                    // ("for example from HIV or after chemotherapy": each
                    // example without its preposition. One example, or
                    // examples that say when, "on a crash diet", are read
                    // as any list, prepositions and all: the gold of such
                    // pages names "crash diet", which that reading holds.)
                    if let Some(examples) = cause_examples {
                        let parts = super::entities::example_parts(doc, examples);
                        if parts.len() < 2 {
                            self.list(cut_clause(doc, examples), &role, false);
                        } else {
                            for part in parts {
                                for (name, span) in self.distribute(cut_item(doc, part)) {
                                    self.push_fact(&role, name, span);
                                }
                            }
                        }
                    }
                }
                None => match section {
                    Section::Symptoms => self.symptom_clauses(sentence),
                    Section::Treatment => self.instructions(sentence),
                    Section::Causes => {
                        self.worsened_by(sentence, role);
                    }
                    Section::Intro => {
                        self.raises_risk(sentence, role);
                    }
                    _ => {}
                },
            }
        }
    }

    /// The first cue in `sentence` after which a list of facts follows, and
    /// where it stands.
    pub(super) fn find_cue(
        &self,
        sentence: Span,
        section: Section,
        negated: bool,
    ) -> Option<(&'static str, usize)> {
        let doc = self.doc;
        let lower = folded::of(doc, sentence);
        // The cue that comes first in the sentence governs it ("caused by X ,
        // such as Y" lists X); of two at one place, the longer.
        let mut best: Option<(&'static str, usize)> = None;
        // Cues are looked for at word starts only, all in one automaton scan
        // (this runs for every sentence).
        let firsts = super::rules::first_at_words(words(List::ListCues), &lower);
        for (cue, first) in words(List::ListCues).iter().zip(firsts) {
            let Some(at) = first.map(|i| sentence.start + i) else {
                continue;
            };
            let before = &lower[..at - sentence.start];
            let allowed = match *cue {
                // "arises secondary to a treatment , for example , X": the
                // examples are the causes, but only after a causal phrase.
                "for example" => {
                    section == Section::Causes && words(List::Causal).iter().any(|c| before.contains(c))
                }
                // Where a cue may fire is rules data: "like" lists examples
                // only among treatments ("look like acne" compares), "spread
                // by" only among causes, "the main sign is" never among causes.
                c if words(List::TreatmentCues).contains(&c) => section == Section::Treatment,
                // (An intro cue among them fires in the overview too.)
                c if words(List::CausesCues).contains(&c) => {
                    section == Section::Causes
                        || section == Section::Intro && words(List::IntroCues).contains(&c)
                }
                c if words(List::SymptomsCues).contains(&c) => section == Section::Symptoms,
                c if words(List::CausesOrIntroCues).contains(&c) => {
                    matches!(section, Section::Causes | Section::Intro)
                }
                c if words(List::NotCausesCues).contains(&c) => {
                    section != Section::Causes
                        && (section != Section::Intro || words(List::IntroCues).contains(cue))
                }
                // In the intro only causal cues count ("such as" lists body
                // sites there).
                _ => section != Section::Intro || words(List::IntroCues).contains(cue),
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
            // "no cause is found": a denial just before the cue denies it.
            let last = clause.trim_end().rsplit(' ').next().unwrap_or("");
            let no = words(List::Denials).contains(&last);
            // "TB is not passed on by kissing", "isn't usually caused by":
            // a negation in the two words before the cue denies it.
            let denied = clause
                .split_whitespace()
                .rev()
                .take(2)
                .any(|w| words(List::Negation).contains(&w));
            if no
                || denied
                || negated
                    && (clause.contains(" not ") || clause.starts_with("not ") || clause.ends_with("not "))
            {
                continue;
            }
            if best.is_none_or(|(b, b_at)| at < b_at || (at == b_at && cue.len() > b.len())) {
                best = Some((cue, at));
            }
        }
        best
    }

    /// The list after a sentence's colon, when no cue comes before it and
    /// the words before it are more than a label ("A:", "Note:", "Side
    /// effects:") and deny nothing.
    fn colon_list(&self, sentence: Span, cue_at: Option<usize>) -> Option<Span> {
        let doc = self.doc;
        let text = sentence.of(doc);
        let colon = text.find(": ")?;
        let at = sentence.start + colon;
        let before = &text[..colon];
        if cue_at.is_some_and(|c| c < at)
            || before.split_whitespace().count() < 2
            || self.rules.list(List::RemarkLabels).equals(before)
            || self.rules.list(List::SideEffectWords).matches(before)
            // "Things I would not spend money on: ..."
            // ("If drops aren't enough, surgery: ...": only the clause
            // before the colon.)
            || before
                .rsplit(',')
                .next()
                .unwrap_or(before)
                .split_whitespace()
                .any(|w| self.rules.list(List::Negation).equals(w))
        {
            return None;
        }
        let list = trim(
            doc,
            Span {
                start: at + 1,
                end: sentence.end,
            },
            &['.', ';'],
        );
        // A list has more than one item, and no item is a clause of its
        // own ("the lumps are made by the oil itself, not stones"); a date,
        // an address or a further label is no list.
        let lower = folded::of(doc, list);
        let listed = [",", " and ", " or "].iter().any(|j| lower.contains(j));
        let chrome = [":", "@", "www.", "http"].iter().any(|c| lower.contains(c));
        let clause = lower.split(',').any(|part| {
            let part = [" if ", " when ", " because "]
                .iter()
                .filter_map(|w| part.find(w))
                .min()
                .map_or(part, |i| &part[..i]);
            part.split_whitespace()
                .any(|w| ["is", "are", "was", "were", "there's", "it's"].contains(&w))
        });
        (listed && !chrome && !clause).then_some(list)
    }

    /// The facts of an inline list, in the role of its section. `gapped`:
    /// the cue ends in "with", so a later item may repeat the pattern with
    /// its verb left out ("spots are treated with creams , and more severe
    /// cases with tablets").
    pub(super) fn list(&mut self, list: Span, role: &Role, gapped: bool) {
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
            if let Some((_, examples)) = split_examples(doc, item)
                .filter(|(h, _)| is_generic(&self.name(*h)))
                .or_else(|| dash_examples(doc, item))
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

    /// A treatment that is the subject of a recommendation: "Hydrogen
    /// peroxide cream can also be used", "Endoscopic thoracic sympathectomy
    /// ( ETS ) , where ..., is only a last resort".
    pub(super) fn recommended(&mut self, sentence: Span) {
        let doc = self.doc;
        let Some((subject, _)) = split_first(doc, sentence, words(List::Recommendations)) else {
            return;
        };
        let subject = cut_item(doc, trim(doc, subject, &[',']));
        let name = self.name(subject);
        // A pronoun or a whole clause is not a treatment's name.
        let count = name.split_whitespace().count();
        if count == 0 || count > 6 || is_vague_treatment(&name) {
            return;
        }
        self.push_treatment(name, subject, None);
    }

    /// Instructions in a treatment section: "For ocular rosacea , use warm
    /// compresses , clean the eyelids every day and use eye drops". Advice
    /// to see someone is not a treatment.
    pub(super) fn instructions(&mut self, sentence: Span) {
        let doc = self.doc;
        let body = strip_adverbial(doc, sentence);
        // "You should also avoid scratching": the advice is the instruction.
        let lower = folded::of(doc, body);
        let lead = words(List::AdviceLeads)
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
}
