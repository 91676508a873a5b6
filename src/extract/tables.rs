//! Treatments in tables (stage d): a table under a treatments heading lists
//! one treatment a row, named in its first cell ("| Duloxetine | capsule |
//! nausea at first |"); a column headed "Treatment" or "First aid" in any
//! table holds treatments, read as the treatment section's prose would be.
//! The other columns (how it is taken, side effects, price) state none.

use crate::document::{Block, BlockKind};

use super::rules::List;
use super::*;

/// The cells of the row at `i`.
pub(super) fn cells(blocks: &[Block], i: usize) -> Vec<Span> {
    blocks[i + 1..]
        .iter()
        .take_while(|b| b.kind == BlockKind::TableCell)
        .map(|b| b.span)
        .collect()
}

/// Whether the row at `i` opens a table: nothing of a table before it, or
/// a blank line between it and the table before ("| Medicine | ... |"
/// straight after another table's last row starts a new table).
pub(super) fn opens_table(doc: &str, blocks: &[Block], i: usize) -> bool {
    i == 0
        || blocks[i - 1].kind != BlockKind::TableCell
        || doc[blocks[i - 1].span.end..blocks[i].span.start].contains("\n\n")
}

/// The index of the header row of the table the row at `i` is in.
fn header_row(doc: &str, blocks: &[Block], i: usize) -> usize {
    let mut head = i;
    while !opens_table(doc, blocks, head) {
        head = (0..head)
            .rev()
            .find(|&j| blocks[j].kind == BlockKind::TableRow)
            .unwrap_or(0);
    }
    head
}

/// A price: "£9.25", "from $14.99", "From £3".
fn priced(cell: &str) -> bool {
    let t = cell.trim();
    let t = t
        .get(..5)
        .filter(|w| w.eq_ignore_ascii_case("from "))
        .map_or(t, |_| t[5..].trim_start());
    t.starts_with(['£', '$', '€']) && t.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
}

/// A medicine cell without its strength: "Omeprazole 20 mg" is
/// omeprazole. A strength is a number with its unit ("20mg", "5%") or
/// before a short one ("20 mg", "1 %"); "Step 1" and "Option 2" keep theirs.
fn undosed(doc: &str, cell: Span) -> Span {
    let text = cell.of(doc);
    let mut at = 0;
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        let unit = word.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        let next_short = words
            .peek()
            .is_some_and(|n| (1..=3).contains(&n.len()) && n.chars().all(|c| c.is_alphabetic() || c == '%'));
        let dose = word.starts_with(|c: char| c.is_ascii_digit()) && (!unit.is_empty() || next_short);
        if at > 0 && dose {
            return trim(
                doc,
                Span {
                    start: cell.start,
                    end: cell.start + at,
                },
                &[],
            );
        }
        at += word.len() + 1;
    }
    cell
}

impl Extractor<'_> {
    /// The treatments one table row names (see the module's comment).
    pub(super) fn treatment_row(&mut self, blocks: &[Block], i: usize) {
        let condition = self.seed.as_ref().map(|c| c.name.clone()).unwrap_or_default();
        let doc = self.doc;
        let head = header_row(doc, blocks, i);
        let row = cells(blocks, i);
        // A header row, or a one-cell row that groups the rows under it
        // ("CONTINUE: no change").
        if head == i || row.len() < 2 {
            return;
        }
        // "| Omeprazole 20mg capsules (28) | from £14.99 |": a shop's
        // price list names products, not what the article says helps.
        if !self.section.has_facts() || row.iter().any(|c| priced(c.of(doc))) {
            return;
        }
        let columns = self.rules.list(List::TreatmentColumns);
        let titles: Vec<&str> = cells(blocks, head)
            .iter()
            .map(|c| c.of(doc).trim_end_matches([':', '*', ' ']))
            .collect();
        let header: Vec<bool> = titles.iter().map(|t| columns.equals(t)).collect();
        let saved = self.current_type;
        // "| Heat cramps | Losing salt ... | Stop work and rest in the
        // shade. Have an electrolyte drink. |": a treatment column after the
        // first holds that row's treatments.
        // (Only where treatments or types are told: "| Fainting | What to
        // do: call 999 |" under symptoms is when to get help.)
        let mut read = false;
        let told = matches!(
            self.section,
            SectionKind::Treatment | SectionKind::SelfCare | SectionKind::Types | SectionKind::Overview
        );
        for (cell, _) in row.iter().zip(&header).skip(1).filter(|(_, t)| **t && told) {
            if self.rules.list(List::HelpCallout).matches(cell.of(doc)) {
                continue;
            }
            read = true;
            self.current_type = None;
            self.treatment_cell(*cell, &condition);
        }
        self.current_type = saved;
        // Under a treatments heading the first column names treatments,
        // unless its header says it names something else ("Food",
        // "Level", "Symptom").
        let first = titles.first().copied().unwrap_or("");
        let other = self.rules.list(List::OtherColumns).equals(first)
            || self
                .rules
                .section(first)
                .is_some_and(|(k, _)| !matches!(k, SectionKind::Treatment | SectionKind::SelfCare));
        // ("| What does it involve? | ... |": an option grid's questions,
        // its options across the top.)
        let question = row[0].of(doc).trim_end().ends_with('?');
        let treatments =
            matches!(self.section, SectionKind::Treatment | SectionKind::SelfCare) && !other && !question;
        if read || !(treatments || header.first() == Some(&true)) {
            return;
        }
        self.rule = "treatment table row";
        let saved = self.current_type.take();
        self.bullet(undosed(doc, row[0]), &Role::Treatment(None));
        self.current_type = saved;
    }

    /// A treatment column's cell: a list ("Amiodarone; implantable
    /// cardioverter defibrillator (ICD)"), or sentences of advice, each an
    /// instruction ("Keep the skin dry and cool.") or prose naming what
    /// helps ("Calamine lotion can ease the itch.").
    fn treatment_cell(&mut self, cell: Span, condition: &str) {
        let doc = self.doc;
        let parts = sentences(doc, cell);
        if parts.len() < 2 && !cell.of(doc).trim_end().ends_with('.') {
            self.rule = "treatment column";
            self.list(cell, &Role::Treatment(None), false);
            return;
        }
        for sentence in parts {
            self.rule = "treatment column";
            if starts_with_instruction(sentence.of(doc)) {
                self.bullet(sentence, &Role::Treatment(None));
            } else {
                self.prose(sentence, Section::Treatment, false, condition);
            }
        }
    }
}
