//! Stage (d), where a sentence of prose splits into clauses that each
//! hold a cue of their own (read one at a time by `prose.rs`).

use super::rules::{words, List};
use super::*;

impl Extractor<'_> {
    /// The sentences of `line`, each split at a semicolon or a "but" that
    /// opens a clause with a cue of its own ("set off by pollen; year-round
    /// symptoms are due to dust mites", "spreads from a sinus infection, but
    /// can also come from a dental abscess"); a semicolon between list
    /// items splits nothing.
    pub(super) fn cue_clauses(&self, line: Span, section: Section) -> Vec<Span> {
        let doc = self.doc;
        let mut out = Vec::new();
        for sentence in sentences(doc, line) {
            let parts = split_at(doc, sentence, words(List::ClauseJoins), |_, next| {
                self.find_cue(next, section, false).is_some()
            });
            for part in parts {
                self.subject_clauses(part, section, &mut out);
            }
        }
        out
    }

    /// `clause`, split where a cause stated as its subject follows a
    /// clause with a cue of its own ("It can follow a viral infection, and
    /// smoking makes it more likely"): read whole, the list after the first
    /// cue would run on into the second clause, or the subject cue would
    /// take only the first subject. (A list before one cue, "Sweating, hot
    /// weather, and a recent course of antibiotics make it worse", has no
    /// cue before its comma: it stays whole.)
    fn subject_clauses(&self, clause: Span, section: Section, out: &mut Vec<Span>) {
        let subject_cue = |s: Span| self.subject_cue(s).is_some();
        out.extend(split_at(
            self.doc,
            clause,
            words(List::SubjectClauseJoins),
            |left, right| {
                subject_cue(right) && (subject_cue(left) || self.find_cue(left, section, false).is_some())
            },
        ));
    }
}

/// `clause` split at each join (the earliest next, the longest of two at
/// one place: ", and also " over ", and ") where `split` says so of the
/// text before it (back to the last split) and the rest after it.
fn split_at(doc: &str, clause: Span, joins: &[&str], mut split: impl FnMut(Span, Span) -> bool) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = clause.start;
    let mut from = clause.start;
    while let Some((i, len)) = joins
        .iter()
        .filter(|join| !join.is_empty())
        .filter_map(|join| find_in(&doc[from..clause.end], join).map(|i| (i, join.len())))
        .min_by_key(|&(i, len)| (i, std::cmp::Reverse(len)))
    {
        let left = trim(doc, Span { start, end: from + i }, &[',']);
        let right = Span {
            start: from + i + len,
            end: clause.end,
        };
        if split(left, right) {
            out.push(left);
            start = right.start;
        }
        from = right.start;
    }
    out.push(Span {
        start,
        end: clause.end,
    });
    out
}
