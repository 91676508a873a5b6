//! Stage (c), the types: a type started from a title, label or table row
//! (and the test of whether a title can name one at all), and the causes a
//! types table lists for each row's type.

use crate::document::{Block, BlockKind};

use super::rules::List;
use super::sections::unnumbered;
use super::walk::State;
use super::*;

impl Extractor<'_> {
    /// A row of a table in a types section: its first cell names a type
    /// (the header row aside), and the cells under a causes header are
    /// that type's causes.
    pub(super) fn table_row(&mut self, blocks: &[Block], i: usize, st: &mut State) {
        let cells: Vec<Span> = blocks[i + 1..]
            .iter()
            .take_while(|b| b.kind == BlockKind::TableCell)
            .map(|b| b.span)
            .collect();
        let header = i == 0 || blocks[i - 1].kind != BlockKind::TableCell;
        if header {
            let columns = self.rules.list(List::CauseColumns);
            st.cause_columns = cells.iter().map(|c| columns.matches(c.of(self.doc))).collect();
        }
        if self.section != SectionKind::Types && st.reading != Section::Causes {
            return;
        }
        let Some(&first) = cells.first() else {
            return;
        };
        let text = first.of(self.doc);
        if header || self.rules.list(List::TypeWords).equals(text) {
            return;
        }
        if (1..=6).contains(&text.split_whitespace().count()) && self.section == SectionKind::Types {
            self.rule = "type table row";
            self.start_type(first);
            for (cell, _) in cells.iter().zip(&st.cause_columns).skip(1).filter(|(_, c)| **c) {
                self.rule = "type table cause column";
                self.list(*cell, &Role::TypeCause, false);
            }
            self.current_type = None;
        } else if self.current_type.is_none() {
            // A risk table: its first column names causes.
            self.rule = "cause table row";
            self.bullet(first, &Role::GeneralCause);
        }
    }

    pub(super) fn start_type(&mut self, title: Span) {
        let doc = self.doc;
        let title = unnumbered(doc, title, self.rules);
        let raw = title.of(doc);
        // "Erythematotelangiectatic rosacea ( ETR )": the abbreviation is an alias.
        let (name_span, alias) = match (raw.find('('), raw.rfind(')')) {
            (Some(open), Some(close)) if close > open && raw[close + 1..].trim().is_empty() => (
                trim(
                    doc,
                    Span {
                        start: title.start,
                        end: title.start + open,
                    },
                    &[],
                ),
                Some(trim(
                    doc,
                    Span {
                        start: title.start + open + 1,
                        end: title.start + close,
                    },
                    &[],
                )),
            ),
            _ => (title, None),
        };
        let name = self.name(name_span);
        if !self.could_name_a_type(name_span.of(doc), &name) {
            return;
        }
        if let Some(at) = self.known_type(name_span) {
            self.current_type = Some(at);
            return;
        }
        // "Bullous" in a table after "Bullous impetigo": the type again, short.
        let condition = self.seed().name.clone();
        let full = format!("{name} {condition}");
        if let Some(at) = self.seed().types.iter().position(|t| t.name == full) {
            self.current_type = Some(at);
            return;
        }
        let aliases = alias
            .filter(|a| !a.is_empty())
            .map(|a| {
                vec![AliasSeed {
                    name: self.name(a),
                    quote: self.quote(a),
                }]
            })
            .unwrap_or_default();
        let quote = self.quote(title);
        self.explain("type", &name, title);
        let seed = self.seed();
        seed.types.push(TypeSeed {
            name,
            quote,
            aliases,
            causes: Vec::new(),
        });
        self.current_type = Some(self.seed().types.len() - 1);
    }

    /// Whether a title can name a type at all: a short name, not a
    /// question, a remark or a run of several names ("Norovirus, rotavirus,
    /// adenovirus" is a table cell of examples).
    pub(super) fn could_name_a_type(&self, raw: &str, name: &str) -> bool {
        let first = name.split_whitespace().next().unwrap_or("");
        // Normalising drops a leading article: "The usual kind" is read raw.
        let raw_first = fold(raw.split_whitespace().next().unwrap_or(""));
        let outside_brackets = raw.split('(').next().unwrap_or(raw);
        name.chars().filter(|c| c.is_alphanumeric()).count() >= 3
            && self.rules.section(name).is_none()
            && !self.rules.list(List::TypeWords).equals(name)
            && !self.rules.list(List::NotTypeOpeners).equals(first)
            && !self.rules.list(List::NotTypeOpeners).equals(&raw_first)
            && !raw.contains(['?', '|', '^', '#', ';'])
            // "Q: acute sinusitis" keeps its name; "Quote from: ..." has none.
            && raw.find(':').is_none_or(|at| at <= 2)
            && !outside_brackets.contains(',')
            && ![" that ", " which ", " who "].iter().any(|w| name.contains(w))
    }
}
