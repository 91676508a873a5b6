//! Treatments read from an item or a clause (stage d): instructions,
//! combinations, a class and its examples, and items led by a bold name.

use crate::document::Block;

use super::rules::List;
use super::*;

impl Extractor<'_> {
    /// The treatments one list item names: "topical retinoids such as
    /// adapalene or tretinoin" is the class and each example; "benzoyl
    /// peroxide combined with a topical antibiotic" is two; "shower after
    /// exercise and loosen tight straps" is two instructions. A purpose
    /// ("for severe acne") is not part of the name. `distribute` shares a
    /// coordinated noun ("topical or oral antibiotics"). An example carries
    /// its class's kind when the vocabulary does not know it ("steroids
    /// such as mometasone": a medication).
    pub(super) fn treatments_in(
        &self,
        item: Span,
        distribute: bool,
    ) -> Vec<(String, Span, Option<TreatmentKind>)> {
        let doc = self.doc;
        let mut out = Vec::new();
        for part in split_at_instructions(doc, item) {
            let first = out.len();
            let (head, examples) = match split_examples(doc, part) {
                Some((head, examples)) => (head, Some(examples)),
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
                    let lower = folded::of(doc, piece);
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
            let listed = split_list(doc, cut_clause(doc, examples));
            // "antihistamine tablets such as chlorphenamine": one example of
            // one class is named in brackets after it, as a person writes it.
            if let ([example], [(head_name, head_span, kind)]) = (&listed[..], &mut out[first..]) {
                if let Some((name, end, own)) = self.lone_example(*example, head_name, class) {
                    *head_name = format!("{head_name} ({name})");
                    head_span.end = end;
                    if class == TreatmentKind::Other {
                        *kind = Some(own);
                    }
                    continue;
                }
            }
            for example in listed {
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

    /// The one example a class gives, its end and its own kind, when it
    /// reads as a treatment. None when more follow past the clause ("such as
    /// aciclovir, valaciclovir or famciclovir"), when the class says nothing
    /// ("medicines"), or when the example has brackets of its own.
    fn lone_example(
        &self,
        example: Span,
        class_name: &str,
        class: TreatmentKind,
    ) -> Option<(String, usize, TreatmentKind)> {
        let doc = self.doc;
        // (The part may end at the comma: the sentence says whether a list
        // goes on.)
        let after = &doc[example.end..];
        let after = &after[..after.find(['.', '\n']).unwrap_or(after.len())];
        let more = after.trim_start().starts_with(',') && (after.contains(" or ") || after.contains(" and "));
        if more || is_vague_treatment(class_name) {
            return None;
        }
        let [(name, span)] = &self.distribute(cut_purpose(doc, example))[..] else {
            return None;
        };
        let own = self.vocab.treatment_kind(name);
        (!name.contains('(') && (own != TreatmentKind::Other || class != TreatmentKind::Other))
            .then(|| (name.clone(), span.end, own))
    }

    /// "**Beta-blockers**, such as bisoprolol, slow the heart rate": a
    /// treatment item's bold lead names the treatment (with the examples
    /// right after it); the rest explains it, and only the medicines it
    /// names are treatments too. Whether the item was read so.
    pub(super) fn led_treatment(&mut self, block: &Block) -> bool {
        let doc = self.doc;
        let Some(lead) = block.lead.filter(|l| l.start == block.span.start) else {
            return false;
        };
        let name = self.name(lead);
        if !(1..=8).contains(&name.split_whitespace().count())
            || self.rules.list(List::RemarkLabels).equals(&name)
        {
            return false;
        }
        self.rule = "bold lead of a treatment item";
        // "**Z-drugs** like zolpidem": a lead whose text names a medicine is
        // a class of medicines, whatever its own words say.
        let after = &doc[lead.end..block.span.end];
        let class = match self.vocab.treatment_kind(&name) {
            TreatmentKind::Other if !self.medicine_names(after).is_empty() => TreatmentKind::Medication,
            kind => kind,
        };
        if after.trim_start().starts_with(':') {
            self.push_treatment_as(name, lead, class);
        } else {
            for (name, span, kind) in self.treatments_in(lead, true) {
                let kind = kind.or((class != TreatmentKind::Other).then_some(class));
                self.push_treatment(name, span, kind);
            }
        }
        let rest = trim(
            doc,
            Span {
                start: lead.end,
                end: block.span.end,
            },
            &[':', '.', ',', ';', '-', '–', '—'],
        );
        if let Some(cue) = self.rules.list(List::ExampleCues).starts(rest.of(doc)) {
            // The examples run to the end of their clause.
            let after = Span {
                start: rest.start + cue.end,
                end: rest.end,
            };
            let end = after
                .of(doc)
                .find([',', ';', '.', '—', '('])
                .map_or(after.end, |i| after.start + i);
            let examples = Span {
                start: after.start,
                end,
            };
            for example in split_list(doc, examples) {
                for (name, span) in self.distribute(example) {
                    let own = self.vocab.treatment_kind(&name);
                    let kind = if own == TreatmentKind::Other { class } else { own };
                    self.push_treatment(name, span, Some(kind));
                }
            }
        }
        self.medicines(rest);
        true
    }
}
