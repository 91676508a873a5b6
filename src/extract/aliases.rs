//! Stage (d), the other names a definition in the intro gives the
//! condition ("X (Y) is", "X, also known as Y"), read with the prose.

use super::rules::{words, List};
use super::*;

impl<'a> Extractor<'a> {
    /// Aliases in the intro: "X ( Y ) is", "X , also known as Y", "It is
    /// also known as Y", "X , which used to be called Y". The phrase must be
    /// about the condition itself, so the text before it may only be the
    /// condition's name or "it".
    pub(super) fn aliases(&mut self, sentence: Span, condition: &str) {
        let doc = self.doc;
        let text = sentence.of(doc);
        let lower = folded::of(doc, sentence);
        let about_condition = |prefix: &str| {
            let p = normalize_name(prefix, self.vocab);
            let p = p
                .trim_end_matches([',', ' '])
                .trim_end_matches(" is")
                .trim_end_matches(" which")
                .trim_end_matches(',');
            p == condition || p == "it" || p == "this" || p == "this condition" || p.is_empty()
        };
        for cue in words(List::AliasCues) {
            let Some(i) = lower.find(cue) else { continue };
            if !about_condition(&text[..i]) {
                continue;
            }
            let rest = trim(
                doc,
                Span {
                    start: sentence.start + i + cue.len(),
                    end: sentence.end,
                },
                &['"', '\''],
            );
            let end = rest
                .of(doc)
                .find(" , ")
                .or_else(|| rest.of(doc).find(", "))
                .unwrap_or(rest.end - rest.start);
            let alias = trim(
                doc,
                Span {
                    start: rest.start,
                    end: rest.start + end,
                },
                &['"', '\'', ','],
            );
            self.push_alias(alias, condition);
        }
        // "Acne ( acne vulgaris ) is ..."
        if let (Some(open), Some(close)) = (text.find('('), text.find(')')) {
            if close > open && normalize_name(&text[..open], self.vocab) == condition {
                let alias = trim(
                    doc,
                    Span {
                        start: sentence.start + open + 1,
                        end: sentence.start + close,
                    },
                    &[],
                );
                self.push_alias(alias, condition);
            }
        }
    }

    pub(super) fn push_alias(&mut self, span: Span, condition: &str) {
        // Not through synonyms: "excessive sweating" is kept as the alias it
        // is, not mapped onto the condition it names.
        let name = normalize_words(span.of(self.doc), self.vocab);
        if name.is_empty() || name == condition || name.split_whitespace().count() > 6 {
            return;
        }
        let quote = self.quote(span);
        let seed = self.seed();
        if !seed.aliases.iter().any(|a| a.name == name) {
            seed.aliases.push(AliasSeed { name, quote });
        }
    }
}
